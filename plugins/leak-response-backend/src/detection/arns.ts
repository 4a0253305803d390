import {
  LeakType,
  s3ClaimCandidates,
} from '@leak-response/plugin-leak-response-common';
import { ParsedDetection } from './parseDetection';

/** The annotation that ties a catalog entity to its AWS resource. */
export const ARN_ANNOTATION = 'amazonaws.com/arn';

/**
 * The annotation values that would claim a resource, most specific first.
 * An S3 object (or prefix) ARN is claimed by its own ARN, by any of its
 * prefixes (with or without the trailing slash) and by its bucket.
 */
export function candidateArns(arn: string): string[] {
  // one claim rule for detection and lineage discovery
  return s3ClaimCandidates(arn);
}

/**
 * The leak type a detection on an entity stands for: credential exfiltration
 * or any finding on a model means its weights; an endpoint or its logs means
 * inference data; other datasets mean training data.
 */
export function chooseLeakType(
  entity: { type?: string; purpose?: string },
  detection: Pick<ParsedDetection, 'kind' | 'source'>,
): LeakType {
  if (entity.type === 'llm-model') {
    return 'model-weight-exfiltration';
  }
  if (
    entity.type === 'llm-endpoint' ||
    entity.purpose === 'inference-log' ||
    detection.kind === 'egress-anomaly'
  ) {
    return 'inference-data-leakage';
  }
  return 'training-data-exposure';
}
