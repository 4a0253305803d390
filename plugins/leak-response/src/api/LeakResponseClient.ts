import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { IncidentSummary } from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi } from './LeakResponseApi';

/**
 * Talks to the leak-response backend through the discovery and fetch APIs,
 * so the user's credentials travel with every call.
 * @public
 */
export class LeakResponseClient implements LeakResponseApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listIncidents(
    options: { entityRef?: string } = {},
  ): Promise<IncidentSummary[]> {
    const { items } = await this.get<{ items: IncidentSummary[] }>(
      '/v1/incidents',
    );
    return options.entityRef
      ? items.filter(i => i.originEntityRef === options.entityRef)
      : items;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('leak-response');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
