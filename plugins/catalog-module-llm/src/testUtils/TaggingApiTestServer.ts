import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A resource the fake service knows, with its tags. */
export interface FakeTaggedResource {
  arn: string;
  tags: Record<string, string>;
}

/**
 * A fault served instead of (or before) a normal answer:
 * - `throttle`: 400 with `__type` ThrottlingException (or `errorType`)
 * - `server-error`: 500 InternalServiceException
 * - `slow`: the normal answer after `delayMs`
 */
export type FakeFault =
  | { kind: 'throttle'; errorType?: string }
  | { kind: 'server-error' }
  | { kind: 'slow'; delayMs: number };

/** What a request asked for, for assertions. */
export interface RecordedRequest {
  region: string;
  target: string;
  body: Record<string, any>;
  /** The status code the server answered with. */
  status: number;
}

const TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126.';
const GET_RESOURCES = `${TARGET_PREFIX}GetResources`;
const JSON_11 = 'application/x-amz-json-1.1';
const MAX_PAGE_SIZE = 100;

/**
 * A local stand-in for the Resource Groups Tagging API, speaking its JSON 1.1
 * protocol so the real AWS SDK v3 client can be pointed at it with
 * `endpoint`. The region comes from the SigV4 credential scope, so one
 * server serves every region. Only `GetResources` is implemented, with
 * `ResourcesPerPage`/`PaginationToken`, `ResourceTypeFilters`, `TagFilters`
 * and injectable faults.
 */
export class TaggingApiTestServer {
  readonly requests: RecordedRequest[] = [];
  /** The Authorization header of the last request, to check signing. */
  lastAuthorization = '';
  /** Set false to stop recording (the bench serves 1,000s of pages). */
  recordRequests = true;
  private readonly resourcesByRegion = new Map<string, FakeTaggedResource[]>();
  private readonly queuedFaults = new Map<string, FakeFault[]>();
  private readonly persistentFaults = new Map<string, FakeFault>();
  private readonly filteredCache = new Map<string, FakeTaggedResource[]>();

  static async start(): Promise<TaggingApiTestServer> {
    const fake = new TaggingApiTestServer();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(error => {
        if (!res.headersSent) {
          this.sendError(res, 500, 'InternalServiceException', String(error));
        }
      });
    });
    // The SDK keeps connections alive; without this, close() waits for them.
    this.server.keepAliveTimeout = 1000;
  }

  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Replaces what the region holds. */
  setResources(region: string, resources: FakeTaggedResource[]): void {
    this.resourcesByRegion.set(region, resources);
    this.filteredCache.clear();
  }

  /** The next requests to `region` get these faults, one each, in order. */
  queueFaults(region: string, ...faults: FakeFault[]): void {
    this.queuedFaults.set(region, [
      ...(this.queuedFaults.get(region) ?? []),
      ...faults,
    ]);
  }

  /** Every request to `region` gets this fault until `clearFaults`. */
  failAlways(region: string, fault: FakeFault): void {
    this.persistentFaults.set(region, fault);
  }

  clearFaults(): void {
    this.queuedFaults.clear();
    this.persistentFaults.clear();
  }

  requestsFor(region: string): RecordedRequest[] {
    return this.requests.filter(r => r.region === region);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close(error => (error ? reject(error) : resolve())),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');

    const target = String(req.headers['x-amz-target'] ?? '');
    const region = regionFromAuthorization(req.headers.authorization);
    this.lastAuthorization = req.headers.authorization ?? '';
    let body: Record<string, any> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      this.record(region, target, body, 400);
      this.sendError(res, 400, 'SerializationException', 'Body is not JSON');
      return;
    }

    if (req.method !== 'POST' || target !== GET_RESOURCES) {
      this.record(region, target, body, 400);
      this.sendError(
        res,
        400,
        'UnknownOperationException',
        `Unsupported target '${target}'`,
      );
      return;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith(JSON_11)) {
      this.record(region, target, body, 400);
      this.sendError(res, 400, 'SerializationException', `Expected ${JSON_11}`);
      return;
    }
    if (!region) {
      this.record(region, target, body, 403);
      this.sendError(
        res,
        403,
        'MissingAuthenticationTokenException',
        'Unsigned request',
      );
      return;
    }

    const fault =
      this.queuedFaults.get(region)?.shift() ??
      this.persistentFaults.get(region);
    if (fault?.kind === 'throttle') {
      this.record(region, target, body, 400);
      this.sendError(
        res,
        400,
        fault.errorType ?? 'ThrottlingException',
        'Rate exceeded',
      );
      return;
    }
    if (fault?.kind === 'server-error') {
      this.record(region, target, body, 500);
      this.sendError(res, 500, 'InternalServiceException', 'Injected failure');
      return;
    }
    if (fault?.kind === 'slow') {
      await new Promise(resolve => setTimeout(resolve, fault.delayMs));
      if (res.destroyed) return;
    }

    const pageSize = body.ResourcesPerPage ?? 50;
    if (
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > MAX_PAGE_SIZE
    ) {
      this.record(region, target, body, 400);
      this.sendError(
        res,
        400,
        'InvalidParameterException',
        'ResourcesPerPage must be 1..100',
      );
      return;
    }
    let offset = 0;
    if (body.PaginationToken) {
      const decoded = decodeToken(body.PaginationToken);
      if (decoded === undefined) {
        this.record(region, target, body, 400);
        this.sendError(
          res,
          400,
          'PaginationTokenExpiredException',
          'Bad token',
        );
        return;
      }
      offset = decoded;
    }

    const matching = this.matching(region, body);
    const page = matching.slice(offset, offset + pageSize);
    const nextOffset = offset + page.length;
    this.record(region, target, body, 200);
    this.sendJson(res, 200, {
      PaginationToken:
        nextOffset < matching.length ? encodeToken(nextOffset) : '',
      ResourceTagMappingList: page.map(resource => ({
        ResourceARN: resource.arn,
        Tags: Object.entries(resource.tags).map(([Key, Value]) => ({
          Key,
          Value,
        })),
      })),
    });
  }

  private matching(
    region: string,
    body: Record<string, any>,
  ): FakeTaggedResource[] {
    const typeFilters: string[] = body.ResourceTypeFilters ?? [];
    const tagFilters: Array<{ Key: string; Values?: string[] }> =
      body.TagFilters ?? [];
    const cacheKey = JSON.stringify([region, typeFilters, tagFilters]);
    const cached = this.filteredCache.get(cacheKey);
    if (cached) return cached;

    const result = (this.resourcesByRegion.get(region) ?? []).filter(
      resource =>
        (typeFilters.length === 0 ||
          typeFilters.some(filter =>
            matchesTypeFilter(resource.arn, filter),
          )) &&
        tagFilters.every(filter => {
          const value = resource.tags[filter.Key];
          if (value === undefined) return false;
          return !filter.Values?.length || filter.Values.includes(value);
        }),
    );
    this.filteredCache.set(cacheKey, result);
    return result;
  }

  private record(
    region: string,
    target: string,
    body: Record<string, any>,
    status: number,
  ) {
    if (this.recordRequests) {
      this.requests.push({ region, target, body, status });
    }
  }

  private sendError(
    res: ServerResponse,
    status: number,
    type: string,
    message: string,
  ) {
    this.sendJson(
      res,
      status,
      { __type: type, message },
      { 'x-amzn-ErrorType': type },
    );
  }

  private sendJson(
    res: ServerResponse,
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ) {
    const data = JSON.stringify(payload);
    res.writeHead(status, {
      'content-type': JSON_11,
      'content-length': Buffer.byteLength(data),
      'x-amzn-requestid': `req-${this.requests.length}`,
      ...headers,
    });
    res.end(data);
  }
}

/** `Credential=AKID/20260101/eu-west-1/tagging/aws4_request` → `eu-west-1`. */
function regionFromAuthorization(header: string | undefined): string {
  const match = header?.match(/Credential=[^/]+\/\d{8}\/([^/]+)\//);
  return match?.[1] ?? '';
}

/** `service[:resourceType]`, as the real API interprets it. */
function matchesTypeFilter(arn: string, filter: string): boolean {
  const [, , service, , , ...rest] = arn.split(':');
  const resource = rest.join(':');
  const [filterService, filterType] = filter.split(':');
  if (service !== filterService) return false;
  if (!filterType) return true;
  const type = resource.split(/[/:]/)[0];
  return type === filterType;
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeToken(token: string): number | undefined {
  try {
    const { offset } = JSON.parse(
      Buffer.from(token, 'base64').toString('utf8'),
    );
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Deterministic resources for tests and the bench: `count` resources in
 * `region` of account `accountId`, cycling through models, endpoints,
 * endpoint configs and buckets; every seventh lacks a data-category tag.
 */
export function generateResources(options: {
  region: string;
  accountId: string;
  count: number;
}): FakeTaggedResource[] {
  const { region, accountId, count } = options;
  const resources: FakeTaggedResource[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const base = `${region}-${i}`;
    let arn: string;
    const tags: Record<string, string> = { owner: `group:team-${i % 13}` };
    if (kind === 0) {
      arn = `arn:aws:sagemaker:${region}:${accountId}:model/model-${base}`;
      tags['llm:trained-on'] = `arn:aws:s3:::bucket-${region}-${i + 3}`;
    } else if (kind === 1) {
      arn = `arn:aws:sagemaker:${region}:${accountId}:endpoint/endpoint-${base}`;
      tags[
        'llm:serves'
      ] = `arn:aws:sagemaker:${region}:${accountId}:model/model-${region}-${
        i - 1
      }`;
    } else if (kind === 2) {
      arn = `arn:aws:sagemaker:${region}:${accountId}:endpoint-config/config-${base}`;
    } else {
      arn = `arn:aws:s3:::bucket-${base}`;
      tags['llm:purpose'] = 'training';
    }
    if (i % 7 !== 0) {
      tags['llm:data-categories'] = 'personal.behavioral+personal.identifiers';
      tags['llm:data-subjects'] = 'EU GB';
    }
    resources.push({ arn, tags });
  }
  return resources;
}
