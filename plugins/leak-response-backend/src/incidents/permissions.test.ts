import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createIncidentConditionalDecision,
  IncidentAffectedEntity,
  incidentConditions,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import {
  IncidentReadAccessResolver,
  IncidentResource,
  incidentPermissionConditions,
  isCreator,
  isOwnerOfAffectedEntity,
  READ_ALL,
} from './permissions';

function affected(
  entityRef: string,
  owner: string | undefined,
  removedAt?: string,
): IncidentAffectedEntity {
  return {
    entityRef,
    role: 'downstream-model',
    snapshot: { owner, dataCategories: [], dataSubjects: [], regions: [] },
    addedAt: '2026-11-20T09:30:00.000Z',
    addedBy: 'user:default/noah.fischer',
    removedAt,
  };
}

const incident: IncidentResource = {
  id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01',
  // spelled as the launcher's token had it
  createdBy: 'user:default/Sam.Okafor',
  affected: [
    affected(
      'resource:default/clickstream-2025q3',
      'group:default/ml-platform',
    ),
    // short and mixed-case owners, as catalog authors write them
    affected('resource:default/recsys-llm-v3', 'Recsys'),
    affected(
      'resource:default/old-copy',
      'group:default/data-eng',
      '2026-11-21T00:00:00.000Z',
    ),
    affected('resource:default/orphan', undefined),
  ],
};

/**
 * The test that a rule's parameters are `{ claims: string[] }` as a
 * Standard Schema that accepts `[claim]`, rejects `invalid` with one issue
 * and describes itself as JSON Schema.
 */
function itValidatesClaims(
  rule: { paramsSchema?: unknown },
  claim: string,
  invalid: unknown,
) {
  it('validates its parameters as a standard schema with a JSON Schema', () => {
    const schema = rule.paramsSchema as any;
    expect(schema['~standard'].validate({ claims: [claim] })).toEqual({
      value: { claims: [claim] },
    });
    expect(schema['~standard'].validate(invalid).issues).toHaveLength(1);
    expect(
      schema['~standard'].jsonSchema.input({ target: 'draft-07' }),
    ).toMatchObject({
      type: 'object',
      properties: { claims: { type: 'array', items: { type: 'string' } } },
      required: ['claims'],
    });
  });
}

describe('IS_OWNER_OF_AFFECTED_ENTITY', () => {
  it('applies to the owners of affected entities still in the incident', () => {
    const apply = (claims: string[]) =>
      isOwnerOfAffectedEntity.apply(incident, { claims });
    expect(apply(['group:default/ml-platform'])).toBe(true);
    expect(apply(['user:default/ana', 'group:default/recsys'])).toBe(true);
    expect(apply(['Group:default/ML-Platform'])).toBe(true);
    expect(apply(['group:default/data-eng'])).toBe(false);
    expect(apply(['group:default/checkout', 'user:default/ana'])).toBe(false);
    expect(apply([])).toBe(false);
  });

  it('becomes a filter over affected owners for listings', () => {
    expect(
      isOwnerOfAffectedEntity.toQuery({ claims: ['group:default/checkout'] }),
    ).toEqual({ key: 'affectedOwner', values: ['group:default/checkout'] });
  });

  itValidatesClaims(isOwnerOfAffectedEntity, 'group:default/a', {
    claims: [7],
  });

  it('is the rule the -common conditions name', () => {
    const claims = ['user:default/ana', 'group:default/recsys'];
    expect(incidentConditions.isOwnerOfAffectedEntity({ claims })).toEqual(
      incidentPermissionConditions.isOwnerOfAffectedEntity({ claims }),
    );
  });
});

describe('IS_CREATOR', () => {
  it('applies to the user who launched the incident, without case', () => {
    const apply = (claims: string[]) => isCreator.apply(incident, { claims });
    expect(apply(['user:default/sam.okafor'])).toBe(true);
    expect(apply(['group:default/sre', 'User:default/SAM.OKAFOR'])).toBe(true);
    // a short ref is a user in the default namespace
    expect(apply(['sam.okafor'])).toBe(true);
    expect(apply(['user:default/noah.fischer'])).toBe(false);
    expect(apply(['user:other/sam.okafor'])).toBe(false);
    // owning an affected entity is the other rule's business
    expect(apply(['group:default/ml-platform'])).toBe(false);
    expect(apply([])).toBe(false);
  });

  it('does not match a service launcher by a user claim', () => {
    const launchedByService = {
      ...incident,
      createdBy: 'service:plugin:leak-response',
    };
    expect(
      isCreator.apply(launchedByService, {
        claims: ['user:default/leak-response'],
      }),
    ).toBe(false);
  });

  it('becomes a filter over the launcher for listings', () => {
    expect(isCreator.toQuery({ claims: ['user:default/sam.okafor'] })).toEqual({
      key: 'creator',
      values: ['user:default/sam.okafor'],
    });
  });

  itValidatesClaims(isCreator, 'user:default/a', {});

  it('is the rule the -common conditions name', () => {
    const claims = ['user:default/sam.okafor'];
    expect(incidentConditions.isCreator({ claims })).toEqual(
      incidentPermissionConditions.isCreator({ claims }),
    );
    expect(incidentConditions.isCreator({ claims }).rule).toBe('IS_CREATOR');
  });
});

describe('IncidentReadAccessResolver', () => {
  const resolver = new IncidentReadAccessResolver();

  it('reads everything on ALLOW and nothing on DENY', () => {
    expect(resolver.resolve({ result: AuthorizeResult.ALLOW })).toBe(READ_ALL);
    expect(resolver.resolve({ result: AuthorizeResult.DENY })).toBeUndefined();
  });

  it('turns a conditional decision into a filter and a check', () => {
    const decision = createIncidentConditionalDecision(incidentReadPermission, {
      anyOf: [
        incidentConditions.isOwnerOfAffectedEntity({
          claims: ['group:default/checkout'],
        }),
        incidentConditions.isOwnerOfAffectedEntity({
          claims: ['group:default/recsys'],
        }),
      ],
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'leak-response',
      resourceType: 'leak-response-incident',
    });
    const access = resolver.resolve(decision)!;
    expect(access.criteria).toEqual({
      anyOf: [
        { key: 'affectedOwner', values: ['group:default/checkout'] },
        { key: 'affectedOwner', values: ['group:default/recsys'] },
      ],
    });
    expect(access.allows(incident)).toBe(true);
    expect(
      access.allows({ ...incident, affected: incident.affected.slice(0, 1) }),
    ).toBe(false);
  });

  it('lets owners or the launcher read, as the portal policy combines them', () => {
    const access = (user: string, groups: string[]) =>
      resolver.resolve(
        createIncidentConditionalDecision(incidentReadPermission, {
          anyOf: [
            incidentConditions.isOwnerOfAffectedEntity({
              claims: [user, ...groups],
            }),
            incidentConditions.isCreator({ claims: [user] }),
          ],
        }),
      )!;
    const launcher = access('user:default/sam.okafor', ['group:default/sre']);
    expect(launcher.criteria).toEqual({
      anyOf: [
        {
          key: 'affectedOwner',
          values: ['user:default/sam.okafor', 'group:default/sre'],
        },
        { key: 'creator', values: ['user:default/sam.okafor'] },
      ],
    });
    expect(launcher.allows(incident)).toBe(true);
    const owner = access('user:default/priya.raman', [
      'group:default/ml-platform',
    ]);
    expect(owner.allows(incident)).toBe(true);
    const outsider = access('user:default/tom.becker', [
      'group:default/checkout',
    ]);
    expect(outsider.allows(incident)).toBe(false);
  });

  it('honours not and all-of as the store does', () => {
    const owner = (claim: string) =>
      incidentConditions.isOwnerOfAffectedEntity({ claims: [claim] });
    const notMl = resolver.resolve(
      createIncidentConditionalDecision(incidentReadPermission, {
        not: owner('group:default/ml-platform'),
      }),
    )!;
    expect(notMl.allows(incident)).toBe(false);
    const both = resolver.resolve(
      createIncidentConditionalDecision(incidentReadPermission, {
        allOf: [
          owner('group:default/ml-platform'),
          owner('group:default/recsys'),
        ],
      }),
    )!;
    expect(both.allows(incident)).toBe(true);
    expect(both.criteria).toEqual({
      allOf: [
        { key: 'affectedOwner', values: ['group:default/ml-platform'] },
        { key: 'affectedOwner', values: ['group:default/recsys'] },
      ],
    });
  });
});
