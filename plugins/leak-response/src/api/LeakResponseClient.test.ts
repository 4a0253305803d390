import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { baseUrl, client, mswServer } from '../__testUtils__/client';

const server = mswServer();

function notAllowed(message: string) {
  return HttpResponse.json(
    {
      error: { name: 'NotAllowedError', message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: 403 },
    },
    { status: 403 },
  );
}

describe('LeakResponseClient', () => {
  it('asks for the plan of an entity by kind, namespace and name with the query', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(
        `${baseUrl}/v1/entities/resource/default/recsys-llm-v3/plan`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json({
            entityRef: 'resource:default/recsys-llm-v3',
          });
        },
      ),
    );
    const plan = await client().getPlan({
      entityRef: 'resource:default/recsys-llm-v3',
      leakType: 'model-weight-exfiltration',
      awareAt: '2026-11-20T09:30:00.000Z',
    });
    expect(plan.entityRef).toBe('resource:default/recsys-llm-v3');
    expect(seen?.searchParams.get('leakType')).toBe(
      'model-weight-exfiltration',
    );
    expect(seen?.searchParams.get('awareAt')).toBe('2026-11-20T09:30:00.000Z');
  });

  it('leaves unset plan parameters out of the query', async () => {
    let search = 'unset';
    server.use(
      http.get(
        `${baseUrl}/v1/entities/component/shop/checkout/plan`,
        ({ request }) => {
          search = new URL(request.url).search;
          return HttpResponse.json({});
        },
      ),
    );
    await client().getPlan({ entityRef: 'component:shop/checkout' });
    expect(search).toBe('');
  });

  it('sends the user token with each call', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${baseUrl}/v1/incidents`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    await client().listIncidents();
    expect(authorization).toBe('Bearer guest-token');
  });

  it('lists incidents with filters joined by commas', async () => {
    let params: URLSearchParams | undefined;
    server.use(
      http.get(`${baseUrl}/v1/incidents`, ({ request }) => {
        params = new URL(request.url).searchParams;
        return HttpResponse.json({ items: [{ id: 'i-1' }], totalCount: 7 });
      }),
    );
    const list = await client().listIncidents({
      status: ['triage', 'investigating'],
      leakType: ['training-data-exposure'],
      open: true,
      exercise: false,
      entityRef: 'resource:default/recsys-llm-v3',
      limit: 20,
      orderBy: 'awareAt',
      order: 'desc',
    });
    expect(list.totalCount).toBe(7);
    expect(list.items.map(i => i.id)).toEqual(['i-1']);
    expect(Object.fromEntries(params!.entries())).toEqual({
      status: 'triage,investigating',
      leakType: 'training-data-exposure',
      open: 'true',
      exercise: 'false',
      entityRef: 'resource:default/recsys-llm-v3',
      limit: '20',
      orderBy: 'awareAt',
      order: 'desc',
    });
  });

  it('launches an incident with a JSON body and the idempotency key', async () => {
    let body: unknown;
    let key: string | null = null;
    server.use(
      http.post(`${baseUrl}/v1/incidents`, async ({ request }) => {
        body = await request.json();
        key = request.headers.get('idempotency-key');
        return HttpResponse.json(
          { id: 'i-9', status: 'triage' },
          { status: 201 },
        );
      }),
    );
    const record = await client().launchIncident(
      {
        entityRef: 'resource:default/recsys-llm-v3',
        leakType: 'model-weight-exfiltration',
        severity: 'high',
        exercise: true,
        summary: 'Drill',
      },
      { idempotencyKey: 'k-1' },
    );
    expect(record.id).toBe('i-9');
    expect(key).toBe('k-1');
    expect(body).toEqual({
      entityRef: 'resource:default/recsys-llm-v3',
      leakType: 'model-weight-exfiltration',
      severity: 'high',
      exercise: true,
      summary: 'Drill',
    });
  });

  it('sends each incident change to its route', async () => {
    const calls: Array<{ method: string; path: string; body: unknown }> = [];
    const record = (req: Request) => async () => {
      const text = await req.text();
      calls.push({
        method: req.method,
        path: new URL(req.url).pathname.replace('/api/leak-response', ''),
        body: text ? JSON.parse(text) : undefined,
      });
      return HttpResponse.json({ id: 'i 1' });
    };
    server.use(
      http.all(`${baseUrl}/v1/incidents/*`, ({ request }) => record(request)()),
    );
    const c = client();
    await c.setIncidentStatus('i 1', 'investigating', 'confirmed');
    await c.assessIncident('i 1', { risk: 'high', encrypted: false });
    await c.correctAwareness('i 1', '2026-11-20T09:00:00.000Z', 'earlier mail');
    await c.setTaskDone('i 1', 't-1', true);
    await c.decideObligation('i 1', 'o-1', {
      status: 'not-required',
      justification: 'Data were encrypted at rest',
    });
    await c.draftNotice('i 1', 'o-1');
    await c.editNotice('i 1', 'n-1', 'Dear regulator');
    await c.approveNotice('i 1', 'n-1', 'v-1');
    await c.submitNotice('i 1', 'n-1', 'DPC-123');
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/v1/incidents/i%201/status',
        body: { status: 'investigating', reason: 'confirmed' },
      },
      {
        method: 'PUT',
        path: '/v1/incidents/i%201/assessment',
        body: { answers: { risk: 'high', encrypted: false } },
      },
      {
        method: 'PUT',
        path: '/v1/incidents/i%201/awareness',
        body: { awareAt: '2026-11-20T09:00:00.000Z', reason: 'earlier mail' },
      },
      {
        method: 'PUT',
        path: '/v1/incidents/i%201/tasks/t-1',
        body: { done: true },
      },
      {
        method: 'PUT',
        path: '/v1/incidents/i%201/obligations/o-1',
        body: {
          status: 'not-required',
          justification: 'Data were encrypted at rest',
        },
      },
      {
        method: 'POST',
        path: '/v1/incidents/i%201/notices',
        body: { obligationId: 'o-1' },
      },
      {
        method: 'PUT',
        path: '/v1/incidents/i%201/notices/n-1',
        body: { body: 'Dear regulator' },
      },
      {
        method: 'POST',
        path: '/v1/incidents/i%201/notices/n-1/approve',
        body: { version: 'v-1' },
      },
      {
        method: 'POST',
        path: '/v1/incidents/i%201/notices/n-1/submit',
        body: { submissionRef: 'DPC-123' },
      },
    ]);
  });

  it('returns the report as markdown text', async () => {
    server.use(
      http.get(`${baseUrl}/v1/incidents/i-1/report`, () =>
        HttpResponse.text('# Incident i-1\n', {
          headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
        }),
      ),
    );
    await expect(client().getIncidentReport('i-1')).resolves.toBe(
      '# Incident i-1\n',
    );
  });

  it('asks whether an entity is on hold', async () => {
    server.use(
      http.get(`${baseUrl}/v1/holds`, ({ request }) =>
        HttpResponse.json({
          entityRef: new URL(request.url).searchParams.get('entityRef'),
          onHold: true,
          incidents: [
            { id: 'i-1', title: 'T', status: 'triage', exercise: false },
          ],
        }),
      ),
    );
    const holds = await client().getHolds(
      'resource:default/clickstream-2025q3',
    );
    expect(holds.onHold).toBe(true);
    expect(holds.incidents[0].id).toBe('i-1');
  });

  it('turns a backend error into a ResponseError with its message', async () => {
    server.use(
      http.get(`${baseUrl}/v1/incidents/i-1`, () =>
        notAllowed('Not allowed: leak-response.incident.read'),
      ),
    );
    const error = await client()
      .getIncident('i-1')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
    expect(error.body.error.message).toBe(
      'Not allowed: leak-response.incident.read',
    );
  });

  it('keeps the conflict message naming the allowed next states', async () => {
    server.use(
      http.post(`${baseUrl}/v1/incidents/i-1/status`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message:
                'status: cannot move from triage to closed; allowed next: investigating, closed',
            },
            request: { method: 'POST', url: '/' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    const error = await client()
      .setIncidentStatus('i-1', 'contained')
      .catch(e => e);
    expect(error.response.status).toBe(409);
    expect(error.cause.message).toMatch(/allowed next: investigating, closed/);
  });
});
