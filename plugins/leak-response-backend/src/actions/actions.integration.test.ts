/*
 * The actions through Backstage's real actions service (the one the MCP
 * actions backend calls), which invokes them over HTTP on the plugin's
 * actions registry: against the real catalog backend with the example
 * catalog, on SQLite and PostgreSQL, under a policy where an outsider may
 * read only the incidents they launched and may not launch any.
 */
import {
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createIncidentConditionalDecision,
  incidentConditions,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const RESPONDER = 'user:default/noah.fischer';
const OUTSIDER = 'user:default/nobody';

/** The responder may do everything; the outsider reads only their own. */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    const userOf = (credentials: BackstageCredentials) =>
      (credentials.principal as { userEntityRef?: string }).userEntityRef;
    return {
      async authorize(requests, { credentials }) {
        const allowed = userOf(credentials) !== OUTSIDER;
        return requests.map(() => ({
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        }));
      },
      async authorizeConditional(requests, { credentials }) {
        return requests.map(() =>
          userOf(credentials) === OUTSIDER
            ? createIncidentConditionalDecision(incidentReadPermission, {
                anyOf: [incidentConditions.isCreator({ claims: [OUTSIDER] })],
              })
            : { result: AuthorizeResult.ALLOW },
        );
      },
    };
  },
});

/** Hands the test the actions service, as the MCP actions backend gets it. */
function actionsClient() {
  let service: ActionsService | undefined;
  const plugin = createBackendPlugin({
    pluginId: 'actions-client',
    register(env) {
      env.registerInit({
        deps: { actions: actionsServiceRef },
        async init({ actions }) {
          service = actions;
        },
      });
    },
  });
  return { plugin, get: () => service! };
}

/** The status and message of a refused call (a ResponseError). */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const { response, body } = error as ResponseError;
    return { status: response.status, message: body.error.message };
  }
  throw new Error('the call succeeded');
}

const responder = mockCredentials.user(RESPONDER);
const outsider = mockCredentials.user(OUTSIDER);

describe.each(databases.eachSupportedId())(
  'leak-response actions through the actions service on %p',
  databaseId => {
    const client = actionsClient();
    let backend: Awaited<ReturnType<typeof startCatalogBackend>> | undefined;
    const invoke = (
      id: string,
      input: Record<string, any>,
      credentials: BackstageCredentials = responder,
    ) =>
      client
        .get()
        .invoke({ id: `leak-response:${id}`, input, credentials })
        .then(r => r.output as any);

    beforeAll(async () => {
      backend = await startCatalogBackend({
        databaseId,
        config: {
          backend: { actions: { pluginSources: ['leak-response'] } },
        },
        features: [
          actionsRegistryServiceFactory,
          actionsServiceFactory,
          permissionsFactory,
          client.plugin,
        ],
      });
      // Wait until the catalog has ingested and stitched the lineage.
      const started = Date.now();
      for (;;) {
        const plan = await invoke('get-leak-plan', {
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'model-weight-exfiltration',
        }).catch(() => undefined);
        if (
          plan?.affected.entityRefs.includes(
            'resource:default/clickstream-2025q3',
          )
        ) {
          break;
        }
        if (Date.now() - started > 120_000) {
          throw new Error('catalog not ready');
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('lists the four actions with their input and output schemas', async () => {
      const { actions } = await client.get().list({ credentials: responder });
      const ours = actions.filter(a => a.pluginId === 'leak-response');
      expect(ours.map(a => a.id).sort()).toEqual([
        'leak-response:check-evidence-hold',
        'leak-response:get-leak-plan',
        'leak-response:launch-incident',
        'leak-response:list-open-incidents',
      ]);
      const byName = Object.fromEntries(ours.map(a => [a.name, a]));
      expect(byName['get-leak-plan'].attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(byName['launch-incident'].attributes.readOnly).toBe(false);
      expect(byName['launch-incident'].schema.input).toMatchObject({
        type: 'object',
        required: ['entityRef', 'leakType'],
      });
      expect(
        Object.keys(
          (byName['get-leak-plan'].schema.output as any).properties,
        ).sort(),
      ).toEqual([
        'affected',
        'awareAt',
        'entityRef',
        'leakType',
        'obligations',
        'openIncidents',
        'playbook',
        'warnings',
      ]);
    });

    it('get-leak-plan says what is owed, to whom and by when', async () => {
      const plan = await invoke('get-leak-plan', {
        entityRef: 'clickstream-2025q3',
        leakType: 'training-data-exposure',
        awareAt: '2026-11-20T09:30:00Z',
      });

      expect(plan.entityRef).toBe('resource:default/clickstream-2025q3');
      expect(plan.awareAt).toBe('2026-11-20T09:30:00.000Z');
      expect(plan.affected.dataCategories).toEqual(
        expect.arrayContaining(['personal.identifiers', 'personal.behavioral']),
      );
      expect(plan.affected.owners).toContain('group:default/ml-platform');
      expect(plan.obligations.status).toBe('evaluated');
      const gdpr33 = plan.obligations.owed.find(
        (o: { ruleId: string }) => o.ruleId === 'gdpr33',
      );
      expect(gdpr33).toMatchObject({
        regime: 'GDPR',
        dueAt: '2026-11-23T09:30:00.000Z',
      });
      expect(gdpr33.due).toContain('72 hours');
      expect(gdpr33.recipient.length).toBeGreaterThan(0);
      expect(plan.playbook.steps.length).toBeGreaterThan(3);
    });

    it('refuses bad input with a 400 naming the field', async () => {
      expect(
        await failure(
          invoke('get-leak-plan', {
            entityRef: 'resource:default/x',
            leakType: 'oops',
          }),
        ),
      ).toEqual({
        status: 400,
        message: expect.stringContaining('Invalid input to action'),
      });
      expect(
        await failure(
          invoke('check-evidence-hold', { entityRef: 'resource:' }),
        ),
      ).toEqual({
        status: 400,
        message: expect.stringMatching(
          /^entityRef: must be an entity reference/,
        ),
      });
      expect(
        await failure(
          invoke('launch-incident', {
            entityRef: 'resource:default/clickstream-2025q3',
            leakType: 'training-data-exposure',
            awareAt: 'yesterday',
          }),
        ),
      ).toEqual({
        status: 400,
        message: expect.stringMatching(
          /^awareAt: must be an ISO 8601 date-time/,
        ),
      });
    });

    it('launches an incident once per idempotency key, holds its entities and lists it to those who may read it', async () => {
      const input = {
        entityRef: 'resource:default/recsys-llm-v3',
        leakType: 'model-weight-exfiltration',
        awareAt: '2026-11-20T09:30:00Z',
        severity: 'critical',
        idempotencyKey: `actions-${databaseId}`,
      };
      const first = await invoke('launch-incident', input);
      const again = await invoke('launch-incident', input);

      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.incident.id).toBe(first.incident.id);
      expect(first.incident).toMatchObject({
        status: 'triage',
        originEntityRef: 'resource:default/recsys-llm-v3',
        path: `/leak-response/incidents/${first.incident.id}`,
      });
      expect(
        first.obligations.find((o: { ruleId: string }) => o.ruleId === 'gdpr33')
          ?.dueAt,
      ).toBe('2026-11-23T09:30:00.000Z');

      const hold = await invoke('check-evidence-hold', {
        entityRef: 'resource:default/clickstream-2025q3',
      });
      expect(hold).toMatchObject({
        entityRef: 'resource:default/clickstream-2025q3',
        onHold: true,
      });
      expect(hold.incidents.map((i: { id: string }) => i.id)).toEqual([
        first.incident.id,
      ]);
      const free = await invoke('check-evidence-hold', {
        entityRef: 'resource:default/product-reviews-2025',
      });
      expect(free).toEqual({
        entityRef: 'resource:default/product-reviews-2025',
        onHold: false,
        incidents: [],
      });

      const open = await invoke('list-open-incidents', {
        entityRef: 'resource:default/clickstream-2025q3',
      });
      expect(open.totalCount).toBe(1);
      expect(open.incidents[0].id).toBe(first.incident.id);

      // the outsider may read only what they launched: nothing
      const theirs = await invoke('list-open-incidents', {}, outsider);
      expect(theirs).toEqual({ totalCount: 0, incidents: [] });
      const theirHold = await invoke(
        'check-evidence-hold',
        { entityRef: 'resource:default/clickstream-2025q3' },
        outsider,
      );
      expect(theirHold.onHold).toBe(false);
    });

    it('hides launch-incident from a caller without the create permission and refuses the call', async () => {
      const { actions } = await client.get().list({ credentials: outsider });
      expect(actions.map(a => a.name)).not.toContain('launch-incident');
      expect(actions.map(a => a.name)).toContain('list-open-incidents');

      await expect(
        invoke(
          'launch-incident',
          {
            entityRef: 'resource:default/recsys-llm-v3',
            leakType: 'model-weight-exfiltration',
          },
          outsider,
        ),
      ).rejects.toMatchObject({ response: { status: 404 } });
      const open = await invoke('list-open-incidents', {
        includeExercises: true,
      });
      expect(
        open.incidents.every((i: any) => i.originEntityRef !== '' && i.id),
      ).toBe(true);
      expect(open.totalCount).toBe(1);
    });
  },
);
