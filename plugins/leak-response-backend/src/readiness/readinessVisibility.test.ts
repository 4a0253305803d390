/*
 * Readiness shows only the exercises the caller may read (issue 13): under a
 * policy that lets people read only the incidents affecting what their team
 * owns, an exercise of another team's model leaves no trace in the
 * dashboard or the inventory, on SQLite and PostgreSQL.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createIncidentConditionalDecision,
  incidentConditions,
  incidentReadPermission,
  ReadinessReport,
} from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';
import { ROLES } from '../__testUtils__/config';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const COMPLIANCE = 'user:default/eva.lindqvist';
const ML = 'user:default/priya.raman';
const CHECKOUT = 'user:default/daniel.kim';
/** May read the dashboard, but no incident at all. */
const AUDITOR = 'user:default/external.auditor';

/** Stands in for the user info service: a user's ownership refs. */
const OWNERSHIP: Record<string, string[]> = {
  [COMPLIANCE]: [COMPLIANCE, 'group:default/dpo-office'],
  [ML]: [ML, 'group:default/ml-platform'],
  [CHECKOUT]: [CHECKOUT, 'group:default/checkout'],
  [AUDITOR]: [AUDITOR],
};

/**
 * The permission backend at the plugin's boundary, with the portal's
 * owners-or-launcher read policy: every known user may read readiness and
 * launch; compliance reads every incident, the auditor none, everyone else
 * those affecting what their team owns or that they launched.
 */
function ownersOnlyPermissions(): PermissionsService {
  const userOf = (credentials: BackstageCredentials) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ?? '';
  return {
    async authorize(requests, { credentials }) {
      const known = userOf(credentials) in OWNERSHIP;
      return requests.map(() => ({
        result: known ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests, { credentials }) {
      const user = userOf(credentials);
      return requests.map(({ permission }) => {
        expect(permission.name).toBe(incidentReadPermission.name);
        if (user === COMPLIANCE) return { result: AuthorizeResult.ALLOW };
        if (!(user in OWNERSHIP) || user === AUDITOR) {
          return { result: AuthorizeResult.DENY };
        }
        return createIncidentConditionalDecision(incidentReadPermission, {
          anyOf: [
            incidentConditions.isOwnerOfAffectedEntity({
              claims: OWNERSHIP[user],
            }),
            incidentConditions.isCreator({ claims: [user] }),
          ],
        });
      });
    },
  };
}

const API = '/api/leak-response/v1';
const ML_DATA = 'resource:default/clickstream-2025q3';
const CHECKOUT_DATA = 'resource:default/checkout-prompt-logs';

const dataset = (ref: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: ref.split('/')[1], namespace: 'default' },
  spec: {
    type: 'llm-dataset',
    owner,
    dataCategories: ['personal.identifiers'],
    regions: ['eu-west-2'],
    dataSubjects: ['GB'],
  },
});

/**
 * Two teams' datasets that nothing links (in the example catalog every
 * drill reaches some other team's entity through lineage).
 */
const entities = [
  dataset(ML_DATA, 'group:ml-platform'),
  dataset(CHECKOUT_DATA, 'group:checkout'),
];
const DAY = 24 * 3600 * 1000;

describe.each(databases.eachSupportedId())(
  'readiness under a conditional incident read on %p',
  databaseId => {
    let server: any;
    let stop: () => Promise<void>;
    const mlDrill = {
      awareAt: new Date(Date.now() - 10 * DAY).toISOString(),
      title: 'Quarterly drill: clickstream',
      id: '',
      createdBy: '',
      owners: [] as string[],
    };
    const checkoutDrill = {
      awareAt: new Date(Date.now() - 20 * DAY).toISOString(),
      title: 'Quarterly drill: checkout evaluation set',
      id: '',
      createdBy: '',
      owners: [] as string[],
    };

    /** What would give a drill away: its id, title and time (to the minute). */
    const traces = (drill: typeof mlDrill) => [
      drill.id,
      drill.title,
      drill.awareAt.slice(0, 16),
    ];
    const iso = (value?: string) =>
      value ? new Date(value).toISOString() : value;

    const get = (route: string, user: string) =>
      request(server)
        .get(`${API}${route}`)
        .set('Authorization', mockCredentials.user.header(user));

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          leakResponsePlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { leakResponse: { roles: ROLES } },
          }),
          createServiceFactory({
            service: coreServices.permissions,
            deps: {},
            factory: () => ownersOnlyPermissions(),
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();

      // compliance runs both drills, so neither team reads the other's as
      // its launcher
      for (const [drill, entityRef, leakType] of [
        [mlDrill, ML_DATA, 'training-data-exposure'],
        [checkoutDrill, CHECKOUT_DATA, 'training-data-exposure'],
      ] as const) {
        const res = await request(server)
          .post(`${API}/incidents`)
          .set('Authorization', mockCredentials.user.header(COMPLIANCE))
          .send({
            entityRef,
            leakType,
            exercise: true,
            awareAt: drill.awareAt,
            title: drill.title,
          });
        if (res.status !== 201) {
          throw new Error(`launch: ${res.status} ${res.text}`);
        }
        drill.id = res.body.id;
        drill.createdBy = res.body.createdBy;
        drill.owners = res.body.affected.map(
          (a: { snapshot: { owner?: string } }) => a.snapshot.owner,
        );
      }
    });

    it("launches each drill as compliance, on its own team's data only", () => {
      expect(mlDrill.createdBy).toBe(COMPLIANCE);
      expect(checkoutDrill.createdBy).toBe(COMPLIANCE);
      expect(mlDrill.owners).toEqual(['group:default/ml-platform']);
      expect(checkoutDrill.owners).toEqual(['group:default/checkout']);
    });

    afterAll(async () => {
      await stop?.();
    });

    /** The report as `user` sees it, with its assets by ref. */
    async function readinessAs(user: string) {
      const res = await get('/readiness', user);
      expect(res.status).toBe(200);
      const report = res.body as ReadinessReport;
      return {
        text: res.text,
        byRef: new Map(report.assets.map(a => [a.entityRef, a])),
      };
    }

    it("shows a team its own exercise and not another team's", async () => {
      const ml = await readinessAs(ML);
      expect(iso(ml.byRef.get(ML_DATA)?.lastExerciseAt)).toBe(mlDrill.awareAt);
      expect(ml.byRef.get(CHECKOUT_DATA)?.lastExerciseAt).toBeUndefined();
      expect(ml.byRef.get(CHECKOUT_DATA)?.gaps.map(g => g.kind)).toContain(
        'no-recent-exercise',
      );
      for (const trace of traces(checkoutDrill)) {
        expect(ml.text).not.toContain(trace);
      }

      const checkout = await readinessAs(CHECKOUT);
      expect(iso(checkout.byRef.get(CHECKOUT_DATA)?.lastExerciseAt)).toBe(
        checkoutDrill.awareAt,
      );
      expect(checkout.byRef.get(ML_DATA)?.lastExerciseAt).toBeUndefined();
      for (const trace of traces(mlDrill)) {
        expect(checkout.text).not.toContain(trace);
      }
    });

    it('shows compliance, who reads every incident, both exercises', async () => {
      const compliance = await readinessAs(COMPLIANCE);
      expect(iso(compliance.byRef.get(ML_DATA)?.lastExerciseAt)).toBe(
        mlDrill.awareAt,
      );
      expect(iso(compliance.byRef.get(CHECKOUT_DATA)?.lastExerciseAt)).toBe(
        checkoutDrill.awareAt,
      );
    });

    it('shows no exercise to a reader of readiness who may read no incident', async () => {
      const auditor = await readinessAs(AUDITOR);
      expect(auditor.byRef.size).toBeGreaterThan(0);
      expect([...auditor.byRef.values()].filter(a => a.lastExerciseAt)).toEqual(
        [],
      );
      for (const trace of [...traces(mlDrill), ...traces(checkoutDrill)]) {
        expect(auditor.text).not.toContain(trace);
      }
    });

    it('puts no exercise in the inventory, CSV or markdown', async () => {
      for (const format of ['csv', 'markdown']) {
        const res = await get(`/inventory?format=${format}`, ML);
        expect(res.status).toBe(200);
        expect(res.text).toContain(CHECKOUT_DATA);
        for (const trace of [...traces(mlDrill), ...traces(checkoutDrill)]) {
          expect(res.text).not.toContain(trace);
        }
      }
    });
  },
);
