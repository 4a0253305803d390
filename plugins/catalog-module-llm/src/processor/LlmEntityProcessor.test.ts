import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessorResult,
  LocationSpec,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import path from 'node:path';
import { LlmEntityProcessor } from './LlmEntityProcessor';

const location: LocationSpec = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function resource(
  spec: Record<string, unknown>,
  name = 'subject',
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: spec as Entity['spec'],
  };
}

const model = {
  type: 'llm-model',
  owner: 'group:ml-platform',
  dataCategories: ['proprietary.model-weights', 'personal.behavioral'],
  regions: ['eu-west-1'],
  dataSubjects: ['EU', 'GB'],
  trainedOn: ['resource:clickstream-2025q3', 'order-history-2025'],
  fineTunedFrom: 'resource:base-llm-7b',
};

const endpoint = {
  type: 'llm-endpoint',
  owner: 'group:ml-platform',
  serves: ['resource:recsys-llm-v3'],
  logsTo: ['resource:recsys-inference-logs'],
};

async function relationsOf(processor: LlmEntityProcessor, entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  expect(result).toBe(entity);
  return emitted.map(r => {
    if (r.type !== 'relation') {
      throw new Error(`unexpected ${r.type}`);
    }
    const { source, type, target } = r.relation;
    return `${source.kind.toLowerCase()}:${source.namespace}/${
      source.name
    } ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

async function rejection(
  processor: LlmEntityProcessor,
  entity: Entity,
): Promise<Error> {
  try {
    await processor.validateEntityKind(entity);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the entity to be rejected');
}

describe('LlmEntityProcessor', () => {
  const processor = LlmEntityProcessor.fromConfig(new ConfigReader({}));

  it('has a stable name', () => {
    expect(processor.getProcessorName()).toBe('LlmEntityProcessor');
  });

  describe('validateEntityKind', () => {
    it('accepts a valid LLM entity', async () => {
      await expect(processor.validateEntityKind(resource(model))).resolves.toBe(
        true,
      );
    });

    it('leaves other entities to other processors', async () => {
      await expect(
        processor.validateEntityKind(
          resource({ type: 'database', owner: 'x', regions: ['?'] }),
        ),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'x' },
          spec: { type: 'llm-model', regions: ['?'] },
        }),
      ).resolves.toBe(false);
    });

    it.each([
      [
        'an unknown category',
        { ...model, dataCategories: ['personal.shoesize'] },
        'spec.dataCategories[0]: is not a known data category',
        '"personal.shoesize"',
        'personal.identifiers, personal.contact',
      ],
      [
        'an unknown region',
        { ...model, regions: ['eu-west-1', 'eu-north-9'] },
        'spec.regions[1]: is not a known AWS region',
        '"eu-north-9"',
        'eu-central-1',
      ],
      [
        'an unknown country code',
        { ...model, dataSubjects: ['UK'] },
        'spec.dataSubjects[0]: is not a known country or jurisdiction code; did you mean GB?',
        '"UK"',
        'ISO 3166-1 alpha-2',
      ],
      [
        'trainedOn pointing at a Component',
        { ...model, trainedOn: ['component:checkout-web'] },
        'spec.trainedOn[0]: points at kind component',
        '"component:checkout-web"',
        'llm-dataset Resources',
      ],
      [
        'fineTunedFrom pointing at a Group',
        { ...model, fineTunedFrom: 'group:ml-platform' },
        'spec.fineTunedFrom: points at kind group',
        '"group:ml-platform"',
        'base llm-model Resource',
      ],
      [
        'serves pointing at an API',
        { ...endpoint, serves: ['api:recsys'] },
        'spec.serves[0]: points at kind api',
        '"api:recsys"',
        'llm-model Resources',
      ],
      [
        'logsTo pointing at a System',
        { ...endpoint, logsTo: ['system:ml-platform'] },
        'spec.logsTo[0]: points at kind system',
        '"system:ml-platform"',
        'prompt/response logs',
      ],
      [
        'a wrong shape',
        { ...model, regions: 'eu-west-1' },
        'spec.regions: must be of type array',
        '"eu-west-1"',
        'a list of AWS region codes',
      ],
      [
        'a field of another type',
        { ...model, serves: ['resource:x'] },
        'spec.serves: is only allowed on llm-endpoint entities, not on llm-model',
        '["resource:x"]',
        'set spec.type to llm-endpoint',
      ],
      [
        'an unknown purpose',
        { type: 'llm-dataset', owner: 'group:a', purpose: 'marketing' },
        'spec.purpose: is not an allowed value',
        '"marketing"',
        'training, fine-tuning, evaluation, rag-corpus, inference-log',
      ],
      [
        'an unknown control',
        { ...model, controls: { waf: true } },
        'spec.controls.waf: is not a known control',
        'true',
        'guardduty, macie',
      ],
      [
        'a negative approxDataSubjects',
        { ...model, approxDataSubjects: -3 },
        'spec.approxDataSubjects: must be a whole number, 0 or more',
        '-3',
        'a whole number of people',
      ],
    ])(
      'rejects %s with an InputError naming field, value and allowed values',
      async (_name, spec, what, value, allowed) => {
        const error = await rejection(processor, resource(spec));
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toContain(
          'resource:default/subject is not a valid LLM entity (1 problem)',
        );
        expect(error.message).toContain(what);
        expect(error.message).toContain(`(got ${value})`);
        expect(error.message).toContain(`allowed: `);
        expect(error.message).toContain(allowed);
      },
    );

    it('reports all problems of an entity in one error', async () => {
      const error = await rejection(
        processor,
        resource({
          ...model,
          regions: ['x-1'],
          dataSubjects: ['ZZ'],
          fineTunedFrom: 'api:a',
        }),
      );
      expect(error.message).toContain('(3 problems)');
      expect(error.message).toContain('spec.regions[0]');
      expect(error.message).toContain('spec.dataSubjects[0]');
      expect(error.message).toContain('spec.fineTunedFrom');
    });
  });

  describe('fromConfig', () => {
    it('accepts categories added in leakResponse.dataCategories', async () => {
      const configured = LlmEntityProcessor.fromConfig(
        new ConfigReader({
          leakResponse: {
            dataCategories: [
              {
                id: 'personal.loyalty',
                description: 'Loyalty points and tiers',
                personal: true,
              },
            ],
          },
        }),
      );
      const entity = resource({
        ...model,
        dataCategories: ['personal.loyalty'],
      });
      await expect(configured.validateEntityKind(entity)).resolves.toBe(true);
      const error = await rejection(processor, entity);
      expect(error.message).toContain('spec.dataCategories[0]');

      const labelled = await configured.preProcessEntity(entity);
      expect(labelled.metadata.labels?.['leak-response.io/personal-data']).toBe(
        'true',
      );
    });

    it('fails fast on a malformed category', () => {
      expect(() =>
        LlmEntityProcessor.fromConfig(
          new ConfigReader({
            leakResponse: {
              dataCategories: [{ id: 'Loyalty Points', description: 'x' }],
            },
          }),
        ),
      ).toThrow(/leakResponse\.dataCategories\[0\]\.id: "Loyalty Points"/);
      expect(() =>
        LlmEntityProcessor.fromConfig(
          new ConfigReader({
            leakResponse: { dataCategories: [{ id: 'a.b' }] },
          }),
        ),
      ).toThrow(/description/);
    });
  });

  describe('preProcessEntity', () => {
    it('adds the derived labels and keeps the others', async () => {
      const entity = resource({
        ...model,
        dataCategories: ['personal.special', 'payment.card'],
        dataSubjects: ['DE', 'US-CA', 'SG'],
      });
      entity.metadata.labels = {
        team: 'ml',
        'leak-response.io/card-data': 'false',
      };
      const result = await processor.preProcessEntity(entity);
      expect(result.metadata.labels).toEqual({
        team: 'ml',
        'leak-response.io/personal-data': 'true',
        'leak-response.io/special-category': 'true',
        'leak-response.io/card-data': 'true',
        'leak-response.io/credentials': 'false',
        'leak-response.io/jurisdiction-eu': 'true',
        'leak-response.io/jurisdiction-us': 'true',
        'leak-response.io/jurisdiction-sg': 'true',
      });
      expect(entity.metadata.labels['leak-response.io/card-data']).toBe(
        'false',
      );
    });

    it('returns other entities untouched', async () => {
      const entity = resource({
        type: 'database',
        owner: 'x',
        dataCategories: ['personal.special'],
      });
      await expect(processor.preProcessEntity(entity)).resolves.toBe(entity);
    });

    it('adds nothing to an LLM entity that declares nothing', async () => {
      const entity = resource({ type: 'llm-dataset', owner: 'x' });
      await expect(processor.preProcessEntity(entity)).resolves.toBe(entity);
    });
  });

  describe('postProcessEntity', () => {
    it('emits trainedOn / trainingDataOf for each dataset', async () => {
      const relations = await relationsOf(
        processor,
        resource({ type: 'llm-model', owner: 'x', trainedOn: model.trainedOn }),
      );
      expect(relations).toEqual([
        'resource:default/subject trainedOn resource:default/clickstream-2025q3',
        'resource:default/clickstream-2025q3 trainingDataOf Resource:default/subject',
        'resource:default/subject trainedOn resource:default/order-history-2025',
        'resource:default/order-history-2025 trainingDataOf Resource:default/subject',
      ]);
    });

    it('emits fineTunedFrom / fineTunedInto', async () => {
      const relations = await relationsOf(
        processor,
        resource({
          type: 'llm-model',
          owner: 'x',
          fineTunedFrom: 'base-llm-7b',
        }),
      );
      expect(relations).toEqual([
        'resource:default/subject fineTunedFrom resource:default/base-llm-7b',
        'resource:default/base-llm-7b fineTunedInto Resource:default/subject',
      ]);
    });

    it('emits serves / servedBy', async () => {
      const relations = await relationsOf(
        processor,
        resource({ type: 'llm-endpoint', owner: 'x', serves: endpoint.serves }),
      );
      expect(relations).toEqual([
        'resource:default/subject serves resource:default/recsys-llm-v3',
        'resource:default/recsys-llm-v3 servedBy Resource:default/subject',
      ]);
    });

    it('emits logsTo / logsOf', async () => {
      const relations = await relationsOf(
        processor,
        resource({ type: 'llm-endpoint', owner: 'x', logsTo: endpoint.logsTo }),
      );
      expect(relations).toEqual([
        'resource:default/subject logsTo resource:default/recsys-inference-logs',
        'resource:default/recsys-inference-logs logsOf Resource:default/subject',
      ]);
    });

    it('resolves references in the entity namespace unless one is given', async () => {
      const relations = await relationsOf(
        processor,
        resource(
          {
            type: 'llm-endpoint',
            owner: 'x',
            serves: ['m', 'resource:shared/base'],
          },
          'ep',
          'team-a',
        ),
      );
      expect(relations).toEqual([
        'resource:team-a/ep serves resource:team-a/m',
        'resource:team-a/m servedBy Resource:team-a/ep',
        'resource:team-a/ep serves resource:shared/base',
        'resource:shared/base servedBy Resource:team-a/ep',
      ]);
    });

    it('emits nothing for absent fields', async () => {
      await expect(
        relationsOf(processor, resource({ type: 'llm-model', owner: 'x' })),
      ).resolves.toEqual([]);
      await expect(
        relationsOf(
          processor,
          resource({ type: 'llm-endpoint', owner: 'x', serves: [] }),
        ),
      ).resolves.toEqual([]);
      await expect(
        relationsOf(
          processor,
          resource({ type: 'llm-dataset', owner: 'x', purpose: 'training' }),
        ),
      ).resolves.toEqual([]);
    });

    it('emits nothing for fields on the wrong type or for non-LLM entities', async () => {
      await expect(
        relationsOf(
          processor,
          resource({
            type: 'llm-dataset',
            owner: 'x',
            serves: ['m'],
            trainedOn: ['d'],
          }),
        ),
      ).resolves.toEqual([]);
      await expect(
        relationsOf(
          processor,
          resource({ type: 'database', owner: 'x', trainedOn: ['d'] }),
        ),
      ).resolves.toEqual([]);
    });
  });

  describe('the example catalog', () => {
    const file = path.resolve(
      __dirname,
      '../../../../examples/llm-resources.yaml',
    );
    const entities = [
      ...parseEntityYaml(fs.readFileSync(file), { type: 'file', target: file }),
    ].flatMap(r => (r.type === 'entity' ? [r.entity] : []));

    it('holds at least 15 LLM entities of all three types', () => {
      const types = new Set(entities.map(e => e.spec?.type));
      expect(entities.length).toBeGreaterThanOrEqual(15);
      expect(types).toEqual(
        new Set(['llm-model', 'llm-dataset', 'llm-endpoint']),
      );
    });

    it('validates every example', async () => {
      const failures: string[] = [];
      for (const entity of entities) {
        try {
          expect(await processor.validateEntityKind(entity)).toBe(true);
        } catch (e) {
          failures.push(String(e));
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
