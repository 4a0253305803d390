/**
 * The Leak Response plugin for the new frontend system.
 *
 * @packageDocumentation
 */
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  OverridableFrontendPlugin,
  PageBlueprint,
  RouteRef,
  SubRouteRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { leakResponseApiRef, LeakResponseClient } from './api';
import { isLeakResponseAvailable } from './conditions';
import { incidentRouteRef, rootRouteRef } from './routes';

/**
 * The API client, from the discovery and fetch APIs.
 */
const leakResponseApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: leakResponseApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new LeakResponseClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Leak Response page: incidents across the organisation, each incident
 * under `incidents/:id`.
 */
const leakResponsePage = PageBlueprint.make({
  params: {
    path: '/leak-response',
    title: 'Leak Response',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/LeakResponsePage').then(m =>
        compatWrapper(<m.LeakResponsePage />),
      ),
  },
});

/**
 * The entity tab, on LLM models, datasets and endpoints and the components
 * that depend on them.
 */
const leakResponseEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/leak-response',
    title: 'Leak Response',
    filter: isLeakResponseAvailable,
    loader: () =>
      import('./components/EntityLeakResponseContent').then(m =>
        compatWrapper(<m.EntityLeakResponseContent />),
      ),
  },
});

/**
 * The overview card: data categories, open incidents, the next deadline.
 */
const leakResponseEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isLeakResponseAvailable,
    loader: () =>
      import('./components/EntityLeakResponseCard').then(m =>
        compatWrapper(<m.EntityLeakResponseCard />),
      ),
  },
});

/**
 * The Leak Response plugin for apps on the new frontend system: the API
 * client (`api:leak-response`), the page (`page:leak-response`), the entity
 * tab (`entity-content:leak-response`) and the overview card
 * (`entity-card:leak-response`).
 *
 * The type is spelled out because the inferred one names a nested copy of
 * `@backstage/filter-predicates` that the package does not depend on.
 * @alpha
 */
const leakResponsePlugin: OverridableFrontendPlugin<{
  root: RouteRef<undefined>;
  incident: SubRouteRef<{ id: string }>;
}> = createFrontendPlugin({
  pluginId: 'leak-response',
  title: 'Leak Response',
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    incident: incidentRouteRef,
  }),
  extensions: [
    leakResponseApi,
    leakResponsePage,
    leakResponseEntityContent,
    leakResponseEntityCard,
  ],
});

export default leakResponsePlugin;
