import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import {
  byName,
  exampleCatalog,
  fakeFetcher,
} from '../__testUtils__/catalogFixtures';
import { DEFAULT_REQUIRED_TRAININGS } from '../oncall/rotation';
import { PeopleResolver } from './PeopleResolver';

const configuredRoles = new Map([
  ['compliance', 'group:default/dpo-office'],
  ['security', 'group:default/security-ir'],
]);

function resolver() {
  return PeopleResolver.create({
    configuredRoles,
    configuredRotations: new Map(),
    requiredTrainings: DEFAULT_REQUIRED_TRAININGS,
  });
}

/** What a catalog sends when asked for fields without relations. */
function withoutRelations(entities: Entity[]) {
  const full = fakeFetcher(entities);
  const lean = fakeFetcher(
    entities.map(({ relations: _relations, ...entity }) => entity as Entity),
  );
  return { full, lean };
}

const now = DateTime.fromISO('2026-11-27T10:00:00Z');

describe('PeopleResolver', () => {
  it('resolves roles, rotations and people in two lean rounds', async () => {
    const catalog = exampleCatalog();
    const { full, lean } = withoutRelations(catalog);
    const people = await resolver().resolve({
      origin: byName(catalog, 'recsys-llm-v3'),
      roles: ['ai-engineering', 'compliance', 'security'],
      now,
      fetch: lean,
      fetchWithRelations: full,
    });
    // The System and the role groups, then the Domain and the rotation members.
    expect(lean.batches).toHaveLength(2);
    expect(full.batches).toHaveLength(0);
    const security = people.roles.find(r => r.role === 'security')!;
    expect(security.onCall?.rotationOf).toBe('group:default/security-ir');
    expect(security.onCall?.now?.displayName).toBeDefined();
    expect(people.rotations.map(r => r.group).sort()).toEqual([
      'group:default/dpo-office',
      'group:default/ml-platform',
      'group:default/security-ir',
    ]);
  });

  it('fetches a group again with its relations when its rotation defaults to its members', async () => {
    const catalog = exampleCatalog().map(entity => {
      if (entity.metadata.name !== 'security-ir') return entity;
      const { 'leak-response.io/oncall-members': _members, ...annotations } =
        entity.metadata.annotations!;
      return { ...entity, metadata: { ...entity.metadata, annotations } };
    });
    const { full, lean } = withoutRelations(catalog);
    const people = await resolver().resolve({
      origin: byName(catalog, 'recsys-llm-v3'),
      roles: ['security'],
      now,
      fetch: lean,
      fetchWithRelations: full,
    });
    expect(full.batches).toEqual([['group:default/security-ir']]);
    const [security] = people.roles;
    expect(security.problems).toEqual([]);
    // The members by name, from the hasMember relations.
    expect(people.rotations[0].members).toEqual([
      'user:default/aisha.khan',
      'user:default/guest',
      'user:default/noah.fischer',
      'user:default/wei.tan',
    ]);
    expect(security.onCall?.now?.userRef).toMatch(/^user:default\//);
    expect(security.onCall?.now?.trainings.length).toBeGreaterThan(0);
  });
});
