import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { ANNOTATION_UNCLASSIFIED_MISSING } from '@leak-response/plugin-leak-response-common';
import fc from 'fast-check';
import { parseArn } from './arn';
import { DEFAULT_LLM_AWS_TAG_KEYS } from './config';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
  EntityMapper,
  resourceToEntity,
  splitTagList,
  TagReader,
} from './entityMapper';

describe('splitTagList', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['a', ['a']],
    ['a b', ['a', 'b']],
    ['a+b', ['a', 'b']],
    ['  a + b  c++d a ', ['a', 'b', 'c', 'd']],
  ])('%j → %j', (value, expected) => {
    expect(splitTagList(value)).toEqual(expected);
  });

  it('agrees with the regex definition, Unicode spaces included', () => {
    const byRegex = (value: string) => {
      const items = value.split(/[\s+]+/).filter(Boolean);
      return [...new Set(items)];
    };
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom('a', 'b', 'EU', '+', ' ', '\t', '\n', '\u00a0'),
          fc.constantFrom('\u2028', '\u3000', '\ufeff', 'é'),
        ),
        { maxLength: 30 },
      )
      .map(parts => parts.join(''));
    fc.assert(
      fc.property(text, value => {
        expect(splitTagList(value)).toEqual(byRegex(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('TagReader', () => {
  it('keeps the last value of a repeated key, trimmed, and drops empty ones', () => {
    const reader = new TagReader(DEFAULT_LLM_AWS_TAG_KEYS);
    const values = reader.read([
      { Key: 'owner', Value: 'group:a' },
      { Key: 'owner', Value: '  group:b ' },
      { Key: 'system', Value: '   ' },
      { Key: 'unrelated', Value: 'x' },
      { Value: 'no key' },
    ]);
    expect(values.owner).toBe('group:b');
    expect(values.system).toBeUndefined();
    expect(Object.values(values).filter(v => v !== undefined)).toEqual([
      'group:b',
    ]);
  });

  it('feeds every field configured to read the same tag', () => {
    const reader = new TagReader({
      ...DEFAULT_LLM_AWS_TAG_KEYS,
      owner: 'team',
      system: 'team',
    });
    expect(reader.read([{ Key: 'team', Value: 'search' }])).toMatchObject({
      owner: 'search',
      system: 'search',
    });
  });
});

describe('EntityMapper', () => {
  const context = {
    tagKeys: DEFAULT_LLM_AWS_TAG_KEYS,
    namespace: 'default',
    defaultOwner: 'group:unknown',
    accountId: '111122223333',
    locationRef: 'llm-aws-provider:test',
    nameOf: () => 'n',
  };

  it.each([
    ['arn:aws:sagemaker:eu-west-1:111122223333:model/m', { owner: 'o' }],
    ['arn:aws:sagemaker:eu-west-1:111122223333:model/m', {}],
    ['arn:aws:s3:::bucket', { owner: 'o', dataCategories: 'x' }],
    ['arn:aws:s3:::bucket', {}],
  ])('writes the annotation constants for %s %j', (arn, values) => {
    const mapper = new EntityMapper(
      arn.includes('s3') ? { ...context, accountId: undefined } : context,
    );
    const entity = mapper.build(
      arn,
      parseArn(arn)!,
      values,
      'eu-west-1',
      'llm-model',
      'n',
    );
    const keys = [
      ANNOTATION_LOCATION,
      ANNOTATION_ORIGIN_LOCATION,
      ANNOTATION_AWS_ARN,
      ANNOTATION_AWS_REGION,
    ];
    if (!arn.includes('s3')) keys.push(ANNOTATION_AWS_ACCOUNT_ID);
    if (!('dataCategories' in values))
      keys.push(ANNOTATION_UNCLASSIFIED_MISSING);
    expect(Object.keys(entity.metadata.annotations!)).toEqual(keys);
  });

  it('gives every entity its own lists, even for repeated tag values', () => {
    const mapper = new EntityMapper(context);
    const arn = 'arn:aws:sagemaker:eu-west-1:111122223333:model/m';
    const build = () =>
      mapper.build(
        arn,
        parseArn(arn)!,
        { dataCategories: 'a+b', dataSubjects: 'eu gb', owner: 'o' },
        'eu-west-1',
        'llm-model',
        'n',
      );
    const first = build();
    const second = build();
    expect(second.spec).toEqual(first.spec);
    expect(second.spec!.dataSubjects).toEqual(['EU', 'GB']);
    (first.spec!.dataCategories as string[]).push('changed');
    (first.spec!.dataSubjects as string[]).length = 0;
    expect(build().spec).toMatchObject({
      dataCategories: ['a', 'b'],
      dataSubjects: ['EU', 'GB'],
    });
    expect(second.spec!.dataCategories).toEqual(['a', 'b']);
  });

  it('takes region and account from the ARN when they differ from the run', () => {
    const mapper = new EntityMapper(context);
    const arn = 'arn:aws:sagemaker:us-east-1:444455556666:model/m';
    const entity = mapper.build(
      arn,
      parseArn(arn)!,
      { owner: 'o', dataCategories: 'x' },
      'eu-west-1',
      'llm-model',
      'n',
    );
    expect(entity.metadata.annotations).toMatchObject({
      [ANNOTATION_AWS_REGION]: 'us-east-1',
      [ANNOTATION_AWS_ACCOUNT_ID]: '444455556666',
    });
    expect(entity.spec!.regions).toEqual(['us-east-1']);
  });

  it('leaves out list fields whose tag holds only separators', () => {
    const mapper = new EntityMapper(context);
    const arn = 'arn:aws:sagemaker:eu-west-1:111122223333:model/m';
    const entity = mapper.build(
      arn,
      parseArn(arn)!,
      {
        owner: 'o',
        dataCategories: '+',
        dataSubjects: '+ +',
        trainedOn: '++',
        serves: '+',
        logsTo: '+',
        fineTunedFrom: '+',
      },
      'eu-west-1',
      'llm-model',
      'n',
    );
    expect(entity.spec).toEqual({
      type: 'llm-model',
      owner: 'o',
      regions: ['eu-west-1'],
    });
    expect(entity.metadata.annotations![ANNOTATION_UNCLASSIFIED_MISSING]).toBe(
      'llm:data-categories',
    );
  });
});

describe('resourceToEntity', () => {
  const context = {
    tagKeys: DEFAULT_LLM_AWS_TAG_KEYS,
    namespace: 'aws',
    defaultOwner: 'group:unknown',
    locationRef: 'llm-aws-provider:test',
    nameOf: (arn: string) => `name-of-${arn.split(/[/:]/).pop()}`,
  };
  const resource = (arn: string, tags: Record<string, string>) => ({
    arn,
    parsed: parseArn(arn)!,
    tags,
    region: 'eu-west-1',
  });

  it('prefers the llm:type tag over the inferred type', () => {
    const result = resourceToEntity(
      resource('arn:aws:s3:::logs', { 'llm:type': 'llm-model' }),
      context,
    );
    expect(result).toMatchObject({ entity: { spec: { type: 'llm-model' } } });
  });

  it('falls back to the inferred type when the tag is not an LLM type', () => {
    const result = resourceToEntity(
      resource('arn:aws:s3:::logs', { 'llm:type': 'bucket' }),
      context,
    );
    expect(result).toMatchObject({ entity: { spec: { type: 'llm-dataset' } } });
  });

  it('turns ARN references into refs in the configured namespace', () => {
    const result = resourceToEntity(
      resource('arn:aws:sagemaker:eu-west-1:111122223333:endpoint/e', {
        'llm:serves': 'arn:aws:sagemaker:eu-west-1:111122223333:model/m',
        'llm:logs-to': 'arn:aws:s3:::prompt-logs+resource:aws/other',
      }),
      context,
    );
    expect(result).toMatchObject({
      entity: {
        metadata: { name: 'name-of-e', namespace: 'aws' },
        spec: {
          serves: ['resource:aws/name-of-m'],
          logsTo: ['resource:aws/name-of-prompt-logs', 'resource:aws/other'],
        },
      },
    });
  });

  it('ignores a non-numeric approximate subject count', () => {
    const result = resourceToEntity(
      resource('arn:aws:s3:::d', { 'llm:approx-data-subjects': 'many' }),
      context,
    );
    expect('entity' in result && result.entity.spec).not.toHaveProperty(
      'approxDataSubjects',
    );
  });

  it('skips with a reason when the type is unknown', () => {
    expect(
      resourceToEntity(
        resource('arn:aws:ec2:eu-west-1:111122223333:volume/v', {}),
        context,
      ),
    ).toEqual({
      skipped: 'no llm:type tag and the resource type implies no LLM type',
    });
  });
});
