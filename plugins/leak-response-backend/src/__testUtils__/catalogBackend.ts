/*
 * The portal's backend in miniature for integration tests: the real catalog
 * backend with the LLM catalog module, loaded with the example catalog of
 * the repository, and this plugin.
 */
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import catalogModuleLlm from '@leak-response/plugin-catalog-backend-module-llm';
import { leakResponsePlugin } from '../plugin';
import { exampleCatalogConfig, ROLES } from './config';
import { pluginDatabases } from './pluginDatabases';

export async function startCatalogBackend(
  options: {
    /** Real databases (see pluginDatabases); the test default without. */
    databaseId?: TestDatabaseId;
    /** `leakResponse` config next to the example roles. */
    leakResponse?: JsonObject;
    /** `catalog.providers` config. */
    catalogProviders?: JsonObject;
    /** Further top-level config keys. */
    config?: JsonObject;
    features?: BackendFeature[];
  } = {},
): Promise<{ server: TestBackend['server']; stop(): Promise<void> }> {
  const databases = options.databaseId
    ? pluginDatabases(options.databaseId)
    : undefined;
  const backend = await startTestBackend({
    features: [
      catalogBackend,
      catalogModuleLlm,
      leakResponsePlugin,
      ...(databases ? [databaseServiceFactory] : []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          ...(databases && {
            backend: {
              ...(options.config?.backend as JsonObject | undefined),
              database: databases.config,
            },
          }),
          catalog: {
            ...exampleCatalogConfig(),
            ...(options.catalogProviders && {
              providers: options.catalogProviders,
            }),
          },
          leakResponse: { roles: ROLES, ...options.leakResponse },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    /** Stops the backend, then removes its databases. */
    async stop() {
      await backend.stop();
      await databases?.remove();
    },
  };
}

/**
 * Waits until the catalog has ingested and stitched the lineage: the plan of
 * recsys-llm-v3 reaches every ref of `refs`.
 */
export async function waitForLineage(
  server: TestBackend['server'],
  authorization: string,
  refs: string[],
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const res = await request(server)
      .get('/api/leak-response/v1/entities/resource/default/recsys-llm-v3/plan')
      .query({ leakType: 'model-weight-exfiltration' })
      .set('Authorization', authorization);
    const found: string[] =
      res.status === 200
        ? res.body.impact.entities.map(
            (e: { entityRef: string }) => e.entityRef,
          )
        : [];
    if (refs.every(ref => found.includes(ref))) return;
    if (Date.now() - started > 120_000) {
      throw new Error(`catalog not ready: ${res.status}`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
