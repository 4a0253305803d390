import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createComponentExtension } from '@backstage/core-plugin-api';
import { leakResponseApiRef, LeakResponseClient } from './api';
import { rootRouteRef } from './routes';

/** @public */
export const leakResponsePlugin = createPlugin({
  id: 'leak-response',
  apis: [
    createApiFactory({
      api: leakResponseApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new LeakResponseClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Leak Response page: incidents across the organisation.
 * @public
 */
export const LeakResponsePage = leakResponsePlugin.provide(
  createRoutableExtension({
    name: 'LeakResponsePage',
    component: () =>
      import('./components/LeakResponsePage').then(m => m.LeakResponsePage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Leak Response entity tab.
 * @public
 */
export const EntityLeakResponseContent = leakResponsePlugin.provide(
  createComponentExtension({
    name: 'EntityLeakResponseContent',
    component: {
      lazy: () =>
        import('./components/EntityLeakResponseContent').then(
          m => m.EntityLeakResponseContent,
        ),
    },
  }),
);

/**
 * The Leak Response card for an entity's overview: data categories, open
 * incidents and the next deadline with a countdown.
 * @public
 */
export const EntityLeakResponseCard = leakResponsePlugin.provide(
  createComponentExtension({
    name: 'EntityLeakResponseCard',
    component: {
      lazy: () =>
        import('./components/EntityLeakResponseCard').then(
          m => m.EntityLeakResponseCard,
        ),
    },
  }),
);
