import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createDataCategoryVocabulary,
  DataCategoryInput,
  DataCategoryVocabulary,
  InventoryFormat,
  isLlmEntity,
  LLM_ENTITY_TYPES,
  LlmEntity,
  ReadinessReport,
} from '@leak-response/plugin-leak-response-common';
import { DateTime } from 'luxon';
import { IncidentReadAccess } from '../incidents';
import { ReadinessGap } from '../plan/api';
import { PlanSettings, readPlanSettings } from '../plan/config';
import { entityKey, refKey } from '../plan/impact/lineage';
import { readinessGaps } from '../plan/oncall/readiness';
import { Rotation, trainingsOf } from '../plan/oncall/rotation';
import { PlaybookRegistry } from '../plan/playbooks/PlaybookRegistry';
import { DEFAULT_LEAK_TYPE_BY_ENTITY_TYPE } from '../plan/PlanService';
import { AssessmentContext, assessAsset, refsToFetch } from './assessAsset';
import { ExerciseSource } from './exercises';
import { inventoryCsv, inventoryMarkdown, inventoryRow } from './inventory';
import { summarizeReadiness } from './summarize';
import { standingQuestions } from './standingQuestions';
import { ObligationsEvaluator } from '../plan/obligations/ObligationsEvaluator';

/** The fields readiness reads of LLM assets. */
const ASSET_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.labels',
  'metadata.annotations',
  'spec',
];

/** Owners, systems, domains, groups, users: relations give group members. */
const RELATED_FIELDS = [...ASSET_FIELDS, 'relations'];

/** How far back an exercise counts (a quarter, rounded up). */
export const EXERCISE_WINDOW_DAYS = 90;

const MAX_ROUNDS = 6;
const BATCH = 500;

/** A downloadable inventory. */
export interface InventoryFile {
  body: string;
  contentType: string;
  filename: string;
}

/**
 * Readiness of every LLM asset the caller can see, and the inventory of
 * them. Reads the catalog with the caller's credentials: the LLM assets as
 * one stream, then what the checks need (owners, systems, domains, role
 * groups, rotation members, lineage targets) in batched rounds, usually
 * three or four for the whole catalog.
 */
export class ReadinessService {
  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      exercises: ExerciseSource;
      logger: LoggerService;
      settings: PlanSettings;
      playbooks: PlaybookRegistry;
      vocabulary: DataCategoryVocabulary;
      obligations: ObligationsEvaluator;
      organisation?: string;
      clock: () => Date;
    },
  ) {}

  static fromConfig(
    config: Config,
    options: {
      catalog: CatalogService;
      exercises: ExerciseSource;
      logger: LoggerService;
      clock?: () => Date;
      builtInPlaybooksDir?: string;
    },
  ): ReadinessService {
    const settings = readPlanSettings(config);
    return new ReadinessService({
      catalog: options.catalog,
      exercises: options.exercises,
      logger: options.logger,
      settings,
      playbooks: PlaybookRegistry.fromConfig(config, {
        knownRoles: settings.knownRoles,
        builtInDir: options.builtInPlaybooksDir,
      }),
      vocabulary: createDataCategoryVocabulary(
        config.getOptional<DataCategoryInput[]>(
          'leakResponse.dataCategories',
        ) ?? [],
      ),
      obligations: ObligationsEvaluator.fromConfig(config),
      organisation:
        config.getOptionalString('leakResponse.organisation.name') ??
        config.getOptionalString('organization.name'),
      clock: options.clock ?? (() => new Date()),
    });
  }

  /** Obligation evaluations of asset signatures, kept between reports. */
  private readonly standingCache: Parameters<typeof standingQuestions>[3] =
    new Map();

  /** Every LLM asset visible to the caller, streamed page by page. */
  private async assets(
    credentials: BackstageCredentials,
  ): Promise<LlmEntity[]> {
    const assets: LlmEntity[] = [];
    for await (const page of this.deps.catalog.streamEntities(
      {
        filter: { kind: 'resource', 'spec.type': [...LLM_ENTITY_TYPES] },
        fields: ASSET_FIELDS,
        pageSize: BATCH,
      },
      { credentials },
    )) {
      for (const entity of page) {
        if (isLlmEntity(entity)) assets.push(entity);
      }
    }
    return assets.sort((a, b) => entityKey(a).localeCompare(entityKey(b)));
  }

  /**
   * The readiness of every LLM asset the caller can see. Exercises are
   * incidents: only those `incidents` (the caller's read access) lets them
   * read count, so that neither an exercise's date nor its existence shows
   * through readiness to someone who may not read it; `'none'` when the
   * caller may read no incident.
   */
  async report(
    credentials: BackstageCredentials,
    incidents: IncidentReadAccess | 'none',
  ): Promise<ReadinessReport> {
    const { settings } = this.deps;
    const nowDate = this.deps.clock();
    const now = DateTime.fromJSDate(nowDate).toUTC();
    const since = now.minus({ days: EXERCISE_WINDOW_DAYS });
    const [assets, exercises] = await Promise.all([
      this.assets(credentials),
      incidents === 'none'
        ? []
        : this.deps.exercises.exercisesSince(
            since.toJSDate(),
            incidents.criteria,
          ),
    ]);

    const known = new Map<string, Entity | undefined>();
    assets.forEach(a => known.set(entityKey(a), a));

    const lastExercise = new Map<string, string>();
    for (const exercise of exercises) {
      for (const ref of exercise.entityRefs) {
        const seen = lastExercise.get(ref);
        if (!seen || seen < exercise.awareAt) {
          lastExercise.set(ref, exercise.awareAt);
        }
      }
    }

    const horizonUntil = now.plus(settings.onCall.horizon);
    const rotationGapCache = new Map<string, ReadinessGap[]>();
    const ctx: AssessmentContext = {
      entity: ref => known.get(refKey(ref)),
      vocabulary: this.deps.vocabulary,
      leakTypeOf: DEFAULT_LEAK_TYPE_BY_ENTITY_TYPE,
      selectPlaybook: (entity, leakType) =>
        this.deps.playbooks.select(entity, leakType),
      configuredRoles: settings.roles,
      configuredRotations: settings.onCall.rotations,
      rotationGaps: (rotation: Rotation) => {
        let gaps = rotationGapCache.get(rotation.group);
        if (!gaps) {
          gaps = readinessGaps({
            rotations: [rotation],
            trainings: user => trainingsOf(known.get(refKey(user))),
            requiredTrainings: settings.onCall.requiredTrainings,
            now,
            horizonUntil,
            peaks: settings.onCall.peaks,
          });
          rotationGapCache.set(rotation.group, gaps);
        }
        return gaps;
      },
      lastExerciseAt: ref => lastExercise.get(refKey(ref)),
      exerciseWindowDays: EXERCISE_WINDOW_DAYS,
    };

    await this.fetchRelated(assets, ctx, known, credentials);

    return {
      ...summarizeReadiness({
        assets: assets.map(asset => assessAsset(asset, ctx)),
        systemTitle: ref => known.get(refKey(ref))?.metadata.title,
        generatedAt: now.toISO()!,
        exerciseWindowDays: EXERCISE_WINDOW_DAYS,
      }),
      standingQuestions: standingQuestions(
        assets,
        this.deps.obligations,
        nowDate,
        this.standingCache,
      ),
    };
  }

  /** Fetches, in batched rounds, whatever the checks want to look at. */
  private async fetchRelated(
    assets: LlmEntity[],
    ctx: AssessmentContext,
    known: Map<string, Entity | undefined>,
    credentials: BackstageCredentials,
  ) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const missing = new Set<string>();
      for (const asset of assets) {
        for (const ref of refsToFetch(asset, ctx)) {
          if (!known.has(refKey(ref))) missing.add(refKey(ref));
        }
      }
      if (missing.size === 0) return;
      const refs = [...missing];
      for (let i = 0; i < refs.length; i += BATCH) {
        const batch = refs.slice(i, i + BATCH);
        const { items } = await this.deps.catalog.getEntitiesByRefs(
          { entityRefs: batch, fields: RELATED_FIELDS },
          { credentials },
        );
        batch.forEach((ref, j) => known.set(ref, items[j] ?? undefined));
      }
    }
    this.deps.logger.warn(
      `Readiness stopped resolving references after ${MAX_ROUNDS} rounds`,
    );
  }

  /** The record of processing activities of every visible LLM asset. */
  async inventory(
    credentials: BackstageCredentials,
    format: InventoryFormat,
  ): Promise<InventoryFile> {
    const now = DateTime.fromJSDate(this.deps.clock()).toUTC();
    const rows = (await this.assets(credentials)).map(asset =>
      inventoryRow(asset, this.deps.vocabulary),
    );
    const date = now.toISODate();
    if (format === 'csv') {
      return {
        body: inventoryCsv(rows),
        contentType: 'text/csv; charset=utf-8',
        filename: `llm-inventory-${date}.csv`,
      };
    }
    return {
      body: inventoryMarkdown(rows, {
        generatedAt: now.toISO()!,
        organisation: this.deps.organisation,
      }),
      contentType: 'text/markdown; charset=utf-8',
      filename: `llm-inventory-${date}.md`,
    };
  }
}
