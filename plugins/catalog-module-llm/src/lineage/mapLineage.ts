import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DISCOVERED_BY,
  ANNOTATION_DISCOVERED_LINEAGE,
  ANNOTATION_SUGGESTED_DATA_CATEGORIES,
  ANNOTATION_UNCLASSIFIED_MISSING,
  DataCategorySuggestion,
  DiscoveredLineageEdge,
  findS3Claim,
  isAwsRegion,
  LABEL_UNCLASSIFIED,
} from '@leak-response/plugin-leak-response-common';
import { entityNameFromArn, parseArn } from '../providers/arn';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
} from '../providers/entityMapper';
import {
  LineageNode,
  LineageRelation,
  LocationFinding,
  SliceLineage,
} from './types';

/** Where the provider's entities come from: `llm-lineage-provider:<id>`. */
export interface LineageMappingOptions {
  locationRef: string;
  namespace: string;
  defaultOwner: string;
}

/** Declared entities by the ARN they claim (`amazonaws.com/arn`). */
export type ArnClaims = ReadonlyMap<string, string>;

/** What a run emits and what it leaves for the declared entities. */
export interface LineageMapping {
  entities: Entity[];
  /**
   * The discovered lineage starting at declared entities, by the ARN they
   * claim: the catalog processor adds it to them as relations.
   */
  declaredLineage: Map<string, DiscoveredLineageEdge[]>;
  /**
   * The data categories a scanner (Macie) found in the storage of declared
   * datasets, by the ARN they claim: the processor adds them as
   * suggestions, never to `spec.dataCategories`.
   */
  declaredSuggestions: Map<string, DataCategorySuggestion[]>;
  /** Discovered datasets no declared entity claims. */
  unclassifiedDatasets: number;
  /** Datasets (declared or discovered) a scanner found data categories in. */
  datasetsWithSuggestions: number;
}

interface Target {
  ref: string;
  declared: boolean;
}

const SINGLE_VALUED: ReadonlySet<LineageRelation> = new Set(['fineTunedFrom']);

/**
 * Turns the lineage of every account and region into catalog entities.
 * Declared beats discovered: an ARN some other entity claims is not emitted
 * again, its edges point at (or start from) the declared entity, and an S3
 * location is given to the most specific declared claim on its bucket and
 * prefixes (the rule detection uses). Everything else becomes a discovered
 * entity; an S3 location nothing claims becomes a discovered dataset,
 * labelled unclassified.
 */
export function mapLineage(
  slices: readonly SliceLineage[],
  claims: ArnClaims,
  options: LineageMappingOptions,
): LineageMapping {
  const { namespace, locationRef } = options;
  const names = new Map<string, string>(); // name → ARN, to catch clashes
  const entitiesByArn = new Map<string, Entity>();
  const entitiesByRef = new Map<string, Entity>();
  const declaredLineage = new Map<string, DiscoveredLineageEdge[]>();
  const lineageOf = new Map<string, DiscoveredLineageEdge[]>();
  let unclassifiedDatasets = 0;

  const refOf = (entity: Entity) =>
    `resource:${namespace}/${entity.metadata.name}`;

  const nameFor = (arn: string) => {
    let name = entityNameFromArn(arn);
    if (names.has(name) && names.get(name) !== arn) {
      name = entityNameFromArn(arn, 24);
    }
    names.set(name, arn);
    return name;
  };

  const emit = (
    node: Pick<LineageNode, 'arn' | 'type' | 'title' | 'source'> &
      Partial<LineageNode>,
    slice: SliceLineage,
  ): Target => {
    const existing = entitiesByArn.get(node.arn);
    if (existing) {
      return { ref: refOf(existing), declared: false };
    }
    const parsed = parseArn(node.arn);
    const region = parsed?.region || slice.region;
    const name = nameFor(node.arn);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        namespace,
        title: node.title,
        labels: { [LABEL_UNCLASSIFIED]: 'true' },
        annotations: {
          [ANNOTATION_AWS_ARN]: node.arn,
          // S3 ARNs carry no account: the bucket is where it was named.
          // Foundation models belong to no account at all.
          ...(parsed?.accountId || parsed?.service === 's3'
            ? {
                [ANNOTATION_AWS_ACCOUNT_ID]:
                  parsed?.accountId || slice.accountId,
              }
            : {}),
          [ANNOTATION_AWS_REGION]: region,
          [ANNOTATION_DISCOVERED_BY]: node.source,
          [ANNOTATION_UNCLASSIFIED_MISSING]: 'spec.dataCategories,spec.owner',
          'backstage.io/managed-by-location': locationRef,
          'backstage.io/managed-by-origin-location': locationRef,
          ...node.annotations,
        },
      },
      spec: {
        type: node.type,
        owner: options.defaultOwner,
        ...(isAwsRegion(region) ? { regions: [region] } : {}),
        ...(node.purpose ? { purpose: node.purpose } : {}),
      },
    };
    entitiesByArn.set(node.arn, entity);
    entitiesByRef.set(refOf(entity), entity);
    return { ref: refOf(entity), declared: false };
  };

  /** A model or endpoint ARN: the declared entity claiming it, or our own. */
  const resolveNode = (
    node: Pick<LineageNode, 'arn' | 'type' | 'title' | 'source'> &
      Partial<LineageNode>,
    slice: SliceLineage,
  ): Target => {
    const declared = claims.get(node.arn);
    if (declared) return { ref: declared, declared: true };
    return emit(node, slice);
  };

  // Nodes first, so an edge to a model listed later still finds its title.
  const nodesByArn = new Map<string, LineageNode>();
  for (const slice of slices) {
    for (const node of slice.nodes) {
      if (!nodesByArn.has(node.arn)) nodesByArn.set(node.arn, node);
      resolveNode(node, slice);
    }
  }

  for (const slice of slices) {
    for (const edge of slice.edges) {
      const fromNode = nodesByArn.get(edge.from);
      if (!fromNode) continue;
      const from = resolveNode(fromNode, slice);
      const to = resolveTarget(edge.to, edge.purpose, fromNode.source, slice);
      const lineage: DiscoveredLineageEdge = {
        relation: edge.relation,
        target: to.ref,
        targetArn: edge.to,
        via: edge.via,
        source: fromNode.source,
      };
      const key = from.declared ? edge.from : from.ref;
      const bucket = from.declared ? declaredLineage : lineageOf;
      const list = bucket.get(key) ?? [];
      if (
        !list.some(
          e => e.relation === lineage.relation && e.target === lineage.target,
        )
      ) {
        list.push(lineage);
        bucket.set(key, list);
      }
    }
  }

  function resolveTarget(
    arn: string,
    purpose: string | undefined,
    source: LineageNode['source'],
    slice: SliceLineage,
  ): Target {
    const parsed = parseArn(arn);
    if (parsed?.service !== 's3') {
      // A model named by an endpoint or as a base model, or a log group.
      const known = nodesByArn.get(arn);
      return resolveNode(
        known ?? {
          arn,
          type: purpose ? 'llm-dataset' : 'llm-model',
          title: parsed?.resourceId || arn,
          source,
          purpose,
        },
        slice,
      );
    }
    const claim = findS3Claim(arn, claims);
    if (claim) return { ref: claim.value, declared: true };
    // One discovered dataset per location; `prefix/` and `prefix` are one.
    const canonical = arn.endsWith('/') ? arn.slice(0, -1) : arn;
    if (!entitiesByArn.has(canonical)) unclassifiedDatasets += 1;
    return emit(
      {
        arn: canonical,
        type: 'llm-dataset',
        title: `s3://${canonical.slice(canonical.indexOf(':::') + 3)}`,
        source,
        purpose,
      },
      slice,
    );
  }

  // Discovered lineage goes both into spec (the LLM processor turns it into
  // relations) and into the annotation (which says where it was read).
  for (const [ref, edges] of lineageOf) {
    const entity = entitiesByRef.get(ref);
    if (!entity) continue;
    writeLineage(entity, edges);
  }

  // Scanner findings go to the dataset that claims their object, declared
  // first (as detection maps an object to a dataset), else a discovered
  // one; objects no LLM dataset holds are not this catalog's business.
  const discoveredDatasets = new Map<string, string>();
  for (const [arn, entity] of entitiesByArn) {
    if (entity.spec?.type === 'llm-dataset') {
      discoveredDatasets.set(arn, refOf(entity));
    }
  }
  const declaredFindings = new Map<string, LocationFinding[]>();
  const discoveredFindings = new Map<string, LocationFinding[]>();
  for (const slice of slices) {
    for (const finding of slice.findings ?? []) {
      const declared = findS3Claim(finding.location, claims);
      const discovered = declared
        ? undefined
        : findS3Claim(finding.location, discoveredDatasets);
      const [map, key] = declared
        ? [declaredFindings, declared.claimedArn]
        : [discoveredFindings, discovered?.value];
      if (!key) continue;
      map.set(key, [...(map.get(key) ?? []), finding]);
    }
  }
  const declaredSuggestions = new Map<string, DataCategorySuggestion[]>();
  for (const [arn, findings] of declaredFindings) {
    declaredSuggestions.set(arn, suggestionsFrom(arn, findings));
  }
  for (const [ref, findings] of discoveredFindings) {
    const entity = entitiesByRef.get(ref);
    if (!entity) continue;
    const arn = entity.metadata.annotations![ANNOTATION_AWS_ARN];
    entity.metadata.annotations![ANNOTATION_SUGGESTED_DATA_CATEGORIES] =
      JSON.stringify(suggestionsFrom(arn, findings));
  }

  return {
    entities: [...entitiesByArn.values()],
    declaredLineage,
    declaredSuggestions,
    unclassifiedDatasets,
    datasetsWithSuggestions: declaredFindings.size + discoveredFindings.size,
  };
}

/**
 * One suggestion per category found under a dataset's location: what was
 * detected how often in how many objects, and when it was last seen.
 */
export function suggestionsFrom(
  location: string,
  findings: readonly LocationFinding[],
): DataCategorySuggestion[] {
  const byCategory = new Map<
    string,
    {
      source: string;
      objects: Set<string>;
      counts: Record<string, number>;
      seenAt: string;
    }
  >();
  for (const finding of findings) {
    const entry = byCategory.get(finding.category) ?? {
      source: finding.source,
      objects: new Set<string>(),
      counts: {},
      seenAt: finding.seenAt,
    };
    entry.objects.add(finding.location);
    for (const [type, count] of Object.entries(finding.detections)) {
      entry.counts[type] = (entry.counts[type] ?? 0) + count;
    }
    if (finding.seenAt > entry.seenAt) entry.seenAt = finding.seenAt;
    byCategory.set(finding.category, entry);
  }
  return [...byCategory]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, entry]) => {
      const detected = Object.entries(entry.counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => `${type} × ${count}`)
        .join(', ');
      const objects = entry.objects.size;
      return {
        category,
        source: entry.source,
        evidence: `${detected} in ${objects} object${objects === 1 ? '' : 's'}`,
        location,
        seenAt: entry.seenAt,
      };
    });
}

function writeLineage(entity: Entity, edges: DiscoveredLineageEdge[]) {
  const spec = entity.spec as Record<string, unknown>;
  for (const edge of edges) {
    const relation = edge.relation as LineageRelation;
    if (SINGLE_VALUED.has(relation)) {
      spec[relation] ??= edge.target;
    } else {
      const list = (spec[relation] as string[] | undefined) ?? [];
      if (!list.includes(edge.target)) list.push(edge.target);
      spec[relation] = list;
    }
  }
  entity.metadata.annotations![ANNOTATION_DISCOVERED_LINEAGE] =
    JSON.stringify(edges);
}
