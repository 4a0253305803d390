/**
 * Country and jurisdiction codes used in `spec.dataSubjects`: where the
 * people in the data live. Residence, not hosting, decides which breach laws
 * apply (US state laws, GDPR Art. 3(2)), so these codes are validated
 * strictly: a typo here silently drops a notification duty.
 */

/**
 * Officially assigned ISO 3166-1 alpha-2 codes.
 * @public
 */
export const ISO_3166_ALPHA2_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI ' +
    'BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN ' +
    'CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
    'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP ' +
    'NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/**
 * The 27 EU member states.
 * @public
 */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
  (
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK ' +
    'SI ES SE'
  ).split(' '),
);

/**
 * EEA countries outside the EU. GDPR applies there through the EEA
 * Agreement, so for breach purposes they fall in the same bucket as the EU.
 * @public
 */
export const EEA_NON_EU_STATES: ReadonlySet<string> = new Set([
  'IS',
  'LI',
  'NO',
]);

/**
 * ISO 3166-2:US subdivisions: the 50 states, DC and the outlying areas.
 * Each has (or may have) its own breach-notification statute.
 * @public
 */
export const US_SUBDIVISIONS: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS ' +
    'MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV ' +
    'WI WY DC AS GU MP PR UM VI'
  )
    .split(' ')
    .map(code => `US-${code}`),
);

/**
 * A human description of what `spec.dataSubjects` accepts, for error messages.
 * @public
 */
export const JURISDICTION_CODE_FORMAT =
  'an ISO 3166-1 alpha-2 country code (e.g. DE, GB, BR, SG), EU, or a US state as US-XX (e.g. US-CA, US-TX)';

/**
 * Whether a value is a valid `spec.dataSubjects` code: an ISO 3166-1 alpha-2
 * code, `EU`, or an ISO 3166-2:US subdivision such as `US-CA`. Codes are
 * upper case, as ISO writes them.
 * @public
 */
export function isJurisdictionCode(code: unknown): boolean {
  if (typeof code !== 'string') {
    return false;
  }
  return (
    code === 'EU' ||
    ISO_3166_ALPHA2_CODES.has(code) ||
    US_SUBDIVISIONS.has(code)
  );
}

// Common mistakes worth a pointed hint rather than the generic format text.
const JURISDICTION_HINTS: Record<string, string> = {
  UK: 'GB',
  EL: 'GR',
  USA: 'US',
};

/**
 * A suggestion for a rejected jurisdiction code, if one is obvious
 * (`UK` → `GB`, `us-ca` → `US-CA`).
 * @public
 */
export function suggestJurisdictionCode(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  if (JURISDICTION_HINTS[upper]) {
    return JURISDICTION_HINTS[upper];
  }
  if (upper !== code && isJurisdictionCode(upper)) {
    return upper;
  }
  return undefined;
}

/**
 * The jurisdiction bucket of a data-subject code, used for one catalog label
 * per bucket: EU and EEA member states and `EU` itself → `eu`; `US` and US
 * states → `us`; any other country → its own code in lower case (`gb`, `br`).
 * Returns `undefined` for an invalid code.
 * @public
 */
export function jurisdictionBucket(code: string): string | undefined {
  if (!isJurisdictionCode(code)) {
    return undefined;
  }
  if (
    code === 'EU' ||
    EU_MEMBER_STATES.has(code) ||
    EEA_NON_EU_STATES.has(code)
  ) {
    return 'eu';
  }
  if (code === 'US' || code.startsWith('US-')) {
    return 'us';
  }
  return code.toLowerCase();
}
