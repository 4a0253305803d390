import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { LeakResponseClient } from '../api/LeakResponseClient';

export const baseUrl = 'http://backend.test/api/leak-response';

/** An msw server for the calling test file, reset between its tests. */
export function mswServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/** The client against {@link baseUrl}, signed in with `guest-token`. */
export function client() {
  return new LeakResponseClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi({
      injectIdentityAuth: { token: 'guest-token' },
    }),
  });
}
