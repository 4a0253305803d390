/*
 * Incidents and LLM entities in Backstage search: the real search backend
 * (Lunr), its catalog collator and this suite's module, against the real
 * catalog backend with the example catalog, on SQLite and PostgreSQL. A
 * responder finds an incident by its entity's name; an outsider, whose
 * read decision is conditional (only what they launched), finds nothing.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import searchBackend from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import {
  createIncidentConditionalDecision,
  incidentConditions,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';
import { searchModuleLeakResponse } from './module';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const RESPONDER = 'user:default/noah.fischer';
const OUTSIDER = 'user:default/nobody';

/**
 * Everyone may read the catalog; incidents: the responder all, the outsider
 * only those they launched (a conditional decision), which the search
 * backend then checks result by result.
 */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    const userOf = (credentials: BackstageCredentials) =>
      (credentials.principal as { userEntityRef?: string }).userEntityRef;
    return {
      async authorize(requests, { credentials }) {
        return requests.map(r => ({
          result:
            userOf(credentials) === OUTSIDER &&
            r.permission.name.startsWith('leak-response.')
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests, { credentials }) {
        return requests.map(({ permission }) =>
          userOf(credentials) === OUTSIDER &&
          permission.name === incidentReadPermission.name
            ? createIncidentConditionalDecision(incidentReadPermission, {
                anyOf: [incidentConditions.isCreator({ claims: [OUTSIDER] })],
              })
            : { result: AuthorizeResult.ALLOW },
        );
      },
    };
  },
});

const quickly = {
  frequency: { seconds: 2 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 1 },
};

describe.each(databases.eachSupportedId())(
  'incidents and LLM entities in search on %p',
  databaseId => {
    let server: any;
    let backend: Awaited<ReturnType<typeof startCatalogBackend>> | undefined;

    const search = (term: string, user: string, types: string[] = []) =>
      request(server)
        .get('/api/search/query')
        .query({ term, types })
        .set('Authorization', mockCredentials.user.header(user));

    /** Polls until `found` holds for the results (indexing is scheduled). */
    async function searchUntil(
      term: string,
      found: (results: any[]) => boolean,
      types: string[] = [],
    ) {
      const started = Date.now();
      for (;;) {
        const res = await search(term, RESPONDER, types);
        if (res.status === 200 && found(res.body.results)) {
          return res.body.results as any[];
        }
        if (Date.now() - started > 60_000) {
          throw new Error(
            `not found in search: ${term} (${res.status} ${JSON.stringify(
              res.body,
            ).slice(0, 300)})`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }

    let incidentId: string;

    beforeAll(async () => {
      backend = await startCatalogBackend({
        databaseId,
        config: {
          permission: { enabled: true },
          search: {
            collators: {
              catalog: { schedule: quickly },
              leakResponse: { schedule: quickly },
            },
          },
        },
        features: [
          searchBackend,
          searchModuleCatalogCollator,
          searchModuleLeakResponse,
          permissionsFactory,
          // the real scheduler, so the collators run on their schedule
          schedulerServiceFactory,
        ],
      });
      server = backend.server;
      // the plan needs the catalog: retry the launch until it has ingested
      const started = Date.now();
      for (;;) {
        const res = await request(server)
          .post('/api/leak-response/v1/incidents')
          .set('Authorization', mockCredentials.user.header(RESPONDER))
          .set('Idempotency-Key', `search-${databaseId}`)
          .send({
            entityRef: 'resource:default/recsys-llm-v3',
            leakType: 'model-weight-exfiltration',
            awareAt: '2026-11-20T09:30:00Z',
          });
        if (
          res.status < 300 &&
          res.body.affected.some(
            (a: { entityRef: string }) =>
              a.entityRef === 'resource:default/clickstream-2025q3',
          )
        ) {
          incidentId = res.body.id;
          break;
        }
        if (Date.now() - started > 120_000) {
          throw new Error(`catalog not ready: ${res.status}`);
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('finds the incident by its entity name, with its leak type, status and obligations', async () => {
      const results = await searchUntil(
        'recsys-llm-v3',
        r => r.some(x => x.type === 'leak-response-incident'),
        ['leak-response-incident'],
      );

      expect(results).toHaveLength(1);
      const [{ document }] = results;
      expect(document).toMatchObject({
        location: `/leak-response/incidents/${incidentId}`,
        incidentId,
        entityRef: 'resource:default/recsys-llm-v3',
        entityName: 'recsys-llm-v3',
        leakType: 'model-weight-exfiltration',
        status: 'triage',
        exercise: false,
      });
      expect(document.text).toContain('model weight exfiltration');
      expect(document.obligations).toEqual(
        expect.arrayContaining([expect.stringMatching(/^GDPR gdpr33: /)]),
      );
      // an obligation is searchable too
      const byObligation = await search('gdpr33', RESPONDER, [
        'leak-response-incident',
      ]);
      expect(
        byObligation.body.results.map((r: any) => r.document.incidentId),
      ).toEqual([incidentId]);
    });

    it('does not show the incident to someone who may not read it', async () => {
      await searchUntil('recsys-llm-v3', r =>
        r.some(x => x.type === 'leak-response-incident'),
      );
      const res = await search('recsys-llm-v3', OUTSIDER);

      expect(res.status).toBe(200);
      const types = res.body.results.map((r: any) => r.type);
      expect(types).not.toContain('leak-response-incident');
      // the catalog's documents are still there for them
      expect(types).toContain('software-catalog');
    });

    it('finds LLM entities by the description of their data categories', async () => {
      const results = await searchUntil(
        'behavioral',
        r =>
          r.some(x =>
            x.document.location?.endsWith('/resource/clickstream-2025q3'),
          ),
        ['software-catalog'],
      );

      const clickstream = results.find(r =>
        r.document.location.endsWith('/resource/clickstream-2025q3'),
      );
      expect(clickstream.document.text).toContain(
        'Data categories: personal.identifiers (',
      );
      expect(clickstream.document.dataCategories).toEqual([
        'personal.identifiers',
        'personal.behavioral',
      ]);
    });
  },
);
