import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';
import { ROLES } from '../__testUtils__/config';
import { exampleCatalog } from './__testUtils__/catalogFixtures';
import { LeakResponsePlan } from './api';

async function start(
  options: {
    leakResponse?: JsonObject;
    deny?: boolean;
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      leakResponsePlugin,
      catalogServiceMock.factory({ entities: exampleCatalog() }),
      mockServices.rootConfig.factory({
        data: { leakResponse: options.leakResponse ?? { roles: ROLES } },
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  return server;
}

const PLAN = '/api/leak-response/v1/entities/resource/default';

describe('GET /v1/entities/:kind/:namespace/:name/plan', () => {
  it('answers the plan of a leaked model', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${PLAN}/recsys-llm-v3/plan`)
      .query({
        leakType: 'model-weight-exfiltration',
        awareAt: '2026-11-27T08:00:00+01:00',
      })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const plan = res.body as LeakResponsePlan;
    expect(plan.entityRef).toBe('resource:default/recsys-llm-v3');
    expect(plan.leakTypeSource).toBe('query');
    expect(plan.awareAt).toBe('2026-11-27T07:00:00.000Z');
    expect(plan.impact.entities).toHaveLength(9);
    expect(plan.impact.dataCategories).toContain('payment.financial');

    expect(plan.playbook.id).toBe('model-weight-exfiltration');
    expect(plan.playbook.selectedBy).toBe('leak-type-and-entity-type');
    const [contain] = plan.playbook.steps;
    expect(contain.dueAt).toBe('2026-11-27T08:00:00.000Z');
    expect(contain.raci.accountable).toEqual({
      role: 'security',
      entityRef: 'group:default/security-ir',
    });
    expect(contain.raci.responsible).toContainEqual({
      role: 'ai-engineering',
      entityRef: 'group:default/ml-platform',
    });

    const roles = Object.fromEntries(plan.roles.map(r => [r.role, r]));
    expect(roles.compliance).toMatchObject({
      entityRef: 'group:default/dpo-office',
      source: 'config',
      title: 'Data Protection Office',
      email: 'dpo@shopwise.example',
    });
    // The example groups carry rotations; the members come from the annotation.
    const security = roles.security.onCall!;
    expect(security.rotationOf).toBe('group:default/security-ir');
    expect(security.source).toBe('annotation');
    expect(security.timeZone).toBe('Europe/Dublin');
    expect([
      'user:default/noah.fischer',
      'user:default/aisha.khan',
      'user:default/wei.tan',
    ]).toContain(security.now!.userRef);
    expect(security.next!.from).toBe(security.now!.until);
    expect(security.next!.userRef).not.toBe(security.now!.userRef);

    // wei.tan lacks ai-data-categorization and is on shift every third week.
    expect(plan.readiness.gaps).toContainEqual(
      expect.objectContaining({
        kind: 'untrained-slot',
        rotationOf: 'group:default/security-ir',
        userRef: 'user:default/wei.tan',
        missingTrainings: ['ai-data-categorization'],
      }),
    );
    // The obligations if it leaked at awareAt, from the engine in -common.
    expect(plan.obligations.status).toBe('evaluated');
    if (plan.obligations.status !== 'evaluated') return;
    expect(plan.obligations.data.traits.personal).toBe('yes');
    expect(plan.obligations.data.inheritedFrom).toEqual([
      'resource:default/clickstream-2025q3',
      'resource:default/order-history-2025',
      'resource:default/base-llm-7b',
    ]);
    const byRule = new Map(
      plan.obligations.obligations.map(o => [o.ruleId, o]),
    );
    expect(byRule.get('gdpr33')).toMatchObject({
      due: { kind: 'at', at: '2026-11-30T07:00:00.000Z' },
    });
    // No Brazilian subjects, but no profile says where the organisation is
    // established: LGPD waits for that answer rather than assuming "nowhere".
    expect(byRule.get('lgpd')?.status).toBe('to-be-determined');
    expect(byRule.get('lgpd')?.reasons).toContain('no data subjects in BR');
    expect(byRule.get('lgpd')?.openQuestions.map(q => q.about)).toContain(
      'facts.establishments',
    );
    expect(byRule.get('visa_now')?.status).toBe('not-applicable');
    // A rule that does not apply carries no clock, deadline or rule text.
    expect(byRule.get('visa_now')).not.toHaveProperty('clock');
    expect(byRule.get('visa_now')).not.toHaveProperty('content');
  });

  it('derives the leak type from the entity type when none is given', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${PLAN}/support-assistant-endpoint/plan`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.leakType).toBe('inference-data-leakage');
    expect(res.body.leakTypeSource).toBe('entity-type');
    expect(res.body.playbook.id).toBe('inference-data-leakage');
  });

  it.each([
    [
      { leakType: 'data-spill' },
      'Invalid query parameter leakType: must be one of',
    ],
    [{ awareAt: 'yesterday' }, 'Invalid query parameter awareAt'],
    [{ awareAt: '2026-11-27T08:00:00' }, 'Invalid query parameter awareAt'],
    [
      { awareAt: ['2026-11-27T08:00:00Z', '2026-11-28T08:00:00Z'] },
      'Invalid query parameter awareAt: must be given once',
    ],
  ])('answers 400 naming the bad parameter for %j', async (query, message) => {
    const server = await start();
    const res = await request(server)
      .get(`${PLAN}/recsys-llm-v3/plan`)
      .query(query)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('answers 400 for an entity that needs an explicit leak type', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/leak-response/v1/entities/component/default/checkout-web/plan')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('leakType: required');
  });

  it('answers 404 for an unknown entity', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${PLAN}/no-such-model/plan`)
      .query({ leakType: 'model-weight-exfiltration' })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect(res.body.error.message).toContain('resource:default/no-such-model');
  });

  it('answers 401 without credentials', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${PLAN}/recsys-llm-v3/plan`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 403 when the policy denies reading incidents', async () => {
    const server = await start({ deny: true });
    const res = await request(server)
      .get(`${PLAN}/recsys-llm-v3/plan`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('leak-response.incident.read');
  });

  it('uses a playbook from config picked by the entity annotation', async () => {
    const entities = exampleCatalog().map(e =>
      e.metadata.name === 'checkout-assistant-endpoint'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                ...e.metadata.annotations,
                'leak-response.io/playbook': 'card-data-in-prompts',
              },
            },
          }
        : e,
    );
    const { server } = await startTestBackend({
      features: [
        leakResponsePlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            leakResponse: {
              roles: { ...ROLES, pci: 'group:checkout' },
              playbooks: [
                {
                  id: 'card-data-in-prompts',
                  title: 'Card data in prompts',
                  leakTypes: ['inference-data-leakage'],
                  steps: [
                    {
                      id: 'tell-acquirer',
                      title: 'Tell the acquirer',
                      phase: 'notify',
                      dueOffset: { hours: 0 },
                      raci: { responsible: ['pci'], accountable: 'pci' },
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .get(`${PLAN}/checkout-assistant-endpoint/plan`)
      .query({ leakType: 'inference-data-leakage' })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.playbook).toMatchObject({
      id: 'card-data-in-prompts',
      source: 'config',
      selectedBy: 'annotation',
    });
    expect(res.body.playbook.steps[0].raci.accountable).toEqual({
      role: 'pci',
      entityRef: 'group:default/checkout',
    });
  });

  it('fails start-up on a bad playbook, naming the playbook and the field', async () => {
    await expect(
      start({
        leakResponse: {
          roles: ROLES,
          playbooks: [
            {
              id: 'broken',
              title: 'Broken',
              leakTypes: ['inference-data-leakage'],
              steps: [
                {
                  id: 'x',
                  title: 'X',
                  phase: 'contain',
                  raci: { responsible: ['security'], accountable: 'nobody' },
                },
              ],
            },
          ],
        },
      }),
    ).rejects.toThrow(
      'Invalid playbook "broken" (leakResponse.playbooks[0]): steps[0].raci.accountable: unknown role "nobody"',
    );
  });
});
