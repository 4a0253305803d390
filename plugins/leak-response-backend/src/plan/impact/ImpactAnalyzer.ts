import { Entity } from '@backstage/catalog-model';
import type { LeakType } from '@leak-response/plugin-leak-response-common';
import {
  AffectedEntity,
  ImpactReport,
  ImpactRole,
  MissingReference,
} from '../api';
import { entityKey, findCycles, lineageEdges, normalizeRef } from './lineage';
import { dataAtRisk, hasAnonymousAssessment } from './dataAtRisk';
import { summarizeImpact } from './summarize';

/**
 * Fetches entities by full ref, one batched catalog request per call, in
 * the order asked; `undefined` for refs that do not resolve.
 */
export type EntityBatchFetcher = (
  refs: string[],
) => Promise<Array<Entity | undefined>>;

/** Limits of the walk, from `leakResponse.impact`. */
export interface ImpactLimits {
  /** Hops from the origin. */
  maxDepth: number;
  /** Entities in the result, origin included. */
  maxEntities: number;
}

export const DEFAULT_IMPACT_LIMITS: ImpactLimits = {
  maxDepth: 8,
  maxEntities: 1000,
};

/** The report plus the entities it was built from, keyed by lower-case ref. */
export interface ImpactAnalysis {
  report: ImpactReport;
  entities: ReadonlyMap<string, Entity>;
  /** The affected entities of the report, keyed the same way. */
  affected: ReadonlyMap<string, AffectedEntity>;
}

interface WalkNode {
  entity: Entity;
  role: ImpactRole;
  depth: number;
  via?: { from: string; relation: string };
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * Walks the catalog from a leaked entity, breadth-first, with one batched
 * catalog request per level: a model's training data and base models
 * upstream; the models built from a dataset, the endpoints serving a model,
 * the logs they write and the components depending on them downstream.
 * References that resolve to nothing and loops in the lineage are reported,
 * never thrown.
 */
export class ImpactAnalyzer {
  private constructor(private readonly limits: ImpactLimits) {}

  static create(limits: Partial<ImpactLimits> = {}): ImpactAnalyzer {
    return new ImpactAnalyzer({ ...DEFAULT_IMPACT_LIMITS, ...limits });
  }

  async analyze(options: {
    origin: Entity;
    leakType: LeakType;
    fetch: EntityBatchFetcher;
  }): Promise<ImpactAnalysis> {
    const { origin, leakType, fetch } = options;
    const originKey = entityKey(origin);
    const nodes = new Map<string, WalkNode>([
      [originKey, { entity: origin, role: 'origin', depth: 0 }],
    ]);
    const missing: MissingReference[] = [];
    let truncated: ImpactReport['problems']['truncated'];

    let frontier = [originKey];
    for (let depth = 0; frontier.length > 0; depth++) {
      const pending = new Map<
        string,
        { from: string; relation: string; role: ImpactRole }
      >();
      for (const key of frontier) {
        const node = nodes.get(key)!;
        for (const edge of lineageEdges(node.entity, node.role)) {
          if (!nodes.has(edge.target) && !pending.has(edge.target)) {
            pending.set(edge.target, {
              from: key,
              relation: edge.relation,
              role: edge.rule.reaches,
            });
          }
        }
      }
      if (pending.size === 0) break;
      if (depth >= this.limits.maxDepth) {
        truncated = {
          reason: `stopped at the maximum depth of ${this.limits.maxDepth} hops (leakResponse.impact.maxDepth)`,
          unexplored: [...pending.keys()],
        };
        break;
      }
      let refs = [...pending.keys()];
      const room = this.limits.maxEntities - nodes.size;
      if (refs.length > room) {
        truncated = {
          reason: `stopped at the maximum of ${this.limits.maxEntities} entities (leakResponse.impact.maxEntities)`,
          unexplored: refs.slice(Math.max(room, 0)),
        };
        refs = refs.slice(0, Math.max(room, 0));
      }
      const fetched = refs.length > 0 ? await fetch(refs) : [];
      const next: string[] = [];
      refs.forEach((ref, index) => {
        const edge = pending.get(ref)!;
        const entity = fetched[index];
        if (!entity) {
          missing.push({
            entityRef: ref,
            referencedBy: edge.from,
            relation: edge.relation,
          });
          return;
        }
        // The catalog may answer with a differently cased ref; keep ours.
        nodes.set(ref, {
          entity,
          role: edge.role,
          depth: depth + 1,
          via: { from: edge.from, relation: edge.relation },
        });
        next.push(ref);
      });
      if (truncated) break;
      frontier = next;
    }

    const originAnonymous = hasAnonymousAssessment(origin);
    // A base model assessed anonymous does not pass its training data on
    // to the models fine-tuned from it.
    const anonymousOnPath = (key: string): string | undefined => {
      for (let at: string | undefined = key; at && at !== originKey; ) {
        const node = nodes.get(at);
        if (!node) return undefined;
        if (hasAnonymousAssessment(node.entity)) return at;
        at = node.via?.from;
      }
      return undefined;
    };
    const affected = new Map<string, AffectedEntity>();
    const entities = new Map<string, Entity>();
    for (const [key, node] of nodes) {
      entities.set(key, node.entity);
      affected.set(
        key,
        describe(
          key,
          node,
          dataAtRisk(
            leakType,
            node.role,
            originAnonymous,
            node.role === 'upstream-data' ? anonymousOnPath(key) : undefined,
          ),
        ),
      );
    }
    const report = summarizeImpact({
      origin: originKey,
      leakType,
      entities: [...affected.values()],
      problems: { missing, cycles: findCycles(entities), truncated },
    });
    return { report, entities, affected };
  }
}

function describe(
  key: string,
  node: WalkNode,
  risk: { atRisk: boolean; reason: string },
): AffectedEntity {
  const { entity } = node;
  const spec = entity.spec ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const approx = spec.approxDataSubjects;
  return {
    entityRef: key,
    kind: entity.kind,
    type: typeof spec.type === 'string' ? spec.type : undefined,
    title: entity.metadata.title,
    role: node.role,
    depth: node.depth,
    via: node.via,
    owner: normalizeRef(spec.owner, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    }),
    system: normalizeRef(spec.system, {
      defaultKind: 'system',
      defaultNamespace: namespace,
    }),
    dataCategories: strings(spec.dataCategories),
    dataSubjects: strings(spec.dataSubjects),
    approxDataSubjects:
      typeof approx === 'number' && Number.isFinite(approx) && approx >= 0
        ? approx
        : undefined,
    regions: strings(spec.regions),
    dataAtRisk: risk.atRisk,
    dataAtRiskReason: risk.reason,
  };
}
