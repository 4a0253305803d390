/*
 * The portal's policy behind the real permission backend, deciding for the
 * real Leak Response backend with `restrictReadToOwners`, on SQLite and
 * PostgreSQL: the conditional decision travels from the policy through the
 * permission backend to the plugin, which filters its SQL and hides other
 * teams' incidents (but not one's own launches); and the permission backend
 * can evaluate the condition for one incident through the plugin's resource
 * type.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import permissionBackend from '@backstage/plugin-permission-backend';
import leakResponseBackend from '@leak-response/plugin-leak-response-backend';
import { incidentReadPermission } from '@leak-response/plugin-leak-response-common';
import { AddressInfo } from 'node:net';
import portalPolicy from './permissionPolicy';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DPO = 'user:default/eva.lindqvist';
const ML = 'user:default/priya.raman';
const CHECKOUT = 'user:default/tom.becker';
/** Launches playbooks, owns nothing any incident affects. */
const LAUNCHER = 'user:default/sam.okafor';

/** The user info service, as the catalog would fill it. */
const GROUPS: Record<string, string[]> = {
  [DPO]: ['group:default/dpo-office'],
  [ML]: ['group:default/ml-platform'],
  [CHECKOUT]: ['group:default/checkout'],
  [LAUNCHER]: ['group:default/sre'],
};

const RECSYS = '6f1d8a52-3c1e-4b7a-9d0e-6a1f2b3c4d01';
const CHECKOUT_LOGS = '6f1d8a52-3c1e-4b7a-9d0e-6a1f2b3c4d02';
const SEARCH_INDEX = '6f1d8a52-3c1e-4b7a-9d0e-6a1f2b3c4d03';

/**
 * Three incidents as the plugin's store writes them: one per team launched
 * by the DPO, and one the launcher opened on data-eng's index (their ref
 * spelled as their token once had it; refs compare without case).
 */
async function seed(knex: Awaited<ReturnType<typeof databases.init>>) {
  const at = new Date('2026-11-20T09:30:00.000Z');
  for (const [id, entityRef, owner, createdBy] of [
    [
      RECSYS,
      'resource:default/recsys-llm-v3',
      'group:default/ml-platform',
      DPO,
    ],
    [
      CHECKOUT_LOGS,
      'resource:default/checkout-prompt-logs',
      'group:default/checkout',
      DPO,
    ],
    [
      SEARCH_INDEX,
      'resource:default/search-embeddings',
      'group:default/data-eng',
      'user:default/Sam.Okafor',
    ],
  ]) {
    await knex('incidents').insert({
      id,
      title: `Leak of ${entityRef}`,
      leak_type: 'training-data-exposure',
      origin_entity_ref: entityRef,
      severity: 'high',
      status: 'triage',
      exercise: false,
      aware_at: at,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
      assessment: '{}',
    });
    await knex('incident_entities').insert({
      incident_id: id,
      entity_ref: entityRef,
      role: 'origin',
      owner_ref: owner,
      system_ref: null,
      snapshot: JSON.stringify({
        owner,
        dataCategories: [],
        dataSubjects: [],
        regions: [],
      }),
      added_at: at,
      added_by: DPO,
    });
  }
}

/**
 * The mock auth service, except that a token on behalf of a user keeps the
 * calling plugin as its actor, as the real auth service's do. The mock drops
 * it, and the permission framework rightly refuses conditions to a user who
 * is not acting through a plugin.
 */
const authKeepingActor = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => auth.authenticate(token, options),
      getNoneCredentials: () => auth.getNoneCredentials(),
      getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
      isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials => auth.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => auth.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        if (!auth.isPrincipal(options.onBehalfOf, 'user')) {
          return auth.getPluginRequestToken(options);
        }
        const principal = options.onBehalfOf
          .principal as BackstageUserPrincipal;
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: {
              subject: principal.actor?.subject ?? `plugin:${plugin.getId()}`,
            },
          }),
        };
      },
    };
  },
});

describe.each(databases.eachSupportedId())(
  'the portal policy with restrictReadToOwners on %p',
  databaseId => {
    let base: string;
    let stop: () => Promise<void>;

    const call = (user: string, path: string, init: RequestInit = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: {
          ...init.headers,
          'content-type': 'application/json',
          authorization: mockCredentials.user.header(user),
        },
      });

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          permissionBackend,
          portalPolicy,
          leakResponseBackend,
          mockServices.database.factory({ knex }),
          authKeepingActor,
          mockServices.userInfo.mock({
            async getUserInfo(credentials: BackstageCredentials) {
              const ref = (credentials.principal as { userEntityRef: string })
                .userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
              };
            },
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              leakResponse: {
                roles: {
                  compliance: 'group:dpo-office',
                  security: 'group:security-ir',
                },
                permissions: { restrictReadToOwners: true },
              },
            },
          }),
        ],
      });
      base = `http://localhost:${
        (backend.server.address() as AddressInfo).port
      }`;
      stop = () => backend.stop();
      await seed(knex);
    });

    afterAll(async () => {
      await stop?.();
    });

    it('lists to each team the incidents of what it owns, and all to compliance', async () => {
      const ids = async (user: string) => {
        const res = await call(user, '/api/leak-response/v1/incidents');
        if (res.status !== 200) throw new Error(await res.text());
        const body = await res.json();
        return body.items.map((i: { id: string }) => i.id).sort();
      };
      expect(await ids(ML)).toEqual([RECSYS]);
      expect(await ids(CHECKOUT)).toEqual([CHECKOUT_LOGS]);
      expect(await ids(LAUNCHER)).toEqual([SEARCH_INDEX]);
      expect(await ids(DPO)).toEqual(
        [RECSYS, CHECKOUT_LOGS, SEARCH_INDEX].sort(),
      );
    });

    it('shows a launcher who owns nothing affected their own incident (200), and 404 to others', async () => {
      const own = await call(
        LAUNCHER,
        `/api/leak-response/v1/incidents/${SEARCH_INDEX}`,
      );
      expect(own.status).toBe(200);
      expect((await own.json()).createdBy).toBe('user:default/Sam.Okafor');
      for (const user of [ML, CHECKOUT]) {
        expect(
          (await call(user, `/api/leak-response/v1/incidents/${SEARCH_INDEX}`))
            .status,
        ).toBe(404);
      }
      expect(
        (await call(LAUNCHER, `/api/leak-response/v1/incidents/${RECSYS}`))
          .status,
      ).toBe(404);
    });

    it("hides another team's incident (404) and shows one's own", async () => {
      expect(
        (await call(ML, `/api/leak-response/v1/incidents/${RECSYS}`)).status,
      ).toBe(200);
      const other = await call(
        ML,
        `/api/leak-response/v1/incidents/${CHECKOUT_LOGS}`,
      );
      expect(other.status).toBe(404);
      expect(
        (await call(DPO, `/api/leak-response/v1/incidents/${CHECKOUT_LOGS}`))
          .status,
      ).toBe(200);
    });

    it('evaluates the condition for one incident through the resource type', async () => {
      const decide = async (user: string, resourceRef: string) => {
        const res = await call(user, '/api/permission/authorize', {
          method: 'POST',
          body: JSON.stringify({
            items: [
              { id: '1', permission: incidentReadPermission, resourceRef },
            ],
          }),
        });
        if (res.status !== 200) throw new Error(await res.text());
        return (await res.json()).items[0].result;
      };
      expect(await decide(ML, RECSYS)).toBe('ALLOW');
      expect(await decide(ML, CHECKOUT_LOGS)).toBe('DENY');
      expect(await decide(CHECKOUT, CHECKOUT_LOGS)).toBe('ALLOW');
      expect(await decide(LAUNCHER, SEARCH_INDEX)).toBe('ALLOW');
      expect(await decide(LAUNCHER, CHECKOUT_LOGS)).toBe('DENY');
      expect(await decide(ML, SEARCH_INDEX)).toBe('DENY');
    });
  },
);
