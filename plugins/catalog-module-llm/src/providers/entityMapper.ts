import { Entity } from '@backstage/catalog-model';
import { JsonArray, JsonObject } from '@backstage/config';
import {
  isLlmEntityType,
  LABEL_UNCLASSIFIED,
  LlmEntityType,
} from '@leak-response/plugin-leak-response-common';
import { inferEntityType, ParsedArn } from './arn';
import { LlmAwsTagKeys } from './config';

/** @public */
export const ANNOTATION_AWS_ARN = 'amazonaws.com/arn';
/** @public */
export const ANNOTATION_AWS_ACCOUNT_ID = 'amazonaws.com/account-id';
/** @public */
export const ANNOTATION_AWS_REGION = 'amazonaws.com/region';

/** Tag values by the entity field they feed (see `LlmAwsTagKeys`). */
export type TagValues = { [field in keyof LlmAwsTagKeys]?: string };

/** One resource as returned by GetResources, with its region of discovery. */
export interface DiscoveredResource {
  arn: string;
  parsed: ParsedArn;
  /** Tag values by key; only the keys the mapping reads need be present. */
  tags: Readonly<Record<string, string | undefined>>;
  /** The region that was queried; S3 ARNs carry none. */
  region: string;
}

export interface EntityMappingContext {
  tagKeys: LlmAwsTagKeys;
  namespace: string;
  defaultOwner: string;
  /** The provider instance's account, for ARNs that carry none (S3). */
  accountId?: string;
  /** `llm-aws-provider:<id>`; becomes the managed-by location. */
  locationRef: string;
  /** The entity name of an ARN (provisional while a run is in progress). */
  nameOf(arn: string): string;
  /**
   * Told where each reference written from an ARN sits, so the run can
   * correct it if the ARN's name changes when the run ends.
   */
  onArnRef?(
    arn: string,
    holder: JsonArray | JsonObject,
    key: number | string,
  ): void;
}

export type EntityMappingResult = { entity: Entity } | { skipped: string };

const TAG_FIELDS = [
  'type',
  'dataCategories',
  'dataSubjects',
  'approxDataSubjects',
  'trainedOn',
  'fineTunedFrom',
  'serves',
  'logsTo',
  'purpose',
  'owner',
  'system',
  'lifecycle',
] as const satisfies ReadonlyArray<keyof LlmAwsTagKeys>;

/**
 * Turns a resource's tag list into `TagValues` in one pass. Only the keys
 * the mapping reads are kept, in an object of fixed shape: building a map
 * of every tag for 100,000s of resources is what made discovery slow.
 */
export class TagReader {
  private readonly fieldsOfKey = new Map<string, Array<keyof LlmAwsTagKeys>>();

  constructor(tagKeys: LlmAwsTagKeys) {
    for (const field of TAG_FIELDS) {
      // Two fields may be configured to read the same tag.
      const fields = this.fieldsOfKey.get(tagKeys[field]);
      if (fields) fields.push(field);
      else this.fieldsOfKey.set(tagKeys[field], [field]);
    }
  }

  /**
   * Values are trimmed and empty ones dropped; when a key repeats, the last
   * value wins.
   */
  read(
    tags: Iterable<{ Key?: string; Value?: string }> | undefined,
  ): TagValues {
    const values: TagValues = {
      type: undefined,
      dataCategories: undefined,
      dataSubjects: undefined,
      approxDataSubjects: undefined,
      trainedOn: undefined,
      fineTunedFrom: undefined,
      serves: undefined,
      logsTo: undefined,
      purpose: undefined,
      owner: undefined,
      system: undefined,
      lifecycle: undefined,
    };
    if (tags === undefined) return values;
    for (const { Key, Value } of tags) {
      if (Key === undefined) continue;
      const fields = this.fieldsOfKey.get(Key);
      if (fields === undefined) continue;
      const value = Value?.trim() || undefined;
      for (let i = 0; i < fields.length; i++) values[fields[i]] = value;
    }
    return values;
  }
}

/** `\s` or `+`; the character codes of ASCII whitespace are 9–13 and 32. */
function isListSeparator(c: number): boolean {
  return c === 43 || c === 32 || (c >= 9 && c <= 13);
}

function splitTagListByRegex(value: string): string[] {
  const items = value.split(/[\s+]+/).filter(Boolean);
  return items.length > 1 ? [...new Set(items)] : items;
}

/**
 * AWS tag values cannot contain commas, so lists are written with spaces or
 * `+` between the items (both are allowed tag value characters). Items are
 * distinct, in first-seen order.
 */
export function splitTagList(value: string | undefined): string[] {
  if (!value) {
    return [];
  }
  // One scan instead of a regex split, filter and set: it runs for several
  // tags of every resource. Non-ASCII text (Unicode spaces) takes the regex.
  let items: string[] | undefined;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 32;
    if (c > 127) {
      return splitTagListByRegex(value);
    }
    if (!isListSeparator(c)) continue;
    if (i > start) {
      if (start === 0 && i === value.length) {
        return [value];
      }
      const item = value.slice(start, i);
      if (items === undefined) items = [item];
      else if (!items.includes(item)) items.push(item);
    }
    start = i + 1;
  }
  return items ?? [];
}

/**
 * How many distinct values a run remembers per list tag. Data categories
 * and subjects come in a handful of combinations across a whole account;
 * the cap only bounds memory if an account tags them freely.
 */
const LIST_CACHE_SIZE = 1024;

/**
 * Splits list tags whose values repeat across resources once per distinct
 * value. Every entity still gets its own array (the catalog may change one
 * entity without touching the others); only the item strings are shared,
 * which also lets the tag value strings of the listing be freed early.
 */
class ListCache {
  private readonly lists = new Map<string, readonly string[]>();

  constructor(private readonly transform?: (item: string) => string) {}

  split(value: string | undefined): string[] {
    if (!value) return [];
    const cached = this.lists.get(value);
    if (cached !== undefined) return cached.slice();
    const items = splitTagList(value);
    if (this.transform) {
      for (let i = 0; i < items.length; i++) {
        items[i] = this.transform(items[i]);
      }
    }
    if (this.lists.size < LIST_CACHE_SIZE) this.lists.set(value, items.slice());
    return items;
  }
}

/**
 * The annotations of a discovered entity, in the order
 * managed-by-location, origin, ARN, region, account, unclassified-missing.
 * Written as one literal per combination rather than built up key by key:
 * V8 then allocates each object at its final size, without a separate
 * property store, which 100,000s of entities feel on the garbage collector.
 * The keys are the constants' values; a test holds them equal.
 */
function annotationsOf(
  location: string,
  arn: string,
  region: string,
  accountId: string | undefined,
  missing: string | undefined,
): Record<string, string> {
  if (accountId) {
    return missing === undefined
      ? {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'amazonaws.com/arn': arn,
          'amazonaws.com/region': region,
          'amazonaws.com/account-id': accountId,
        }
      : {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'amazonaws.com/arn': arn,
          'amazonaws.com/region': region,
          'amazonaws.com/account-id': accountId,
          'leak-response.io/unclassified-missing': missing,
        };
  }
  return missing === undefined
    ? {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'amazonaws.com/arn': arn,
        'amazonaws.com/region': region,
      }
    : {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'amazonaws.com/arn': arn,
        'amazonaws.com/region': region,
        'leak-response.io/unclassified-missing': missing,
      };
}

/**
 * Builds the `Resource` entities of discovered resources, following the
 * entity model in DESIGN.md. Everything that is the same for every resource
 * of a run (ref prefix, annotation values, unclassified markers) is worked
 * out once here rather than per resource.
 */
export class EntityMapper {
  private readonly refPrefix: string;
  private readonly missingCategories: string;
  private readonly missingOwner: string;
  private readonly missingBoth: string;
  private readonly dataCategories = new ListCache();
  private readonly dataSubjects = new ListCache(subject =>
    subject.toUpperCase(),
  );

  constructor(private readonly context: EntityMappingContext) {
    const { tagKeys } = context;
    this.refPrefix = `resource:${context.namespace}/`;
    this.missingCategories = tagKeys.dataCategories;
    this.missingOwner = tagKeys.owner;
    this.missingBoth = `${tagKeys.dataCategories},${tagKeys.owner}`;
  }

  /**
   * The LLM type from the tag, or else inferred from the resource type;
   * undefined when neither says.
   */
  typeOf(parsed: ParsedArn, values: TagValues): LlmEntityType | undefined {
    return isLlmEntityType(values.type) ? values.type : inferEntityType(parsed);
  }

  /** Why a resource of no known type is skipped, for the provider's log. */
  skipReason(values: TagValues): string {
    const { tagKeys } = this.context;
    return values.type
      ? `tag ${tagKeys.type}='${values.type}' is not one of llm-model, llm-dataset, llm-endpoint and the resource type implies none`
      : `no ${tagKeys.type} tag and the resource type implies no LLM type`;
  }

  /**
   * The entity of one resource of known `type`. Resources without a
   * data-category or owner tag are still built, marked unclassified.
   */
  build(
    arn: string,
    parsed: ParsedArn,
    values: TagValues,
    queriedRegion: string,
    type: LlmEntityType,
    name: string,
  ): Entity {
    const context = this.context;
    // S3 ARNs carry no region or account: the queried region and the
    // configured account stand in. When the ARN's equal them, the run's
    // strings are kept instead of a copy per entity.
    const region =
      parsed.region === queriedRegion
        ? queriedRegion
        : parsed.region || queriedRegion;
    const accountId =
      parsed.accountId === context.accountId
        ? context.accountId
        : parsed.accountId || context.accountId;
    const dataCategories = this.dataCategories.split(values.dataCategories);
    const owner = values.owner;
    let missing: string | undefined;
    if (dataCategories.length === 0) {
      missing = owner ? this.missingCategories : this.missingBoth;
    } else if (!owner) {
      missing = this.missingOwner;
    }

    const annotations = annotationsOf(
      context.locationRef,
      arn,
      region,
      accountId,
      missing,
    );

    const spec: JsonObject = {
      type,
      owner: owner ?? context.defaultOwner,
      regions: [region],
    };
    if (values.system) spec.system = values.system;
    if (values.lifecycle) spec.lifecycle = values.lifecycle;
    // Missing categories are left out rather than written as []: an empty
    // list would claim the resource holds no personal data, which nobody
    // declared.
    if (dataCategories.length > 0) spec.dataCategories = dataCategories;

    const dataSubjects = this.dataSubjects.split(values.dataSubjects);
    if (dataSubjects.length > 0) spec.dataSubjects = dataSubjects;

    const approx = values.approxDataSubjects;
    if (approx !== undefined && /^\d+$/.test(approx)) {
      spec.approxDataSubjects = Number(approx);
    }

    const trainedOn = this.refs(values.trainedOn);
    if (trainedOn) spec.trainedOn = trainedOn;
    // A single ref; the first wins if several were tagged.
    const fineTunedFrom = values.fineTunedFrom
      ? splitTagList(values.fineTunedFrom)[0]
      : undefined;
    if (fineTunedFrom?.startsWith('arn:')) {
      spec.fineTunedFrom = this.refPrefix + context.nameOf(fineTunedFrom);
      context.onArnRef?.(fineTunedFrom, spec, 'fineTunedFrom');
    } else if (fineTunedFrom) {
      spec.fineTunedFrom = fineTunedFrom;
    }
    const serves = this.refs(values.serves);
    if (serves) spec.serves = serves;
    const logsTo = this.refs(values.logsTo);
    if (logsTo) spec.logsTo = logsTo;
    if (values.purpose) spec.purpose = values.purpose;

    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata:
        missing === undefined
          ? {
              name,
              namespace: context.namespace,
              title: parsed.resourceId || arn,
              annotations,
            }
          : {
              name,
              namespace: context.namespace,
              title: parsed.resourceId || arn,
              annotations,
              labels: { [LABEL_UNCLASSIFIED]: 'true' },
            },
      spec,
    };
  }

  /**
   * Reference values may be entity refs (`resource:clickstream`) or ARNs of
   * other tagged resources; ARNs are turned into refs of the entities this
   * provider emits for them, so AWS-side tags need not know entity names.
   * Undefined when the tag holds no item.
   */
  private refs(value: string | undefined): JsonArray | undefined {
    if (!value) return undefined;
    const refs: JsonArray = splitTagList(value);
    if (refs.length === 0) return undefined;
    for (let i = 0; i < refs.length; i++) {
      const item = refs[i] as string;
      if (item.startsWith('arn:')) {
        refs[i] = this.refPrefix + this.context.nameOf(item);
        this.context.onArnRef?.(item, refs, i);
      }
    }
    return refs;
  }
}

/**
 * The entity of one resource, or why it is skipped: only resources whose
 * type can be neither read from the tag nor inferred are (with a reason the
 * provider logs). A one-off use of `EntityMapper`; a run keeps one mapper.
 */
export function resourceToEntity(
  resource: DiscoveredResource,
  context: EntityMappingContext,
): EntityMappingResult {
  const mapper = new EntityMapper(context);
  const values = new TagReader(context.tagKeys).read(
    Object.entries(resource.tags).map(([Key, Value]) => ({ Key, Value })),
  );
  const type = mapper.typeOf(resource.parsed, values);
  if (!type) {
    return { skipped: mapper.skipReason(values) };
  }
  return {
    entity: mapper.build(
      resource.arn,
      resource.parsed,
      values,
      resource.region,
      type,
      context.nameOf(resource.arn),
    ),
  };
}
