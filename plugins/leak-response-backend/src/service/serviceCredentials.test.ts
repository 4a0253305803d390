/*
 * Service credentials, through Backstage's real auth and httpAuth services
 * with a static external-access token (as a CI pipeline holds): Backstage
 * lets a service principal through every permission, so the routes decide
 * themselves. Reading holds, plans, incidents and unmapped detections, and
 * launching, accept it; every change to the record needs a user (403 naming
 * why).
 */
import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';

jest.setTimeout(60_000);

const TOKEN = 'ci-pipeline-static-token-0123456789';
const UNKNOWN = '0b5c3f1e-0000-4000-8000-000000000000';

const accepted: Array<[string, 'get' | 'post', string, object | null]> = [
  [
    'reading holds',
    'get',
    '/v1/holds?entityRef=resource:default/clickstream-2025q3',
    null,
  ],
  ['reading incidents', 'get', '/v1/incidents', null],
  ['reading an incident', 'get', `/v1/incidents/${UNKNOWN}`, null],
  ['exporting a report', 'get', `/v1/incidents/${UNKNOWN}/report`, null],
  ['listing unmapped detections', 'get', '/v1/detections/unmapped', null],
  [
    'reading a plan',
    'get',
    '/v1/entities/resource/default/x/plan?leakType=model-weight-exfiltration',
    null,
  ],
  [
    'launching from a pipeline',
    'post',
    '/v1/incidents',
    { entityRef: 'resource:default/x', leakType: 'model-weight-exfiltration' },
  ],
];

const refused: Array<[string, 'post' | 'put', string, object]> = [
  [
    'incident-status',
    'post',
    `/v1/incidents/${UNKNOWN}/status`,
    { status: 'closed' },
  ],
  [
    'incident-assess',
    'put',
    `/v1/incidents/${UNKNOWN}/assessment`,
    { answers: { risk: 'high' } },
  ],
  [
    'incident-obligation',
    'put',
    `/v1/incidents/${UNKNOWN}/obligations/${UNKNOWN}`,
    { status: 'not-required', justification: 'a pipeline decided it' },
  ],
  [
    'incident-notice-draft',
    'post',
    `/v1/incidents/${UNKNOWN}/notices`,
    { templateId: 'gdpr33' },
  ],
  [
    'incident-notice-edit',
    'put',
    `/v1/incidents/${UNKNOWN}/notices/${UNKNOWN}`,
    { body: 'edited by a pipeline' },
  ],
  [
    'incident-notice-approve',
    'post',
    `/v1/incidents/${UNKNOWN}/notices/${UNKNOWN}/approve`,
    { version: 'a'.repeat(64) },
  ],
  [
    'incident-notice-submit',
    'post',
    `/v1/incidents/${UNKNOWN}/notices/${UNKNOWN}/submit`,
    { submissionRef: 'REF-1' },
  ],
  [
    'incident-task',
    'put',
    `/v1/incidents/${UNKNOWN}/tasks/${UNKNOWN}`,
    { done: true },
  ],
];

describe('service credentials (static external-access token)', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        leakResponsePlugin,
        catalogServiceMock.factory(),
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'ci-pipeline' },
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  it.each(accepted)(
    'accepts a service for %s',
    async (_name, method, path, body) => {
      const req = request(server)
        [method](`/api/leak-response${path}`)
        .set('Authorization', `Bearer ${TOKEN}`);
      const res = await (body ? req.send(body) : req);
      // past authentication and permission: an answer, or "no such thing"
      expect([200, 404]).toContain(res.status);
    },
  );

  it.each(refused)(
    'refuses a service for %s, naming why',
    async (eventId, method, path, body) => {
      const res = await request(server)
        [method](`/api/leak-response${path}`)
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `Not allowed with service credentials: ${eventId} changes the record and needs a signed-in user, so that the record names who decided`,
      );
    },
  );

  it('still refuses a wrong token and anonymous callers', async () => {
    const wrong = await request(server)
      .get('/api/leak-response/v1/incidents')
      .set('Authorization', 'Bearer not-the-token');
    expect(wrong.status).toBe(401);
    const anonymous = await request(server).get(
      '/api/leak-response/v1/incidents',
    );
    expect(anonymous.status).toBe(401);
  });
});
