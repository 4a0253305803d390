/**
 * How an S3 location is claimed by catalog entities: the one rule shared by
 * detection (a finding on an object names the dataset that holds it) and
 * lineage discovery (a training channel's URI names the dataset it read).
 */

const S3_ARN = /^(arn:aws[a-z-]*:s3:::)([^/]+)(?:\/(.*))?$/;
const S3_URI = /^s3:\/\/([^/]+)(?:\/(.*))?$/;

/** Deeper prefixes than this are only matched exactly, to bound the work. */
const MAX_PREFIX_SEGMENTS = 16;

/**
 * `s3://bucket/key` as an S3 ARN (`arn:aws:s3:::bucket/key`); an ARN is
 * returned as it is; anything else gives undefined.
 */
export function s3UriToArn(
  uriOrArn: string,
  partition: string = 'aws',
): string | undefined {
  if (S3_ARN.test(uriOrArn)) return uriOrArn;
  const match = S3_URI.exec(uriOrArn);
  if (!match) return undefined;
  const [, bucket, key] = match;
  return key
    ? `arn:${partition}:s3:::${bucket}/${key}`
    : `arn:${partition}:s3:::${bucket}`;
}

/**
 * The annotation values that would claim an S3 location (or any other ARN),
 * most specific first: an object or prefix ARN is claimed by its own ARN, by
 * each of its prefixes (with or without the trailing slash) and by its
 * bucket. A non-S3 ARN is claimed only by itself.
 */
export function s3ClaimCandidates(arn: string): string[] {
  const s3 = S3_ARN.exec(arn);
  if (!s3) {
    return [arn];
  }
  const [, prefix, bucket, key] = s3;
  const bucketArn = `${prefix}${bucket}`;
  const out: string[] = [];
  if (key) {
    const parts = key.split('/');
    const limit = Math.min(parts.length, MAX_PREFIX_SEGMENTS);
    for (let n = parts.length; n >= 1; n--) {
      if (n > limit && n !== parts.length) continue;
      const path = parts.slice(0, n).join('/');
      if (!path) continue;
      out.push(`${bucketArn}/${path}`);
      if (!path.endsWith('/')) out.push(`${bucketArn}/${path}/`);
    }
  }
  out.push(`${bucketArn}/`, bucketArn);
  return [...new Set(out)];
}

/**
 * The most specific claim on an ARN among `claims` (claimed ARN → value),
 * or undefined when nothing claims it.
 */
export function findS3Claim<T>(
  arn: string,
  claims: ReadonlyMap<string, T>,
): { claimedArn: string; value: T } | undefined {
  for (const candidate of s3ClaimCandidates(arn)) {
    const value = claims.get(candidate);
    if (value !== undefined) return { claimedArn: candidate, value };
  }
  return undefined;
}
