import { Entity } from '@backstage/catalog-model';
import { createDataCategoryVocabulary } from './dataCategories';
import { formatLlmEntityProblems, validateLlmEntity } from './validate';

const vocabulary = createDataCategoryVocabulary([
  {
    id: 'personal.loyalty',
    description: 'Loyalty programme data',
    personal: true,
  },
]);

function entity(spec: Record<string, unknown>, name = 'subject'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: spec as Entity['spec'],
  };
}

const validModel = {
  type: 'llm-model',
  owner: 'group:ml-platform',
  system: 'product-discovery',
  lifecycle: 'production',
  dataCategories: ['proprietary.model-weights', 'personal.behavioral'],
  regions: ['eu-west-1', 'us-gov-west-1', 'cn-north-1', 'eusc-de-east-1'],
  dataSubjects: ['EU', 'GB', 'US-CA', 'BR', 'SG'],
  approxDataSubjects: 2400000,
  trainedOn: ['resource:clickstream-2025q3', 'order-history-2025'],
  fineTunedFrom: 'resource:base-llm-7b',
  controls: {
    guardduty: true,
    macie: false,
    cloudtrailDataEvents: true,
    s3AccessLogging: true,
    kmsKeyRotation: true,
    vpcEndpoint: false,
    promptLogging: false,
  },
};

const validDataset = {
  type: 'llm-dataset',
  owner: 'group:ml-platform',
  dataCategories: ['personal.identifiers', 'personal.loyalty'],
  regions: ['eu-west-2'],
  dataSubjects: ['GB'],
  approxDataSubjects: 0,
  purpose: 'training',
};

const validEndpoint = {
  type: 'llm-endpoint',
  owner: 'group:ml-platform',
  dataCategories: ['personal.identifiers'],
  regions: ['eu-west-1'],
  dataSubjects: ['EU'],
  serves: ['resource:recsys-llm-v3'],
  logsTo: ['resource:other-ns/recsys-inference-logs'],
};

function problemsOf(spec: Record<string, unknown>) {
  return validateLlmEntity(entity(spec), vocabulary);
}

function onlyProblem(spec: Record<string, unknown>) {
  const problems = problemsOf(spec);
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('validateLlmEntity', () => {
  it.each([
    ['llm-model', validModel],
    ['llm-dataset', validDataset],
    ['llm-endpoint', validEndpoint],
  ])('accepts a complete valid %s', (_type, spec) => {
    expect(problemsOf(spec)).toEqual([]);
  });

  it('accepts a minimal LLM entity with only type and owner', () => {
    expect(problemsOf({ type: 'llm-dataset', owner: 'group:a' })).toEqual([]);
  });

  it('accepts empty lists', () => {
    expect(
      problemsOf({
        ...validDataset,
        dataCategories: [],
        dataSubjects: [],
        regions: [],
      }),
    ).toEqual([]);
  });

  it('ignores entities that are not LLM resources', () => {
    expect(
      validateLlmEntity(
        { ...entity({ type: 'database', regions: ['nowhere'] }) },
        vocabulary,
      ),
    ).toEqual([]);
    expect(
      validateLlmEntity(
        {
          ...entity({ type: 'llm-model', regions: ['nowhere'] }),
          kind: 'Component',
        },
        vocabulary,
      ),
    ).toEqual([]);
  });

  it('treats the kind case-insensitively', () => {
    const problems = validateLlmEntity(
      { ...entity({ ...validModel, regions: ['mars-1'] }), kind: 'resource' },
      vocabulary,
    );
    expect(problems.map(p => p.field)).toEqual(['spec.regions[0]']);
  });

  describe('owner', () => {
    it('is required', () => {
      const { owner, ...rest } = validModel;
      const p = onlyProblem(rest);
      expect(p.field).toBe('spec.owner');
      expect(p.message).toMatch(/^spec\.owner: is required; allowed: .*group:/);
    });
    it('must be a string', () => {
      const p = onlyProblem({ ...validModel, owner: 42 });
      expect(p.field).toBe('spec.owner');
      expect(p.message).toContain('(got 42)');
    });
  });

  describe('dataCategories', () => {
    it('rejects an unknown category naming the value and the vocabulary', () => {
      const p = onlyProblem({
        ...validModel,
        dataCategories: ['personal.behavioral', 'personal.shoesize'],
      });
      expect(p.field).toBe('spec.dataCategories[1]');
      expect(p.value).toBe('personal.shoesize');
      expect(p.message).toContain('"personal.shoesize"');
      expect(p.allowed).toContain('personal.identifiers');
      expect(p.allowed).toContain('payment.card');
      expect(p.allowed).toContain('personal.loyalty');
    });
    it('accepts a category added by the organisation', () => {
      expect(
        problemsOf({ ...validDataset, dataCategories: ['personal.loyalty'] }),
      ).toEqual([]);
    });
    it('reports a malformed id once, as unknown', () => {
      const p = onlyProblem({
        ...validDataset,
        dataCategories: ['Personal Data'],
      });
      expect(p.field).toBe('spec.dataCategories[0]');
      expect(p.message).toContain('is not a known data category');
    });
    it('rejects a non-list', () => {
      const p = onlyProblem({
        ...validDataset,
        dataCategories: 'personal.contact',
      });
      expect(p.field).toBe('spec.dataCategories');
      expect(p.message).toContain('must be of type array');
    });
    it('rejects a non-string item', () => {
      const p = onlyProblem({ ...validDataset, dataCategories: [7] });
      expect(p.field).toBe('spec.dataCategories[0]');
    });
    it('rejects duplicates', () => {
      const p = onlyProblem({
        ...validDataset,
        dataCategories: ['personal.contact', 'personal.contact'],
      });
      expect(p.field).toBe('spec.dataCategories');
      expect(p.message).toContain('twice');
      expect(p.value).toBe('personal.contact');
    });
  });

  describe('regions', () => {
    it('rejects an unknown region, listing the known ones', () => {
      const p = onlyProblem({ ...validModel, regions: ['eu-west-9'] });
      expect(p.field).toBe('spec.regions[0]');
      expect(p.value).toBe('eu-west-9');
      expect(p.allowed).toContain('eu-west-1');
      expect(p.allowed).toContain('ap-southeast-7');
    });
    it('suggests the lower-case spelling', () => {
      const p = onlyProblem({ ...validModel, regions: ['EU-WEST-1'] });
      expect(p.message).toContain('did you mean eu-west-1?');
    });
    it('rejects a string instead of a list', () => {
      const p = onlyProblem({ ...validModel, regions: 'eu-west-1' });
      expect(p.field).toBe('spec.regions');
      expect(p.allowed).toContain('AWS region codes');
    });
    it('rejects an empty string item', () => {
      const p = onlyProblem({ ...validModel, regions: [''] });
      expect(p.field).toBe('spec.regions[0]');
    });
  });

  describe('dataSubjects', () => {
    it.each([
      'EU',
      'GB',
      'DE',
      'US',
      'US-CA',
      'US-TX',
      'US-DC',
      'US-PR',
      'BR',
      'SG',
    ])('accepts %s', code => {
      expect(problemsOf({ ...validDataset, dataSubjects: [code] })).toEqual([]);
    });
    it.each([
      ['UK', 'did you mean GB?'],
      ['gb', 'did you mean GB?'],
      ['us-ca', 'did you mean US-CA?'],
      ['XX', 'ISO 3166-1 alpha-2'],
      ['US-ZZ', 'US-CA'],
      ['Europe', 'EU'],
    ])('rejects %s', (code, hint) => {
      const p = onlyProblem({ ...validDataset, dataSubjects: ['GB', code] });
      expect(p.field).toBe('spec.dataSubjects[1]');
      expect(p.value).toBe(code);
      expect(p.message).toContain(hint);
    });
    it('rejects a number', () => {
      const p = onlyProblem({ ...validDataset, dataSubjects: 49 });
      expect(p.field).toBe('spec.dataSubjects');
    });
  });

  describe('approxDataSubjects', () => {
    it.each([-1, 2.5, '2400000', true, null])('rejects %p', value => {
      const p = onlyProblem({ ...validDataset, approxDataSubjects: value });
      expect(p.field).toBe('spec.approxDataSubjects');
      expect(p.message).toContain('must be a whole number, 0 or more');
    });
  });

  describe('controls', () => {
    it('rejects an unknown control, listing the known ones', () => {
      const p = onlyProblem({
        ...validModel,
        controls: { guardduty: true, waf: true },
      });
      expect(p.field).toBe('spec.controls.waf');
      expect(p.value).toBe(true);
      expect(p.allowed).toContain('cloudtrailDataEvents');
    });
    it('rejects a non-boolean control', () => {
      const p = onlyProblem({ ...validModel, controls: { macie: 'yes' } });
      expect(p.field).toBe('spec.controls.macie');
      expect(p.message).toContain('boolean');
    });
    it('rejects a list', () => {
      const p = onlyProblem({ ...validModel, controls: ['macie'] });
      expect(p.field).toBe('spec.controls');
    });
  });

  describe('purpose', () => {
    it.each([
      'training',
      'fine-tuning',
      'evaluation',
      'rag-corpus',
      'inference-log',
    ])('accepts %s on a dataset', purpose => {
      expect(problemsOf({ ...validDataset, purpose })).toEqual([]);
    });
    it('rejects an unknown purpose', () => {
      const p = onlyProblem({ ...validDataset, purpose: 'marketing' });
      expect(p.field).toBe('spec.purpose');
      expect(p.allowed).toBe(
        'training, fine-tuning, evaluation, rag-corpus, inference-log',
      );
    });
    it('is not allowed on a model', () => {
      const p = onlyProblem({ ...validModel, purpose: 'training' });
      expect(p.field).toBe('spec.purpose');
      expect(p.message).toContain(
        'only allowed on llm-dataset entities, not on llm-model',
      );
    });
  });

  describe.each([
    ['trainedOn', validModel, ['resource:a'], 'llm-model'],
    ['fineTunedFrom', validModel, 'resource:a', 'llm-model'],
    ['serves', validEndpoint, ['resource:a'], 'llm-endpoint'],
    ['logsTo', validEndpoint, ['resource:a'], 'llm-endpoint'],
  ])('lineage field %s', (field, valid, sample, declaredBy) => {
    const isList = Array.isArray(sample);
    const wrap = (ref: unknown) => (isList ? [ref] : ref);
    const path = isList ? `spec.${field}[0]` : `spec.${field}`;

    it('accepts references with and without kind and namespace', () => {
      for (const ref of [
        'resource:x',
        'x',
        'resource:team-ns/x',
        'Resource:x',
      ]) {
        expect(problemsOf({ ...valid, [field]: wrap(ref) })).toEqual([]);
      }
    });
    it('rejects a reference to another kind', () => {
      const p = onlyProblem({
        ...valid,
        [field]: wrap('component:checkout-web'),
      });
      expect(p.field).toBe(path);
      expect(p.value).toBe('component:checkout-web');
      expect(p.message).toContain('points at kind component');
      expect(p.message).toContain('Resource');
    });
    it('rejects a malformed reference', () => {
      const p = onlyProblem({ ...valid, [field]: wrap('resource:a:b') });
      expect(p.field).toBe(path);
      expect(p.message).toContain('not a valid entity reference');
    });
    it('rejects a reference to the entity itself', () => {
      const p = onlyProblem({
        ...valid,
        [field]: wrap('resource:default/subject'),
      });
      expect(p.field).toBe(path);
      expect(p.message).toContain('itself');
    });
    it('rejects the wrong shape', () => {
      const p = onlyProblem({
        ...valid,
        [field]: isList ? 'resource:a' : ['resource:a'],
      });
      expect(p.field).toBe(`spec.${field}`);
      expect(p.message).toContain(isList ? 'of type array' : 'of type string');
    });
    it('is not allowed on the other types', () => {
      const other = declaredBy === 'llm-model' ? validDataset : validModel;
      const p = onlyProblem({ ...other, [field]: sample });
      expect(p.field).toBe(`spec.${field}`);
      expect(p.message).toContain(`only allowed on ${declaredBy} entities`);
    });
  });

  it('flags a near miss of a field name as a typo', () => {
    const { dataCategories, ...rest } = validModel;
    const p = onlyProblem({ ...rest, dataCategory: dataCategories });
    expect(p.field).toBe('spec.dataCategory');
    expect(p.message).toContain('did you mean spec.dataCategories?');
  });

  it('leaves unrelated extra fields alone', () => {
    expect(
      problemsOf({
        ...validModel,
        costCentre: 'cc-42',
        dependsOn: ['resource:x'],
      }),
    ).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      ...validEndpoint,
      regions: ['eu-west-1', 'moon-1'],
      dataSubjects: ['UK'],
      serves: ['api:x'],
      approxDataSubjects: -5,
    });
    expect(problems.map(p => p.field).sort()).toEqual([
      'spec.approxDataSubjects',
      'spec.dataSubjects[0]',
      'spec.regions[1]',
      'spec.serves[0]',
    ]);
  });

  it('never throws on hostile values', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const problems = problemsOf({
      ...validModel,
      controls: circular,
      regions: [10n as unknown],
    });
    expect(problems.map(p => p.field).sort()).toEqual([
      'spec.controls.self',
      'spec.regions[0]',
    ]);
  });
});

describe('formatLlmEntityProblems', () => {
  it('joins the messages under the entity ref', () => {
    const problems = problemsOf({
      ...validModel,
      regions: ['x'],
      dataSubjects: ['y'],
    });
    const message = formatLlmEntityProblems(
      'resource:default/subject',
      problems,
    );
    expect(message).toMatch(
      /^resource:default\/subject is not a valid LLM entity \(2 problems\): spec\.(regions|dataSubjects)\[0\]: .* \| spec\./,
    );
  });
});
