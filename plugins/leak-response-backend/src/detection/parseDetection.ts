import { Severity } from '@leak-response/plugin-leak-response-common';
import { DETECTION_COLUMN_LIMITS, fitToColumns, withoutNul } from './limits';

/** Where a detection comes from. */
export type DetectionSource = 'guardduty' | 'macie' | 'cloudwatch';

/** What a detection says, whatever service sent it. */
export interface ParsedDetection {
  source: DetectionSource;
  /** Stable across updates of the same finding (or alarm episode). */
  findingId: string;
  /** Distinguishes updates of one finding; a redelivery has the same one. */
  revision: string;
  findingType: string;
  title: string;
  severity: Severity;
  /** ISO 8601: when the activity was first seen, the incident's detection time. */
  firstSeenAt: string;
  /** Affected resources, most specific first. */
  resourceArns: string[];
  /** Hints for the leak type. */
  kind: 'data-access' | 'credential-exfiltration' | 'egress-anomaly';
  accountId?: string;
  region?: string;
}

/** The result of parsing: a detection, or why the event is ignored. */
export type ParseResult =
  | { ok: true; detection: ParsedDetection }
  | { ok: false; reason: string };

const MAX_STRING = 2048;
const MAX_ARNS = 50;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_STRING) {
    return undefined;
  }
  const text = withoutNul(value);
  return text.length > 0 ? text : undefined;
}

function obj(value: unknown): Obj {
  return isObject(value) ? value : {};
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_ARNS) : [];
}

function iso(value: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Before 2000 or absurdly far ahead: not a real first-seen time.
  if (ms < Date.UTC(2000, 0, 1) || ms > Date.UTC(2200, 0, 1)) return undefined;
  return new Date(ms).toISOString();
}

function isArn(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^arn:aws[a-z-]*:[a-z0-9-]+:/.test(value) &&
    value.length <= MAX_STRING
  );
}

function unique(values: Array<string | undefined>): string[] {
  return [
    ...new Set(
      values.filter(
        (v): v is string => !!v && v.length <= DETECTION_COLUMN_LIMITS.arn,
      ),
    ),
  ].slice(0, MAX_ARNS);
}

function s3ObjectArn(bucket: unknown, key: unknown): string | undefined {
  const b = str(bucket);
  const k = str(key);
  return b && k ? `arn:aws:s3:::${b}/${k.replace(/^\//, '')}` : undefined;
}

/** GuardDuty severity 1.0–10.0 → Low/Medium/High/Critical as GuardDuty labels them. */
export function guardDutySeverity(score: unknown): Severity {
  const n = typeof score === 'number' ? score : Number(score);
  if (!Number.isFinite(n)) return 'medium';
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  return 'low';
}

/**
 * The payload as an EventBridge event: as is, from a JSON string (text
 * bodies), or out of an SNS envelope (SQS subscribed to an SNS topic).
 */
export function unwrapEnvelope(payload: unknown): unknown {
  let value = payload;
  for (let depth = 0; depth < 3; depth++) {
    if (Buffer.isBuffer(value)) {
      value = value.toString('utf8');
    }
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return value;
      }
      continue;
    }
    if (
      isObject(value) &&
      value.Type === 'Notification' &&
      typeof value.Message === 'string'
    ) {
      value = value.Message;
      continue;
    }
    return value;
  }
  return value;
}

function parseGuardDuty(event: Obj, detail: Obj): ParseResult {
  const id = str(detail.id);
  const type = str(detail.type);
  if (!id || !type) {
    return {
      ok: false,
      reason: 'GuardDuty finding without detail.id or detail.type',
    };
  }
  const resource = obj(detail.resource);
  const service = obj(detail.service);
  const action = obj(service.action);
  const apiCall = obj(action.awsApiCallAction);
  const affected = obj(apiCall.affectedResources);
  const objectArns = arr(resource.s3ObjectDetails).map(o =>
    isArn(obj(o).objectArn)
      ? (obj(o).objectArn as string)
      : s3ObjectArn(obj(obj(o).bucket).name ?? obj(o).bucketName, obj(o).key),
  );
  const bucketArns = arr(resource.s3BucketDetails).map(b =>
    isArn(obj(b).arn)
      ? (obj(b).arn as string)
      : str(obj(b).name) && `arn:aws:s3:::${obj(b).name}`,
  );
  const affectedArns = Object.entries(affected).map(([key, value]) => {
    if (isArn(value)) return value;
    if (key === 'AWS::S3::Bucket' && str(value)) return `arn:aws:s3:::${value}`;
    return undefined;
  });
  const resourceArns = unique([
    ...objectArns,
    ...bucketArns,
    ...affectedArns,
    ...arr(event.resources).filter(isArn),
  ]);
  const firstSeenAt =
    iso(service.eventFirstSeen) ?? iso(detail.createdAt) ?? iso(event.time);
  if (!firstSeenAt) {
    return {
      ok: false,
      reason: `GuardDuty finding ${id}: no valid first-seen time`,
    };
  }
  const credential = /CredentialExfiltration/i.test(type);
  return {
    ok: true,
    detection: {
      source: 'guardduty',
      findingId: id,
      revision: iso(detail.updatedAt) ?? str(event.id) ?? firstSeenAt,
      findingType: type,
      title: str(detail.title) ?? type,
      severity: guardDutySeverity(detail.severity),
      firstSeenAt,
      resourceArns,
      kind: credential ? 'credential-exfiltration' : 'data-access',
      accountId: str(detail.accountId) ?? str(event.account),
      region: str(detail.region) ?? str(event.region),
    },
  };
}

function parseMacie(event: Obj, detail: Obj): ParseResult {
  const id = str(detail.id);
  const type = str(detail.type);
  if (!id || !type) {
    return {
      ok: false,
      reason: 'Macie finding without detail.id or detail.type',
    };
  }
  const affected = obj(detail.resourcesAffected);
  const bucket = obj(affected.s3Bucket);
  const object = obj(affected.s3Object);
  const bucketArn = isArn(bucket.arn)
    ? (bucket.arn as string)
    : str(bucket.name) && `arn:aws:s3:::${bucket.name}`;
  const objectArn = s3ObjectArn(bucket.name ?? object.bucketName, object.key);
  const firstSeenAt = iso(detail.createdAt) ?? iso(event.time);
  if (!firstSeenAt) {
    return {
      ok: false,
      reason: `Macie finding ${id}: no valid first-seen time`,
    };
  }
  const label = str(obj(detail.severity).description)?.toLowerCase();
  const severity: Severity =
    label === 'high' || label === 'low' ? label : 'medium';
  return {
    ok: true,
    detection: {
      source: 'macie',
      findingId: id,
      revision: iso(detail.updatedAt) ?? str(event.id) ?? firstSeenAt,
      findingType: type,
      title: str(detail.title) ?? type,
      severity,
      firstSeenAt,
      resourceArns: unique([
        objectArn,
        bucketArn,
        ...arr(event.resources).filter(isArn),
      ]),
      kind: 'data-access',
      accountId: str(detail.accountId) ?? str(event.account),
      region: str(detail.region) ?? str(event.region),
    },
  };
}

function parseCloudWatchAlarm(event: Obj, detail: Obj): ParseResult {
  const alarmName = str(detail.alarmName);
  const state = obj(detail.state);
  const value = str(state.value);
  if (!alarmName || !value) {
    return {
      ok: false,
      reason:
        'CloudWatch alarm event without detail.alarmName or detail.state.value',
    };
  }
  if (value !== 'ALARM') {
    return {
      ok: false,
      reason: `CloudWatch alarm ${alarmName}: state ${value}, only ALARM opens a detection`,
    };
  }
  const firstSeenAt = iso(state.timestamp) ?? iso(event.time);
  if (!firstSeenAt) {
    return {
      ok: false,
      reason: `CloudWatch alarm ${alarmName}: no valid state timestamp`,
    };
  }
  const region = str(event.region);
  const account = str(event.account);
  const metrics = arr(obj(detail.configuration).metrics);
  const endpointArns = metrics.map(m => {
    const metric = obj(obj(obj(m).metricStat).metric);
    const endpoint = str(obj(metric.dimensions).EndpointName);
    if (!endpoint || !region || !account) return undefined;
    if (!/^\/?aws\/sagemaker/i.test(str(metric.namespace) ?? ''))
      return undefined;
    return `arn:aws:sagemaker:${region}:${account}:endpoint/${endpoint.toLowerCase()}`;
  });
  const alarmArn =
    arr(event.resources).find(isArn) ??
    `${account ?? 'unknown'}:${region ?? 'unknown'}:${alarmName}`;
  return {
    ok: true,
    detection: {
      source: 'cloudwatch',
      // Each transition into ALARM is its own episode.
      findingId: `${alarmArn}@${firstSeenAt}`,
      revision: str(event.id) ?? firstSeenAt,
      findingType: 'CloudWatch:AlarmStateChange/ALARM',
      title: str(state.reason)
        ? `${alarmName}: ${(state.reason as string).slice(0, 400)}`
        : alarmName,
      severity: 'high',
      firstSeenAt,
      resourceArns: unique(endpointArns),
      kind: 'egress-anomaly',
      accountId: account,
      region,
    },
  };
}

/**
 * Reads an EventBridge event carrying a GuardDuty finding, a Macie finding or
 * a CloudWatch alarm state change. Never throws: anything else is ignored
 * with a reason.
 */
export function parseDetectionEvent(payload: unknown): ParseResult {
  const parsed = parseEvent(payload);
  return parsed.ok ? fitToColumns(parsed.detection) : parsed;
}

function parseEvent(payload: unknown): ParseResult {
  const event = unwrapEnvelope(payload);
  if (!isObject(event)) {
    return {
      ok: false,
      reason: `payload is not a JSON object (${
        event === null ? 'null' : typeof event
      })`,
    };
  }
  const source = str(event.source);
  const detailType = str(event['detail-type']);
  const detail = event.detail;
  if (!source || !detailType) {
    return {
      ok: false,
      reason: 'not an EventBridge event: source or detail-type missing',
    };
  }
  if (!isObject(detail)) {
    return { ok: false, reason: `${source} event without an object detail` };
  }
  if (source === 'aws.guardduty' && detailType === 'GuardDuty Finding') {
    return parseGuardDuty(event, detail);
  }
  if (source === 'aws.macie' && /Macie Finding/.test(detailType)) {
    return parseMacie(event, detail);
  }
  if (
    source === 'aws.cloudwatch' &&
    detailType === 'CloudWatch Alarm State Change'
  ) {
    return parseCloudWatchAlarm(event, detail);
  }
  return {
    ok: false,
    reason: `unsupported event: source ${source.slice(
      0,
      100,
    )}, detail-type ${detailType.slice(0, 100)}`,
  };
}
