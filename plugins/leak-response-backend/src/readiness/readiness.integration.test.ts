/*
 * Readiness and the inventory through the HTTP API, against the real catalog
 * backend with the LLM catalog module, the example catalog and AWS discovery
 * (the real SDK client against the local Tagging API server), with exercises
 * stored in SQLite and in PostgreSQL.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { TaggingApiTestServer } from '@leak-response/plugin-catalog-backend-module-llm/testUtils';
import { ReadinessReport } from '@leak-response/plugin-leak-response-common';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';
import { EXAMPLES_DIR } from '../plan/__testUtils__/catalogFixtures';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ACCOUNT = '111122223333';
const RAW_UPLOADS_ARN = 'arn:aws:s3:::shopwise-raw-uploads';

const auth = mockCredentials.user.header();

/** The users of the example org, rotation members among them. */
const EXAMPLE_USERS = (
  readFileSync(path.join(EXAMPLES_DIR, 'org.yaml'), 'utf8').match(
    /^kind: User$/gm,
  ) ?? []
).length;

describe.each(databases.eachSupportedId())(
  'readiness with the real catalog and AWS discovery on %p',
  databaseId => {
    let tagging: TaggingApiTestServer;
    let backend: Awaited<ReturnType<typeof startCatalogBackend>> | undefined;
    let server: any;

    beforeAll(async () => {
      tagging = await TaggingApiTestServer.start();
      // A bucket someone created for model training and never tagged.
      tagging.setResources('eu-west-1', [
        {
          arn: RAW_UPLOADS_ARN,
          tags: { 'llm:type': 'llm-dataset' },
        },
      ]);
      backend = await startCatalogBackend({
        databaseId,
        config: {
          aws: {
            accounts: [
              {
                accountId: ACCOUNT,
                accessKeyId: 'AKIDTESTONLY',
                secretAccessKey: 'test-secret',
              },
            ],
          },
        },
        catalogProviders: {
          llmAws: {
            shopwise: {
              accountId: ACCOUNT,
              regions: ['eu-west-1'],
              endpoint: tagging.endpoint,
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 5 },
              },
            },
          },
        },
        leakResponse: { organisation: { name: 'Shopwise' } },
      });
      server = backend.server;

      // Wait until the example catalog, its lineage, the discovered bucket
      // and every user are in (the plan reaches the surfaces once relations
      // exist; a rotation member not yet ingested would read as untrained).
      const started = Date.now();
      for (;;) {
        const [plan, readiness, users] = await Promise.all([
          request(server)
            .get(
              '/api/leak-response/v1/entities/resource/default/support-assistant-v4/plan',
            )
            .set('Authorization', auth),
          request(server)
            .get('/api/leak-response/v1/readiness')
            .set('Authorization', auth),
          request(server)
            .get('/api/catalog/entities/by-query')
            .query({ filter: 'kind=user', limit: 1 })
            .set('Authorization', auth),
        ]);
        const refs: string[] =
          plan.status === 200
            ? plan.body.impact.entities.map(
                (e: { entityRef: string }) => e.entityRef,
              )
            : [];
        if (
          refs.includes('resource:default/support-transcripts-2025') &&
          readiness.body.assets?.length === 22 &&
          users.body.totalItems === EXAMPLE_USERS
        ) {
          break;
        }
        if (Date.now() - started > 120_000) {
          throw new Error(
            `catalog not ready: plan ${plan.status}, ${readiness.body.assets?.length} assets, ${users.body.totalItems} of ${EXAMPLE_USERS} users`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
      await tagging?.close();
    });

    it('lists the discovered, unclassified bucket and counts recent exercises only', async () => {
      const launch = (entityRef: string, awareAt: string) =>
        request(server)
          .post('/api/leak-response/v1/incidents')
          .set('Authorization', auth)
          .send({
            entityRef,
            leakType: 'model-weight-exfiltration',
            exercise: true,
            awareAt,
          });
      const now = Date.now();
      const day = 24 * 3600 * 1000;
      const recent = new Date(now - 10 * day).toISOString();
      expect(
        (await launch('resource:default/support-assistant-v4', recent)).status,
      ).toBe(201);
      // A drill a season ago no longer counts.
      expect(
        (
          await launch(
            'resource:default/recsys-llm-v3',
            new Date(now - 120 * day).toISOString(),
          )
        ).status,
      ).toBe(201);

      const res = await request(server)
        .get('/api/leak-response/v1/readiness')
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      const report = res.body as ReadinessReport;
      const byRef = new Map(report.assets.map(a => [a.entityRef, a]));

      const unclassified = report.assets.filter(a =>
        a.gaps.some(g => g.kind === 'unclassified'),
      );
      expect(unclassified).toHaveLength(1);
      const [bucket] = unclassified;
      expect(bucket.type).toBe('llm-dataset');
      expect(bucket.gaps.map(g => g.kind)).toEqual(
        expect.arrayContaining(['no-owner', 'no-data-categories']),
      );
      expect(bucket.gaps.find(g => g.kind === 'unclassified')?.details).toEqual(
        ['missing tag llm:data-categories', 'missing tag owner'],
      );
      expect(report.gapCounts.unclassified).toBe(1);

      const support = byRef.get('resource:default/support-assistant-v4')!;
      expect(new Date(support.lastExerciseAt!).toISOString()).toBe(recent);
      // The drill reached the support transcripts the model was trained on.
      expect(
        byRef.get('resource:default/support-transcripts-2025')!.lastExerciseAt,
      ).toBe(support.lastExerciseAt);
      const recsys = byRef.get('resource:default/recsys-llm-v3')!;
      expect(recsys.lastExerciseAt).toBeUndefined();
      expect(recsys.gaps.map(g => g.kind)).toContain('no-recent-exercise');

      // wei.tan (security-ir) lacks a training: the rotation has gaps.
      expect(
        recsys.gaps.find(g => g.kind === 'no-trained-on-call')?.details,
      ).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^group:default\/security-ir: user:default\/wei\.tan is on call .* without ai-data-categorization$/,
          ),
        ]),
      );
      expect(report.systems.length).toBeGreaterThanOrEqual(5);
      expect(report.systems.at(-1)).toMatchObject({ assetCount: 1 });
      expect(report.systems.at(-1)?.systemRef).toBeUndefined();
    });

    it('exports the inventory with the discovered bucket in it', async () => {
      const res = await request(server)
        .get('/api/leak-response/v1/inventory?format=csv')
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines).toHaveLength(23);
      const bucket = lines.find(l => l.includes(RAW_UPLOADS_ARN))!;
      expect(bucket).toContain('llm-dataset');
      expect(bucket).toContain('eu-west-1 (IE)');
      expect(bucket.endsWith(',yes')).toBe(true);
    });
  },
);
