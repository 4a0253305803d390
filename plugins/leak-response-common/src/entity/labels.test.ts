import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { DEFAULT_DATA_CATEGORY_VOCABULARY } from './dataCategories';
import { deriveLlmLabels, jurisdictionLabelKey } from './labels';

const vocabulary = DEFAULT_DATA_CATEGORY_VOCABULARY;

describe('deriveLlmLabels', () => {
  it('derives the data flags and one label per jurisdiction bucket', () => {
    expect(
      deriveLlmLabels(
        {
          dataCategories: ['personal.identifiers', 'personal.special'],
          dataSubjects: ['DE', 'EU', 'GB', 'US-CA', 'US-TX', 'BR'],
        },
        vocabulary,
      ),
    ).toEqual({
      'leak-response.io/personal-data': 'true',
      'leak-response.io/special-category': 'true',
      'leak-response.io/card-data': 'false',
      'leak-response.io/credentials': 'false',
      'leak-response.io/jurisdiction-eu': 'true',
      'leak-response.io/jurisdiction-gb': 'true',
      'leak-response.io/jurisdiction-us': 'true',
      'leak-response.io/jurisdiction-br': 'true',
    });
  });

  it('says false for data that is not personal', () => {
    expect(
      deriveLlmLabels(
        { dataCategories: ['synthetic'], dataSubjects: [] },
        vocabulary,
      ),
    ).toEqual({
      'leak-response.io/personal-data': 'false',
      'leak-response.io/special-category': 'false',
      'leak-response.io/card-data': 'false',
      'leak-response.io/credentials': 'false',
    });
  });

  it('flags card data and credentials', () => {
    const labels = deriveLlmLabels(
      { dataCategories: ['payment.card', 'personal.credentials'] },
      vocabulary,
    );
    expect(labels['leak-response.io/card-data']).toBe('true');
    expect(labels['leak-response.io/credentials']).toBe('true');
  });

  it('derives no flags when nothing is declared', () => {
    expect(deriveLlmLabels({ type: 'llm-model' }, vocabulary)).toEqual({});
  });

  it('skips unknown values and survives junk', () => {
    expect(
      deriveLlmLabels(
        { dataCategories: [3, 'nope'], dataSubjects: ['UK', 7] },
        vocabulary,
      ),
    ).toEqual({
      'leak-response.io/personal-data': 'false',
      'leak-response.io/special-category': 'false',
      'leak-response.io/card-data': 'false',
      'leak-response.io/credentials': 'false',
    });
    expect(deriveLlmLabels(null, vocabulary)).toEqual({});
    expect(deriveLlmLabels(['x'], vocabulary)).toEqual({});
    expect(
      deriveLlmLabels({ dataCategories: 'personal.special' }, vocabulary),
    ).toEqual({});
  });

  it('produces keys the catalog accepts', () => {
    expect(
      KubernetesValidatorFunctions.isValidLabelKey(jurisdictionLabelKey('eu')),
    ).toBe(true);
    const labels = deriveLlmLabels(
      { dataCategories: ['public'], dataSubjects: ['SG'] },
      vocabulary,
    );
    for (const [key, value] of Object.entries(labels)) {
      expect(KubernetesValidatorFunctions.isValidLabelKey(key)).toBe(true);
      expect(KubernetesValidatorFunctions.isValidLabelValue(value)).toBe(true);
    }
  });
});
