/*
 * The incidents API under a policy that lets people read only the incidents
 * affecting an entity their team owns or that they launched (compliance
 * reads all), on SQLite and PostgreSQL; and the change signals every
 * successful change publishes.
 */
import {
  createServiceFactory,
  coreServices,
  BackstageCredentials,
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
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createIncidentConditionalDecision,
  incidentConditions,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const resource = (name: string, type: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: {
    type,
    owner,
    dataCategories: ['personal.identifiers'],
    regions: ['eu-west-2'],
    dataSubjects: ['GB'],
  },
});

const entities = [
  resource('recsys-llm-v3', 'llm-model', 'group:ml-platform'),
  resource('checkout-prompt-logs', 'llm-dataset', 'group:checkout'),
];

const COMPLIANCE = 'user:default/eva.lindqvist';
const ML = 'user:default/priya.raman';
const CHECKOUT = 'user:default/tom.becker';
const OUTSIDER = 'user:default/nobody';
/** Launches playbooks, owns nothing any incident affects. */
const LAUNCHER = 'user:default/sam.okafor';

/** Stands in for the user info service: a user's ownership refs. */
const OWNERSHIP: Record<string, string[]> = {
  [COMPLIANCE]: [COMPLIANCE, 'group:default/dpo-office'],
  [ML]: [ML, 'group:default/ml-platform'],
  [CHECKOUT]: [CHECKOUT, 'group:default/checkout'],
  [LAUNCHER]: [LAUNCHER, 'group:default/sre'],
};

/**
 * The permission backend with an owners-or-launcher read policy (the
 * portal's with restrictReadToOwners), at the boundary of the plugin: basic
 * permissions are allowed to known users; reading is allowed to compliance,
 * conditional for everyone else known, denied to strangers.
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
        if (!(user in OWNERSHIP)) {
          return { result: AuthorizeResult.DENY };
        }
        if (user === COMPLIANCE) {
          return { result: AuthorizeResult.ALLOW };
        }
        expect(permission.name).toBe(incidentReadPermission.name);
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

const as = (user: string) => mockCredentials.user.header(user);
const api = '/api/leak-response/v1';

describe.each(databases.eachSupportedId())(
  'incidents API with a conditional read policy on %p',
  databaseId => {
    let server: any;
    let stop: () => Promise<void>;
    const signals: Array<{
      channel: string;
      message: unknown;
      recipients: unknown;
    }> = [];
    let recsysId: string;
    let checkoutId: string;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          leakResponsePlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: coreServices.permissions,
            deps: {},
            factory: () => ownersOnlyPermissions(),
          }),
          createServiceFactory({
            service: signalsServiceRef,
            deps: {},
            factory: () => ({
              async publish(signal) {
                signals.push(signal);
              },
            }),
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();

      const launch = async (entityRef: string, key: string) => {
        const res = await request(server)
          .post(`${api}/incidents`)
          .set('Authorization', as(COMPLIANCE))
          .set('Idempotency-Key', key)
          .send({ entityRef, leakType: 'training-data-exposure' });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      recsysId = await launch('resource:default/recsys-llm-v3', 'k-recsys');
      checkoutId = await launch(
        'resource:default/checkout-prompt-logs',
        'k-checkout',
      );
    });

    afterAll(async () => {
      await stop?.();
    });

    it('lists only the incidents affecting what the caller owns', async () => {
      const list = async (user: string) => {
        const res = await request(server)
          .get(`${api}/incidents`)
          .set('Authorization', as(user));
        expect(res.status).toBe(200);
        return {
          ids: res.body.items.map((i: { id: string }) => i.id).sort(),
          totalCount: res.body.totalCount,
        };
      };
      expect(await list(ML)).toEqual({ ids: [recsysId], totalCount: 1 });
      expect(await list(CHECKOUT)).toEqual({
        ids: [checkoutId],
        totalCount: 1,
      });
      expect(await list(COMPLIANCE)).toEqual({
        ids: [recsysId, checkoutId].sort(),
        totalCount: 2,
      });
      const filtered = await request(server)
        .get(`${api}/incidents`)
        .query({ entityRef: 'resource:default/checkout-prompt-logs' })
        .set('Authorization', as(ML));
      expect(filtered.body).toEqual({ items: [], totalCount: 0 });
    });

    it("answers 404 for another team's incident and 200 for one's own", async () => {
      const own = await request(server)
        .get(`${api}/incidents/${recsysId}`)
        .set('Authorization', as(ML));
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(recsysId);

      for (const path of [
        `/incidents/${checkoutId}`,
        `/incidents/${checkoutId}/report`,
      ]) {
        const other = await request(server)
          .get(`${api}${path}`)
          .set('Authorization', as(ML));
        expect(other.status).toBe(404);
        expect(other.body.error).toMatchObject({
          name: 'NotFoundError',
          message: `No incident ${checkoutId}`,
        });
      }
      const report = await request(server)
        .get(`${api}/incidents/${checkoutId}/report`)
        .set('Authorization', as(CHECKOUT));
      expect(report.status).toBe(200);
      expect(report.text).toContain(checkoutId);
    });

    it('lets nobody change an incident they may not read', async () => {
      const before = signals.length;
      const res = await request(server)
        .post(`${api}/incidents/${checkoutId}/status`)
        .set('Authorization', as(ML))
        .send({ status: 'investigating' });
      expect(res.status).toBe(404);
      const stored = await request(server)
        .get(`${api}/incidents/${checkoutId}`)
        .set('Authorization', as(COMPLIANCE));
      expect(stored.body.status).toBe('triage');
      expect(signals.length).toBe(before);
    });

    it('shows holds and open incidents only of readable incidents', async () => {
      const holds = async (user: string, entityRef: string) =>
        (
          await request(server)
            .get(`${api}/holds`)
            .query({ entityRef })
            .set('Authorization', as(user))
        ).body;
      expect(await holds(ML, 'resource:default/recsys-llm-v3')).toMatchObject({
        onHold: true,
        incidents: [{ id: recsysId }],
      });
      expect(
        await holds(ML, 'resource:default/checkout-prompt-logs'),
      ).toMatchObject({ onHold: false, incidents: [] });
      expect(
        await holds(CHECKOUT, 'resource:default/checkout-prompt-logs'),
      ).toMatchObject({ onHold: true, incidents: [{ id: checkoutId }] });

      const plan = await request(server)
        .get(`${api}/entities/resource/default/checkout-prompt-logs/plan`)
        .query({ leakType: 'training-data-exposure' })
        .set('Authorization', as(ML));
      expect(plan.status).toBe(200);
      expect(plan.body.openIncidents).toEqual([]);
      const ownPlan = await request(server)
        .get(`${api}/entities/resource/default/checkout-prompt-logs/plan`)
        .query({ leakType: 'training-data-exposure' })
        .set('Authorization', as(CHECKOUT));
      expect(
        ownPlan.body.openIncidents.map((i: { id: string }) => i.id),
      ).toEqual([checkoutId]);
    });

    it('keeps unmapped detections to those who read every incident', async () => {
      const asOwner = await request(server)
        .get(`${api}/detections/unmapped`)
        .set('Authorization', as(ML));
      expect(asOwner.status).toBe(403);
      const asCompliance = await request(server)
        .get(`${api}/detections/unmapped`)
        .set('Authorization', as(COMPLIANCE));
      expect(asCompliance.status).toBe(200);
    });

    it('still answers 403 when the policy denies', async () => {
      const res = await request(server)
        .get(`${api}/incidents/${recsysId}`)
        .set('Authorization', as(OUTSIDER));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `Not allowed: ${incidentReadPermission.name}`,
      );
    });

    it('lets a launcher who owns nothing affected follow their own incident, and no one else outside', async () => {
      const launched = await request(server)
        .post(`${api}/incidents`)
        .set('Authorization', as(LAUNCHER))
        .set('Idempotency-Key', 'k-launcher')
        .send({
          entityRef: 'resource:default/checkout-prompt-logs',
          leakType: 'training-data-exposure',
          exercise: true,
        });
      expect(launched.status).toBe(201);
      const id = launched.body.id as string;
      expect(launched.body.createdBy).toBe(LAUNCHER);
      expect(
        launched.body.affected.map(
          (e: { snapshot: { owner?: string } }) => e.snapshot.owner,
        ),
      ).toEqual(['group:default/checkout']);

      const own = await request(server)
        .get(`${api}/incidents/${id}`)
        .set('Authorization', as(LAUNCHER));
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(id);
      const report = await request(server)
        .get(`${api}/incidents/${id}/report`)
        .set('Authorization', as(LAUNCHER));
      expect(report.status).toBe(200);
      expect(report.text).toContain(id);
      const list = await request(server)
        .get(`${api}/incidents`)
        .set('Authorization', as(LAUNCHER));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({
        items: [{ id, createdBy: LAUNCHER }],
        totalCount: 1,
      });
      const holds = await request(server)
        .get(`${api}/holds`)
        .query({ entityRef: 'resource:default/checkout-prompt-logs' })
        .set('Authorization', as(LAUNCHER));
      expect(holds.body).toMatchObject({ onHold: true, incidents: [{ id }] });
      // and can work on it
      const moved = await request(server)
        .post(`${api}/incidents/${id}/status`)
        .set('Authorization', as(LAUNCHER))
        .send({ status: 'investigating' });
      expect(moved.status).toBe(200);

      // ml-platform neither launched it nor owns what it affects
      const other = await request(server)
        .get(`${api}/incidents/${id}`)
        .set('Authorization', as(ML));
      expect(other.status).toBe(404);
      const otherList = await request(server)
        .get(`${api}/incidents`)
        .set('Authorization', as(ML));
      expect(otherList.body.items.map((i: { id: string }) => i.id)).toEqual([
        recsysId,
      ]);
      // the owners still read it, beside their earlier one
      const owners = await request(server)
        .get(`${api}/incidents`)
        .set('Authorization', as(CHECKOUT));
      expect(owners.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
        [checkoutId, id].sort(),
      );
    });

    it('signals each successful change on the incident channel, once', async () => {
      expect(signals.slice(0, 2)).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: `leak-response:incident:${recsysId}`,
          message: { incidentId: recsysId, change: 'incident-launch' },
        },
        {
          recipients: { type: 'broadcast' },
          channel: `leak-response:incident:${checkoutId}`,
          message: { incidentId: checkoutId, change: 'incident-launch' },
        },
      ]);
      const before = signals.length;
      // a replayed launch changes nothing
      const replay = await request(server)
        .post(`${api}/incidents`)
        .set('Authorization', as(COMPLIANCE))
        .set('Idempotency-Key', 'k-recsys')
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'training-data-exposure',
        });
      expect(replay.status).toBe(200);
      // an illegal transition changes nothing either
      const illegal = await request(server)
        .post(`${api}/incidents/${recsysId}/status`)
        .set('Authorization', as(ML))
        .send({ status: 'notifying' });
      expect(illegal.status).toBe(409);
      expect(signals.length).toBe(before);

      const moved = await request(server)
        .post(`${api}/incidents/${recsysId}/status`)
        .set('Authorization', as(ML))
        .send({ status: 'investigating' });
      expect(moved.status).toBe(200);
      expect(signals.slice(before)).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: `leak-response:incident:${recsysId}`,
          message: { incidentId: recsysId, change: 'incident-status' },
        },
      ]);
    });
  },
);
