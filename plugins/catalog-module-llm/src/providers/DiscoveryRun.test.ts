import { arnDigest, entityNameFromArn, RunNamer } from './arn';
import { DEFAULT_LLM_AWS_TAG_KEYS } from './config';
import { DiscoveryRun } from './DiscoveryRun';

const MODEL_A = 'arn:aws:sagemaker:eu-west-1:111122223333:model/a';
const MODEL_B_OTHER_REGION = 'arn:aws:sagemaker:us-east-1:111122223333:model/a';
const ENDPOINT = 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/e';

function run(namer?: RunNamer) {
  return new DiscoveryRun({
    tagKeys: DEFAULT_LLM_AWS_TAG_KEYS,
    namespace: 'default',
    defaultOwner: 'group:unknown',
    locationRef: 'llm-aws-provider:test',
    namer,
  });
}

describe('DiscoveryRun', () => {
  it('keeps the first listing of an ARN reported by two regions', () => {
    const discovery = run();
    discovery.addPage(
      [
        {
          ResourceARN: 'arn:aws:s3:::shared',
          Tags: [{ Key: 'owner', Value: 'a' }],
        },
      ],
      'eu-west-1',
    );
    discovery.addPage(
      [
        {
          ResourceARN: 'arn:aws:s3:::shared',
          Tags: [{ Key: 'owner', Value: 'b' }],
        },
      ],
      'us-east-1',
    );
    const entities = discovery.finish();
    expect(entities).toHaveLength(1);
    expect(entities[0].entity.spec!.owner).toBe('a');
    expect(discovery.pages).toBe(2);
  });

  it('ignores mappings without a parseable ARN', () => {
    const discovery = run();
    discovery.addPage([{ Tags: [] }, { ResourceARN: 'nonsense' }], 'eu-west-1');
    expect(discovery.finish()).toEqual([]);
  });

  it('lets the first listing decide between skipping and emitting an ARN', () => {
    const volume = 'arn:aws:ec2:eu-west-1:111122223333:volume/v';
    const discovery = run();
    // Untyped first, typed later: stays skipped, counted once.
    discovery.addPage([{ ResourceARN: volume, Tags: [] }], 'eu-west-1');
    discovery.addPage(
      [
        {
          ResourceARN: volume,
          Tags: [{ Key: 'llm:type', Value: 'llm-model' }],
        },
        { ResourceARN: volume, Tags: [] },
      ],
      'us-east-1',
    );
    // Typed first, untyped later: stays emitted, never skipped.
    discovery.addPage(
      [
        {
          ResourceARN: MODEL_A,
          Tags: [{ Key: 'llm:type', Value: 'llm-model' }],
        },
      ],
      'eu-west-1',
    );
    discovery.addPage(
      [{ ResourceARN: MODEL_A, Tags: [{ Key: 'llm:type', Value: 'bucket' }] }],
      'us-east-1',
    );
    const entities = discovery.finish();
    expect(
      entities.map(e => e.entity.metadata.annotations!['amazonaws.com/arn']),
    ).toEqual([MODEL_A]);
    expect(discovery.skipped).toEqual([
      {
        arn: volume,
        reason: 'no llm:type tag and the resource type implies no LLM type',
      },
    ]);
  });

  it('names an ARN the same as entity and as reference, whichever comes first', () => {
    const discovery = run();
    discovery.addPage(
      [
        {
          ResourceARN: ENDPOINT,
          Tags: [{ Key: 'llm:serves', Value: MODEL_A }],
        },
        {
          ResourceARN: MODEL_A,
          Tags: [{ Key: 'llm:fine-tuned-from', Value: MODEL_B_OTHER_REGION }],
        },
      ],
      'eu-west-1',
    );
    discovery.addPage(
      [
        {
          ResourceARN: MODEL_B_OTHER_REGION,
          Tags: [{ Key: 'llm:serves', Value: ENDPOINT }],
        },
      ],
      'us-east-1',
    );
    const byArn = new Map(
      discovery
        .finish()
        .map(({ entity }) => [
          entity.metadata.annotations!['amazonaws.com/arn'],
          entity,
        ]),
    );
    const ref = (arn: string) =>
      `resource:default/${byArn.get(arn)!.metadata.name}`;
    expect(byArn.get(MODEL_A)!.metadata.name).toBe(entityNameFromArn(MODEL_A));
    expect(byArn.get(ENDPOINT)!.spec!.serves).toEqual([ref(MODEL_A)]);
    expect(byArn.get(MODEL_A)!.spec!.fineTunedFrom).toBe(
      ref(MODEL_B_OTHER_REGION),
    );
    expect(byArn.get(MODEL_B_OTHER_REGION)!.spec!.serves).toEqual([
      ref(ENDPOINT),
    ]);
  });

  it('gives both ARNs of a name clash the long name, in entities and references', () => {
    // Forces the clash a 48-bit hash makes too rare to meet in a test: the
    // two models share a resource id (so a slug) and the first 12 digest
    // characters; the endpoint shares only the digest prefix.
    const clashing = (arn: string) =>
      arn === ENDPOINT || arn === MODEL_A || arn === MODEL_B_OTHER_REGION
        ? `000000000000${arnDigest(arn).slice(12)}`
        : arnDigest(arn);
    const discovery = run(new RunNamer(clashing));
    discovery.addPage(
      [
        {
          ResourceARN: ENDPOINT,
          Tags: [
            { Key: 'llm:serves', Value: `${MODEL_A} ${MODEL_B_OTHER_REGION}` },
          ],
        },
        {
          ResourceARN: MODEL_A,
          Tags: [{ Key: 'llm:fine-tuned-from', Value: MODEL_B_OTHER_REGION }],
        },
      ],
      'eu-west-1',
    );
    discovery.addPage([{ ResourceARN: MODEL_B_OTHER_REGION }], 'us-east-1');

    const byArn = new Map(
      discovery
        .finish()
        .map(({ entity }) => [
          entity.metadata.annotations!['amazonaws.com/arn'],
          entity,
        ]),
    );
    const longA = `a-000000000000${arnDigest(MODEL_A).slice(12, 24)}`;
    const longB = `a-000000000000${arnDigest(MODEL_B_OTHER_REGION).slice(
      12,
      24,
    )}`;
    expect(byArn.get(MODEL_A)!.metadata.name).toBe(longA);
    expect(byArn.get(MODEL_B_OTHER_REGION)!.metadata.name).toBe(longB);
    // Same suffix, different slug: no clash, the short name stays.
    expect(byArn.get(ENDPOINT)!.metadata.name).toBe('e-000000000000');
    expect(byArn.get(ENDPOINT)!.spec!.serves).toEqual([
      `resource:default/${longA}`,
      `resource:default/${longB}`,
    ]);
    expect(byArn.get(MODEL_A)!.spec!.fineTunedFrom).toBe(
      `resource:default/${longB}`,
    );
  });
});
