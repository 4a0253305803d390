/*
 * The plan route against the real catalog backend and the LLM catalog
 * module, loaded with the example catalog of the repository
 * (examples/*.yaml).
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';
import { LeakResponsePlan } from './api';

jest.setTimeout(120_000);

describe('plan with the real catalog backend and the example catalog', () => {
  it('answers the plan of a leaked support model', async () => {
    const { server } = await startCatalogBackend();

    const url =
      '/api/leak-response/v1/entities/resource/default/support-assistant-v4/plan';
    const ask = () =>
      request(server)
        .get(url)
        .query({
          leakType: 'model-weight-exfiltration',
          awareAt: '2026-11-27T09:00:00Z',
        })
        .set('Authorization', mockCredentials.user.header());

    // Wait until the catalog has ingested and stitched the example catalog.
    let plan: LeakResponsePlan | undefined;
    for (const started = Date.now(); Date.now() - started < 90_000; ) {
      const res = await ask();
      if (
        res.status === 200 &&
        res.body.impact.entities.length === 6 &&
        res.body.roles.every((r: { onCall?: unknown }) => r.onCall)
      ) {
        plan = res.body;
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    expect(plan).toBeDefined();

    const roles = Object.fromEntries(
      plan!.impact.entities.map(e => [e.entityRef, e.role]),
    );
    expect(roles).toEqual({
      'resource:default/support-assistant-v4': 'origin',
      'resource:default/support-transcripts-2025': 'upstream-data',
      'resource:default/base-llm-7b': 'upstream-data',
      'resource:default/support-assistant-endpoint': 'downstream-surface',
      'resource:default/support-chat-logs': 'log',
      'component:default/support-chat': 'downstream-surface',
    });
    expect(plan!.impact.dataCategories).toContain('personal.special');
    expect(plan!.impact.problems).toEqual({ missing: [], cycles: [] });

    const ai = plan!.roles.find(r => r.role === 'ai-engineering')!;
    expect(ai.entityRef).toBe('group:default/customer-support');
    expect(ai.onCall?.timeZone).toBe('Europe/Madrid');
    expect(['user:default/mateo.silva', 'user:default/chloe.martin']).toContain(
      ai.onCall?.now?.userRef,
    );
    expect(plan!.obligations).toMatchObject({
      status: 'evaluated',
      data: { traits: { personal: 'yes', specialCategory: 'yes' } },
    });

    const missing = await request(server)
      .get('/api/leak-response/v1/entities/resource/default/nope/plan')
      .query({ leakType: 'model-weight-exfiltration' })
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
  });
});
