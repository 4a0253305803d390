import { ConfigReader, JsonObject } from '@backstage/config';
import {
  DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS,
  DEFAULT_LLM_AWS_TAG_KEYS,
  readLlmAwsProviderConfigs,
} from './config';

function read(instances: JsonObject) {
  return readLlmAwsProviderConfigs(
    new ConfigReader({ catalog: { providers: { llmAws: instances } } }),
  );
}

describe('readLlmAwsProviderConfigs', () => {
  it('returns nothing when the key is absent', () => {
    expect(readLlmAwsProviderConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('applies the defaults', () => {
    expect(read({ main: { regions: ['eu-west-1'] } })).toEqual([
      {
        id: 'main',
        accountId: undefined,
        regions: ['eu-west-1'],
        resourceTypeFilters: [...DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS],
        tagFilters: [],
        tagKeys: { ...DEFAULT_LLM_AWS_TAG_KEYS },
        defaultOwner: 'group:default/unknown',
        namespace: 'default',
        endpoint: undefined,
        pageSize: 100,
        maxAttempts: undefined,
        requestTimeoutMs: undefined,
        schedule: undefined,
      },
    ]);
  });

  it('reads several named instances with their settings', () => {
    const configs = read({
      prod: {
        accountId: '111122223333',
        regions: ['eu-west-1', 'eu-central-1'],
        resourceTypeFilters: ['s3'],
        tagFilters: [{ key: 'llm:type' }, { key: 'env', values: ['prod'] }],
        tagKeys: { owner: 'Owner', dataCategories: 'DataCategories' },
        defaultOwner: 'group:ml-governance',
        namespace: 'aws',
        endpoint: 'https://tagging.eu-west-1.amazonaws.com',
        pageSize: 50,
        maxAttempts: 6,
        requestTimeout: '30s',
        schedule: { frequency: { minutes: 30 }, timeout: 'PT10M' },
      },
      dev: { regions: ['us-east-1'] },
    });
    expect(configs.map(c => c.id)).toEqual(['prod', 'dev']);
    expect(configs[0]).toMatchObject({
      accountId: '111122223333',
      regions: ['eu-west-1', 'eu-central-1'],
      resourceTypeFilters: ['s3'],
      tagFilters: [
        { key: 'llm:type', values: [] },
        { key: 'env', values: ['prod'] },
      ],
      tagKeys: {
        ...DEFAULT_LLM_AWS_TAG_KEYS,
        owner: 'Owner',
        dataCategories: 'DataCategories',
      },
      defaultOwner: 'group:ml-governance',
      namespace: 'aws',
      endpoint: 'https://tagging.eu-west-1.amazonaws.com',
      pageSize: 50,
      maxAttempts: 6,
      requestTimeoutMs: 30_000,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
    });
  });

  it.each([
    [{ regions: [] }, 'regions must list at least one region'],
    [{ regions: ['Ireland'] }, "regions has 'Ireland'"],
    [
      { regions: ['eu-west-1'], accountId: '1234' },
      'must be a 12-digit AWS account id',
    ],
    [
      { regions: ['eu-west-1'], pageSize: 101 },
      'pageSize must be an integer from 1 to 100',
    ],
    [
      { regions: ['eu-west-1'], maxAttempts: 0 },
      'maxAttempts must be a positive integer',
    ],
  ])('rejects %j', (instance, message) => {
    expect(() => read({ bad: instance })).toThrow(message);
  });

  it('names the instance in errors', () => {
    expect(() => read({ prod: { regions: ['x'] } })).toThrow(
      'catalog.providers.llmAws.prod.regions',
    );
  });
});
