/* A small client for the backend's HTTP API and detection ingress, loopback only. */
import type { IncidentRecord } from '@leak-response/plugin-leak-response-common';

export const INGRESS_HEADER = 'x-leak-response-ingress-token';
/** The plugin's ingress: 202 only once the finding is recorded, 503 while it cannot be. */
export const INGRESS_PATH = '/api/leak-response/v1/detections/ingress';

export interface Reply<T = any> {
  status: number;
  body: T;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly ingressSecret: string,
  ) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(baseUrl)) {
      throw new Error(`system tests only talk to loopback, not ${baseUrl}`);
    }
  }

  async request<T = any>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}/api/leak-response${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (e.g. the markdown report)
    }
    return { status: res.status, body: parsed as T };
  }

  incident(id: string) {
    return this.request<IncidentRecord>('GET', `/v1/incidents/${id}`);
  }

  /** Every incident, page by page. */
  async allIncidents(): Promise<
    Array<{ id: string; createdAt: string; title: string }>
  > {
    const items: any[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.request(
        'GET',
        `/v1/incidents?limit=500&offset=${offset}&orderBy=createdAt&order=asc`,
      );
      if (page.status !== 200)
        throw new Error(
          `listing incidents: ${page.status} ${JSON.stringify(page.body)}`,
        );
      items.push(...page.body.items);
      if (page.body.items.length < 500) return items;
    }
  }

  async ingest(event: unknown): Promise<number> {
    const res = await fetch(`${this.baseUrl}${INGRESS_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INGRESS_HEADER]: this.ingressSecret,
      },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  }
}
