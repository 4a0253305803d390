import { ResourceTagMapping } from '@aws-sdk/client-resource-groups-tagging-api';
import { JsonArray, JsonObject } from '@backstage/config';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { parseArn, RunNamer } from './arn';
import { LlmAwsTagKeys } from './config';
import {
  ANNOTATION_AWS_ARN,
  EntityMappingContext,
  resourceToEntity,
} from './entityMapper';

export interface DiscoveryRunOptions {
  tagKeys: LlmAwsTagKeys;
  namespace: string;
  defaultOwner: string;
  accountId?: string;
  /** `llm-aws-provider:<id>`: the managed-by location and mutation key. */
  locationRef: string;
  namer?: RunNamer;
}

interface ArnRef {
  arn: string;
  holder: JsonArray | JsonObject;
  key: number | string;
}

/**
 * The entities of one refresh, built page by page as the listings arrive so
 * mapping overlaps the network waits and pages are released early. Nothing
 * reaches the catalog until the provider decides every region succeeded.
 */
export class DiscoveryRun {
  readonly skipped: Array<{ arn: string; reason: string }> = [];
  unclassified = 0;
  pages = 0;
  private readonly entities: DeferredEntity[] = [];
  private readonly seen = new Set<string>();
  private readonly namer: RunNamer;
  private readonly arnRefs: ArnRef[] = [];
  private readonly context: EntityMappingContext;
  private readonly readKeys: ReadonlySet<string>;

  constructor(private readonly options: DiscoveryRunOptions) {
    this.namer = options.namer ?? new RunNamer();
    this.readKeys = new Set(Object.values(options.tagKeys));
    this.context = {
      ...options,
      nameOf: arn => this.namer.nameOf(arn),
      onArnRef: (arn, holder, key) => this.arnRefs.push({ arn, holder, key }),
    };
  }

  addPage(mappings: ResourceTagMapping[] | undefined, region: string): void {
    this.pages += 1;
    for (const mapping of mappings ?? []) {
      const arn = mapping.ResourceARN;
      // Global resources can be reported by more than one region; the first
      // listing wins so each ARN becomes exactly one entity.
      if (!arn || this.seen.has(arn)) continue;
      const parsed = parseArn(arn);
      if (!parsed) continue;
      this.seen.add(arn);

      // Only the tags the mapping reads are kept: a small object per
      // resource instead of a map of every tag keeps 100,000s of resources
      // cheap on the garbage collector.
      const tags: Record<string, string> = {};
      for (const { Key, Value } of mapping.Tags ?? []) {
        if (Key !== undefined && this.readKeys.has(Key))
          tags[Key] = Value ?? '';
      }
      const result = resourceToEntity(
        { arn, parsed, tags, region },
        this.context,
      );
      if ('skipped' in result) {
        this.skipped.push({ arn, reason: result.skipped });
        continue;
      }
      if (result.entity.metadata.labels) this.unclassified += 1;
      this.entities.push({
        entity: result.entity,
        locationKey: this.options.locationRef,
      });
    }
  }

  /** The entities with their final names (see RunNamer). */
  finish(): DeferredEntity[] {
    const collided = this.namer.collisions();
    if (collided.size > 0) {
      for (const { entity } of this.entities) {
        const arn = entity.metadata.annotations![ANNOTATION_AWS_ARN];
        if (collided.has(arn)) {
          entity.metadata.name = this.namer.finalNameOf(arn);
        }
      }
      for (const { arn, holder, key } of this.arnRefs) {
        if (collided.has(arn)) {
          (holder as Record<string | number, unknown>)[key] = `resource:${
            this.options.namespace
          }/${this.namer.finalNameOf(arn)}`;
        }
      }
    }
    return this.entities;
  }
}
