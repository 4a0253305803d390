import { createHash } from 'node:crypto';
import { LlmEntityType } from '@leak-response/plugin-leak-response-common';

/** The parts of an ARN this provider needs. */
export interface ParsedArn {
  partition: string;
  service: string;
  /** Empty for global resources such as S3 buckets. */
  region: string;
  /** Empty for S3 buckets. */
  accountId: string;
  /** e.g. `model` for `model/recsys`; empty when the ARN has no type (S3). */
  resourceType: string;
  /** e.g. `recsys` for `model/recsys`, the bucket name for S3. */
  resourceId: string;
}

/** Returns undefined for anything that is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) {
    return undefined;
  }
  const [, partition, service, region, accountId] = parts;
  // The resource part may itself contain colons (e.g. bedrock model ids).
  const resource = parts.slice(5).join(':');
  if (!resource) {
    return undefined;
  }
  const separator = resource.search(/[/:]/);
  const hasType = separator > 0 && service !== 's3';
  return {
    partition,
    service,
    region,
    accountId,
    resourceType: hasType ? resource.slice(0, separator) : '',
    resourceId: hasType ? resource.slice(separator + 1) : resource,
  };
}

const INFERRED_TYPES: Record<string, LlmEntityType> = {
  'sagemaker:model': 'llm-model',
  'bedrock:custom-model': 'llm-model',
  'sagemaker:endpoint': 'llm-endpoint',
  'sagemaker:endpoint-config': 'llm-endpoint',
  'bedrock:provisioned-model': 'llm-endpoint',
  s3: 'llm-dataset',
};

/**
 * The entity type implied by where the resource lives, for resources that
 * carry no `llm:type` tag. Undefined when the resource type says nothing
 * (e.g. an EC2 instance picked up by a custom resource type filter).
 */
export function inferEntityType(arn: ParsedArn): LlmEntityType | undefined {
  return (
    INFERRED_TYPES[`${arn.service}:${arn.resourceType}`] ??
    INFERRED_TYPES[arn.service]
  );
}

const NAME_MAX_LENGTH = 63;
/**
 * 12 hex characters (48 bits) keep the chance of two of 100,000 ARNs sharing
 * a suffix around 1 in 50,000; the rare clash is resolved by
 * `assignEntityNames` with a longer suffix.
 */
const SHORT_HASH_LENGTH = 12;
const LONG_HASH_LENGTH = 24;

function slugOf(arn: ParsedArn, maxLength: number): string {
  const slug = (arn.resourceId || arn.service)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || arn.service.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * A valid entity name derived from an ARN: a readable slug of the resource id
 * and a hash of the whole ARN. The hash keeps it stable (the same ARN always
 * gives the same name, whatever else is discovered) and distinct across
 * accounts, regions and resource types that reuse the same resource id.
 */
export function entityNameFromArn(
  arn: string,
  hashLength: number = SHORT_HASH_LENGTH,
): string {
  const parsed = parseArn(arn);
  const hash = createHash('sha256')
    .update(arn)
    .digest('hex')
    .slice(0, hashLength);
  const slug = parsed
    ? slugOf(parsed, NAME_MAX_LENGTH - hashLength - 1)
    : 'resource';
  return `${slug}-${hash}`;
}

/**
 * Names for a whole run. Entity names compare case-insensitively in the
 * catalog, and the slug is lower case, so a clash of the short names can only
 * come from the hash; every ARN involved in one then gets the long hash, which
 * keeps each name independent of discovery order.
 */
export function assignEntityNames(arns: Iterable<string>): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const arn of arns) {
    const name = entityNameFromArn(arn);
    const holders = byName.get(name);
    if (holders) {
      if (!holders.includes(arn)) holders.push(arn);
    } else {
      byName.set(name, [arn]);
    }
  }
  const names = new Map<string, string>();
  for (const [name, holders] of byName) {
    if (holders.length === 1) {
      names.set(holders[0], name);
    } else {
      for (const arn of holders) {
        names.set(arn, entityNameFromArn(arn, LONG_HASH_LENGTH));
      }
    }
  }
  return names;
}
