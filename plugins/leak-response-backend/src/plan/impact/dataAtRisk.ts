import { Entity } from '@backstage/catalog-model';
import type { LeakType } from '@leak-response/plugin-leak-response-common';
import { ImpactRole } from '../api';

/**
 * The annotation that records a model's anonymity assessment (EDPB Opinion
 * 28/2024): `anonymous` or `not-anonymous`.
 */
export const ANNOTATION_ANONYMITY_ASSESSMENT =
  'leak-response.io/anonymity-assessment';
/** Where the evidence of the assessment lives (document, ticket, URL). */
export const ANNOTATION_ANONYMITY_ASSESSMENT_REF =
  'leak-response.io/anonymity-assessment-ref';

/** Whether an entity records an assessment concluding it is anonymous. */
export function hasAnonymousAssessment(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_ANONYMITY_ASSESSMENT]?.trim() ===
    'anonymous'
  );
}

/**
 * Whether the data of an affected entity count as leaked, by leak type and
 * role:
 * - the origin's data always do;
 * - leaked model weights carry the data of everything upstream (training
 *   and fine-tuning data, base models) unless the model records an
 *   anonymity assessment concluding it is anonymous;
 * - leaked inference data include the prompt and response logs;
 * - everything else is affected (owners must act) but its data did not leak.
 */
export function dataAtRisk(
  leakType: LeakType,
  role: ImpactRole,
  originAnonymous: boolean,
  /** An upstream model, on the path from the origin, assessed anonymous. */
  anonymousBaseModel?: string,
): { atRisk: boolean; reason: string } {
  if (role === 'origin') {
    return { atRisk: true, reason: 'the leaked entity' };
  }
  if (
    leakType === 'model-weight-exfiltration' &&
    role === 'upstream-data' &&
    anonymousBaseModel &&
    !originAnonymous
  ) {
    return {
      atRisk: false,
      reason: `reached through base model ${anonymousBaseModel}, which records an anonymity assessment concluding it is anonymous: its weights do not carry this data into the models fine-tuned from it (EDPB Opinion 28/2024)`,
    };
  }
  if (leakType === 'model-weight-exfiltration' && role === 'upstream-data') {
    return originAnonymous
      ? {
          atRisk: false,
          reason:
            'the leaked model records an anonymity assessment concluding it is anonymous (EDPB Opinion 28/2024)',
        }
      : {
          atRisk: true,
          reason:
            'leaked weights carry the data they were trained on: no anonymity assessment concluding the model is anonymous is recorded (EDPB Opinion 28/2024)',
        };
  }
  if (leakType === 'inference-data-leakage' && role === 'log') {
    return {
      atRisk: true,
      reason: 'holds the prompts and responses of the leaking endpoint',
    };
  }
  return {
    atRisk: false,
    reason: `affected as ${role.replace(
      '-',
      ' ',
    )}; its own data did not leak in a ${leakType}`,
  };
}
