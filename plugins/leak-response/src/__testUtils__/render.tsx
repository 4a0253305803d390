import { alertApiRef, ApiRef, configApiRef } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LeakResponseApi, leakResponseApiRef } from '../api';
import { IncidentPage } from '../components/IncidentPage';
import { rootRouteRef } from '../routes';
import { modelEntity } from './fixtures';

type ApiPair = readonly [ApiRef<any>, any];

/** The routes the plugin's pages link to. */
const mountedRoutes = {
  '/leak-response': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/** A permission API that allows or denies every request. */
export function permissionsThat(allow: boolean) {
  return mockApis.permission({
    authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
}

/**
 * Renders `element` in a test app with the plugin's routes mounted, the
 * Leak Response API (only the methods a test needs) and any other APIs.
 */
export function renderWithApi(
  element: ReactElement,
  options: {
    api: Partial<LeakResponseApi>;
    apis?: ApiPair[];
    routeEntries?: string[];
  },
) {
  const apis: ApiPair[] = [
    [leakResponseApiRef, options.api],
    ...(options.apis ?? []),
  ];
  return renderInTestApp(
    <TestApiProvider apis={apis}>{element}</TestApiProvider>,
    { mountedRoutes, routeEntries: options.routeEntries },
  );
}

/** Renders `element` on the page of `entity` (default: the model). */
export function renderOnEntity(
  element: ReactElement,
  api: Partial<LeakResponseApi>,
  options: { entity?: Entity; apis?: ApiPair[] } = {},
) {
  return renderWithApi(
    <EntityProvider entity={options.entity ?? modelEntity}>
      {element}
    </EntityProvider>,
    {
      api,
      apis: [[configApiRef, mockApis.config()], ...(options.apis ?? [])],
    },
  );
}

/**
 * Renders the page of incident `inc-1`; resolves to the alert API the page
 * posts to.
 */
export async function renderIncidentPage(
  api: Partial<LeakResponseApi>,
  options: {
    permissions: PermissionApi;
    apis?: ApiPair[];
    refreshMs?: number;
  },
) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  await renderWithApi(
    <Routes>
      <Route
        path="/incidents/:id"
        element={<IncidentPage refreshMs={options.refreshMs} />}
      />
    </Routes>,
    {
      api,
      apis: [
        [permissionApiRef, options.permissions],
        [alertApiRef, alertApi],
        ...(options.apis ?? []),
      ],
      routeEntries: ['/incidents/inc-1'],
    },
  );
  return { alertApi };
}
