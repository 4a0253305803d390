import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'leak-response',
});

/** One incident, under the plugin's page. */
export const incidentRouteRef = createSubRouteRef({
  id: 'leak-response-incident',
  parent: rootRouteRef,
  path: '/incidents/:id',
});

/** The readiness dashboard, under the plugin's page. */
export const readinessRouteRef = createSubRouteRef({
  id: 'leak-response-readiness',
  parent: rootRouteRef,
  path: '/readiness',
});
