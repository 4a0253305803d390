import { hash } from 'node:crypto';
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

/**
 * Returns undefined for anything that is not an ARN. Written with indexOf
 * rather than split/regex: it runs once per discovered resource.
 */
export function parseArn(arn: string): ParsedArn | undefined {
  if (!arn.startsWith('arn:')) {
    return undefined;
  }
  const partitionEnd = arn.indexOf(':', 4);
  const serviceEnd = partitionEnd < 0 ? -1 : arn.indexOf(':', partitionEnd + 1);
  const regionEnd = serviceEnd < 0 ? -1 : arn.indexOf(':', serviceEnd + 1);
  const accountEnd = regionEnd < 0 ? -1 : arn.indexOf(':', regionEnd + 1);
  if (accountEnd < 0) {
    return undefined;
  }
  const partition = arn.slice(4, partitionEnd);
  const service = arn.slice(partitionEnd + 1, serviceEnd);
  // The resource part may itself contain colons (e.g. bedrock model ids).
  const resource = arn.slice(accountEnd + 1);
  if (!partition || !service || !resource) {
    return undefined;
  }
  let separator = -1;
  if (service !== 's3') {
    for (let i = 1; i < resource.length; i++) {
      const c = resource.charCodeAt(i);
      if (c === 47 /* / */ || c === 58 /* : */) {
        separator = i;
        break;
      }
    }
  }
  return {
    partition,
    service,
    region: arn.slice(serviceEnd + 1, regionEnd),
    accountId: arn.slice(regionEnd + 1, accountEnd),
    resourceType: separator > 0 ? resource.slice(0, separator) : '',
    resourceId: separator > 0 ? resource.slice(separator + 1) : resource,
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
  const suffix = hash('sha256', arn, 'hex').slice(0, hashLength);
  const slug = parsed
    ? slugOf(parsed, NAME_MAX_LENGTH - hashLength - 1)
    : 'resource';
  return `${slug}-${suffix}`;
}

/**
 * Names the ARNs of one discovery run as they arrive. Entity names compare
 * case-insensitively in the catalog and the slug is lower case, so a clash of
 * short names can only come from the hash; every ARN involved in one then
 * gets the long hash (`finalNameOf`), which keeps each name independent of
 * discovery order. Until the run ends, `nameOf` gives the provisional short
 * name; callers re-read `finalNameOf` for the ARNs in `collisions()`.
 */
export class RunNamer {
  private readonly shortNames = new Map<string, string>();
  private readonly firstArnOfName = new Map<string, string>();
  private readonly collided = new Set<string>();

  /** `nameFromArn` is replaceable so tests can force a hash clash. */
  constructor(
    private readonly nameFromArn: (
      arn: string,
      hashLength?: number,
    ) => string = entityNameFromArn,
  ) {}

  nameOf(arn: string): string {
    let name = this.shortNames.get(arn);
    if (name === undefined) {
      name = this.nameFromArn(arn);
      this.shortNames.set(arn, name);
      const first = this.firstArnOfName.get(name);
      if (first === undefined) {
        this.firstArnOfName.set(name, arn);
      } else {
        this.collided.add(first);
        this.collided.add(arn);
      }
    }
    return name;
  }

  has(arn: string): boolean {
    return this.shortNames.has(arn);
  }

  collisions(): ReadonlySet<string> {
    return this.collided;
  }

  finalNameOf(arn: string): string {
    return this.collided.has(arn)
      ? this.nameFromArn(arn, LONG_HASH_LENGTH)
      : this.nameOf(arn);
  }
}

/** The final names of a set of ARNs; see {@link RunNamer}. */
export function assignEntityNames(arns: Iterable<string>): Map<string, string> {
  const namer = new RunNamer();
  const all = [...arns];
  all.forEach(arn => namer.nameOf(arn));
  return new Map(all.map(arn => [arn, namer.finalNameOf(arn)]));
}
