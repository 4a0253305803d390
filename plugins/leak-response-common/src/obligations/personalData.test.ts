import { DEFAULT_DATA_CATEGORY_VOCABULARY } from '../entity/dataCategories';
import { determineLeakedData } from './personalData';

const vocabulary = DEFAULT_DATA_CATEGORY_VOCABULARY;

describe('determineLeakedData', () => {
  it('treats categories flagged personal as a personal-data breach', () => {
    const result = determineLeakedData(
      { categories: ['personal.behavioral'] },
      vocabulary,
    );
    expect(result.traits.personal).toBe('yes');
    expect(result.traits.specialCategory).toBe('no');
    expect(result.traits.cardData).toBe('no');
    // Ordinary personal data may or may not be state-law "personal information".
    expect(result.traits.usStatePersonalInformation).toBe('unknown');
    expect(result.reasons.join(' ')).toContain("'personal.behavioral'");
  });

  it('says so when only synthetic, anonymous or public data leaked', () => {
    const result = determineLeakedData(
      { categories: ['synthetic', 'anonymous', 'public'] },
      vocabulary,
    );
    expect(result.traits.personal).toBe('no');
    expect(result.traits.usStatePersonalInformation).toBe('no');
    expect(result.reasons).toContain(
      "no personal data: 'synthetic' is synthetic; 'anonymous' is anonymous; 'public' is not personal",
    );
  });

  it('keeps machine credentials apart from customer logins', () => {
    const machine = determineLeakedData(
      { categories: ['credentials.machine'] },
      vocabulary,
    );
    expect(machine.traits).toMatchObject({
      personal: 'no',
      credentials: 'yes',
      usStatePersonalInformation: 'no',
    });
    const customer = determineLeakedData(
      { categories: ['personal.credentials'] },
      vocabulary,
    );
    expect(customer.traits).toMatchObject({
      personal: 'yes',
      credentials: 'yes',
      usStatePersonalInformation: 'yes',
    });
  });

  it('derives card, financial and special-category traits', () => {
    const result = determineLeakedData(
      { categories: ['payment.card', 'personal.special'] },
      vocabulary,
    );
    expect(result.traits).toEqual({
      personal: 'yes',
      specialCategory: 'yes',
      cardData: 'yes',
      credentials: 'no',
      financial: 'yes',
      usStatePersonalInformation: 'yes',
      authenticationData: 'no',
      vulnerableSubjects: 'no',
    });
  });

  it('makes traits unknown, not absent, for unknown or missing categories', () => {
    const unknown = determineLeakedData(
      { categories: ['synthetic', 'personal.loyalty'] },
      vocabulary,
    );
    expect(unknown.traits.personal).toBe('unknown');
    expect(unknown.unknownCategories).toEqual(['personal.loyalty']);
    const none = determineLeakedData({ categories: [] }, vocabulary);
    expect(Object.values(none.traits)).toEqual(Array(8).fill('unknown'));
    expect(none.reasons).toContain(
      'no data categories are declared for the leaked data',
    );
  });

  describe('leaked model weights (EDPB Opinion 28/2024)', () => {
    const trainingData = [
      {
        ref: 'resource:default/clickstream-2025q3',
        categories: ['personal.behavioral'],
      },
      { ref: 'resource:default/catalog-texts', categories: ['public'] },
    ];

    it('inherit the personal data of the training data', () => {
      const result = determineLeakedData(
        {
          categories: ['proprietary.model-weights'],
          model: { ref: 'resource:default/recsys-llm-v3', trainingData },
        },
        vocabulary,
      );
      expect(result.traits.personal).toBe('yes');
      expect(result.inheritedFrom).toEqual([
        'resource:default/clickstream-2025q3',
        'resource:default/catalog-texts',
      ]);
      expect(result.categories).toEqual([
        'proprietary.model-weights',
        'personal.behavioral',
        'public',
      ]);
      const text = result.reasons.join(' | ');
      expect(text).toContain('no anonymity assessment is recorded');
      expect(text).toContain(
        "'personal.behavioral' (from resource:default/clickstream-2025q3)",
      );
    });

    it('do not inherit when an anonymity assessment concluded anonymous', () => {
      const result = determineLeakedData(
        {
          categories: ['proprietary.model-weights'],
          model: {
            ref: 'resource:default/recsys-llm-v3',
            anonymityAssessment: {
              conclusion: 'anonymous',
              recordedAt: '2026-01-10',
              reference: 'DPIA-42',
            },
            trainingData,
          },
        },
        vocabulary,
      );
      expect(result.traits.personal).toBe('no');
      expect(result.inheritedFrom).toEqual([]);
      expect(result.reasons[0]).toContain('(DPIA-42, 2026-01-10)');
    });

    it('still inherit when the assessment concluded not anonymous', () => {
      const result = determineLeakedData(
        {
          categories: ['proprietary.model-weights'],
          model: {
            anonymityAssessment: { conclusion: 'not-anonymous' },
            trainingData,
          },
        },
        vocabulary,
      );
      expect(result.traits.personal).toBe('yes');
      expect(result.reasons.join(' ')).toContain(
        'concluded it is not anonymous',
      );
    });
  });

  it('accepts a plain record or a function as the flag lookup', () => {
    const record = {
      'x.pii': { personal: true },
      'x.stats': { anonymous: true },
    };
    expect(
      determineLeakedData({ categories: ['x.pii'] }, record).traits.personal,
    ).toBe('yes');
    const fn = (c: string) =>
      c === 'x.fin' ? { personal: true, financial: true } : undefined;
    const result = determineLeakedData({ categories: ['x.fin'] }, fn);
    expect(result.traits.financial).toBe('yes');
    expect(result.traits.cardData).toBe('no');
  });
});
