import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { JsonArray, JsonObject } from '@backstage/config';
import {
  ANNOTATION_UNCLASSIFIED_MISSING,
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

/**
 * AWS tag values cannot contain commas, so lists are written with spaces or
 * `+` between the items (both are allowed tag value characters).
 */
export function splitTagList(value: string | undefined): string[] {
  if (!value) {
    return [];
  }
  // Most tags hold a single item; skip the regex and set for those.
  if (!/[\s+]/.test(value)) {
    return [value];
  }
  const items = value.split(/[\s+]+/).filter(Boolean);
  return items.length > 1 ? [...new Set(items)] : items;
}

/**
 * Reference values may be entity refs (`resource:clickstream`) or ARNs of
 * other tagged resources; ARNs are turned into refs of the entities this
 * provider emits for them, so AWS-side tags need not know entity names.
 */
function toEntityRefs(
  values: string[],
  context: EntityMappingContext,
): JsonArray {
  const refs: JsonArray = values.slice();
  values.forEach((value, index) => {
    if (value.startsWith('arn:')) {
      refs[index] = `resource:${context.namespace}/${context.nameOf(value)}`;
      context.onArnRef?.(value, refs, index);
    }
  });
  return refs;
}

function resolveType(
  resource: DiscoveredResource,
  typeTag: string | undefined,
): LlmEntityType | undefined {
  if (isLlmEntityType(typeTag)) {
    return typeTag;
  }
  return inferEntityType(resource.parsed);
}

/**
 * Builds the `Resource` entity of one discovered resource, following the
 * entity model in DESIGN.md. Resources without a data-category or owner tag
 * are still emitted and marked unclassified; only resources whose type can
 * be neither read from the tag nor inferred are skipped (with a reason the
 * provider logs).
 */
export function resourceToEntity(
  resource: DiscoveredResource,
  context: EntityMappingContext,
): EntityMappingResult {
  const { tagKeys } = context;
  const tag = (key: string) => {
    const value = resource.tags[key]?.trim();
    return value ? value : undefined;
  };

  const typeTag = tag(tagKeys.type);
  const type = resolveType(resource, typeTag);
  if (!type) {
    return {
      skipped: typeTag
        ? `tag ${tagKeys.type}='${typeTag}' is not one of llm-model, llm-dataset, llm-endpoint and the resource type implies none`
        : `no ${tagKeys.type} tag and the resource type implies no LLM type`,
    };
  }

  const region = resource.parsed.region || resource.region;
  const accountId = resource.parsed.accountId || context.accountId;
  const dataCategories = splitTagList(tag(tagKeys.dataCategories));
  const owner = tag(tagKeys.owner);

  const missing: string[] = [];
  if (dataCategories.length === 0) missing.push(tagKeys.dataCategories);
  if (!owner) missing.push(tagKeys.owner);

  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: context.locationRef,
    [ANNOTATION_ORIGIN_LOCATION]: context.locationRef,
    [ANNOTATION_AWS_ARN]: resource.arn,
    [ANNOTATION_AWS_REGION]: region,
  };
  if (accountId) {
    annotations[ANNOTATION_AWS_ACCOUNT_ID] = accountId;
  }
  if (missing.length > 0) {
    annotations[ANNOTATION_UNCLASSIFIED_MISSING] = missing.join(',');
  }

  const spec: JsonObject = {
    type,
    owner: owner ?? context.defaultOwner,
    regions: [region],
  };
  const system = tag(tagKeys.system);
  if (system) spec.system = system;
  const lifecycle = tag(tagKeys.lifecycle);
  if (lifecycle) spec.lifecycle = lifecycle;
  // Missing categories are left out rather than written as []: an empty list
  // would claim the resource holds no personal data, which nobody declared.
  if (dataCategories.length > 0) spec.dataCategories = dataCategories;

  const dataSubjects = splitTagList(tag(tagKeys.dataSubjects)).map(subject =>
    subject.toUpperCase(),
  );
  if (dataSubjects.length > 0) spec.dataSubjects = dataSubjects;

  const approx = tag(tagKeys.approxDataSubjects);
  if (approx !== undefined && /^\d+$/.test(approx)) {
    spec.approxDataSubjects = Number(approx);
  }

  const refs = (key: string) => toEntityRefs(splitTagList(tag(key)), context);
  const trainedOn = refs(tagKeys.trainedOn);
  if (trainedOn.length > 0) spec.trainedOn = trainedOn;
  // A single ref; the first wins if several were tagged.
  const fineTunedFrom = splitTagList(tag(tagKeys.fineTunedFrom))[0];
  if (fineTunedFrom?.startsWith('arn:')) {
    spec.fineTunedFrom = `resource:${context.namespace}/${context.nameOf(
      fineTunedFrom,
    )}`;
    context.onArnRef?.(fineTunedFrom, spec, 'fineTunedFrom');
  } else if (fineTunedFrom) {
    spec.fineTunedFrom = fineTunedFrom;
  }
  const serves = refs(tagKeys.serves);
  if (serves.length > 0) spec.serves = serves;
  const logsTo = refs(tagKeys.logsTo);
  if (logsTo.length > 0) spec.logsTo = logsTo;
  const purpose = tag(tagKeys.purpose);
  if (purpose) spec.purpose = purpose;

  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: context.nameOf(resource.arn),
      namespace: context.namespace,
      title: resource.parsed.resourceId || resource.arn,
      annotations,
      ...(missing.length > 0 && { labels: { [LABEL_UNCLASSIFIED]: 'true' } }),
    },
    spec,
  };
  return { entity };
}
