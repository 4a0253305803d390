import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A fault served instead of a normal answer:
 * - `throttle`: 400 ThrottlingException (retried by the SDK's standard retry)
 * - `denied`: 403 AccessDeniedException (not retried)
 * - `server-error`: 500 InternalFailure
 */
export type AwsTestFault =
  | { kind: 'throttle'; errorType?: string }
  | { kind: 'denied' }
  | { kind: 'server-error' };

/** One request as the server saw it. */
export interface AwsTestRequest {
  /** From the SigV4 credential scope. */
  region: string;
  accessKeyId: string;
  /** The JSON 1.1 target (`SageMaker.ListModels`) or `METHOD /path`. */
  operation: string;
  status: number;
}

/** What a protocol-specific server answers once the common checks passed. */
export interface AwsTestReply {
  status: number;
  body: unknown;
  /** Sent as `__type` and `x-amzn-ErrorType` when the reply is an error. */
  errorType?: string;
  /** Sent as it is instead of JSON (the query protocol answers in XML). */
  raw?: { contentType: string; text: string };
}

/** A parsed, signed request handed to the protocol-specific part. */
export interface AwsTestCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, any>;
  region: string;
  accessKeyId: string;
  /** The account registered for the access key (see `addAccount`). */
  accountId: string;
}

/**
 * The HTTP, signing and fault machinery shared by the local AWS service
 * stand-ins: the region and the access key come from the SigV4
 * Authorization header, so one server serves every region and every
 * account (each account signs with its own static test key). Faults can be
 * queued or made permanent per account, per region or per account and
 * region (`111122223333/eu-west-1`), and every answer can be delayed to
 * imitate the network.
 */
export abstract class AwsTestServer {
  readonly requests: AwsTestRequest[] = [];
  /** Set false to stop recording (the bench serves 10,000s of requests). */
  recordRequests = true;
  /** Added before every answer, to imitate a network round trip. */
  latencyMs = 0;
  private readonly accountsByKey = new Map<string, string>();
  private readonly queuedFaults = new Map<string, AwsTestFault[]>();
  private readonly persistentFaults = new Map<string, AwsTestFault>();
  private readonly server: Server;

  protected constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(error => {
        if (!res.headersSent) {
          this.send(res, {
            status: 500,
            errorType: 'InternalFailure',
            body: { message: String(error) },
          });
        }
      });
    });
    // The SDK keeps connections alive; without this, close() waits for them.
    this.server.keepAliveTimeout = 1000;
  }

  protected async listen(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Requests signed with `accessKeyId` act in `accountId`. */
  addAccount(accountId: string, accessKeyId: string): void {
    this.accountsByKey.set(accessKeyId, accountId);
  }

  /** The next requests in `scope` get these faults, one each, in order. */
  queueFaults(scope: string, ...faults: AwsTestFault[]): void {
    this.queuedFaults.set(scope, [
      ...(this.queuedFaults.get(scope) ?? []),
      ...faults,
    ]);
  }

  /** Every request in `scope` (account, region or account/region) fails. */
  failAlways(scope: string, fault: AwsTestFault): void {
    this.persistentFaults.set(scope, fault);
  }

  clearFaults(): void {
    this.queuedFaults.clear();
    this.persistentFaults.clear();
  }

  /** Requests per operation, for assertions. */
  countOf(operation: string, status = 200): number {
    return this.requests.filter(
      r => r.operation === operation && r.status === status,
    ).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close(error => (error ? reject(error) : resolve())),
    );
  }

  /** The protocol's answer; throw nothing, reply with an error instead. */
  protected abstract answer(call: AwsTestCall): AwsTestReply;

  /** The operation name recorded for a request. */
  protected abstract operationOf(call: AwsTestCall): string;

  /** The content type of answers. */
  protected abstract readonly contentType: string;

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = String(req.headers.authorization ?? '');
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(auth);
    const accessKeyId = scope?.[1] ?? '';
    const region = scope?.[2] ?? '';
    let body: Record<string, any> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = { __raw: raw };
    }
    const call: AwsTestCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      region,
      accessKeyId,
      accountId: this.accountsByKey.get(accessKeyId) ?? '',
    };
    const operation = this.operationOf(call);
    if (this.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.latencyMs));
    }
    const reply = this.reply(call);
    if (this.recordRequests) {
      this.requests.push({
        region,
        accessKeyId,
        operation,
        status: reply.status,
      });
    }
    if (!res.destroyed) this.send(res, reply);
  }

  private reply(call: AwsTestCall): AwsTestReply {
    if (!call.region || !call.accountId) {
      return {
        status: 403,
        errorType: 'UnrecognizedClientException',
        body: {
          message: 'The security token included in the request is invalid',
        },
      };
    }
    const fault = this.takeFault(call);
    if (fault?.kind === 'throttle') {
      return {
        status: 400,
        errorType: fault.errorType ?? 'ThrottlingException',
        body: { message: 'Rate exceeded' },
      };
    }
    if (fault?.kind === 'denied') {
      return {
        status: 403,
        errorType: 'AccessDeniedException',
        body: { message: 'User is not authorized to perform this action' },
      };
    }
    if (fault?.kind === 'server-error') {
      return {
        status: 500,
        errorType: 'InternalFailure',
        body: { message: 'Injected failure' },
      };
    }
    return this.answer(call);
  }

  private takeFault(call: AwsTestCall): AwsTestFault | undefined {
    const scopes = [
      `${call.accountId}/${call.region}`,
      call.accountId,
      call.region,
    ];
    for (const scope of scopes) {
      const queued = this.queuedFaults.get(scope)?.shift();
      if (queued) return queued;
    }
    for (const scope of scopes) {
      const persistent = this.persistentFaults.get(scope);
      if (persistent) return persistent;
    }
    return undefined;
  }

  private send(res: ServerResponse, reply: AwsTestReply) {
    const payload =
      reply.errorType !== undefined
        ? { __type: reply.errorType, ...(reply.body as object) }
        : reply.body;
    const data = reply.raw?.text ?? JSON.stringify(payload ?? {});
    res.writeHead(reply.status, {
      'content-type': reply.raw?.contentType ?? this.contentType,
      'content-length': Buffer.byteLength(data),
      'x-amzn-requestid': `req-${this.requests.length}`,
      ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
    });
    res.end(data);
  }
}

/** Opaque page tokens: the offset, base64-encoded as AWS tokens look. */
export function pageOf<T>(
  items: readonly T[],
  token: unknown,
  maxResults: unknown,
  defaultSize: number,
): { page: T[]; next?: string } | { error: string } {
  let offset = 0;
  if (token !== undefined && token !== null && token !== '') {
    try {
      offset = JSON.parse(
        Buffer.from(String(token), 'base64').toString('utf8'),
      ).offset;
    } catch {
      return { error: 'Invalid pagination token' };
    }
    if (!Number.isInteger(offset) || offset < 0) {
      return { error: 'Invalid pagination token' };
    }
  }
  const size =
    maxResults === undefined || maxResults === null
      ? defaultSize
      : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    return { error: 'MaxResults must be between 1 and 100' };
  }
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  return {
    page,
    next:
      end < items.length
        ? Buffer.from(JSON.stringify({ offset: end })).toString('base64')
        : undefined,
  };
}
