import { findS3Claim, s3ClaimCandidates, s3UriToArn } from './s3Claims';

describe('s3Claims', () => {
  it('turns S3 URIs into ARNs and leaves ARNs alone', () => {
    expect(s3UriToArn('s3://shop-ml/train/2025/')).toBe(
      'arn:aws:s3:::shop-ml/train/2025/',
    );
    expect(s3UriToArn('s3://shop-ml')).toBe('arn:aws:s3:::shop-ml');
    expect(s3UriToArn('s3://shop-ml/x', 'aws-cn')).toBe(
      'arn:aws-cn:s3:::shop-ml/x',
    );
    expect(s3UriToArn('arn:aws:s3:::b/k')).toBe('arn:aws:s3:::b/k');
    expect(s3UriToArn('https://shop-ml.s3.amazonaws.com/x')).toBeUndefined();
  });

  it('lists the claims of an object, most specific first', () => {
    expect(s3ClaimCandidates('arn:aws:s3:::b/train/2025/part-1')).toEqual([
      'arn:aws:s3:::b/train/2025/part-1',
      'arn:aws:s3:::b/train/2025/part-1/',
      'arn:aws:s3:::b/train/2025',
      'arn:aws:s3:::b/train/2025/',
      'arn:aws:s3:::b/train',
      'arn:aws:s3:::b/train/',
      'arn:aws:s3:::b/',
      'arn:aws:s3:::b',
    ]);
    expect(s3ClaimCandidates('arn:aws:sagemaker:eu-west-1:1:model/m')).toEqual([
      'arn:aws:sagemaker:eu-west-1:1:model/m',
    ]);
  });

  it('finds the most specific claim', () => {
    const claims = new Map([
      ['arn:aws:s3:::b', 'bucket'],
      ['arn:aws:s3:::b/train/', 'train'],
    ]);
    expect(findS3Claim('arn:aws:s3:::b/train/2025/x', claims)).toEqual({
      claimedArn: 'arn:aws:s3:::b/train/',
      value: 'train',
    });
    expect(findS3Claim('arn:aws:s3:::b/eval/x', claims)?.value).toBe('bucket');
    expect(findS3Claim('arn:aws:s3:::other/x', claims)).toBeUndefined();
  });
});
