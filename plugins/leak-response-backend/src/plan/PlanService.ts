import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  IncidentFacts,
  LeakType,
  ObligationRule,
  ObligationsReport,
} from '@leak-response/plugin-leak-response-common';
import { DateTime, Duration } from 'luxon';
import {
  LeakResponsePlan,
  PlanObligations,
  PlanPlaybook,
  RaciRef,
  ResolvedRole,
} from './api';
import { PlanSettings, readPlanSettings } from './config';
import { EntityBatchFetcher, ImpactAnalyzer } from './impact/ImpactAnalyzer';
import { refKey } from './impact/lineage';
import {
  incidentFactsFromImpact,
  ObligationsEvaluator,
} from './obligations/ObligationsEvaluator';
import { readinessGaps } from './oncall/readiness';
import { isoMillis } from './oncall/rotation';
import { PlaybookRegistry } from './playbooks/PlaybookRegistry';
import { Playbook } from './playbooks/schema';
import { PeopleCache } from './roles/PeopleCache';
import { PeopleResolver } from './roles/PeopleResolver';
import { batchingFetcher } from './batchingFetcher';

/**
 * The entity fields the plan reads; the catalog sends nothing else.
 */
export const PLAN_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec',
  'relations',
];

/** The leak type assumed for an LLM entity when none is asked for. */
export const DEFAULT_LEAK_TYPE_BY_ENTITY_TYPE: Readonly<
  Record<string, LeakType>
> = {
  'llm-dataset': 'training-data-exposure',
  'llm-model': 'model-weight-exfiltration',
  'llm-endpoint': 'inference-data-leakage',
};

export interface PlanRequest {
  entity: CompoundEntityRef;
  leakType?: LeakType;
  /** ISO 8601; default: now. */
  awareAt?: string;
  credentials: BackstageCredentials;
}

/**
 * Due offsets of playbook steps, parsed once: as milliseconds when they
 * are exact in UTC (anything but months and years), else as a Duration.
 */
const dueOffsets = new Map<string, { ms?: number; duration: Duration }>();

/** `awareAt` (UTC) plus a step's due offset, as ISO 8601 in UTC. */
function dueAt(awareAt: DateTime, offset: string): string {
  let parsed = dueOffsets.get(offset);
  if (!parsed) {
    const duration = Duration.fromISO(offset);
    const calendar =
      duration.years !== 0 || duration.quarters !== 0 || duration.months !== 0;
    parsed = {
      duration,
      ms: calendar ? undefined : duration.as('milliseconds'),
    };
    if (dueOffsets.size < 1000) dueOffsets.set(offset, parsed);
  }
  return parsed.ms !== undefined
    ? isoMillis(awareAt.toMillis() + parsed.ms)
    : awareAt.plus(parsed.duration).toISO()!;
}

function rolesOf(playbook: Playbook): string[] {
  const roles = new Set<string>();
  for (const step of playbook.steps) {
    const { responsible, accountable, consulted, informed } = step.raci;
    [...responsible, accountable, ...consulted, ...informed].forEach(r =>
      roles.add(r),
    );
  }
  return [...roles];
}

/**
 * Makes the response plan for a leak of one catalog entity: the impact over
 * the lineage, the playbook with its RACI resolved to catalog groups, who is
 * on call now and next for each role, readiness gaps of those rotations, and
 * the obligations if it leaked now (or at `awareAt`).
 */
export class PlanService {
  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      logger: LoggerService;
      settings: PlanSettings;
      playbooks: PlaybookRegistry;
      impact: ImpactAnalyzer;
      people: PeopleResolver;
      peopleCache: PeopleCache;
      obligations: ObligationsEvaluator;
      clock: () => Date;
    },
  ) {}

  /**
   * Reads and checks every setting once; throws, naming the key, on bad
   * configuration (which stops the plugin at start-up).
   */
  static fromConfig(
    config: Config,
    options: {
      catalog: CatalogService;
      logger: LoggerService;
      clock?: () => Date;
      builtInPlaybooksDir?: string;
    },
  ): PlanService {
    const settings = readPlanSettings(config);
    const playbooks = PlaybookRegistry.fromConfig(config, {
      knownRoles: settings.knownRoles,
      builtInDir: options.builtInPlaybooksDir,
    });
    return new PlanService({
      catalog: options.catalog,
      logger: options.logger,
      settings,
      playbooks,
      impact: ImpactAnalyzer.create(settings.impact),
      people: PeopleResolver.create({
        configuredRoles: settings.roles,
        configuredRotations: settings.onCall.rotations,
        requiredTrainings: settings.onCall.requiredTrainings,
      }),
      peopleCache: PeopleCache.create({
        ttlMs: settings.onCall.peopleCacheTtlMs,
      }),
      obligations: ObligationsEvaluator.fromConfig(config),
      clock: options.clock ?? (() => new Date()),
    });
  }

  /** One batched catalog request, with the caller's credentials. */
  fetcher(
    credentials: BackstageCredentials,
    fields: string[] = PLAN_ENTITY_FIELDS,
  ): EntityBatchFetcher {
    return async refs => {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields },
        { credentials },
      );
      return items.map(item => item ?? undefined);
    };
  }

  async getPlan(request: PlanRequest): Promise<LeakResponsePlan> {
    return (await this.getPlanWithFacts(request)).plan;
  }

  /**
   * The plan, and the facts its obligations were evaluated from (absent when
   * they could not be), so an incident can keep them and re-evaluate later.
   */
  async getPlanWithFacts(
    request: PlanRequest,
  ): Promise<{ plan: LeakResponsePlan; facts?: IncidentFacts }> {
    const { settings } = this.deps;
    const nowDate = this.deps.clock();
    const now = DateTime.fromMillis(nowDate.getTime(), { zone: 'utc' });
    const awareAt = request.awareAt
      ? DateTime.fromISO(request.awareAt, { setZone: true }).toUTC()
      : now;
    // One catalog request per lineage level, carrying the people side's
    // groups and users of that moment too.
    const fetch = batchingFetcher(this.fetcher(request.credentials));
    const entityRef = refKey(stringifyEntityRef(request.entity));

    const [origin] = await fetch([entityRef]);
    if (!origin) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }

    const entityType =
      typeof origin.spec?.type === 'string' ? origin.spec.type : undefined;
    const leakType =
      request.leakType ??
      (entityType ? DEFAULT_LEAK_TYPE_BY_ENTITY_TYPE[entityType] : undefined);
    if (!leakType) {
      throw new InputError(
        `leakType: required for ${entityRef}, which is not an LLM model, dataset or endpoint`,
      );
    }
    const selection = this.deps.playbooks.select(origin, leakType);
    if (!selection) {
      throw new InputError(
        `leakType: no playbook responds to ${leakType}; configure one under leakResponse.playbooks`,
      );
    }

    const [analysis, people] = await Promise.all([
      this.deps.impact.analyze({ origin, leakType, fetch }),
      this.deps.people.resolve({
        origin,
        roles: rolesOf(selection.playbook),
        now,
        fetch: this.deps.peopleCache.fetcher(request.credentials, fetch),
      }),
    ]);

    const horizonUntil = this.horizonFrom(now);
    const gaps = readinessGaps({
      rotations: people.rotations,
      trainings: people.trainings,
      requiredTrainings: settings.onCall.requiredTrainings,
      now,
      horizonUntil,
      peaks: settings.onCall.peaks,
    });

    const warnings = [...selection.warnings];
    const { problems } = analysis.report;
    if (problems.missing.length > 0) {
      warnings.push(
        `${problems.missing.length} lineage reference(s) point at no entity you can see; see impact.problems.missing`,
      );
    }
    if (problems.cycles.length > 0) {
      warnings.push(
        `the lineage has ${problems.cycles.length} cycle(s); see impact.problems.cycles`,
      );
    }
    if (problems.truncated) warnings.push(problems.truncated.reason);

    const { obligations, facts } = this.obligations(
      analysis,
      leakType,
      awareAt.toISO()!,
      nowDate,
      entityRef,
    );
    const plan: LeakResponsePlan = {
      entityRef,
      leakType,
      leakTypeSource: request.leakType ? 'query' : 'entity-type',
      generatedAt: now.toISO()!,
      awareAt: awareAt.toISO()!,
      impact: analysis.report,
      playbook: this.describePlaybook(selection, people.roles, awareAt),
      roles: people.roles,
      readiness: {
        requiredTrainings: settings.onCall.requiredTrainings,
        horizonUntil: horizonUntil.toISO()!,
        gaps,
      },
      obligations,
      warnings,
    };
    return { plan, facts };
  }

  /** The end of the readiness horizon; plain milliseconds unless it counts months. */
  private horizonFrom(now: DateTime): DateTime {
    const { horizon } = this.deps.settings.onCall;
    if (horizon.years !== 0 || horizon.quarters !== 0 || horizon.months !== 0) {
      return now.plus(horizon);
    }
    return DateTime.fromMillis(now.toMillis() + horizon.as('milliseconds'), {
      zone: 'utc',
    });
  }

  /** The rule table obligations are evaluated with (default rules plus config). */
  ruleTable(): readonly ObligationRule[] {
    return this.deps.obligations.rules;
  }

  /** Evaluates obligations for facts kept from an earlier plan. */
  evaluate(facts: IncidentFacts, now: Date): ObligationsReport {
    return this.deps.obligations.evaluate(facts, now);
  }

  private obligations(
    analysis: Parameters<typeof incidentFactsFromImpact>[0]['analysis'],
    leakType: LeakType,
    awareAt: string,
    now: Date,
    entityRef: string,
  ): { obligations: PlanObligations; facts?: IncidentFacts } {
    let facts: IncidentFacts | undefined;
    try {
      facts = incidentFactsFromImpact({
        analysis,
        leakType,
        awareAt,
        organisation: this.deps.obligations.organisation,
        mayHoldPersonalData: categories =>
          this.deps.obligations.mayHoldPersonalData(categories),
      });
      return {
        obligations: {
          status: 'evaluated',
          ...this.deps.obligations.evaluate(facts, now),
        },
        facts,
      };
    } catch (error) {
      // The rest of the plan is still worth having in the first minute.
      this.deps.logger.error('Obligations evaluation failed', {
        entityRef,
        leakType,
        error: String(error),
      });
      return {
        obligations: {
          status: 'unavailable',
          reason: `the obligations could not be evaluated: ${
            (error as Error).message
          }`,
        },
        facts,
      };
    }
  }

  private describePlaybook(
    selection: NonNullable<ReturnType<PlaybookRegistry['select']>>,
    roles: ResolvedRole[],
    awareAt: DateTime,
  ): PlanPlaybook {
    const byRole = new Map(roles.map(r => [r.role, r.entityRef]));
    const ref = (role: string): RaciRef => ({
      role,
      entityRef: byRole.get(role),
    });
    const { playbook, selectedBy } = selection;
    return {
      id: playbook.id,
      title: playbook.title,
      description: playbook.description,
      source: playbook.source,
      selectedBy,
      steps: playbook.steps.map(step => ({
        id: step.id,
        title: step.title,
        phase: step.phase,
        description: step.description,
        dueOffset: step.dueOffset,
        dueAt: step.dueOffset ? dueAt(awareAt, step.dueOffset) : undefined,
        raci: {
          responsible: step.raci.responsible.map(ref),
          accountable: ref(step.raci.accountable),
          consulted: step.raci.consulted.map(ref),
          informed: step.raci.informed.map(ref),
        },
      })),
    };
  }

  /** The leak types some playbook responds to (for query validation). */
  leakTypes(): Set<LeakType> {
    return this.deps.playbooks.leakTypes();
  }
}
