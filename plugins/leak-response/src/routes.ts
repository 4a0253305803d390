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
