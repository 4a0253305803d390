import { createApiRef } from '@backstage/core-plugin-api';
import { IncidentSummary } from '@leak-response/plugin-leak-response-common';

/**
 * The Leak Response backend, as the frontend sees it.
 * @public
 */
export interface LeakResponseApi {
  /** Incidents, newest awareness first; optionally only those of one origin entity. */
  listIncidents(options?: { entityRef?: string }): Promise<IncidentSummary[]>;
}

/** @public */
export const leakResponseApiRef = createApiRef<LeakResponseApi>({
  id: 'plugin.leak-response.service',
});
