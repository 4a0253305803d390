import { LeakType } from '@leak-response/plugin-leak-response-common';
import { ParsedDetection } from './parseDetection';

/** The annotation that ties a catalog entity to its AWS resource. */
export const ARN_ANNOTATION = 'amazonaws.com/arn';

const MAX_PREFIX_SEGMENTS = 16;

/**
 * The annotation values that would claim a resource, most specific first.
 * An S3 object (or prefix) ARN is claimed by its own ARN, by any of its
 * prefixes (with or without the trailing slash) and by its bucket.
 */
export function candidateArns(arn: string): string[] {
  const s3 = /^(arn:aws[a-z-]*:s3:::)([^/]+)(?:\/(.*))?$/.exec(arn);
  if (!s3) {
    return [arn];
  }
  const [, prefix, bucket, key] = s3;
  const bucketArn = `${prefix}${bucket}`;
  const out: string[] = [];
  if (key) {
    const parts = key.split('/');
    const limit = Math.min(parts.length, MAX_PREFIX_SEGMENTS);
    for (let n = parts.length; n >= 1; n--) {
      if (n > limit && n !== parts.length) continue;
      const path = parts.slice(0, n).join('/');
      if (!path) continue;
      out.push(`${bucketArn}/${path}`);
      if (!path.endsWith('/')) out.push(`${bucketArn}/${path}/`);
    }
  }
  out.push(`${bucketArn}/`, bucketArn);
  return [...new Set(out)];
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
