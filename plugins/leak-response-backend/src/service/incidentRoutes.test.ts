/*
 * Every incidents route answers 401 without credentials, 403 (naming the
 * permission) when the policy denies, 400 naming the field for a bad body or
 * query, and 404 for an unknown incident.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';

jest.setTimeout(60_000);

const UNKNOWN = '0b5c3f1e-0000-4000-8000-000000000000';

type Route = {
  method: 'get' | 'post' | 'put';
  path: string;
  permission: string;
  body?: object;
  /** A body or query that fails validation, and the field the 400 names. */
  bad?: { body?: object; query?: object; field: string };
};

const routes: Route[] = [
  {
    method: 'post',
    path: '/v1/incidents',
    permission: 'leak-response.incident.create',
    body: {
      entityRef: 'resource:default/x',
      leakType: 'model-weight-exfiltration',
    },
    bad: {
      body: { entityRef: 'resource:default/x', leakType: 'spill' },
      field: 'leakType',
    },
  },
  {
    method: 'get',
    path: '/v1/incidents',
    permission: 'leak-response.incident.read',
    bad: { query: { limit: '0' }, field: 'limit' },
  },
  {
    method: 'get',
    path: `/v1/incidents/${UNKNOWN}`,
    permission: 'leak-response.incident.read',
  },
  {
    method: 'get',
    path: `/v1/incidents/${UNKNOWN}/report`,
    permission: 'leak-response.incident.read',
    bad: { query: { format: 'docx' }, field: 'format' },
  },
  {
    method: 'get',
    path: `/v1/incidents/${UNKNOWN}/verify`,
    permission: 'leak-response.incident.read',
  },
  {
    method: 'post',
    path: `/v1/incidents/${UNKNOWN}/status`,
    permission: 'leak-response.incident.update',
    body: { status: 'investigating' },
    bad: { body: { status: 'asleep' }, field: 'status' },
  },
  {
    method: 'put',
    path: `/v1/incidents/${UNKNOWN}/assessment`,
    permission: 'leak-response.incident.update',
    body: { answers: { risk: 'high' } },
    bad: { body: { answers: { risk: 'huge' } }, field: 'answers.risk' },
  },
  {
    method: 'put',
    path: `/v1/incidents/${UNKNOWN}/awareness`,
    permission: 'leak-response.incident.update',
    body: { awareAt: '2026-11-20T09:30:00Z', reason: 'log review' },
    bad: {
      body: { awareAt: 'yesterday', reason: 'log review' },
      field: 'awareAt',
    },
  },
  {
    method: 'put',
    path: `/v1/incidents/${UNKNOWN}/tasks/${UNKNOWN}`,
    permission: 'leak-response.incident.update',
    body: { done: true },
    bad: { body: { done: 'yes' }, field: 'done' },
  },
  {
    method: 'post',
    path: `/v1/incidents/${UNKNOWN}/entities/remove`,
    permission: 'leak-response.incident.update',
    body: { entityRef: 'resource:default/x', reason: 'not involved' },
    bad: { body: { entityRef: 'resource:default/x' }, field: 'reason' },
  },
  {
    method: 'put',
    path: `/v1/incidents/${UNKNOWN}/obligations/${UNKNOWN}`,
    permission: 'leak-response.incident.update',
    body: { status: 'pending' },
    bad: { body: { status: 'submitted' }, field: 'submissionRef' },
  },
  {
    method: 'post',
    path: `/v1/incidents/${UNKNOWN}/notices`,
    permission: 'leak-response.incident.update',
    body: { templateId: 'gdpr33' },
    bad: { body: {}, field: 'obligationId' },
  },
  {
    method: 'put',
    path: `/v1/incidents/${UNKNOWN}/notices/${UNKNOWN}`,
    permission: 'leak-response.incident.update',
    body: { body: '# notice' },
    bad: { body: { body: '' }, field: 'body' },
  },
  {
    method: 'post',
    path: `/v1/incidents/${UNKNOWN}/notices/${UNKNOWN}/approve`,
    permission: 'leak-response.notice.approve',
    body: { version: 'a'.repeat(64) },
    bad: { body: {}, field: 'version' },
  },
  {
    method: 'post',
    path: `/v1/incidents/${UNKNOWN}/notices/${UNKNOWN}/submit`,
    permission: 'leak-response.incident.update',
    body: { submissionRef: 'REF-1' },
    bad: { body: {}, field: 'submissionRef' },
  },
];

function call(
  server: any,
  route: Route,
  auth: string,
  body?: object,
  query?: object,
) {
  const req = request(server)
    [route.method](`/api/leak-response${route.path}`)
    .set('Authorization', auth);
  if (query) req.query(query);
  return route.method === 'get' ? req : req.send(body ?? route.body ?? {});
}

describe('incidents routes', () => {
  let allowed: any;
  let denied: any;
  let stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const a = await startTestBackend({
      features: [leakResponsePlugin, catalogServiceMock.factory()],
    });
    const d = await startTestBackend({
      features: [
        leakResponsePlugin,
        catalogServiceMock.factory(),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    allowed = a.server;
    denied = d.server;
    stops = [() => a.stop(), () => d.stop()];
  });

  afterAll(async () => {
    await Promise.all(stops.map(stop => stop()));
  });

  it.each(routes.map(r => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s: 401 anonymous, 403 denied',
    async (_name, route) => {
      const anonymous = await call(
        allowed,
        route,
        mockCredentials.none.header(),
      );
      expect(anonymous.status).toBe(401);
      const forbidden = await call(
        denied,
        route,
        mockCredentials.user.header(),
      );
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.message).toBe(
        `Not allowed: ${route.permission}`,
      );
    },
  );

  it.each(
    routes
      .filter(r => r.bad)
      .map(r => [`${r.method.toUpperCase()} ${r.path}`, r] as const),
  )('%s: 400 names the bad field', async (_name, route) => {
    const res = await call(
      allowed,
      route,
      mockCredentials.user.header(),
      route.bad!.body,
      route.bad!.query,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message.startsWith(`${route.bad!.field}: `)).toBe(
      true,
    );
  });

  it.each(
    routes
      .filter(r => r.path.includes(UNKNOWN))
      .map(r => [`${r.method.toUpperCase()} ${r.path}`, r] as const),
  )('%s: 404 for an unknown incident', async (_name, route) => {
    const res = await call(allowed, route, mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });
});
