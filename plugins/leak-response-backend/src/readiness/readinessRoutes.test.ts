import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ReadinessReport,
  readinessReadPermission,
} from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';
import { ROLES } from '../__testUtils__/config';
import { exampleCatalog } from '../plan/__testUtils__/catalogFixtures';

/** A resource as AWS discovery emits it without an owner or category tag. */
const DISCOVERED: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'shopwise-raw-uploads',
    namespace: 'default',
    labels: { 'leak-response.io/unclassified': 'true' },
    annotations: {
      'leak-response.io/unclassified-missing': 'llm:data-categories,owner',
      'amazonaws.com/arn': 'arn:aws:s3:::shopwise-raw-uploads',
    },
  },
  spec: {
    type: 'llm-dataset',
    owner: 'group:default/unknown',
    regions: ['eu-west-1'],
  },
};

const backends: Array<{ stop(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(backends.map(b => b.stop()));
});

async function start(options: { deny?: boolean } = {}) {
  const backend = await startTestBackend({
    features: [
      leakResponsePlugin,
      catalogServiceMock.factory({
        entities: [...exampleCatalog(), DISCOVERED],
      }),
      mockServices.rootConfig.factory({
        data: {
          leakResponse: { roles: ROLES, organisation: { name: 'Shopwise' } },
        },
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  backends.push(backend);
  return backend.server;
}

const API = '/api/leak-response/v1';

/** GETs a route of the API as a user, or with the given Authorization. */
const get = (
  server: Awaited<ReturnType<typeof start>>,
  route: string,
  authorization = mockCredentials.user.header(),
) => request(server).get(`${API}${route}`).set('Authorization', authorization);

describe('GET /v1/readiness', () => {
  it('answers every LLM asset with its gaps and score, and the systems', async () => {
    const server = await start();
    // An exercise of the support model also exercises what it reached.
    const launched = await request(server)
      .post(`${API}/incidents`)
      .set('Authorization', mockCredentials.user.header())
      .send({
        entityRef: 'resource:default/support-assistant-v4',
        leakType: 'model-weight-exfiltration',
        exercise: true,
      });
    expect(launched.status).toBe(201);

    const res = await get(server, '/readiness');
    expect(res.status).toBe(200);
    const report = res.body as ReadinessReport;
    expect(report.assets).toHaveLength(22);
    expect(report.exerciseWindowDays).toBe(90);

    const byRef = new Map(report.assets.map(a => [a.entityRef, a]));
    const discovered = byRef.get('resource:default/shopwise-raw-uploads')!;
    expect(discovered.gaps.map(g => g.kind)).toEqual([
      'no-owner',
      'no-data-categories',
      'unclassified',
      // Its default owner is nobody in the catalog, so nobody is on call.
      'no-trained-on-call',
      'no-recent-exercise',
      'controls-missing',
    ]);
    expect(discovered.systemRef).toBeUndefined();

    const support = byRef.get('resource:default/support-assistant-v4')!;
    expect(support.lastExerciseAt).toBeDefined();
    expect(support.gaps.map(g => g.kind)).not.toContain('no-recent-exercise');
    const transcripts = byRef.get('resource:default/support-transcripts-2025')!;
    expect(transcripts.lastExerciseAt).toBe(support.lastExerciseAt);

    // The example data declare controls partly: product reviews lack three.
    const reviews = byRef.get('resource:default/product-reviews-2025')!;
    expect(reviews.gaps.find(g => g.kind === 'controls-missing')?.message).toBe(
      'spec.controls not declared: cloudtrailDataEvents, s3AccessLogging, kmsKeyRotation; declared off: macie',
    );
    // EU and UK customers' reviews are hosted in us-east-1.
    expect(
      reviews.gaps.find(g => g.kind === 'jurisdiction-review')?.details,
    ).toEqual([
      // adequacy for the US covers only certified recipients: still a review
      'us-east-1 (US) hosts data of people in EU: adequate only for recipients certified under the EU-U.S. Data Privacy Framework',
      'us-east-1 (US) hosts data of people in GB: adequate only for recipients certified under the UK Extension to the EU-U.S. Data Privacy Framework',
    ]);
    // the standing questions come with the report
    expect(report.standingQuestions).toEqual({
      questions: expect.any(Array),
      obligationCount: expect.any(Number),
      assetCount: expect.any(Number),
    });

    expect(report.gapCounts.unclassified).toBe(1);
    const noSystem = report.systems.find(s => !s.systemRef)!;
    expect(noSystem).toMatchObject({ assetCount: 1, score: discovered.score });
    const shop = report.systems.map(s => s.systemRef);
    expect(shop).toEqual(
      expect.arrayContaining([
        'system:default/ml-platform',
        'system:default/product-discovery',
        'system:default/customer-support',
      ]),
    );
    expect(
      report.systems.find(s => s.systemRef === 'system:default/ml-platform')
        ?.title,
    ).toBeTruthy();
  });

  it('answers 401 without credentials', async () => {
    const server = await start();
    const res = await get(server, '/readiness', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 403 naming the permission when the policy denies it', async () => {
    const server = await start({ deny: true });
    const res = await get(server, '/readiness');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `Not allowed: ${readinessReadPermission.name}`,
    );
  });
});

describe('GET /v1/inventory', () => {
  it('downloads the CSV inventory of every LLM asset', async () => {
    const server = await start();
    const res = await get(server, '/inventory').query({ format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="llm-inventory-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['access-control-expose-headers']).toBe(
      'Content-Disposition',
    );
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(23);
    expect(lines[0].startsWith('Entity,Title,Type,System,Owner,')).toBe(true);
    expect(
      lines.find(l => l.startsWith('resource:default/recsys-llm-v3,')),
    ).toContain(
      'trainedOn: resource:default/clickstream-2025q3; trainedOn: resource:default/order-history-2025; fineTunedFrom: resource:default/base-llm-7b',
    );
  });

  it('downloads the markdown record of processing activities', async () => {
    const server = await start();
    const res = await get(server, '/inventory?format=markdown');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/\.md"$/);
    expect(res.text).toMatch(
      /^# Record of processing activities: LLM assets of Shopwise\n/,
    );
    expect(res.text).toContain('22 assets');
    expect(res.text).toContain('| resource:default/shopwise-raw-uploads |');
  });

  it('answers 400 naming a bad format', async () => {
    const server = await start();
    const res = await get(server, '/inventory?format=xlsx');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'format: must be one of csv, markdown; got "xlsx"',
    );
    const twice = await get(server, '/inventory?format=csv&format=markdown');
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/^format: must be one of/);
  });

  it('answers 401 without credentials and 403 without the permission', async () => {
    const anonymous = await get(
      await start(),
      '/inventory',
      mockCredentials.none.header(),
    );
    expect(anonymous.status).toBe(401);
    const denied = await get(await start({ deny: true }), '/inventory');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      `Not allowed: ${readinessReadPermission.name}`,
    );
  });
});
