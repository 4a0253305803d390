import { parseEntityRef } from '@backstage/catalog-model';
import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  IncidentRecord,
  RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
} from '@leak-response/plugin-leak-response-common';

/** The search document type of incidents. */
export const INCIDENT_DOCUMENT_TYPE = 'leak-response-incident';

/**
 * An incident in the search index. `authorization.resourceRef` is the
 * incident id, so the search backend asks the incident read permission's
 * conditions about each result: people find only what they may read.
 */
export interface IncidentDocument extends IndexableDocument {
  kind: typeof RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT;
  incidentId: string;
  entityRef: string;
  entityName: string;
  leakType: string;
  status: string;
  exercise: boolean;
  /** `GDPR Art. 33: supervisory authority (pending)`, one per obligation. */
  obligations: string[];
}

function nameOf(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}

/** What people type to find an incident: names, not refs. */
export function toIncidentDocument(incident: IncidentRecord): IncidentDocument {
  const origin = incident.affected.find(
    a => a.entityRef === incident.originEntityRef,
  );
  const entityName = nameOf(incident.originEntityRef);
  const affected = incident.affected
    .filter(a => !a.removedAt)
    .map(a => a.snapshot.title ?? nameOf(a.entityRef));
  const obligations = incident.obligations
    .filter(o => o.status !== 'not-required')
    .map(o => `${o.regime} ${o.ruleId}: ${o.recipient} (${o.status})`);
  const leakType = incident.leakType.replace(/-/g, ' ');
  const text = [
    `${incident.exercise ? 'Exercise' : 'Incident'}: ${leakType} of ${
      origin?.snapshot.title ?? entityName
    } (${entityName}), ${incident.status}.`,
    incident.summary,
    affected.length > 0 ? `Affected: ${affected.join(', ')}.` : undefined,
    obligations.length > 0
      ? `Obligations: ${obligations.join('; ')}.`
      : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    title: incident.title,
    text,
    location: `/leak-response/incidents/${encodeURIComponent(incident.id)}`,
    authorization: { resourceRef: incident.id },
    kind: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
    incidentId: incident.id,
    entityRef: incident.originEntityRef,
    entityName,
    leakType: incident.leakType,
    status: incident.status,
    exercise: incident.exercise,
    obligations,
  };
}
