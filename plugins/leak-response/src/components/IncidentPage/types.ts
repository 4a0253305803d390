import { IncidentRecord } from '@leak-response/plugin-leak-response-common';

/** Runs a change of the incident and shows the record it returns. */
export type RunChange = (
  change: () => Promise<IncidentRecord>,
  success?: string,
) => Promise<boolean>;
