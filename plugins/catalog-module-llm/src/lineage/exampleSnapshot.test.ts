import { stringifyEntityRef } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BedrockTestServer } from '../testUtils/BedrockTestServer';
import { SageMakerTestServer } from '../testUtils/SageMakerTestServer';
import {
  ACCOUNT_A,
  connectLineageProvider,
  KEY_A,
} from './__testUtils__/providerKit';

/*
 * examples/discovered-lineage-snapshot.yaml is what the lineage provider
 * emits for a small SageMaker + Bedrock account next to the declared
 * example catalog. This test runs the provider against the local servers
 * and checks the file still says exactly that.
 */

jest.setTimeout(60_000);

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const SNAPSHOT = path.join(EXAMPLES, 'discovered-lineage-snapshot.yaml');

async function readEntities(file: string) {
  const out = [];
  for (const result of parseEntityYaml(await fs.readFile(file), {
    type: 'file',
    target: file,
  })) {
    if (result.type === 'entity') out.push(result.entity);
  }
  return out;
}

describe('examples/discovered-lineage-snapshot.yaml', () => {
  it('is what the provider emits for the example account', async () => {
    const sagemaker = await SageMakerTestServer.start();
    const bedrock = await BedrockTestServer.start();
    sagemaker.addAccount(ACCOUNT_A, KEY_A);
    bedrock.addAccount(ACCOUNT_A, KEY_A);
    const artifacts = 's3://shopwise-ml-models/recsys-llm-v4/model.tar.gz';
    sagemaker.setAccount(ACCOUNT_A, 'eu-west-1', {
      trainingJobs: [
        {
          name: 'recsys-llm-v4-train',
          channels: [
            {
              name: 'train',
              s3Uri: 's3://shopwise-ml-clickstream-2025q3/2025q4/',
            },
            { name: 'validation', s3Uri: 's3://shopwise-ml-feedback-2025/' },
          ],
          outputPath: 's3://shopwise-ml-models/',
          artifacts,
        },
      ],
      models: [{ name: 'recsys-llm-v4', modelDataUrl: artifacts }],
      endpointConfigs: [
        {
          name: 'recsys-canary-config',
          models: ['recsys-llm-v3', 'recsys-llm-v4'],
          captureUri: 's3://shopwise-ml-inference-logs/recsys-canary/',
        },
      ],
      endpoints: [{ name: 'recsys-canary', config: 'recsys-canary-config' }],
    });
    bedrock.setAccount(ACCOUNT_A, 'eu-central-1', {
      customModels: [
        {
          name: 'support-assistant-v5',
          baseModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          trainingS3Uri: 's3://shopwise-ml-support-transcripts-2025/v5/',
        },
      ],
      provisionedThroughputs: [
        { name: 'support-assistant-v5-pt', modelName: 'support-assistant-v5' },
      ],
      knowledgeBases: [
        {
          id: 'HELPKB0001',
          name: 'help-centre',
          sources: [{ id: 'DS1', bucket: 'shopwise-ml-rag-product-catalog' }],
        },
      ],
    });

    // Declared beats discovered: every ARN the example catalog claims.
    const claims = new Map<string, string>();
    for (const file of ['llm-resources.yaml', 'discovered-snapshot.yaml']) {
      for (const entity of await readEntities(path.join(EXAMPLES, file))) {
        const arn = entity.metadata.annotations?.['amazonaws.com/arn'];
        if (arn) claims.set(arn, stringifyEntityRef(entity));
      }
    }
    try {
      const { provider, connection } = await connectLineageProvider(
        {
          accountIds: [ACCOUNT_A],
          regions: ['eu-west-1', 'eu-central-1'],
          endpoints: {
            sagemaker: sagemaker.endpoint,
            bedrock: bedrock.endpoint,
            bedrockAgent: bedrock.endpoint,
          },
        },
        claims,
      );
      await provider.refresh();
      const emitted = connection.lastEntities.map(entity => {
        // The managed-by annotations belong to the provider, not the file.
        const {
          'backstage.io/managed-by-location': _location,
          'backstage.io/managed-by-origin-location': _origin,
          ...annotations
        } = entity.metadata.annotations!;
        return { ...entity, metadata: { ...entity.metadata, annotations } };
      });
      if (process.env.UPDATE_LINEAGE_SNAPSHOT) {
        await fs.writeFile(
          process.env.UPDATE_LINEAGE_SNAPSHOT,
          JSON.stringify(emitted, null, 2),
        );
      }
      const byName = (a: { metadata: { name: string } }, b: typeof a) =>
        a.metadata.name.localeCompare(b.metadata.name);
      const file = await readEntities(SNAPSHOT);
      expect(file.sort(byName)).toEqual(emitted.sort(byName));
      // The canary endpoint serves the declared v3 model by its own name.
      expect(
        emitted.find(e => e.metadata.title === 'recsys-canary')?.spec?.serves,
      ).toContain('resource:default/recsys-llm-v3');
    } finally {
      await sagemaker.close();
      await bedrock.close();
    }
  });
});
