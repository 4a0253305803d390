import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleLlm } from './module';

/*
 * The real catalog backend plus this module, reading the example catalog
 * and a few scratch files from disk, queried over HTTP as the frontend and
 * the leak-response backend would.
 */

jest.setTimeout(180_000);

const EXAMPLES = path.resolve(__dirname, '../../../examples');

const SIBLINGS_AND_BROKEN = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: sibling-dataset
spec:
  type: llm-dataset
  owner: group:ml-platform
  dataCategories: [personal.contact]
  regions: [eu-west-1]
  dataSubjects: [EU]
  purpose: evaluation
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: broken-model
spec:
  type: llm-model
  owner: group:ml-platform
  dataCategories: [personal.shoesize]
  regions: [eu-west-9]
  dataSubjects: [UK]
  trainedOn: [component:checkout-web]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: sibling-model
spec:
  type: llm-model
  owner: group:ml-platform
  trainedOn: [resource:sibling-dataset]
`;

const evolvingModel = (regions: string) => `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: evolving-model
spec:
  type: llm-model
  owner: group:ml-platform
  regions: ${regions}
`;

type Response = { status: number; body: any };

/** An entity as the catalog API returns it, with processing status. */
type CatalogEntity = Entity & {
  status?: { items?: Array<{ type: string; level: string; message: string }> };
};

/**
 * A request with its own agent: the test environment replaces the global
 * agents to block outside network access.
 */
function call(
  server: Server,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<Response> {
  const { port } = server.address() as AddressInfo;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        headers: {
          authorization: mockCredentials.user.header(),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // keep the raw text: error pages are not always JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Polls until `probe` returns a value, failing with the last observation at the deadline. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}; last error: ${String(last)}`);
}

/** Lets the test dry-run `file` locations through POST /locations. */
const fileLocationsForTest = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the catalog with the LLM module on %s',
  databaseId => {
    let server: Server;
    let stop: () => Promise<void>;
    let scratch: string;

    const getEntity = async (
      ref: string,
    ): Promise<CatalogEntity | undefined> => {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const res = await call(
        server,
        'GET',
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      return res.status === 200 ? res.body : undefined;
    };
    const relationsOf = (entity: Entity, type: string) =>
      (entity.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();

    beforeAll(async () => {
      scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'catalog-module-llm-'));
      await fs.writeFile(
        path.join(scratch, 'siblings.yaml'),
        SIBLINGS_AND_BROKEN,
      );
      await fs.writeFile(
        path.join(scratch, 'evolving.yaml'),
        evolvingModel('[eu-west-1]'),
      );
      const knex = await databases.init(databaseId);
      const file = (target: string) => ({ type: 'file', target });
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleLlm,
          fileLocationsForTest,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  {
                    allow: [
                      'Component',
                      'API',
                      'Resource',
                      'System',
                      'Domain',
                      'Group',
                      'User',
                      'Location',
                    ],
                  },
                ],
                locations: [
                  file(path.join(EXAMPLES, 'llm-resources.yaml')),
                  file(path.join(EXAMPLES, 'systems.yaml')),
                  file(path.join(EXAMPLES, 'org.yaml')),
                  file(path.join(scratch, 'siblings.yaml')),
                  file(path.join(scratch, 'evolving.yaml')),
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop?.();
      await fs.rm(scratch, { recursive: true, force: true });
    });

    it('ingests every example LLM entity with its lineage relations', async () => {
      const model = await eventually(
        'recsys-llm-v3 with its lineage',
        async () => {
          const entity = await getEntity('resource:default/recsys-llm-v3');
          return entity &&
            relationsOf(entity, 'servedBy').length > 0 &&
            relationsOf(entity, 'trainingDataOf').length === 0
            ? entity
            : undefined;
        },
      );
      expect(relationsOf(model, 'trainedOn')).toEqual([
        'resource:default/clickstream-2025q3',
        'resource:default/order-history-2025',
      ]);
      expect(relationsOf(model, 'fineTunedFrom')).toEqual([
        'resource:default/base-llm-7b',
      ]);
      expect(relationsOf(model, 'servedBy')).toEqual([
        'resource:default/recsys-endpoint-eu',
      ]);
      expect(relationsOf(model, 'ownedBy')).toEqual([
        'group:default/ml-platform',
      ]);
      expect(relationsOf(model, 'partOf')).toEqual([
        'system:default/product-discovery',
      ]);
      expect(model.metadata.labels).toEqual(
        expect.objectContaining({
          'leak-response.io/personal-data': 'true',
          'leak-response.io/special-category': 'false',
          'leak-response.io/jurisdiction-eu': 'true',
          'leak-response.io/jurisdiction-gb': 'true',
        }),
      );

      const dataset = await eventually(
        'clickstream-2025q3 with reverse relations',
        async () => {
          const entity = await getEntity('resource:default/clickstream-2025q3');
          return entity && relationsOf(entity, 'trainingDataOf').length > 0
            ? entity
            : undefined;
        },
      );
      expect(relationsOf(dataset, 'trainingDataOf')).toEqual([
        'resource:default/recsys-llm-v3',
      ]);

      const endpoint = await eventually('recsys-endpoint-eu', async () => {
        const entity = await getEntity('resource:default/recsys-endpoint-eu');
        return entity && relationsOf(entity, 'dependencyOf').length > 0
          ? entity
          : undefined;
      });
      expect(relationsOf(endpoint, 'serves')).toEqual([
        'resource:default/recsys-llm-v3',
      ]);
      expect(relationsOf(endpoint, 'logsTo')).toEqual([
        'resource:default/recsys-inference-logs',
      ]);
      expect(relationsOf(endpoint, 'dependencyOf')).toEqual(
        expect.arrayContaining([
          'component:default/account-pages',
          'component:default/product-search',
        ]),
      );

      const logs = await getEntity('resource:default/recsys-inference-logs');
      expect(relationsOf(logs!, 'logsOf')).toEqual([
        'resource:default/recsys-endpoint-eu',
      ]);
      const base = await getEntity('resource:default/base-llm-7b');
      expect(relationsOf(base!, 'fineTunedInto')).toEqual(
        expect.arrayContaining([
          'resource:default/recsys-llm-v3',
          'resource:default/support-assistant-v4',
        ]),
      );

      // Every LLM entity of the examples made it in, none with errors.
      const all = await eventually('all example LLM entities', async () => {
        const res = await call(
          server,
          'GET',
          '/api/catalog/entities?filter=kind=resource',
        );
        const llm = (res.body as CatalogEntity[]).filter(e =>
          String(e.spec?.type).startsWith('llm-'),
        );
        return llm.length >= 23 ? llm : undefined; // 21 examples + 2 valid siblings
      });
      const withErrors = all
        .filter(e => (e.status?.items ?? []).length > 0)
        .map(e => e.metadata.name);
      expect(withErrors).toEqual([]);
    });

    it('filters on the derived labels through the catalog API', async () => {
      const res = await eventually('label filter', async () => {
        const r = await call(
          server,
          'GET',
          '/api/catalog/entities?filter=metadata.labels.leak-response.io/card-data=true&fields=metadata.name',
        );
        return r.status === 200 && (r.body as Entity[]).length >= 2
          ? r
          : undefined;
      });
      expect((res.body as Entity[]).map(e => e.metadata.name).sort()).toEqual([
        'checkout-assistant-endpoint',
        'checkout-prompt-logs',
      ]);
    });

    it('rejects a broken LLM entity with a processing error while its siblings are ingested', async () => {
      const sibling = await eventually('sibling-model', async () => {
        const entity = await getEntity('resource:default/sibling-model');
        return entity && relationsOf(entity, 'trainedOn').length > 0
          ? entity
          : undefined;
      });
      expect(relationsOf(sibling, 'trainedOn')).toEqual([
        'resource:default/sibling-dataset',
      ]);
      expect(await getEntity('resource:default/sibling-dataset')).toBeDefined();
      // A brand-new entity that fails processing is never stitched, so it
      // stays out of the catalog even after further processing rounds.
      await new Promise(r => setTimeout(r, 3000));
      expect(await getEntity('resource:default/broken-model')).toBeUndefined();

      // The catalog's own dry run of the location reports the processing error.
      const dryRun = await call(
        server,
        'POST',
        '/api/catalog/locations?dryRun=true',
        {
          type: 'file',
          target: path.join(scratch, 'siblings.yaml'),
        },
      );
      expect(dryRun.status).toBe(400);
      const message: string = dryRun.body.error.message;
      expect(message).toContain(
        'resource:default/broken-model is not a valid LLM entity (4 problems)',
      );
      expect(message).toContain(
        'spec.dataCategories[0]: is not a known data category (got "personal.shoesize"); allowed: personal.identifiers',
      );
      expect(message).toContain(
        'spec.regions[0]: is not a known AWS region (got "eu-west-9"); allowed: af-south-1',
      );
      expect(message).toContain(
        'spec.dataSubjects[0]: is not a known country or jurisdiction code; did you mean GB? (got "UK")',
      );
      expect(message).toContain(
        'spec.trainedOn[0]: points at kind component; lineage references must point at a Resource',
      );
      expect(message).not.toContain('sibling');
    });

    it('shows the processing error on an entity that breaks after it was ingested', async () => {
      await eventually('evolving-model', () =>
        getEntity('resource:default/evolving-model'),
      );
      await fs.writeFile(
        path.join(scratch, 'evolving.yaml'),
        evolvingModel('[eu-west-1, mars-north-1]'),
      );
      await call(server, 'POST', '/api/catalog/refresh', {
        entityRef: 'resource:default/evolving-model',
      });

      const broken = await eventually(
        'a processing error on evolving-model',
        async () => {
          const entity = await getEntity('resource:default/evolving-model');
          return entity?.status?.items?.length ? entity : undefined;
        },
      );
      const [item] = broken.status!.items!;
      expect(item.type).toBe('backstage.io/catalog-processing');
      expect(item.level).toBe('error');
      expect(item.message).toContain('InputError');
      expect(item.message).toContain(
        'spec.regions[1]: is not a known AWS region (got "mars-north-1"); allowed: af-south-1',
      );
      // The last valid version stays in the catalog meanwhile.
      expect(broken.spec?.regions).toEqual(['eu-west-1']);

      // Fixing the file clears the error.
      await fs.writeFile(
        path.join(scratch, 'evolving.yaml'),
        evolvingModel('[eu-west-1, eu-west-2]'),
      );
      await call(server, 'POST', '/api/catalog/refresh', {
        entityRef: 'resource:default/evolving-model',
      });
      const fixed = await eventually('evolving-model fixed', async () => {
        const entity = await getEntity('resource:default/evolving-model');
        return entity && (entity.spec?.regions as string[]).length === 2
          ? entity
          : undefined;
      });
      expect(fixed.status?.items ?? []).toEqual([]);
    });
  },
);
