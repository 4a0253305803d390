import { ResourceTagMapping } from '@aws-sdk/client-resource-groups-tagging-api';
import { JsonArray, JsonObject } from '@backstage/config';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { parseArn, RunNamer } from './arn';
import { LlmAwsTagKeys } from './config';
import { ANNOTATION_AWS_ARN, EntityMapper, TagReader } from './entityMapper';

export interface DiscoveryRunOptions {
  tagKeys: LlmAwsTagKeys;
  namespace: string;
  defaultOwner: string;
  accountId?: string;
  /** `llm-aws-provider:<id>`: the managed-by location and mutation key. */
  locationRef: string;
  namer?: RunNamer;
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
  private readonly skippedArns = new Set<string>();
  private readonly namer: RunNamer;
  /**
   * Where each reference written from an ARN sits, as flat triples
   * (holder, key, ARN): only a name clash needs them, and one array is far
   * cheaper than an object per reference.
   */
  private readonly arnRefs: Array<JsonArray | JsonObject | number | string> =
    [];
  private readonly tagReader: TagReader;
  private readonly mapper: EntityMapper;

  constructor(private readonly options: DiscoveryRunOptions) {
    const namer = options.namer ?? new RunNamer();
    const arnRefs = this.arnRefs;
    this.namer = namer;
    this.tagReader = new TagReader(options.tagKeys);
    this.mapper = new EntityMapper({
      ...options,
      nameOf: arn => namer.nameOf(arn),
      onArnRef: (arn, holder, key) => arnRefs.push(holder, key, arn),
    });
  }

  addPage(mappings: ResourceTagMapping[] | undefined, region: string): void {
    this.pages += 1;
    if (mappings === undefined) return;
    const { namer, mapper, skippedArns } = this;
    for (let i = 0; i < mappings.length; i++) {
      const mapping = mappings[i];
      const arn = mapping.ResourceARN;
      if (!arn) continue;
      const parsed = parseArn(arn);
      if (!parsed) continue;
      // Global resources can be reported by more than one region; the first
      // listing wins so each ARN becomes at most one entity or one skip.
      if (skippedArns.size > 0 && skippedArns.has(arn)) continue;

      const values = this.tagReader.read(mapping.Tags);
      const type = mapper.typeOf(parsed, values);
      if (!type) {
        if (!namer.isClaimed(arn)) {
          skippedArns.add(arn);
          this.skipped.push({ arn, reason: mapper.skipReason(values) });
        }
        continue;
      }
      const name = namer.claim(arn, parsed);
      if (name === undefined) continue;
      const entity = mapper.build(arn, parsed, values, region, type, name);
      if (entity.metadata.labels) this.unclassified += 1;
      this.entities.push({ entity, locationKey: this.options.locationRef });
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
      const refs = this.arnRefs;
      for (let i = 0; i < refs.length; i += 3) {
        const arn = refs[i + 2] as string;
        if (collided.has(arn)) {
          (refs[i] as Record<string | number, unknown>)[
            refs[i + 1] as string | number
          ] = `resource:${this.options.namespace}/${this.namer.finalNameOf(
            arn,
          )}`;
        }
      }
    }
    return this.entities;
  }
}
