import { Entity } from '@backstage/catalog-model';
import { resource } from '../__testUtils__/catalogFixtures';
import { resolveRoles } from './resolveRoles';

const configured = new Map([
  ['compliance', 'group:default/dpo-office'],
  ['security', 'group:default/security-ir'],
  ['legal', 'group:default/legal'],
]);

const withAnnotations = (
  kind: string,
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

describe('resolveRoles', () => {
  const origin = resource('recsys', {
    type: 'llm-model',
    owner: 'search',
    system: 'product-discovery',
  });

  it('maps ai-engineering to the owner and the others to config', () => {
    const roles = resolveRoles({
      roles: ['ai-engineering', 'compliance', 'communications'],
      origin,
      configured,
    });
    expect(roles).toEqual([
      {
        role: 'ai-engineering',
        entityRef: 'group:default/search',
        source: 'owner',
        problems: [],
      },
      {
        role: 'compliance',
        entityRef: 'group:default/dpo-office',
        source: 'config',
        problems: [],
      },
      {
        role: 'communications',
        problems: [
          'no group is configured for role communications (leakResponse.roles.communications)',
        ],
      },
    ]);
  });

  it('lets the System override the Domain, and the Domain override config', () => {
    const system = withAnnotations('System', 'product-discovery', {
      'leak-response.io/role-compliance': 'group:privacy-de',
    });
    const domain = withAnnotations('Domain', 'storefront', {
      'leak-response.io/role-compliance': 'group:privacy-eu',
      'leak-response.io/role-legal': 'storefront-counsel',
    });
    const roles = resolveRoles({
      roles: ['compliance', 'legal', 'security'],
      origin,
      system,
      domain,
      configured,
    });
    expect(roles.map(r => [r.role, r.entityRef, r.source])).toEqual([
      ['compliance', 'group:default/privacy-de', 'system-annotation'],
      ['legal', 'group:default/storefront-counsel', 'domain-annotation'],
      ['security', 'group:default/security-ir', 'config'],
    ]);
  });

  it('reports a malformed annotation and falls back', () => {
    const system = withAnnotations('System', 'product-discovery', {
      'leak-response.io/role-security': 'group:',
    });
    const [security] = resolveRoles({
      roles: ['security'],
      origin,
      system,
      configured,
    });
    expect(security.entityRef).toBe('group:default/security-ir');
    expect(security.problems).toEqual([
      'annotation leak-response.io/role-security of system:product-discovery is not an entity reference: "group:"',
    ]);
  });
});
