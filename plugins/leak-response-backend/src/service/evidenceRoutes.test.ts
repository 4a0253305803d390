/*
 * The record as evidence through the HTTP API, on SQLite and PostgreSQL:
 * the timeline's hash chain verified by `GET …/verify` (and found broken
 * after a row is edited behind the API's back), and the report as markdown
 * and as PDF, both printing the chain's head.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TimelineVerification } from '@leak-response/plugin-leak-response-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';
import { ROLES } from '../__testUtils__/config';
import { pluginDatabases } from '../__testUtils__/pluginDatabases';
import { exampleCatalog } from '../plan/__testUtils__/catalogFixtures';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/leak-response/v1/incidents';
const TITLE = 'Transcripts in a public bucket\r# Injected heading';

/** The plugin's own database, opened beside the running backend. */
function pluginKnex(config: ReturnType<typeof pluginDatabases>['config']) {
  if (config.client === 'pg') {
    return knexFactory({
      client: 'pg',
      connection: `${config.connection}/${config.prefix}leak-response`,
    });
  }
  const { directory } = config.connection as { directory: string };
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: `${directory}/leak-response.sqlite` },
    useNullAsDefault: true,
  });
}

describe.each(databases.eachSupportedId())(
  'the record as evidence on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
    let dbs: ReturnType<typeof pluginDatabases> | undefined;
    let knex: Knex | undefined;
    let id: string;

    beforeAll(async () => {
      dbs = pluginDatabases(databaseId);
      backend = await startTestBackend({
        features: [
          leakResponsePlugin,
          catalogServiceMock.factory({ entities: exampleCatalog() }),
          databaseServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              backend: { database: dbs.config },
              leakResponse: {
                roles: ROLES,
                escalation: { enabled: false },
              },
            },
          }),
        ],
      });
      server = backend.server;
      const launched = await request(server)
        .post(API)
        .set('Authorization', mockCredentials.user.header())
        .send({
          entityRef: 'resource:default/clickstream-2025q3',
          leakType: 'training-data-exposure',
          title: TITLE,
          exercise: true,
        });
      if (launched.status !== 201) {
        throw new Error(`launch: ${launched.status} ${launched.text}`);
      }
      id = launched.body.id;
      const moved = await request(server)
        .post(`${API}/${id}/status`)
        .set('Authorization', mockCredentials.user.header())
        .send({ status: 'investigating' });
      if (moved.status !== 200) {
        throw new Error(`status: ${moved.status} ${moved.text}`);
      }
      knex = pluginKnex(dbs.config);
    });

    afterAll(async () => {
      await knex?.destroy();
      await backend?.stop();
      await dbs?.remove();
    });

    const get = (path: string) =>
      request(server)
        .get(`${API}/${id}${path}`)
        .set('Authorization', mockCredentials.user.header());

    it('verifies an untouched chain and prints its head in both reports', async () => {
      const verified = await get('/verify');
      expect(verified.status).toBe(200);
      const chain: TimelineVerification = verified.body;
      const events = await knex!('incident_timeline')
        .where({ incident_id: id })
        .orderBy('sequence');
      expect(chain).toMatchObject({
        incidentId: id,
        intact: true,
        count: events.length,
        head: events[events.length - 1].hash,
      });
      expect(chain.firstBroken).toBeUndefined();
      expect(events.length).toBeGreaterThanOrEqual(2);

      const markdown = await get('/report');
      expect(markdown.status).toBe(200);
      expect(markdown.text).toContain(
        `- Timeline hash chain: ${events.length} events, head ${chain.head} (verified intact at `,
      );

      const pdf = await get('/report')
        .query({ format: 'pdf' })
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(
        `attachment; filename="incident-${id}.pdf"`,
      );
      const bytes: Buffer = pdf.body;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      // the document information, which PDFKit writes uncompressed
      expect(bytes.toString('latin1')).toContain(
        `(timeline-head:${chain.head})`,
      );
      expect(bytes.toString('latin1')).toContain(`(Incident ${id})`);
    });

    it('answers 400 naming the format for an unknown one', async () => {
      const res = await get('/report').query({ format: 'docx' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'format: unknown format "docx"; one of markdown, pdf',
      );
    });

    it('names the event edited behind the API, and the report says the chain is broken', async () => {
      const events = await knex!('incident_timeline')
        .where({ incident_id: id })
        .orderBy('sequence');
      const target = events[1];
      await knex!('incident_timeline')
        .where({ sequence: target.sequence })
        .update({ message: 'Nothing happened here' });

      const verified = await get('/verify');
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        intact: false,
        count: events.length,
        firstBroken: {
          sequence: Number(target.sequence),
          position: 2,
          type: target.type,
        },
        reason: expect.stringMatching(/does not match its hash/),
      });
      const markdown = await get('/report');
      expect(markdown.text).toContain(
        `NOT INTACT at ${verified.body.verifiedAt.slice(0, 4)}`,
      );
      expect(markdown.text).toContain(
        `first broken at event 2 (sequence ${Number(target.sequence)})`,
      );
    });
  },
);
