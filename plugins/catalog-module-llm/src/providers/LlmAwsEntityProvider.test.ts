import { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, makeValidator } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  generateResources,
  TaggingApiTestServer,
} from '../testUtils/TaggingApiTestServer';
import {
  LlmAwsDiscoveryError,
  LlmAwsEntityProvider,
} from './LlmAwsEntityProvider';

const ACCOUNT = '111122223333';
const MODEL_ARN = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/recsys-llm-v3`;
const ENDPOINT_ARN = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:endpoint/recsys`;
const BUCKET_ARN = 'arn:aws:s3:::clickstream-2025q3';

jest.setTimeout(30_000);

class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];
  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
  }
  async refresh() {}
  get lastEntities(): Entity[] {
    const last = this.mutations[this.mutations.length - 1];
    if (!last || last.type !== 'full') {
      throw new Error('no full mutation applied');
    }
    return last.entities.map((d: DeferredEntity) => d.entity);
  }
}

function manualRunner(): SchedulerServiceTaskRunner & {
  tasks: Array<{ id: string; fn: Function }>;
} {
  const tasks: Array<{ id: string; fn: Function }> = [];
  return {
    tasks,
    async run(task) {
      tasks.push({ id: task.id, fn: task.fn });
    },
  };
}

describe('LlmAwsEntityProvider', () => {
  let server: TaggingApiTestServer;
  const logger = mockServices.logger.mock();
  // The provider logs through a child logger; route it back to one mock.
  logger.child.mockReturnValue(logger);

  beforeAll(async () => {
    server = await TaggingApiTestServer.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.clearFaults();
    server.requests.length = 0;
    server.setResources('eu-west-1', []);
    server.setResources('us-east-1', []);
    jest.clearAllMocks();
  });

  function createProviders(
    instances: Record<string, object>,
    extra: object = {},
  ) {
    const config = new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: ACCOUNT,
            accessKeyId: 'AKIDTESTONLY',
            secretAccessKey: 'test-secret',
          },
        ],
        mainAccount: {
          accessKeyId: 'AKIDMAINTEST',
          secretAccessKey: 'main-secret',
        },
      },
      catalog: { providers: { llmAws: instances } },
      ...extra,
    });
    const runner = manualRunner();
    const providers = LlmAwsEntityProvider.fromConfig(config, {
      logger,
      schedule: runner,
    });
    return { providers, runner };
  }

  async function connectOne(instance: object = {}) {
    const { providers, runner } = createProviders({
      main: {
        accountId: ACCOUNT,
        regions: ['eu-west-1', 'us-east-1'],
        endpoint: server.endpoint,
        ...instance,
      },
    });
    expect(providers).toHaveLength(1);
    const connection = new RecordingConnection();
    await providers[0].connect(connection);
    return { provider: providers[0], connection, runner };
  }

  it('maps tagged resources to LLM Resource entities in the entity format', async () => {
    server.setResources('eu-west-1', [
      {
        arn: MODEL_ARN,
        tags: {
          'llm:data-categories': 'personal.behavioral+personal.identifiers',
          'llm:data-subjects': 'eu gb',
          'llm:trained-on': `${BUCKET_ARN} resource:default/base-corpus`,
          'llm:fine-tuned-from': 'resource:base-llm-7b',
          'llm:approx-data-subjects': '2400000',
          owner: 'group:ml-platform',
          system: 'product-discovery',
          lifecycle: 'production',
        },
      },
      {
        arn: ENDPOINT_ARN,
        tags: {
          'llm:data-categories': 'personal.behavioral',
          'llm:serves': MODEL_ARN,
          owner: 'group:ml-platform',
        },
      },
    ]);
    server.setResources('us-east-1', [
      {
        arn: BUCKET_ARN,
        tags: {
          'llm:type': 'llm-dataset',
          'llm:data-categories': 'personal.behavioral',
          'llm:purpose': 'training',
          owner: 'group:data',
        },
      },
    ]);

    const { provider, connection } = await connectOne();
    const result = await provider.refresh();

    expect(result).toEqual({
      entities: 3,
      unclassified: 0,
      skipped: 0,
      pages: 2,
    });
    expect(connection.mutations).toHaveLength(1);
    expect(connection.mutations[0]).toEqual({
      type: 'full',
      entities: expect.arrayContaining([
        { entity: expect.anything(), locationKey: 'llm-aws-provider:main' },
      ]),
    });
    expect(connection.mutations[0]).toMatchObject({
      entities: connection.lastEntities.map(() => ({
        locationKey: 'llm-aws-provider:main',
      })),
    });

    const byArn = new Map(
      connection.lastEntities.map(e => [
        e.metadata.annotations!['amazonaws.com/arn'],
        e,
      ]),
    );
    const model = byArn.get(MODEL_ARN)!;
    const bucket = byArn.get(BUCKET_ARN)!;
    const endpoint = byArn.get(ENDPOINT_ARN)!;

    expect(model.apiVersion).toBe('backstage.io/v1alpha1');
    expect(model.kind).toBe('Resource');
    expect(model.metadata.name).toMatch(/^recsys-llm-v3-[0-9a-f]{12}$/);
    expect(model.metadata.title).toBe('recsys-llm-v3');
    expect(model.metadata.labels).toBeUndefined();
    expect(model.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'llm-aws-provider:main',
      'backstage.io/managed-by-origin-location': 'llm-aws-provider:main',
      'amazonaws.com/arn': MODEL_ARN,
      'amazonaws.com/account-id': ACCOUNT,
      'amazonaws.com/region': 'eu-west-1',
    });
    expect(model.spec).toEqual({
      type: 'llm-model',
      owner: 'group:ml-platform',
      system: 'product-discovery',
      lifecycle: 'production',
      dataCategories: ['personal.behavioral', 'personal.identifiers'],
      dataSubjects: ['EU', 'GB'],
      approxDataSubjects: 2400000,
      regions: ['eu-west-1'],
      trainedOn: [
        `resource:default/${bucket.metadata.name}`,
        'resource:default/base-corpus',
      ],
      fineTunedFrom: 'resource:base-llm-7b',
    });

    expect(endpoint.spec).toEqual({
      type: 'llm-endpoint',
      owner: 'group:ml-platform',
      dataCategories: ['personal.behavioral'],
      regions: ['eu-west-1'],
      serves: [`resource:default/${model.metadata.name}`],
    });

    // S3 ARNs carry no region or account: they come from the queried region
    // and the configured account.
    expect(bucket.metadata.name).toMatch(/^clickstream-2025q3-[0-9a-f]{12}$/);
    expect(bucket.metadata.annotations!['amazonaws.com/region']).toBe(
      'us-east-1',
    );
    expect(bucket.metadata.annotations!['amazonaws.com/account-id']).toBe(
      ACCOUNT,
    );
    expect(bucket.spec).toMatchObject({
      type: 'llm-dataset',
      purpose: 'training',
      regions: ['us-east-1'],
    });

    for (const entity of connection.lastEntities) {
      expect(makeValidator().isValidEntityName(entity.metadata.name)).toBe(
        true,
      );
    }
  });

  it('sends the configured type and tag filters with every page request', async () => {
    server.setResources('eu-west-1', [
      {
        arn: MODEL_ARN,
        tags: { env: 'prod', owner: 'group:a', 'llm:data-categories': 'x' },
      },
      {
        arn: ENDPOINT_ARN,
        tags: { env: 'dev', owner: 'group:a', 'llm:data-categories': 'x' },
      },
      {
        arn: BUCKET_ARN,
        tags: { env: 'prod', owner: 'group:a', 'llm:data-categories': 'x' },
      },
    ]);
    const { provider, connection } = await connectOne({
      regions: ['eu-west-1'],
      resourceTypeFilters: ['sagemaker:model', 'sagemaker:endpoint'],
      tagFilters: [{ key: 'env', values: ['prod'] }],
    });
    await provider.refresh();

    expect(
      connection.lastEntities.map(
        e => e.metadata.annotations!['amazonaws.com/arn'],
      ),
    ).toEqual([MODEL_ARN]);
    expect(server.requests[0].body).toEqual({
      ResourcesPerPage: 100,
      ResourceTypeFilters: ['sagemaker:model', 'sagemaker:endpoint'],
      TagFilters: [{ Key: 'env', Values: ['prod'] }],
    });
  });

  it('uses the default resource type filters', async () => {
    const { provider } = await connectOne({ regions: ['eu-west-1'] });
    await provider.refresh();
    expect(server.requests[0].body.ResourceTypeFilters).toEqual([
      'sagemaker:model',
      'sagemaker:endpoint',
      'sagemaker:endpoint-config',
      'bedrock:custom-model',
      'bedrock:provisioned-model',
      's3',
    ]);
  });

  it('follows pagination tokens across pages and regions', async () => {
    server.setResources(
      'eu-west-1',
      generateResources({
        region: 'eu-west-1',
        accountId: ACCOUNT,
        count: 230,
      }),
    );
    server.setResources(
      'us-east-1',
      generateResources({
        region: 'us-east-1',
        accountId: ACCOUNT,
        count: 101,
      }),
    );
    const { provider, connection } = await connectOne();
    const result = await provider.refresh();

    expect(result.entities).toBe(331);
    expect(result.pages).toBe(5);
    expect(
      server.requestsFor('eu-west-1').map(r => r.body.PaginationToken),
    ).toEqual([undefined, expect.any(String), expect.any(String)]);
    expect(server.requestsFor('us-east-1')).toHaveLength(2);

    const names = connection.lastEntities.map(e => e.metadata.name);
    expect(new Set(names).size).toBe(331);
    const regions = connection.lastEntities.map(
      e => e.metadata.annotations!['amazonaws.com/region'],
    );
    expect(regions.filter(r => r === 'eu-west-1')).toHaveLength(230);
    expect(regions.filter(r => r === 'us-east-1')).toHaveLength(101);
  });

  it('honours a smaller configured page size', async () => {
    server.setResources(
      'eu-west-1',
      generateResources({ region: 'eu-west-1', accountId: ACCOUNT, count: 25 }),
    );
    const { provider } = await connectOne({
      regions: ['eu-west-1'],
      pageSize: 10,
    });
    const result = await provider.refresh();
    expect(result).toMatchObject({ entities: 25, pages: 3 });
    expect(server.requests.every(r => r.body.ResourcesPerPage === 10)).toBe(
      true,
    );
  });

  it('retries throttling and 5xx responses with the SDK retry strategy', async () => {
    server.setResources('eu-west-1', [{ arn: MODEL_ARN, tags: {} }]);
    server.queueFaults(
      'eu-west-1',
      { kind: 'throttle' },
      { kind: 'server-error' },
    );
    server.queueFaults('us-east-1', {
      kind: 'throttle',
      errorType: 'ThrottledException',
    });

    const { provider, connection } = await connectOne();
    const result = await provider.refresh();

    expect(result.entities).toBe(1);
    expect(server.requestsFor('eu-west-1').map(r => r.status)).toEqual([
      400, 500, 200,
    ]);
    expect(server.requestsFor('us-east-1').map(r => r.status)).toEqual([
      400, 200,
    ]);
    expect(connection.mutations).toHaveLength(1);
  });

  it('retries a response slower than the request timeout', async () => {
    server.setResources('eu-west-1', [{ arn: MODEL_ARN, tags: {} }]);
    server.queueFaults('eu-west-1', { kind: 'slow', delayMs: 1500 });
    const { provider } = await connectOne({
      regions: ['eu-west-1'],
      requestTimeout: { milliseconds: 300 },
    });
    const started = Date.now();
    const result = await provider.refresh();
    expect(result.entities).toBe(1);
    // Answered by the retry, well before the slow response would have come.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.requestsFor('eu-west-1').map(r => r.status)).toEqual([200]);
  });

  it('applies no mutation when any region fails, and recovers on a later run', async () => {
    server.setResources('eu-west-1', [
      {
        arn: MODEL_ARN,
        tags: { owner: 'group:a', 'llm:data-categories': 'x' },
      },
    ]);
    server.setResources('us-east-1', [
      {
        arn: BUCKET_ARN,
        tags: { owner: 'group:a', 'llm:data-categories': 'x' },
      },
    ]);
    const { provider, connection } = await connectOne({ maxAttempts: 2 });

    await provider.refresh();
    expect(connection.mutations).toHaveLength(1);
    expect(connection.lastEntities).toHaveLength(2);

    // The bucket disappears from a region that also fails: a partial listing
    // must not delete it.
    server.setResources('eu-west-1', []);
    server.failAlways('us-east-1', { kind: 'server-error' });
    const failure = await provider.refresh().catch(e => e);
    expect(failure).toBeInstanceOf(LlmAwsDiscoveryError);
    expect(failure.failedRegions).toEqual(['us-east-1']);
    expect(failure.message).toContain('us-east-1');
    expect(connection.mutations).toHaveLength(1);
    expect(
      server
        .requestsFor('us-east-1')
        .slice(-2)
        .map(r => r.status),
    ).toEqual([500, 500]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('no entities were changed'),
      { failedRegions: 'us-east-1' },
    );

    server.clearFaults();
    await provider.refresh();
    expect(connection.mutations).toHaveLength(2);
    expect(
      connection.lastEntities.map(
        e => e.metadata.annotations!['amazonaws.com/arn'],
      ),
    ).toEqual([BUCKET_ARN]);
  });

  it('emits resources without data categories or owner, marked unclassified', async () => {
    server.setResources('eu-west-1', [
      {
        arn: MODEL_ARN,
        tags: { 'llm:data-categories': 'personal.behavioral' },
      },
      { arn: ENDPOINT_ARN, tags: { owner: 'group:serving' } },
      { arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/bare`, tags: {} },
    ]);
    const { provider, connection } = await connectOne({
      regions: ['eu-west-1'],
      defaultOwner: 'group:ml-governance',
    });
    const result = await provider.refresh();
    expect(result).toMatchObject({ entities: 3, unclassified: 3 });

    const byTitle = new Map(
      connection.lastEntities.map(e => [e.metadata.title, e]),
    );
    const model = byTitle.get('recsys-llm-v3')!;
    expect(model.metadata.labels).toEqual({
      'leak-response.io/unclassified': 'true',
    });
    expect(
      model.metadata.annotations!['leak-response.io/unclassified-missing'],
    ).toBe('owner');
    expect(model.spec!.owner).toBe('group:ml-governance');
    expect(model.spec!.dataCategories).toEqual(['personal.behavioral']);

    const endpoint = byTitle.get('recsys')!;
    expect(
      endpoint.metadata.annotations!['leak-response.io/unclassified-missing'],
    ).toBe('llm:data-categories');
    expect(endpoint.spec!.owner).toBe('group:serving');
    expect(endpoint.spec).not.toHaveProperty('dataCategories');

    const bare = byTitle.get('bare')!;
    expect(
      bare.metadata.annotations!['leak-response.io/unclassified-missing'],
    ).toBe('llm:data-categories,owner');
  });

  it('falls back to group:default/unknown as owner when no default is configured', async () => {
    server.setResources('eu-west-1', [{ arn: MODEL_ARN, tags: {} }]);
    const { provider, connection } = await connectOne({
      regions: ['eu-west-1'],
    });
    await provider.refresh();
    expect(connection.lastEntities[0].spec!.owner).toBe(
      'group:default/unknown',
    );
  });

  it('reads tags through a configured tag-key mapping', async () => {
    server.setResources('eu-west-1', [
      {
        arn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc',
        tags: {
          Kind: 'llm-endpoint',
          Categories: 'credentials',
          Team: 'group:sre',
        },
      },
    ]);
    const { provider, connection } = await connectOne({
      regions: ['eu-west-1'],
      resourceTypeFilters: ['ec2:instance'],
      tagKeys: { type: 'Kind', dataCategories: 'Categories', owner: 'Team' },
    });
    await provider.refresh();
    const [entity] = connection.lastEntities;
    expect(entity.spec).toEqual({
      type: 'llm-endpoint',
      owner: 'group:sre',
      dataCategories: ['credentials'],
      regions: ['eu-west-1'],
    });
    expect(entity.metadata.labels).toBeUndefined();
  });

  it('skips and logs resources whose type is neither tagged nor inferable', async () => {
    const instance = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc';
    server.setResources('eu-west-1', [
      { arn: instance, tags: { 'llm:type': 'database' } },
      { arn: MODEL_ARN, tags: {} },
    ]);
    const { provider, connection } = await connectOne({
      regions: ['eu-west-1'],
      resourceTypeFilters: ['ec2', 'sagemaker'],
    });
    const result = await provider.refresh();
    expect(result).toMatchObject({ entities: 1, skipped: 1 });
    expect(connection.lastEntities).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Skipped 1 resource'),
      { sample: expect.stringContaining(instance) },
    );
  });

  it('creates one provider per configured instance with stable names and task ids', async () => {
    const { providers, runner } = createProviders({
      prod: {
        accountId: ACCOUNT,
        regions: ['eu-west-1'],
        endpoint: server.endpoint,
      },
      sandbox: { regions: ['us-east-1'], endpoint: server.endpoint },
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'llm-aws-provider:prod',
      'llm-aws-provider:sandbox',
    ]);

    server.setResources('eu-west-1', [{ arn: MODEL_ARN, tags: {} }]);
    server.setResources('us-east-1', [{ arn: BUCKET_ARN, tags: {} }]);
    const connections = providers.map(() => new RecordingConnection());
    await Promise.all(providers.map((p, i) => p.connect(connections[i])));
    expect(runner.tasks.map(t => t.id)).toEqual([
      'llm-aws-provider:prod:refresh',
      'llm-aws-provider:sandbox:refresh',
    ]);

    // Run the scheduled tasks as the scheduler would.
    await Promise.all(
      runner.tasks.map(t => t.fn(new AbortController().signal)),
    );
    expect(
      connections[0].lastEntities.map(
        e => e.metadata.annotations!['amazonaws.com/arn'],
      ),
    ).toEqual([MODEL_ARN]);
    expect(
      connections[1].lastEntities.map(
        e => e.metadata.annotations!['amazonaws.com/arn'],
      ),
    ).toEqual([BUCKET_ARN]);
    // The sandbox instance has no accountId and uses the main account keys;
    // an S3 ARN then carries no account, so the annotation is left out.
    expect(
      connections[1].lastEntities[0].metadata.annotations,
    ).not.toHaveProperty('amazonaws.com/account-id');
    expect(
      connections[1].lastEntities[0].metadata.annotations![
        'backstage.io/managed-by-location'
      ],
    ).toBe('llm-aws-provider:sandbox');
  });

  it('signs requests with the credentials of the configured account', async () => {
    const { provider } = await connectOne({ regions: ['eu-west-1'] });
    await provider.refresh();
    expect(server.requests[0].region).toBe('eu-west-1');
    expect(server.lastAuthorization).toContain('Credential=AKIDTESTONLY/');
  });

  it('swallows a failed scheduled run after logging it', async () => {
    server.failAlways('eu-west-1', { kind: 'throttle' });
    const { connection, runner } = await connectOne({
      regions: ['eu-west-1'],
      maxAttempts: 1,
    });
    await expect(
      runner.tasks[0].fn(new AbortController().signal),
    ).resolves.toBeUndefined();
    expect(connection.mutations).toHaveLength(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('refuses to refresh before connect', async () => {
    const { providers } = createProviders({
      main: { regions: ['eu-west-1'], endpoint: server.endpoint },
    });
    await expect(providers[0].refresh()).rejects.toThrow('not connected');
  });

  it('returns no providers when nothing is configured', () => {
    const config = new ConfigReader({});
    expect(LlmAwsEntityProvider.fromConfig(config, { logger })).toEqual([]);
  });

  it('requires a schedule from config when no task runner is given', () => {
    const config = new ConfigReader({
      catalog: { providers: { llmAws: { main: { regions: ['eu-west-1'] } } } },
    });
    expect(() =>
      LlmAwsEntityProvider.fromConfig(config, {
        logger,
        scheduler: mockServices.scheduler.mock(),
      }),
    ).toThrow('catalog.providers.llmAws.main.schedule is required');
  });

  it('creates the task runner from the configured schedule', () => {
    const scheduler = mockServices.scheduler.mock();
    const config = new ConfigReader({
      catalog: {
        providers: {
          llmAws: {
            main: {
              regions: ['eu-west-1'],
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 10 },
              },
            },
          },
        },
      },
    });
    LlmAwsEntityProvider.fromConfig(config, { logger, scheduler });
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
    });
  });
});
