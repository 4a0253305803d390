import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { leakResponsePlugin } from './plugin';

describe('leak-response backend plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [leakResponsePlugin],
    });
    const res = await request(server)
      .get('/api/leak-response/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses the incidents API without credentials', async () => {
    const { server } = await startTestBackend({
      features: [leakResponsePlugin],
    });
    const res = await request(server)
      .get('/api/leak-response/v1/incidents')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });

  it('lists no incidents for an allowed user on a fresh database', async () => {
    const { server } = await startTestBackend({
      features: [leakResponsePlugin],
    });
    const res = await request(server)
      .get('/api/leak-response/v1/incidents')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], totalCount: 0 });
  });

  it('answers 403 when the permission policy denies reading incidents', async () => {
    const { server } = await startTestBackend({
      features: [
        leakResponsePlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server)
      .get('/api/leak-response/v1/incidents')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('leak-response.incident.read');
  });

  it('serves the notice templates with the ones config replaces or adds', async () => {
    const { server } = await startTestBackend({
      features: [
        leakResponsePlugin,
        mockServices.rootConfig.factory({
          data: {
            leakResponse: {
              notices: {
                templates: [
                  {
                    id: 'gdpr33',
                    body: '# Our Art. 33 form{{exerciseNotice}}',
                  },
                  {
                    id: 'lgpd-anpd',
                    title: 'LGPD communication to the ANPD',
                    rules: ['lgpd48'],
                    body: '# ANPD{{exerciseNotice}}',
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/leak-response/v1/notice-templates')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((t: { id: string }) => [t.id, t]));
    expect(byId.get('gdpr33')).toMatchObject({
      rules: ['gdpr33'],
      body: '# Our Art. 33 form{{exerciseNotice}}',
    });
    expect(byId.get('lgpd-anpd')).toMatchObject({ rules: ['lgpd48'] });
    expect(byId.has('nis2-early-warning')).toBe(true);
  });
});
