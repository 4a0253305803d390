import { parseArn } from './arn';
import { DEFAULT_LLM_AWS_TAG_KEYS } from './config';
import { resourceToEntity, splitTagList } from './entityMapper';

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
