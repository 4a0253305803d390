import { createHash } from 'node:crypto';
import { makeValidator } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  arnDigest,
  assignEntityNames,
  entityNameFromArn,
  inferEntityType,
  parseArn,
  RunNamer,
  slugByRegex,
  slugOf,
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
    ['arn:aws:constructor:eu-west-1:111122223333:toString/x', undefined],
    ['arn:aws:__proto__:::x', undefined],
  ])('%s is %s', (arn, type) => {
    expect(inferEntityType(parseArn(arn)!)).toBe(type);
  });
});

describe('slugOf', () => {
  it('agrees with the regex definition, fast path or not', () => {
    const text = fc.oneof(
      // Mostly slug-like text, to reach the fast path and its edges.
      fc
        .array(fc.constantFrom('a', 'z', '0', '9', '-', 'Q', '_', '.'), {
          maxLength: 80,
        })
        .map(chars => chars.join('')),
      fc.string({ maxLength: 80, unit: 'binary' }),
      // Non-ASCII letters that lower-case into ASCII ones.
      fc.constantFrom('\u212Aelvin', 'İstanbul', 'ß-x', '-a--b-'),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 63 }), (value, max) => {
        expect(slugOf(value, max)).toBe(slugByRegex(value, max));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('entityNameFromArn', () => {
  it('is the slug and the first 12 hex digits of the SHA-256 of the ARN', () => {
    // Pinned independently of the implementation: existing catalogs hold
    // these names, so they must not change.
    const arn = 'arn:aws:sagemaker:eu-west-1:111122223333:model/recsys-llm-v3';
    const sha = createHash('sha256').update(arn).digest('hex');
    expect(entityNameFromArn(arn)).toBe(`recsys-llm-v3-${sha.slice(0, 12)}`);
    expect(entityNameFromArn(arn, 24)).toBe(
      `recsys-llm-v3-${sha.slice(0, 24)}`,
    );
    expect(arnDigest(arn)).toBe(sha);
  });

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

describe('RunNamer', () => {
  /**
   * The names RunNamer must give, worked out the slow, obvious way: a short
   * name per distinct ARN, and the long name for every ARN whose short name
   * another ARN shares.
   */
  function expectedNames(arns: string[], digestOf: (arn: string) => string) {
    const nameWith = (arn: string, hashLength: number) => {
      const id = parseArn(arn)!.resourceId;
      const slug = slugByRegex(id, 63 - hashLength - 1) || 's3';
      return `${slug}-${digestOf(arn).slice(0, hashLength)}`;
    };
    const distinct = [...new Set(arns)];
    const holders = new Map<string, Set<string>>();
    for (const arn of distinct) {
      const short = nameWith(arn, 12);
      holders.set(short, (holders.get(short) ?? new Set()).add(arn));
    }
    const collided = new Set(
      distinct.filter(arn => holders.get(nameWith(arn, 12))!.size > 1),
    );
    return {
      collided,
      names: new Map(
        distinct.map(arn => [arn, nameWith(arn, collided.has(arn) ? 24 : 12)]),
      ),
    };
  }

  it('finds exactly the clashing ARNs, however names and hash keys coincide', () => {
    // Few ids (so few slugs: `A`, `a` and `a_` all slug to `a`) and few
    // hash prefixes, so short names, 8-digit table keys and 12-digit
    // suffixes all coincide often.
    const ids = ['a', 'A', 'a_', 'b', 'model-1', 'Model_1', '_'];
    const prefixes = ['000000000000', '000000001111', 'abcdef000000'];
    const digestOf = (arn: string) => {
      const real = arnDigest(arn);
      const pick = parseInt(real.slice(0, 2), 16) % (prefixes.length + 1);
      return pick < prefixes.length ? prefixes[pick] + real.slice(12) : real;
    };
    const arn = fc
      .tuple(fc.constantFrom(...ids), fc.integer({ min: 0, max: 5 }))
      .map(([id, n]) => `arn:aws:s3:::${n > 2 ? id.toUpperCase() : id}${n}`)
      .chain(bucket =>
        fc.constantFrom(bucket, bucket.replace(/\d$/, ''), `${bucket}_`),
      );
    const operation = fc.record({
      arn,
      claim: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), operations => {
        const namer = new RunNamer(digestOf);
        const claimed = new Set<string>();
        for (const op of operations) {
          const name = op.claim ? namer.claim(op.arn) : namer.nameOf(op.arn);
          // A claim answers undefined exactly when the ARN was claimed before.
          expect(name === undefined).toBe(op.claim && claimed.has(op.arn));
          if (op.claim) claimed.add(op.arn);
          expect(namer.isClaimed(op.arn)).toBe(claimed.has(op.arn));
        }
        const expected = expectedNames(
          operations.map(op => op.arn),
          digestOf,
        );
        expect(new Set(namer.collisions())).toEqual(expected.collided);
        for (const [arnOf, name] of expected.names) {
          expect(namer.finalNameOf(arnOf)).toBe(name);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps names and claims across table growth', () => {
    // 5,000 ARNs in 16 hash-key buckets: long probe runs, several resizes.
    const digestOf = (arn: string) => {
      const real = arnDigest(arn);
      return `0000000${real[0]}${real.slice(8)}`;
    };
    const namer = new RunNamer(digestOf);
    const arns = Array.from(
      { length: 5000 },
      (_, i) => `arn:aws:sagemaker:eu-west-1:111122223333:model/m-${i}`,
    );
    const first = arns.map(arn => namer.nameOf(arn));
    const even = arns.filter((_, i) => i % 2 === 0);
    expect(even.map(arn => namer.claim(arn))).toEqual(
      first.filter((_, i) => i % 2 === 0),
    );
    arns.forEach((arn, i) => {
      expect(namer.nameOf(arn)).toBe(first[i]);
      expect(namer.isClaimed(arn)).toBe(i % 2 === 0);
      expect(namer.claim(arn)).toBe(i % 2 === 0 ? undefined : first[i]);
    });
    expect(new Set(first).size).toBe(arns.length);
    expect(namer.collisions().size).toBe(0);
    expect(namer.isClaimed('arn:aws:s3:::never-seen')).toBe(false);
  });
});
