import { hash } from 'node:crypto';
import { LlmEntityType } from '@leak-response/plugin-leak-response-common';
import { FREE, IndexTable, OTHER_KEY } from './IndexTable';

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

/**
 * By service, then by the ARN's resource type; `''` matches any type. A Map
 * keeps service names such as `constructor` from reaching Object.prototype.
 */
const INFERRED_TYPES = new Map<string, ReadonlyMap<string, LlmEntityType>>([
  [
    'sagemaker',
    new Map([
      ['model', 'llm-model'],
      ['endpoint', 'llm-endpoint'],
      ['endpoint-config', 'llm-endpoint'],
    ]),
  ],
  [
    'bedrock',
    new Map([
      ['custom-model', 'llm-model'],
      ['provisioned-model', 'llm-endpoint'],
    ]),
  ],
  ['s3', new Map([['', 'llm-dataset']])],
]);

/**
 * The entity type implied by where the resource lives, for resources that
 * carry no `llm:type` tag. Undefined when the resource type says nothing
 * (e.g. an EC2 instance picked up by a custom resource type filter).
 */
export function inferEntityType(arn: ParsedArn): LlmEntityType | undefined {
  const byType = INFERRED_TYPES.get(arn.service);
  return byType?.get(arn.resourceType) ?? byType?.get('');
}

const NAME_MAX_LENGTH = 63;
/**
 * 12 hex characters (48 bits) keep the chance of two of 100,000 ARNs sharing
 * a suffix around 1 in 50,000; the rare clash is resolved by
 * `RunNamer` with a longer suffix.
 */
const SHORT_HASH_LENGTH = 12;
const LONG_HASH_LENGTH = 24;

/** The definition of the slug; `slugOf` must always agree with it. */
export function slugByRegex(text: string, maxLength: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/**
 * Whether `text` is already its own slug: lower-case ASCII letters and
 * digits in runs joined by single dashes. Most resource ids are (S3 bucket
 * names, SageMaker names in lower case), and checking is much cheaper than
 * the four regex passes that build a slug.
 */
function isSlug(text: string): boolean {
  let previousDash = true; // no leading dash
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */) {
      if (previousDash) return false;
      previousDash = true;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      previousDash = false;
    } else {
      return false;
    }
  }
  return !previousDash; // no trailing dash, not empty
}

/** `slugByRegex`, with a fast path for ids that are already slugs. */
export function slugOf(text: string, maxLength: number): string {
  if (!isSlug(text)) {
    return slugByRegex(text, maxLength);
  }
  if (text.length <= maxLength) {
    return text;
  }
  let end = maxLength;
  while (end > 0 && text.charCodeAt(end - 1) === 45) end -= 1;
  return text.slice(0, end);
}

function arnSlug(arn: ParsedArn, maxLength: number): string {
  const slug = slugOf(arn.resourceId || arn.service, maxLength);
  return slug || arn.service.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The hex SHA-256 of an ARN, whose prefix ends every entity name. */
export function arnDigest(arn: string): string {
  return hash('sha256', arn, 'hex');
}

function nameFromParts(parsed: ParsedArn | undefined, suffix: string): string {
  const slug = parsed
    ? arnSlug(parsed, NAME_MAX_LENGTH - suffix.length - 1)
    : 'resource';
  // join builds one flat string where `+` would keep a chain of pieces
  // alive in every entity name.
  return [slug, suffix].join('-');
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
  return nameFromParts(parseArn(arn), arnDigest(arn).slice(0, hashLength));
}

/** FNV-1a over the UTF-16 code units of an ARN. */
function arnKey(arn: string): number {
  let key = 0x811c9dc5;
  for (let i = 0; i < arn.length; i++) {
    key = Math.imul(key ^ arn.charCodeAt(i), 0x01000193);
  }
  return key;
}

/** The first 8 hex digits of a hash suffix as a 32-bit integer. */
function keyOf(suffix: string): number {
  let key = 0;
  for (let i = 0; i < 8; i++) {
    const c = suffix.charCodeAt(i);
    key = (key << 4) | ((c <= 57 ? c - 48 : (c | 32) - 87) & 15);
  }
  return key;
}

/**
 * Names the ARNs of one discovery run as they arrive, and remembers which
 * of them became entities (`claim`). Entity names compare case-insensitively
 * in the catalog and the slug is lower case, so a clash of short names can
 * only come from the hash; every ARN involved in one then gets the long hash
 * (`finalNameOf`), which keeps each name independent of discovery order.
 * Until the run ends, `nameOf` gives the provisional short name; callers
 * re-read `finalNameOf` for the ARNs in `collisions()`.
 *
 * A run meets 100,000s of ARNs, and most of them twice (listed, and named
 * in another resource's tags). Maps keyed by ARN and by name were among the
 * largest per-resource costs in profiles of a 100,000-resource run (their
 * tables live on the garbage-collected heap and grow by rehashing), so the
 * bookkeeping is two open-addressing tables in typed arrays, both holding
 * indexes into `arns`/`names`:
 * - by ARN (an FNV-1a hash of the string): an ARN met again costs a hash
 *   and a comparison instead of a SHA-256 and a slug;
 * - by short name (the first 8 hex digits of its hash suffix), to find
 *   clashes; a name is only looked up there once per ARN.
 */
export class RunNamer {
  private readonly byArn = new IndexTable();
  private readonly byName = new IndexTable();
  private readonly arns: string[] = [];
  private readonly names: string[] = [];
  /** Per index: 1 once the ARN is claimed. Grown with `arns`. */
  private claimed = new Uint8Array(1024);
  private readonly collided = new Set<string>();

  /** `digestOf` (hex, 24+ characters) is replaceable so tests can force a clash. */
  constructor(private readonly digestOf: (arn: string) => string = arnDigest) {}

  /** The provisional name of an ARN, registering it for clash detection. */
  nameOf(arn: string, parsed?: ParsedArn): string {
    return this.names[this.indexOf(arn, parsed)];
  }

  /**
   * Like `nameOf` for an ARN that becomes an entity; undefined when the ARN
   * was claimed before (a second listing of the same resource).
   */
  claim(arn: string, parsed?: ParsedArn): string | undefined {
    const index = this.indexOf(arn, parsed);
    if (this.claimed[index] === 1) return undefined;
    this.claimed[index] = 1;
    return this.names[index];
  }

  /** Whether `claim` was called for the ARN; registers nothing. */
  isClaimed(arn: string): boolean {
    const key = arnKey(arn);
    for (let i = this.byArn.start(key); ; i = this.byArn.next(i)) {
      const index = this.byArn.indexAt(i, key);
      if (index === FREE) return false;
      if (index !== OTHER_KEY && this.arns[index] === arn) {
        return this.claimed[index] === 1;
      }
    }
  }

  collisions(): ReadonlySet<string> {
    return this.collided;
  }

  finalNameOf(arn: string): string {
    const hashLength = this.collided.has(arn)
      ? LONG_HASH_LENGTH
      : SHORT_HASH_LENGTH;
    return nameFromParts(
      parseArn(arn),
      this.digestOf(arn).slice(0, hashLength),
    );
  }

  private indexOf(arn: string, parsed: ParsedArn | undefined): number {
    const key = arnKey(arn);
    let i = this.byArn.start(key);
    for (; ; i = this.byArn.next(i)) {
      const index = this.byArn.indexAt(i, key);
      if (index === FREE) break;
      if (index !== OTHER_KEY && this.arns[index] === arn) return index;
    }
    // First meeting: name it, and look for another ARN with that name.
    const suffix = this.digestOf(arn).slice(0, SHORT_HASH_LENGTH);
    const name = nameFromParts(parsed ?? parseArn(arn), suffix);
    const index = this.arns.push(arn) - 1;
    this.names.push(name);
    if (index === this.claimed.length) {
      const claimed = new Uint8Array(index * 2);
      claimed.set(this.claimed);
      this.claimed = claimed;
    }
    this.byArn.put(i, key, index);

    const nameKey = keyOf(suffix);
    let j = this.byName.start(nameKey);
    for (; ; j = this.byName.next(j)) {
      const holder = this.byName.indexAt(j, nameKey);
      if (holder === FREE) break;
      if (holder !== OTHER_KEY && this.names[holder] === name) {
        this.collided.add(this.arns[holder]);
        this.collided.add(arn);
        return index;
      }
    }
    this.byName.put(j, nameKey, index);
    return index;
  }
}

/** The final names of a set of ARNs; see {@link RunNamer}. */
export function assignEntityNames(arns: Iterable<string>): Map<string, string> {
  const namer = new RunNamer();
  const all = [...arns];
  all.forEach(arn => namer.nameOf(arn));
  return new Map(all.map(arn => [arn, namer.finalNameOf(arn)]));
}
