import {
  GetResourcesCommand,
  GetTagKeysCommand,
  paginateGetResources,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  generateResources,
  TaggingApiTestServer,
} from './TaggingApiTestServer';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

describe('TaggingApiTestServer', () => {
  let server: TaggingApiTestServer;
  const client = (region: string) =>
    new ResourceGroupsTaggingAPIClient({
      region,
      endpoint: server.endpoint,
      credentials,
      maxAttempts: 1,
    });

  beforeAll(async () => {
    server = await TaggingApiTestServer.start();
    server.setResources('eu-west-1', [
      { arn: 'arn:aws:sagemaker:eu-west-1:1:model/m', tags: { env: 'prod' } },
      { arn: 'arn:aws:sagemaker:eu-west-1:1:endpoint/e', tags: { env: 'dev' } },
      {
        arn: 'arn:aws:sagemaker:eu-west-1:1:endpoint-config/c',
        tags: { env: 'prod' },
      },
      { arn: 'arn:aws:s3:::b', tags: { team: 'x' } },
    ]);
    server.setResources(
      'us-east-1',
      generateResources({
        region: 'us-east-1',
        accountId: '111122223333',
        count: 250,
      }),
    );
  });
  afterAll(() => server.close());
  beforeEach(() => server.clearFaults());

  async function arns(region: string, input: object) {
    const out = await client(region).send(new GetResourcesCommand(input));
    return out.ResourceTagMappingList!.map(r => r.ResourceARN);
  }

  it('serves each region its own resources, by the signing region', async () => {
    expect(await arns('eu-west-1', {})).toHaveLength(4);
    expect(await arns('ap-south-1', {})).toEqual([]);
  });

  it('filters by service and by exact resource type', async () => {
    expect(
      await arns('eu-west-1', { ResourceTypeFilters: ['sagemaker:endpoint'] }),
    ).toEqual(['arn:aws:sagemaker:eu-west-1:1:endpoint/e']);
    expect(await arns('eu-west-1', { ResourceTypeFilters: ['s3'] })).toEqual([
      'arn:aws:s3:::b',
    ]);
  });

  it('filters by tag values, and by tag presence when no values are given', async () => {
    expect(
      await arns('eu-west-1', {
        TagFilters: [{ Key: 'env', Values: ['prod'] }],
      }),
    ).toEqual([
      'arn:aws:sagemaker:eu-west-1:1:model/m',
      'arn:aws:sagemaker:eu-west-1:1:endpoint-config/c',
    ]);
    expect(await arns('eu-west-1', { TagFilters: [{ Key: 'team' }] })).toEqual([
      'arn:aws:s3:::b',
    ]);
  });

  it('pages with tokens that the SDK paginator follows to the end', async () => {
    const sizes: number[] = [];
    for await (const page of paginateGetResources(
      { client: client('us-east-1'), pageSize: 100 },
      {},
    )) {
      sizes.push(page.ResourceTagMappingList!.length);
    }
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('refuses pages larger than 100 as the real API does', async () => {
    await expect(
      client('eu-west-1').send(
        new GetResourcesCommand({ ResourcesPerPage: 101 }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('answers other operations with UnknownOperationException', async () => {
    await expect(
      client('eu-west-1').send(new GetTagKeysCommand({})),
    ).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });

  it('injects queued faults in order, then answers normally', async () => {
    server.queueFaults(
      'eu-west-1',
      { kind: 'throttle' },
      { kind: 'server-error' },
    );
    await expect(arns('eu-west-1', {})).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(arns('eu-west-1', {})).rejects.toMatchObject({
      name: 'InternalServiceException',
      $metadata: { httpStatusCode: 500 },
    });
    expect(await arns('eu-west-1', {})).toHaveLength(4);
  });

  it('keeps failing a region until faults are cleared', async () => {
    server.failAlways('eu-west-1', { kind: 'server-error' });
    await expect(arns('eu-west-1', {})).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500 },
    });
    await expect(arns('eu-west-1', {})).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500 },
    });
    expect(await arns('us-east-1', { ResourcesPerPage: 1 })).toHaveLength(1);
    server.clearFaults();
    expect(await arns('eu-west-1', {})).toHaveLength(4);
  });

  it('delays slow responses', async () => {
    server.queueFaults('eu-west-1', { kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect(await arns('eu-west-1', {})).toHaveLength(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
