/**
 * The AWS partitions a region can belong to. Partitions are separate
 * clouds with their own accounts and endpoints, which matters when an
 * ARN has to be resolved to an entity.
 * @public
 */
export type AwsPartition = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-eusc';

/** @public */
export interface AwsRegionInfo {
  /** The AWS display name. */
  name: string;
  /**
   * Where the region is hosted: an ISO 3166-1 alpha-2 code, or an ISO 3166-2
   * subdivision code where the hosting province matters for local law
   * (see shared/reference/notification-obligations.md, section B).
   */
  country: string;
  partition: AwsPartition;
}

/**
 * Every current AWS region (commercial, GovCloud, China and European
 * Sovereign Cloud) mapped to its hosting country.
 *
 * Hosting location is not the same as legal applicability: the obligations
 * engine uses it only for territorial regimes (PIPL, LGPD, DPDP, ...).
 * Announced but not yet launched regions (Saudi Arabia, Chile) are left out
 * until they have region codes.
 * @public
 */
export const AWS_REGIONS: Readonly<Record<string, AwsRegionInfo>> =
  Object.freeze({
    // North America
    'us-east-1': {
      name: 'US East (N. Virginia)',
      country: 'US',
      partition: 'aws',
    },
    'us-east-2': { name: 'US East (Ohio)', country: 'US', partition: 'aws' },
    'us-west-1': {
      name: 'US West (N. California)',
      country: 'US',
      partition: 'aws',
    },
    'us-west-2': { name: 'US West (Oregon)', country: 'US', partition: 'aws' },
    'us-gov-east-1': {
      name: 'AWS GovCloud (US-East)',
      country: 'US',
      partition: 'aws-us-gov',
    },
    'us-gov-west-1': {
      name: 'AWS GovCloud (US-West)',
      country: 'US',
      partition: 'aws-us-gov',
    },
    // Montreal; section B flags Québec Law 25 as a possible local regime.
    'ca-central-1': {
      name: 'Canada (Central)',
      country: 'CA-QC',
      partition: 'aws',
    },
    // Calgary; Alberta PIPA may apply locally.
    'ca-west-1': {
      name: 'Canada West (Calgary)',
      country: 'CA-AB',
      partition: 'aws',
    },
    'mx-central-1': {
      name: 'Mexico (Central)',
      country: 'MX',
      partition: 'aws',
    },
    // South America
    'sa-east-1': {
      name: 'South America (São Paulo)',
      country: 'BR',
      partition: 'aws',
    },
    // Europe
    'eu-west-1': { name: 'Europe (Ireland)', country: 'IE', partition: 'aws' },
    'eu-west-2': { name: 'Europe (London)', country: 'GB', partition: 'aws' },
    'eu-west-3': { name: 'Europe (Paris)', country: 'FR', partition: 'aws' },
    'eu-central-1': {
      name: 'Europe (Frankfurt)',
      country: 'DE',
      partition: 'aws',
    },
    'eu-central-2': {
      name: 'Europe (Zurich)',
      country: 'CH',
      partition: 'aws',
    },
    'eu-south-1': { name: 'Europe (Milan)', country: 'IT', partition: 'aws' },
    'eu-south-2': { name: 'Europe (Spain)', country: 'ES', partition: 'aws' },
    'eu-north-1': {
      name: 'Europe (Stockholm)',
      country: 'SE',
      partition: 'aws',
    },
    'eusc-de-east-1': {
      name: 'AWS European Sovereign Cloud (Germany)',
      country: 'DE',
      partition: 'aws-eusc',
    },
    // Middle East and Africa
    'il-central-1': {
      name: 'Israel (Tel Aviv)',
      country: 'IL',
      partition: 'aws',
    },
    'me-south-1': {
      name: 'Middle East (Bahrain)',
      country: 'BH',
      partition: 'aws',
    },
    'me-central-1': {
      name: 'Middle East (UAE)',
      country: 'AE',
      partition: 'aws',
    },
    'af-south-1': {
      name: 'Africa (Cape Town)',
      country: 'ZA',
      partition: 'aws',
    },
    // Asia Pacific
    'ap-east-1': {
      name: 'Asia Pacific (Hong Kong)',
      country: 'HK',
      partition: 'aws',
    },
    'ap-east-2': {
      name: 'Asia Pacific (Taipei)',
      country: 'TW',
      partition: 'aws',
    },
    'ap-south-1': {
      name: 'Asia Pacific (Mumbai)',
      country: 'IN',
      partition: 'aws',
    },
    'ap-south-2': {
      name: 'Asia Pacific (Hyderabad)',
      country: 'IN',
      partition: 'aws',
    },
    'ap-southeast-1': {
      name: 'Asia Pacific (Singapore)',
      country: 'SG',
      partition: 'aws',
    },
    'ap-southeast-2': {
      name: 'Asia Pacific (Sydney)',
      country: 'AU',
      partition: 'aws',
    },
    'ap-southeast-3': {
      name: 'Asia Pacific (Jakarta)',
      country: 'ID',
      partition: 'aws',
    },
    'ap-southeast-4': {
      name: 'Asia Pacific (Melbourne)',
      country: 'AU',
      partition: 'aws',
    },
    'ap-southeast-5': {
      name: 'Asia Pacific (Malaysia)',
      country: 'MY',
      partition: 'aws',
    },
    'ap-southeast-6': {
      name: 'Asia Pacific (New Zealand)',
      country: 'NZ',
      partition: 'aws',
    },
    'ap-southeast-7': {
      name: 'Asia Pacific (Thailand)',
      country: 'TH',
      partition: 'aws',
    },
    'ap-northeast-1': {
      name: 'Asia Pacific (Tokyo)',
      country: 'JP',
      partition: 'aws',
    },
    'ap-northeast-2': {
      name: 'Asia Pacific (Seoul)',
      country: 'KR',
      partition: 'aws',
    },
    'ap-northeast-3': {
      name: 'Asia Pacific (Osaka)',
      country: 'JP',
      partition: 'aws',
    },
    // China, operated separately from the global partition
    'cn-north-1': {
      name: 'China (Beijing)',
      country: 'CN',
      partition: 'aws-cn',
    },
    'cn-northwest-1': {
      name: 'China (Ningxia)',
      country: 'CN',
      partition: 'aws-cn',
    },
  });

/**
 * Whether a string is one of the known AWS region codes.
 * @public
 */
export function isAwsRegion(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    Object.prototype.hasOwnProperty.call(AWS_REGIONS, code)
  );
}

/**
 * The hosting country (or subdivision, e.g. `CA-AB`) of an AWS region, or
 * `undefined` for an unknown code — callers decide whether that is an error.
 * @public
 */
export function regionCountry(code: string): string | undefined {
  return isAwsRegion(code) ? AWS_REGIONS[code].country : undefined;
}
