import { RunNamer } from './arn';
import { DEFAULT_LLM_AWS_TAG_KEYS } from './config';
import { DiscoveryRun } from './DiscoveryRun';

const MODEL_A = 'arn:aws:sagemaker:eu-west-1:111122223333:model/a';
const MODEL_B = 'arn:aws:sagemaker:eu-west-1:111122223333:model/b';
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

  it('gives both ARNs of a name clash the long name, in entities and references', () => {
    // Forces the clash a 48-bit hash makes too rare to meet in a test.
    const clashing = (arn: string, hashLength?: number) => {
      const id = arn.split('/').pop();
      if (hashLength) return `${id}-long`;
      return arn.includes(':model/') ? 'clash' : `${id}-short`;
    };
    const discovery = run(new RunNamer(clashing));
    discovery.addPage(
      [
        {
          ResourceARN: ENDPOINT,
          Tags: [{ Key: 'llm:serves', Value: `${MODEL_A} ${MODEL_B}` }],
        },
        {
          ResourceARN: MODEL_A,
          Tags: [{ Key: 'llm:fine-tuned-from', Value: MODEL_B }],
        },
      ],
      'eu-west-1',
    );
    discovery.addPage([{ ResourceARN: MODEL_B }], 'eu-west-1');

    const byArn = new Map(
      discovery
        .finish()
        .map(({ entity }) => [
          entity.metadata.annotations!['amazonaws.com/arn'],
          entity,
        ]),
    );
    expect(byArn.get(MODEL_A)!.metadata.name).toBe('a-long');
    expect(byArn.get(MODEL_B)!.metadata.name).toBe('b-long');
    expect(byArn.get(ENDPOINT)!.metadata.name).toBe('e-short');
    expect(byArn.get(ENDPOINT)!.spec!.serves).toEqual([
      'resource:default/a-long',
      'resource:default/b-long',
    ]);
    expect(byArn.get(MODEL_A)!.spec!.fineTunedFrom).toBe(
      'resource:default/b-long',
    );
  });
});
