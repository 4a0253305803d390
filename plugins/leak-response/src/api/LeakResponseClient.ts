import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  IncidentRecord,
  IncidentStatus,
  InventoryFormat,
  LeakResponsePlanResponse,
  ReadinessReport,
  LeakType,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import {
  EvidenceHolds,
  IncidentAssessmentAnswers,
  IncidentList,
  IncidentListQuery,
  IncidentReportFile,
  IncidentReportFormat,
  InventoryDownload,
  LaunchIncidentRequest,
  LeakResponseApi,
  ObligationDecision,
} from './LeakResponseApi';

type Method = 'GET' | 'POST' | 'PUT';

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

  async getPlan(request: {
    entityRef: string;
    leakType?: LeakType;
    awareAt?: string;
  }): Promise<LeakResponsePlanResponse> {
    const { kind, namespace, name } = parseEntityRef(request.entityRef);
    const path = `/v1/entities/${[kind, namespace, name]
      .map(encodeURIComponent)
      .join('/')}/plan`;
    return this.json('GET', path, {
      query: { leakType: request.leakType, awareAt: request.awareAt },
    });
  }

  async listIncidents(query: IncidentListQuery = {}): Promise<IncidentList> {
    return this.json('GET', '/v1/incidents', {
      query: {
        status: query.status?.length ? query.status.join(',') : undefined,
        leakType: query.leakType?.length ? query.leakType.join(',') : undefined,
        open: query.open,
        exercise: query.exercise,
        entityRef: query.entityRef,
        owner: query.owner,
        system: query.system,
        limit: query.limit,
        offset: query.offset,
        orderBy: query.orderBy,
        order: query.order,
      },
    });
  }

  async launchIncident(
    request: LaunchIncidentRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<IncidentRecord> {
    return this.json('POST', '/v1/incidents', {
      body: request,
      headers: options.idempotencyKey
        ? { 'Idempotency-Key': options.idempotencyKey }
        : undefined,
    });
  }

  async getIncident(id: string): Promise<IncidentRecord> {
    return this.json('GET', this.incidentPath(id));
  }

  async getIncidentReport(id: string): Promise<string> {
    const response = await this.request(
      'GET',
      `${this.incidentPath(id)}/report`,
    );
    return response.text();
  }

  async getIncidentReportFile(
    id: string,
    format: IncidentReportFormat,
  ): Promise<IncidentReportFile> {
    const response = await this.request(
      'GET',
      `${this.incidentPath(id)}/report`,
      { query: { format } },
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    // a proxy may hide the header: then the name is made as the backend makes it
    const named = /filename="([^"]+)"/.exec(disposition)?.[1];
    return {
      filename: named ?? `incident-${id}.${format === 'pdf' ? 'pdf' : 'md'}`,
      contentType:
        response.headers.get('content-type') ??
        (format === 'pdf' ? 'application/pdf' : 'text/markdown'),
      body: await response.blob(),
    };
  }

  async verifyIncidentTimeline(id: string): Promise<TimelineVerification> {
    return this.json('GET', `${this.incidentPath(id)}/verify`);
  }

  async setIncidentStatus(
    id: string,
    status: IncidentStatus,
    reason?: string,
  ): Promise<IncidentRecord> {
    return this.json('POST', `${this.incidentPath(id)}/status`, {
      body: { status, reason },
    });
  }

  async assessIncident(
    id: string,
    answers: IncidentAssessmentAnswers,
  ): Promise<IncidentRecord> {
    return this.json('PUT', `${this.incidentPath(id)}/assessment`, {
      body: { answers },
    });
  }

  async correctAwareness(
    id: string,
    awareAt: string,
    reason: string,
  ): Promise<IncidentRecord> {
    return this.json('PUT', `${this.incidentPath(id)}/awareness`, {
      body: { awareAt, reason },
    });
  }

  async setTaskDone(
    id: string,
    taskId: string,
    done: boolean,
  ): Promise<IncidentRecord> {
    return this.json(
      'PUT',
      `${this.incidentPath(id)}/tasks/${encodeURIComponent(taskId)}`,
      { body: { done } },
    );
  }

  async decideObligation(
    id: string,
    obligationId: string,
    decision: ObligationDecision,
  ): Promise<IncidentRecord> {
    return this.json(
      'PUT',
      `${this.incidentPath(id)}/obligations/${encodeURIComponent(
        obligationId,
      )}`,
      { body: decision },
    );
  }

  async draftNotice(id: string, obligationId: string): Promise<IncidentRecord> {
    return this.json('POST', `${this.incidentPath(id)}/notices`, {
      body: { obligationId },
    });
  }

  async editNotice(
    id: string,
    noticeId: string,
    body: string,
  ): Promise<IncidentRecord> {
    return this.json('PUT', this.noticePath(id, noticeId), { body: { body } });
  }

  async approveNotice(
    id: string,
    noticeId: string,
    version: string,
  ): Promise<IncidentRecord> {
    return this.json('POST', `${this.noticePath(id, noticeId)}/approve`, {
      body: { version },
    });
  }

  async submitNotice(
    id: string,
    noticeId: string,
    submissionRef: string,
  ): Promise<IncidentRecord> {
    return this.json('POST', `${this.noticePath(id, noticeId)}/submit`, {
      body: { submissionRef },
    });
  }

  async getHolds(entityRef: string): Promise<EvidenceHolds> {
    return this.json('GET', '/v1/holds', { query: { entityRef } });
  }

  async getReadiness(): Promise<ReadinessReport> {
    return this.json('GET', '/v1/readiness');
  }

  async getInventory(format: InventoryFormat): Promise<InventoryDownload> {
    const response = await this.request('GET', '/v1/inventory', {
      query: { format },
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    // Proxies, or a cross-origin backend that does not expose the header,
    // can hide the name: then it is made here the way the backend makes it.
    const named = /filename="([^"]+)"/.exec(disposition)?.[1];
    const today = new Date().toISOString().slice(0, 10);
    return {
      filename:
        named ?? `llm-inventory-${today}.${format === 'csv' ? 'csv' : 'md'}`,
      contentType: response.headers.get('content-type') ?? 'text/plain',
      body: await response.text(),
    };
  }

  private incidentPath(id: string) {
    return `/v1/incidents/${encodeURIComponent(id)}`;
  }

  private noticePath(id: string, noticeId: string) {
    return `${this.incidentPath(id)}/notices/${encodeURIComponent(noticeId)}`;
  }

  private async json<T>(
    method: Method,
    path: string,
    options?: RequestOptions,
  ): Promise<T> {
    const response = await this.request(method, path, options);
    return (await response.json()) as T;
  }

  private async request(
    method: Method,
    path: string,
    options: RequestOptions = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('leak-response');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      {
        method,
        headers,
        body:
          options.body !== undefined ? JSON.stringify(options.body) : undefined,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}
