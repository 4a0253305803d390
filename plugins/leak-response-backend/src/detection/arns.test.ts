import { candidateArns, chooseLeakType } from './arns';

describe('candidateArns', () => {
  it('lets an S3 object be claimed by its prefixes and its bucket, most specific first', () => {
    expect(
      candidateArns(
        'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/2026/part.json',
      ),
    ).toEqual([
      'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/2026/part.json',
      'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/2026/part.json/',
      'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/2026',
      'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/2026/',
      'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu',
      'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/',
      'arn:aws:s3:::shopwise-ml-inference-logs/',
      'arn:aws:s3:::shopwise-ml-inference-logs',
    ]);
  });

  it('keeps a bucket ARN and any other ARN as they are', () => {
    expect(candidateArns('arn:aws:s3:::bucket')).toEqual([
      'arn:aws:s3:::bucket/',
      'arn:aws:s3:::bucket',
    ]);
    expect(
      candidateArns(
        'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/recsys-endpoint-eu',
      ),
    ).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/recsys-endpoint-eu',
    ]);
  });

  it('bounds the candidates of a very deep key', () => {
    const deep = `arn:aws:s3:::b/${Array.from(
      { length: 500 },
      (_, i) => `d${i}`,
    ).join('/')}`;
    const candidates = candidateArns(deep);
    expect(candidates[0]).toBe(deep);
    expect(candidates.length).toBeLessThanOrEqual(2 * 17 + 2);
    expect(candidates[candidates.length - 1]).toBe('arn:aws:s3:::b');
  });
});

describe('chooseLeakType', () => {
  it('follows the entity type, and egress anomalies mean inference data', () => {
    expect(
      chooseLeakType(
        { type: 'llm-model' },
        { kind: 'credential-exfiltration', source: 'guardduty' },
      ),
    ).toBe('model-weight-exfiltration');
    expect(
      chooseLeakType(
        { type: 'llm-endpoint' },
        { kind: 'egress-anomaly', source: 'cloudwatch' },
      ),
    ).toBe('inference-data-leakage');
    expect(
      chooseLeakType(
        { type: 'llm-dataset', purpose: 'inference-log' },
        { kind: 'data-access', source: 'macie' },
      ),
    ).toBe('inference-data-leakage');
    expect(
      chooseLeakType(
        { type: 'llm-dataset', purpose: 'training' },
        { kind: 'data-access', source: 'guardduty' },
      ),
    ).toBe('training-data-exposure');
  });
});
