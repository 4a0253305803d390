import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  IncidentRecord,
  IncidentSummary,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import { Readable } from 'node:stream';
import { INCIDENT_DOCUMENT_TYPE, toIncidentDocument } from './incidentDocument';

const PAGE_SIZE = 100;

/**
 * Collates incidents for Backstage search through the plugin's own HTTP API
 * (as the catalog collator reads the catalog), with the search plugin's
 * service credentials: the incident service stays the only reader of its
 * store, and every read is audited like any other.
 *
 * `visibilityPermission` is the incident read permission (a resource
 * permission), so the search backend filters results with the caller's
 * decision, conditions included.
 */
export class IncidentCollatorFactory implements DocumentCollatorFactory {
  readonly type = INCIDENT_DOCUMENT_TYPE;
  readonly visibilityPermission = incidentReadPermission;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
  }): IncidentCollatorFactory {
    return new IncidentCollatorFactory(
      options.discovery,
      options.auth,
      options.logger,
    );
  }

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents() {
    const baseUrl = await this.discovery.getBaseUrl('leak-response');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'leak-response',
    });
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return (await response.json()) as T;
    };
    let count = 0;
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await get<{ items: IncidentSummary[]; totalCount: number }>(
        `/v1/incidents?limit=${PAGE_SIZE}&offset=${offset}&orderBy=createdAt&order=asc`,
      );
      for (const summary of page.items) {
        const incident = await get<IncidentRecord>(
          `/v1/incidents/${encodeURIComponent(summary.id)}`,
        );
        count++;
        yield toIncidentDocument(incident);
      }
      if (page.items.length < PAGE_SIZE) {
        break;
      }
    }
    this.logger.info(`Collated ${count} incidents for search`);
  }
}
