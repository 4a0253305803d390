import { AWS_REGIONS, isAwsRegion, regionCountry } from './regions';

describe('AWS_REGIONS', () => {
  it('holds every region of section B with its partition', () => {
    const byPartition = (partition: string) =>
      Object.entries(AWS_REGIONS)
        .filter(([, info]) => info.partition === partition)
        .map(([code]) => code)
        .sort();
    // The commercial rows of section B, one by one.
    expect(byPartition('aws')).toEqual(
      [
        'us-east-1',
        'us-east-2',
        'us-west-1',
        'us-west-2',
        'ca-central-1',
        'ca-west-1',
        'mx-central-1',
        'sa-east-1',
        'eu-west-1',
        'eu-west-2',
        'eu-west-3',
        'eu-central-1',
        'eu-central-2',
        'eu-south-1',
        'eu-south-2',
        'eu-north-1',
        'il-central-1',
        'me-south-1',
        'me-central-1',
        'af-south-1',
        'ap-east-1',
        'ap-east-2',
        'ap-south-1',
        'ap-south-2',
        'ap-southeast-1',
        'ap-southeast-2',
        'ap-southeast-3',
        'ap-southeast-4',
        'ap-southeast-5',
        'ap-southeast-6',
        'ap-southeast-7',
        'ap-northeast-1',
        'ap-northeast-2',
        'ap-northeast-3',
      ].sort(),
    );
    expect(byPartition('aws-us-gov')).toEqual([
      'us-gov-east-1',
      'us-gov-west-1',
    ]);
    expect(byPartition('aws-cn')).toEqual(['cn-north-1', 'cn-northwest-1']);
    expect(byPartition('aws-eusc')).toEqual(['eusc-de-east-1']);
  });

  it.each([
    ['us-east-1', 'US'],
    ['us-gov-west-1', 'US'],
    ['eu-west-1', 'IE'],
    ['eu-west-2', 'GB'],
    ['eu-central-1', 'DE'],
    ['eu-central-2', 'CH'],
    ['eusc-de-east-1', 'DE'],
    ['ca-west-1', 'CA-AB'],
    ['ca-central-1', 'CA-QC'],
    ['mx-central-1', 'MX'],
    ['sa-east-1', 'BR'],
    ['ap-east-1', 'HK'],
    ['ap-east-2', 'TW'],
    ['ap-southeast-1', 'SG'],
    ['ap-southeast-6', 'NZ'],
    ['ap-southeast-7', 'TH'],
    ['ap-northeast-3', 'JP'],
    ['me-central-1', 'AE'],
    ['af-south-1', 'ZA'],
    ['cn-northwest-1', 'CN'],
  ])('maps %s to %s', (code, country) => {
    expect(regionCountry(code)).toBe(country);
  });

  it('gives every region a name and a well-formed country', () => {
    for (const [code, info] of Object.entries(AWS_REGIONS)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)+-\d$/);
      expect(info.name.length).toBeGreaterThan(3);
      expect(info.country).toMatch(/^[A-Z]{2}(-[A-Z]{2})?$/);
    }
  });

  it('returns undefined for unknown codes instead of guessing', () => {
    expect(regionCountry('eu-west-9')).toBeUndefined();
    expect(regionCountry('EU-WEST-1')).toBeUndefined();
    expect(regionCountry('toString')).toBeUndefined();
    expect(isAwsRegion('constructor')).toBe(false);
    expect(isAwsRegion(1)).toBe(false);
    expect(isAwsRegion('ap-south-2')).toBe(true);
  });

  it('cannot be modified by a consumer', () => {
    expect(Object.isFrozen(AWS_REGIONS)).toBe(true);
  });
});
