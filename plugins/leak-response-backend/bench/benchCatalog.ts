/*
 * The bench catalog: 1,105 lineage families of nine entities (three
 * datasets → base model → fine-tuned model → endpoint → prompt log and two
 * components: four hops from the first dataset to the components) plus 10
 * groups with on-call rotations and 45 users with trainings, 10,000 entities
 * in all. Shared by the HTTP bench (plan.bench.ts) and the in-process cost
 * breakdown (planCost.ts).
 */
import { Entity } from '@backstage/catalog-model';

/** `BENCH_FAMILIES` makes a smaller catalog for a quick try. */
export const FAMILIES = Number(process.env.BENCH_FAMILIES) || 1105;
const GROUPS = 10;
const USERS_PER_GROUP = 4; // + 5 in security-ir below: 45 users

/** The roles of the bench's config. */
export const BENCH_ROLES = {
  compliance: 'group:dpo-office',
  security: 'group:security-ir',
  legal: 'group:legal',
  communications: 'group:communications',
};

export const LOCATION = 'bench:generated';
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  annotations: {
    'backstage.io/managed-by-location': LOCATION,
    'backstage.io/managed-by-origin-location': LOCATION,
  },
  ...extra,
});

/** The generated catalog: entities as a provider would hand them over. */
export function generateCatalog(): Entity[] {
  const entities: Entity[] = [];
  const groupNames = [
    'security-ir',
    'dpo-office',
    'legal',
    'communications',
    ...Array.from({ length: GROUPS - 4 }, (_, i) => `ml-team-${i}`),
  ];
  let userCount = 0;
  for (const group of groupNames) {
    const size = group === 'security-ir' ? 9 : USERS_PER_GROUP;
    const first = userCount;
    const members = Array.from({ length: size }, (_, n) => `user-${first + n}`);
    userCount += size;
    for (const [i, member] of members.entries()) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          ...meta(member),
          annotations: {
            ...meta(member).annotations,
            'leak-response.io/trainings':
              i % 3 === 2
                ? 'aws-incident-response'
                : 'aws-incident-response, ai-data-categorization',
          },
        },
        spec: {
          profile: { displayName: member, email: `${member}@bench.example` },
          memberOf: [group],
        },
      });
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        ...meta(group),
        annotations: {
          ...meta(group).annotations,
          'leak-response.io/oncall-members': members.join(', '),
          'leak-response.io/oncall-period': 'P1W',
          'leak-response.io/oncall-start': '2026-01-05T09:00',
          'leak-response.io/oncall-timezone': 'Europe/Berlin',
        },
      },
      spec: { type: 'team', children: [] },
    });
  }
  const resource = (name: string, spec: Record<string, unknown>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: meta(name),
    spec: { lifecycle: 'production', regions: ['eu-west-1'], ...spec },
  });
  for (let f = 0; f < FAMILIES; f++) {
    const owner = `group:ml-team-${f % (GROUPS - 4)}`;
    const subjects = {
      dataSubjects: ['EU', 'GB'],
      approxDataSubjects: 1000 + f,
    };
    entities.push(
      ...[0, 1, 2].map(i =>
        resource(`f${f}-data-${i}`, {
          type: 'llm-dataset',
          owner,
          purpose: 'training',
          dataCategories: ['personal.identifiers', 'personal.behavioral'],
          ...subjects,
        }),
      ),
      resource(`f${f}-base`, {
        type: 'llm-model',
        owner,
        trainedOn: [`resource:f${f}-data-0`],
        dataCategories: ['proprietary.model-weights'],
      }),
      resource(`f${f}-model`, {
        type: 'llm-model',
        owner,
        fineTunedFrom: `resource:f${f}-base`,
        trainedOn: [`resource:f${f}-data-1`, `resource:f${f}-data-2`],
        dataCategories: ['proprietary.model-weights', 'personal.identifiers'],
        ...subjects,
      }),
      resource(`f${f}-endpoint`, {
        type: 'llm-endpoint',
        owner,
        serves: [`resource:f${f}-model`],
        logsTo: [`resource:f${f}-log`],
        dataCategories: ['personal.identifiers', 'personal.contact'],
        ...subjects,
      }),
      resource(`f${f}-log`, {
        type: 'llm-dataset',
        owner,
        purpose: 'inference-log',
        dataCategories: ['personal.identifiers', 'personal.contact'],
        ...subjects,
      }),
      ...[0, 1].map(i => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: meta(`f${f}-web-${i}`),
        spec: {
          type: 'website',
          lifecycle: 'production',
          owner,
          dependsOn: [`resource:f${f}-endpoint`],
        },
      })),
    );
  }
  return entities;
}
