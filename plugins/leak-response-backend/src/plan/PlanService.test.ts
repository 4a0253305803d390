import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ROLES } from '../__testUtils__/config';
import { exampleCatalog } from './__testUtils__/catalogFixtures';
import { PlanService } from './PlanService';

/** The example catalog behind a CatalogService that records its requests. */
function recordingCatalog() {
  const entities = exampleCatalog();
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLowerCase(), e]),
  );
  const requests: string[][] = [];
  const catalog = {
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      requests.push(request.entityRefs);
      return {
        items: request.entityRefs.map(r => byRef.get(r.toLowerCase()) ?? null),
      };
    },
  } as unknown as CatalogService;
  return { catalog, requests };
}

function service(catalog: CatalogService, onCall: object = {}) {
  return PlanService.fromConfig(
    new ConfigReader({
      leakResponse: {
        roles: ROLES,
        onCall,
      },
    }),
    {
      catalog,
      logger: mockServices.logger.mock(),
      clock: () => new Date('2026-11-27T10:00:00Z'),
    },
  );
}

const model = { kind: 'resource', namespace: 'default', name: 'recsys-llm-v3' };

describe('PlanService', () => {
  it('makes one catalog request per lineage level, people included', async () => {
    const { catalog, requests } = recordingCatalog();
    const plan = await service(catalog).getPlan({
      entity: model,
      leakType: 'model-weight-exfiltration',
      credentials: mockCredentials.user(),
    });
    const depths = new Set(plan.impact.entities.map(e => e.depth));
    expect(requests).toHaveLength(Math.max(depths.size, 3));
    // The role groups travel with the first lineage level, their rotation
    // members with the second.
    expect(requests[1]).toEqual(
      expect.arrayContaining(['group:default/security-ir']),
    );
    expect(requests[2]).toEqual(
      expect.arrayContaining(['user:default/noah.fischer']),
    );
    expect(
      plan.roles.find(r => r.role === 'security')?.onCall?.now,
    ).toBeDefined();
  });

  it("reuses a caller's people lookups for that caller's next plan only", async () => {
    const { catalog, requests } = recordingCatalog();
    const plans = service(catalog);
    const ask = (credentials = mockCredentials.user()) =>
      plans.getPlan({
        entity: model,
        leakType: 'model-weight-exfiltration',
        credentials,
      });
    const first = await ask();
    const count = requests.length;
    const second = await ask();
    const people = (refs: string[]) =>
      refs.filter(r => r.startsWith('group:') || r.startsWith('user:'));
    expect(requests.slice(count).flatMap(people)).toEqual([]);
    expect(second.roles).toEqual(first.roles);
    expect(second.readiness).toEqual(first.readiness);

    const before = requests.length;
    await ask(mockCredentials.user('user:default/someone-else'));
    expect(requests.slice(before).flatMap(people)).toContain(
      'group:default/security-ir',
    );
  });

  it('looks people up every time with peopleCacheTtl 0', async () => {
    const { catalog, requests } = recordingCatalog();
    const plans = service(catalog, { peopleCacheTtl: { seconds: 0 } });
    for (let i = 0; i < 2; i++) {
      await plans.getPlan({
        entity: model,
        leakType: 'model-weight-exfiltration',
        credentials: mockCredentials.user(),
      });
    }
    const asked = requests
      .flat()
      .filter(r => r === 'group:default/security-ir');
    expect(asked).toHaveLength(2);
  });
});
