import {
  combinedDataCategoryFlags,
  createDataCategoryVocabulary,
  DATA_CATEGORY_FLAGS,
  DEFAULT_DATA_CATEGORIES,
  DEFAULT_DATA_CATEGORY_VOCABULARY,
  isValidDataCategoryId,
} from './dataCategories';

describe('data category vocabulary', () => {
  it('holds the categories the issue requires', () => {
    expect([...DEFAULT_DATA_CATEGORY_VOCABULARY.keys()]).toEqual(
      expect.arrayContaining([
        'personal.identifiers',
        'personal.contact',
        'personal.behavioral',
        'personal.location',
        'personal.special',
        'personal.children',
        'personal.credentials',
        'payment.card',
        'payment.financial',
        'proprietary.model-weights',
        'proprietary.business',
        'synthetic',
        'anonymous',
        'public',
      ]),
    );
  });

  it('gives every entry a valid id, a description and all flags', () => {
    for (const entry of DEFAULT_DATA_CATEGORIES) {
      expect(isValidDataCategoryId(entry.id)).toBe(true);
      expect(entry.description.length).toBeGreaterThan(10);
      for (const flag of DATA_CATEGORY_FLAGS) {
        expect(typeof entry[flag]).toBe('boolean');
      }
    }
  });

  it.each([
    ['personal.special', ['personal', 'specialCategory']],
    ['payment.card', ['personal', 'cardData', 'financial']],
    ['payment.financial', ['personal', 'financial']],
    ['personal.credentials', ['personal', 'credentials']],
    ['credentials.machine', ['credentials']],
    ['proprietary.model-weights', ['proprietary']],
    ['synthetic', ['synthetic']],
    ['anonymous', ['anonymous']],
    ['public', []],
    ['personal.behavioral', ['personal']],
  ])('flags %s as %p and nothing else', (id, flags) => {
    const entry = DEFAULT_DATA_CATEGORY_VOCABULARY.get(id)!;
    const set = DATA_CATEGORY_FLAGS.filter(flag => entry[flag]);
    expect(set).toEqual(flags);
  });

  it('adds organisation categories with missing flags false', () => {
    const vocabulary = createDataCategoryVocabulary([
      { id: 'personal.loyalty', description: 'Loyalty points', personal: true },
    ]);
    expect(vocabulary.get('personal.loyalty')).toEqual({
      id: 'personal.loyalty',
      description: 'Loyalty points',
      personal: true,
      specialCategory: false,
      cardData: false,
      credentials: false,
      financial: false,
      proprietary: false,
      synthetic: false,
      anonymous: false,
    });
    expect(vocabulary.size).toBe(DEFAULT_DATA_CATEGORIES.length + 1);
  });

  it('lets an organisation override a built-in category', () => {
    const vocabulary = createDataCategoryVocabulary([
      {
        id: 'public',
        description: 'Public, but we treat it as proprietary',
        proprietary: true,
      },
    ]);
    expect(vocabulary.get('public')?.proprietary).toBe(true);
    expect(vocabulary.size).toBe(DEFAULT_DATA_CATEGORIES.length);
    expect(DEFAULT_DATA_CATEGORY_VOCABULARY.get('public')?.proprietary).toBe(
      false,
    );
  });

  it.each([
    [
      { id: 'Bad Id', description: 'x' },
      /\[0\]\.id: "Bad Id" is not a valid category id/,
    ],
    [{ id: 'ok', description: '' }, /\[0\]\.description/],
    [
      { id: 'ok', description: 'x', personal: 'yes' },
      /\[0\]\.personal: must be true or false/,
    ],
  ])('refuses a malformed entry %p', (input, message) => {
    expect(() => createDataCategoryVocabulary([input as any])).toThrow(message);
  });

  it('refuses the same id declared twice', () => {
    expect(() =>
      createDataCategoryVocabulary([
        { id: 'a.b', description: 'one' },
        { id: 'a.b', description: 'two' },
      ]),
    ).toThrow(/\[1\]\.id: "a\.b" is declared twice/);
  });

  it('combines flags over a list, ignoring unknown ids', () => {
    const flags = combinedDataCategoryFlags(
      ['personal.special', 'payment.card', 'nope'],
      DEFAULT_DATA_CATEGORY_VOCABULARY,
    );
    expect(flags).toEqual({
      personal: true,
      specialCategory: true,
      cardData: true,
      credentials: false,
      financial: true,
      proprietary: false,
      synthetic: false,
      anonymous: false,
    });
  });
});
