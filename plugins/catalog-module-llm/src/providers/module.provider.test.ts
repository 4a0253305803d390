import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { catalogModuleLlm } from '../module';
import { TaggingApiTestServer } from '../testUtils/TaggingApiTestServer';

jest.setTimeout(60_000);

const ACCOUNT = '111122223333';
const MODEL_ARN = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/recsys-llm-v3`;
const BUCKET_ARN = 'arn:aws:s3:::clickstream-2025q3';

function configData(endpoint: string) {
  const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 5 } };
  return {
    aws: {
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: 'AKIDTESTONLY',
          secretAccessKey: 'test-secret',
        },
      ],
    },
    catalog: {
      providers: {
        llmAws: {
          prod: {
            accountId: ACCOUNT,
            regions: ['eu-west-1'],
            endpoint,
            schedule,
          },
          staging: {
            accountId: ACCOUNT,
            regions: ['us-east-1'],
            endpoint,
            schedule,
          },
        },
      },
    },
  };
}

/**
 * A plain GET with its own agent: the test environment replaces the global
 * agents to block outside network access.
 */
function getJson(server: Server, path: string): Promise<any> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        agent: false,
        headers: { authorization: mockCredentials.user.header() },
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(body))
            : reject(new Error(`GET ${path}: ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('catalogModuleLlm discovery wiring', () => {
  let tagging: TaggingApiTestServer;

  beforeAll(async () => {
    tagging = await TaggingApiTestServer.start();
  });
  afterAll(async () => {
    await tagging.close();
  });

  it('registers one provider per configured instance', async () => {
    const addEntityProvider = jest.fn();
    const extensionPoint = {
      addEntityProvider,
      addProcessor: jest.fn(),
      addPlaceholderResolver: jest.fn(),
      setOnProcessingErrorHandler: jest.fn(),
    };
    const backend = await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [
        catalogModuleLlm,
        mockServices.rootConfig.factory({ data: configData(tagging.endpoint) }),
      ],
    });
    try {
      const providers = addEntityProvider.mock.calls.flat(2);
      expect(providers.map(p => p.getProviderName())).toEqual([
        'llm-aws-provider:prod',
        'llm-aws-provider:staging',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('registers no provider when discovery is not configured', async () => {
    const addEntityProvider = jest.fn();
    const backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider,
            addProcessor: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        catalogModuleLlm,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      expect(addEntityProvider.mock.calls.flat(2)).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('lands discovered resources in the real catalog', async () => {
    tagging.setResources('eu-west-1', [
      {
        arn: MODEL_ARN,
        tags: {
          owner: 'group:ml-platform',
          'llm:data-categories': 'personal.behavioral',
          'llm:trained-on': BUCKET_ARN,
        },
      },
    ]);
    tagging.setResources('us-east-1', [{ arn: BUCKET_ARN, tags: {} }]);

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleLlm,
        mockServices.rootConfig.factory({ data: configData(tagging.endpoint) }),
      ],
    });
    try {
      let entities: Entity[] = [];
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        const page = await getJson(
          backend.server,
          '/api/catalog/entities/by-query?filter=kind=resource',
        );
        entities = page.items;
        if (entities.length >= 2) break;
        await new Promise(resolve => setTimeout(resolve, 250));
      }

      const byArn = new Map(
        entities.map(e => [e.metadata.annotations?.['amazonaws.com/arn'], e]),
      );
      expect([...byArn.keys()].sort()).toEqual([MODEL_ARN, BUCKET_ARN].sort());
      const model = byArn.get(MODEL_ARN)!;
      const bucket = byArn.get(BUCKET_ARN)!;
      expect(
        model.metadata.annotations!['backstage.io/managed-by-location'],
      ).toBe('llm-aws-provider:prod');
      expect(
        bucket.metadata.annotations!['backstage.io/managed-by-location'],
      ).toBe('llm-aws-provider:staging');
      expect(model.spec).toMatchObject({
        type: 'llm-model',
        owner: 'group:ml-platform',
        trainedOn: [`resource:default/${bucket.metadata.name}`],
      });
      expect(bucket.metadata.labels).toMatchObject({
        'leak-response.io/unclassified': 'true',
      });
    } finally {
      await backend.stop();
    }
  });
});
