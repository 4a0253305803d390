import {
  Entity,
  RELATION_DEPENDENCY_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  RELATION_FINE_TUNED_FROM,
  RELATION_FINE_TUNED_INTO,
  RELATION_LOGS_OF,
  RELATION_LOGS_TO,
  RELATION_SERVED_BY,
  RELATION_SERVES,
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_OF,
} from '@leak-response/plugin-leak-response-common';
import { ImpactRole } from '../api';

/** Which way an edge leads from the leaked asset. */
export type WalkDirection = 'upstream' | 'downstream';

/**
 * The edges the impact walk follows, as data: the relation, the way it
 * leads, the role of the entity it reaches, and which entities may follow
 * it. Upstream entities only go further upstream and downstream ones only
 * further downstream; only the origin goes both ways. That keeps every
 * relation pair (trainedOn / trainingDataOf, …) from leading straight back.
 */
export interface WalkEdgeRule {
  relation: string;
  direction: WalkDirection;
  reaches: ImpactRole;
  /** Roles that follow it; default: the origin and the roles of its direction. */
  onlyFrom?: ImpactRole[];
}

export const WALK_EDGE_RULES: ReadonlyArray<WalkEdgeRule> = [
  {
    relation: RELATION_TRAINED_ON,
    direction: 'upstream',
    reaches: 'upstream-data',
  },
  {
    relation: RELATION_FINE_TUNED_FROM,
    direction: 'upstream',
    reaches: 'upstream-data',
  },
  {
    relation: RELATION_SERVES,
    direction: 'upstream',
    reaches: 'upstream-data',
  },
  {
    relation: RELATION_TRAINING_DATA_OF,
    direction: 'downstream',
    reaches: 'downstream-model',
  },
  {
    relation: RELATION_FINE_TUNED_INTO,
    direction: 'downstream',
    reaches: 'downstream-model',
  },
  {
    relation: RELATION_SERVED_BY,
    direction: 'downstream',
    reaches: 'downstream-surface',
  },
  { relation: RELATION_LOGS_TO, direction: 'downstream', reaches: 'log' },
  // A leaked log leads to the endpoint that writes it; from anywhere else
  // logsOf would only lead back to where the walk came from.
  {
    relation: RELATION_LOGS_OF,
    direction: 'downstream',
    reaches: 'downstream-surface',
    onlyFrom: ['origin'],
  },
  {
    relation: RELATION_DEPENDENCY_OF,
    direction: 'downstream',
    reaches: 'downstream-surface',
  },
];

const ROLES_BY_DIRECTION: Record<WalkDirection, ImpactRole[]> = {
  upstream: ['origin', 'upstream-data'],
  downstream: ['origin', 'downstream-model', 'downstream-surface', 'log'],
};

const RULES_BY_RELATION = new Map(
  WALK_EDGE_RULES.map(rule => [rule.relation.toLocaleLowerCase('en-US'), rule]),
);

/**
 * The forward lineage fields of `spec`, read as a fallback for catalogs
 * whose processor has not emitted the relations (yet). The reverse
 * relations only exist as catalog relations.
 */
const SPEC_LINEAGE_FIELDS: ReadonlyArray<{ field: string; relation: string }> =
  [
    { field: 'trainedOn', relation: RELATION_TRAINED_ON },
    { field: 'fineTunedFrom', relation: RELATION_FINE_TUNED_FROM },
    { field: 'serves', relation: RELATION_SERVES },
    { field: 'logsTo', relation: RELATION_LOGS_TO },
  ];

/**
 * The key the walk uses for an entity: its full ref, lower case. The same
 * mapping as the catalog's `toLocaleLowerCase('en-US')` (en-US has no
 * special casing rules), without the locale lookup, which cost a
 * millisecond per plan.
 */
export function refKey(ref: string): string {
  return ref.toLowerCase();
}

/** The full, lower-case ref of an entity. */
export function entityKey(entity: Entity): string {
  return refKey(stringifyEntityRef(entity));
}

/** Parses a ref with defaults into its full form; undefined when malformed. */
export function normalizeRef(
  value: unknown,
  defaults: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    return undefined;
  }
  try {
    return refKey(stringifyEntityRef(parseEntityRef(value.trim(), defaults)));
  } catch {
    return undefined;
  }
}

/** An edge out of one entity that the walk may follow. */
export interface LineageEdge {
  relation: string;
  target: string;
  rule: WalkEdgeRule;
}

function specRefs(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/**
 * The edges an entity in a given role may follow: its catalog relations,
 * plus the forward lineage fields of its spec, deduplicated.
 */
export function lineageEdges(entity: Entity, role: ImpactRole): LineageEdge[] {
  const edges = new Map<string, LineageEdge>();
  const add = (relation: string, target: string | undefined) => {
    const rule = RULES_BY_RELATION.get(relation.toLocaleLowerCase('en-US'));
    if (!rule || !target) return;
    const allowed = rule.onlyFrom ?? ROLES_BY_DIRECTION[rule.direction];
    if (!allowed.includes(role)) return;
    const key = `${rule.relation} ${target}`;
    if (!edges.has(key)) {
      edges.set(key, { relation: rule.relation, target, rule });
    }
  };
  for (const relation of entity.relations ?? []) {
    add(relation.type, relation.targetRef && refKey(relation.targetRef));
  }
  const namespace = entity.metadata.namespace ?? 'default';
  for (const { field, relation } of SPEC_LINEAGE_FIELDS) {
    for (const value of specRefs(entity.spec?.[field])) {
      add(
        relation,
        normalizeRef(value, {
          defaultKind: 'resource',
          defaultNamespace: namespace,
        }),
      );
    }
  }
  return [...edges.values()];
}

/**
 * The relations that point the way lineage is declared (a model to its
 * training data and base model, an endpoint to its model and logs, a
 * component to what it depends on). Cycles are looked for along these.
 */
const FORWARD_RELATIONS = new Set(
  [
    RELATION_TRAINED_ON,
    RELATION_FINE_TUNED_FROM,
    RELATION_SERVES,
    RELATION_LOGS_TO,
    'dependsOn',
  ].map(r => r.toLocaleLowerCase('en-US')),
);

/** The forward lineage edges of an entity: relations and spec fields. */
export function forwardEdges(
  entity: Entity,
): Array<{ relation: string; target: string }> {
  const edges = new Map<string, { relation: string; target: string }>();
  const add = (relation: string, target: string | undefined) => {
    if (target && !edges.has(`${relation} ${target}`)) {
      edges.set(`${relation} ${target}`, { relation, target });
    }
  };
  for (const relation of entity.relations ?? []) {
    if (FORWARD_RELATIONS.has(relation.type.toLocaleLowerCase('en-US'))) {
      add(relation.type, relation.targetRef && refKey(relation.targetRef));
    }
  }
  const namespace = entity.metadata.namespace ?? 'default';
  for (const { field, relation } of SPEC_LINEAGE_FIELDS) {
    for (const value of specRefs(entity.spec?.[field])) {
      add(
        relation,
        normalizeRef(value, {
          defaultKind: 'resource',
          defaultNamespace: namespace,
        }),
      );
    }
  }
  return [...edges.values()];
}

/**
 * The cycles among a set of entities along their forward lineage edges,
 * each as a path that ends where it starts. Depth-first; every back edge
 * gives one cycle.
 */
export function findCycles(
  entities: ReadonlyMap<string, Entity>,
): Array<{ path: string[]; relations: string[] }> {
  const state = new Map<string, 'active' | 'done'>();
  const stack: Array<{ key: string; relation?: string }> = [];
  const cycles: Array<{ path: string[]; relations: string[] }> = [];
  const visit = (key: string, relation?: string) => {
    state.set(key, 'active');
    stack.push({ key, relation });
    for (const edge of forwardEdges(entities.get(key)!)) {
      if (!entities.has(edge.target)) continue;
      const seen = state.get(edge.target);
      if (seen === 'active') {
        const start = stack.findIndex(s => s.key === edge.target);
        const loop = stack.slice(start);
        cycles.push({
          path: [...loop.map(s => s.key), edge.target],
          relations: [...loop.slice(1).map(s => s.relation!), edge.relation],
        });
      } else if (seen === undefined) {
        visit(edge.target, edge.relation);
      }
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of entities.keys()) {
    if (!state.has(key)) visit(key);
  }
  return cycles;
}
