import {
  EU_MEMBER_STATES,
  ISO_3166_ALPHA2_CODES,
  isJurisdictionCode,
  jurisdictionBucket,
  suggestJurisdictionCode,
  US_SUBDIVISIONS,
} from './jurisdictions';

describe('jurisdiction codes', () => {
  it('knows the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(ISO_3166_ALPHA2_CODES.size).toBe(249);
    for (const code of ISO_3166_ALPHA2_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('knows the 27 EU member states, all valid country codes', () => {
    expect(EU_MEMBER_STATES.size).toBe(27);
    for (const code of EU_MEMBER_STATES) {
      expect(ISO_3166_ALPHA2_CODES.has(code)).toBe(true);
    }
  });

  it('knows 50 states, DC and 6 outlying areas', () => {
    expect(US_SUBDIVISIONS.size).toBe(57);
  });

  it.each(['EU', 'DE', 'GB', 'US', 'US-CA', 'US-NY', 'BR', 'SG', 'HK'])(
    'accepts %s',
    code => {
      expect(isJurisdictionCode(code)).toBe(true);
    },
  );

  it.each(['UK', 'gb', 'US-XX', 'EEA', 'CA-QC', '', 'D', 42, null])(
    'rejects %p',
    code => {
      expect(isJurisdictionCode(code)).toBe(false);
    },
  );

  it('suggests fixes for common mistakes only', () => {
    expect(suggestJurisdictionCode('UK')).toBe('GB');
    expect(suggestJurisdictionCode('uk')).toBe('GB');
    expect(suggestJurisdictionCode('EL')).toBe('GR');
    expect(suggestJurisdictionCode('us-tx')).toBe('US-TX');
    expect(suggestJurisdictionCode('Narnia')).toBeUndefined();
  });

  it.each([
    ['EU', 'eu'],
    ['IE', 'eu'],
    ['DE', 'eu'],
    ['NO', 'eu'],
    ['US', 'us'],
    ['US-CA', 'us'],
    ['GB', 'gb'],
    ['CH', 'ch'],
    ['BR', 'br'],
    ['SG', 'sg'],
  ])('puts %s in the %s bucket', (code, bucket) => {
    expect(jurisdictionBucket(code)).toBe(bucket);
  });

  it('has no bucket for an invalid code', () => {
    expect(jurisdictionBucket('UK')).toBeUndefined();
  });
});
