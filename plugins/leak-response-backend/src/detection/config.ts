import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Default topic carrying EventBridge events to the detection subscriber. */
export const DEFAULT_DETECTION_TOPIC = 'leak-response.aws-findings';
/** Default header carrying the HTTP ingress shared secret. */
export const DEFAULT_INGRESS_HEADER = 'x-leak-response-ingress-token';

export interface DetectionConfig {
  enabled: boolean;
  topics: string[];
  ingress: { header: string; secret?: string };
  /** A delivery still pending after this long lost its handler (a crash) and is handled again. */
  retryAfterMs: number;
}

const DEFAULT_RETRY_AFTER_MS = 2 * 60_000;

/** Reads `leakResponse.detection` once. */
export function readDetectionConfig(config: Config): DetectionConfig {
  const detection = config.getOptionalConfig('leakResponse.detection');
  const secret = detection?.getOptionalString('ingress.secret');
  return {
    enabled: detection?.getOptionalBoolean('enabled') ?? true,
    topics: detection?.getOptionalStringArray('topics') ?? [
      DEFAULT_DETECTION_TOPIC,
    ],
    ingress: {
      header: (
        detection?.getOptionalString('ingress.header') ?? DEFAULT_INGRESS_HEADER
      ).toLowerCase(),
      secret: secret && secret.length > 0 ? secret : undefined,
    },
    retryAfterMs: detection?.has('retryAfter')
      ? durationToMilliseconds(
          readDurationFromConfig(detection, { key: 'retryAfter' }),
        )
      : DEFAULT_RETRY_AFTER_MS,
  };
}
