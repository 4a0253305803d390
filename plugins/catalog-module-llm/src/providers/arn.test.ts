import { makeValidator } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  assignEntityNames,
  entityNameFromArn,
  inferEntityType,
  parseArn,
} from './arn';

const validator = makeValidator();

describe('parseArn', () => {
  it('splits typed ARNs, keeping colons inside the resource id', () => {
    expect(
      parseArn(
        'arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abc123',
      ),
    ).toEqual({
      partition: 'aws',
      service: 'bedrock',
      region: 'us-east-1',
      accountId: '111122223333',
      resourceType: 'custom-model',
      resourceId: 'amazon.titan-text-express-v1:0:8k/abc123',
    });
  });

  it('treats the S3 resource as the bucket name', () => {
    expect(parseArn('arn:aws:s3:::my-bucket')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      accountId: '',
      resourceType: '',
      resourceId: 'my-bucket',
    });
  });

  it.each([
    '',
    'not-an-arn',
    'arn:aws:sagemaker',
    'arn:aws::eu-west-1:1:x',
    'arn:aws:s3:::',
  ])('rejects %j', value => {
    expect(parseArn(value)).toBeUndefined();
  });
});

describe('inferEntityType', () => {
  it.each([
    ['arn:aws:sagemaker:eu-west-1:111122223333:model/m', 'llm-model'],
    ['arn:aws:bedrock:eu-west-1:111122223333:custom-model/base/m', 'llm-model'],
    ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/e', 'llm-endpoint'],
    [
      'arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/e',
      'llm-endpoint',
    ],
    [
      'arn:aws:bedrock:eu-west-1:111122223333:provisioned-model/p',
      'llm-endpoint',
    ],
    ['arn:aws:s3:::bucket', 'llm-dataset'],
    ['arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/n', undefined],
    ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1', undefined],
  ])('%s is %s', (arn, type) => {
    expect(inferEntityType(parseArn(arn)!)).toBe(type);
  });
});

describe('entityNameFromArn', () => {
  it('is a readable slug plus a hash of the ARN', () => {
    const name = entityNameFromArn(
      'arn:aws:sagemaker:eu-west-1:111122223333:model/RecSys_LLM.v3',
    );
    expect(name).toMatch(/^recsys-llm-v3-[0-9a-f]{12}$/);
  });

  it('differs for the same resource id in another region, account or type', () => {
    const names = new Set(
      [
        'arn:aws:sagemaker:eu-west-1:111122223333:model/recsys',
        'arn:aws:sagemaker:us-east-1:111122223333:model/recsys',
        'arn:aws:sagemaker:eu-west-1:444455556666:model/recsys',
        'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/recsys',
      ].map(arn => entityNameFromArn(arn)),
    );
    expect(names.size).toBe(4);
  });

  it('is always a valid entity name, stable for the same ARN', () => {
    const arnArbitrary = fc
      .tuple(
        fc.constantFrom('sagemaker', 'bedrock', 's3', 'ec2'),
        fc.constantFrom('eu-west-1', 'us-east-1', ''),
        fc.stringMatching(/^\d{12}$/),
        fc.constantFrom('model/', 'endpoint/', 'custom-model/', ''),
        fc.string({ minLength: 1, maxLength: 200 }),
      )
      .map(
        ([service, region, account, type, id]) =>
          `arn:aws:${service}:${region}:${account}:${type}${id}`,
      );
    fc.assert(
      fc.property(arnArbitrary, arn => {
        const name = entityNameFromArn(arn);
        expect(validator.isValidEntityName(name)).toBe(true);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(entityNameFromArn(arn)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});

describe('assignEntityNames', () => {
  it('gives every distinct ARN a distinct name', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), {
          minLength: 1,
          maxLength: 200,
        }),
        ids => {
          const arns = ids.map(id => `arn:aws:s3:::${id}`);
          const names = assignEntityNames(arns);
          expect(names.size).toBe(arns.length);
          expect(new Set(names.values()).size).toBe(arns.length);
        },
      ),
    );
  });

  it('keeps short names when nothing clashes', () => {
    const arn = 'arn:aws:s3:::bucket';
    expect(assignEntityNames([arn, arn]).get(arn)).toBe(entityNameFromArn(arn));
  });
});
