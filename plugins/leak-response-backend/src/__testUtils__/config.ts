/*
 * Configuration the tests share: the role groups of the example catalog and
 * the catalog settings that load that catalog from the repository.
 */
import path from 'node:path';
import { EXAMPLES_DIR } from '../plan/__testUtils__/catalogFixtures';

/** The groups of the example catalog that fill the built-in roles. */
export const ROLES = {
  compliance: 'group:dpo-office',
  security: 'group:security-ir',
  legal: 'group:legal',
  communications: 'group:communications',
};

/** `catalog` config that reads examples/*.yaml and allows their kinds. */
export function exampleCatalogConfig() {
  const location = (file: string) => ({
    type: 'file',
    target: path.join(EXAMPLES_DIR, file),
  });
  return {
    rules: [
      {
        allow: [
          'Component',
          'System',
          'Resource',
          'Location',
          'Domain',
          'User',
          'Group',
        ],
      },
    ],
    locations: [
      location('systems.yaml'),
      location('llm-resources.yaml'),
      location('org.yaml'),
    ],
  };
}
