import {
  CategoryFlagLookup,
  CategoryTraitFlags,
  DATA_TRAITS,
  DataDetermination,
  DataTrait,
  LeakedData,
  Truth,
} from './types';
import { usPiElementsOf } from './usStatePersonalInformation';

/** Reads flags from any of the lookup shapes. */
export function lookupFlags(
  lookup: CategoryFlagLookup,
  category: string,
): CategoryTraitFlags | undefined {
  if (typeof lookup === 'function') return lookup(category);
  if (lookup instanceof Map) return lookup.get(category);
  const record = lookup as Readonly<Record<string, CategoryTraitFlags>>;
  return Object.hasOwn(record, category) ? record[category] : undefined;
}

/** Whether one known category has a trait. */
const TRAIT_TESTS: Record<
  DataTrait,
  (f: CategoryTraitFlags, id: string) => boolean
> = {
  personal: f => Boolean(f.personal || f.specialCategory),
  specialCategory: f => Boolean(f.specialCategory),
  cardData: f => Boolean(f.cardData),
  // Machine credentials are not personal data; customer logins are.
  credentials: f => Boolean(f.credentials),
  financial: f => Boolean(f.financial || f.cardData),
  // US state laws: card numbers (with code) and online-account logins are
  // personal information on their own (reference section C).
  usStatePersonalInformation: f =>
    Boolean(
      f.usStatePersonalInformation ||
        f.cardData ||
        (f.credentials && (f.personal || f.specialCategory)),
    ),
  // Res. CD/ANPD 15/2024 names the data subjects' authentication data: a
  // machine key is not theirs.
  authenticationData: f =>
    Boolean(f.credentials && (f.personal || f.specialCategory)),
  vulnerableSubjects: (f, id) =>
    Boolean(f.vulnerableSubjects || id === 'personal.children'),
};

const TRAIT_LABELS: Record<DataTrait, string> = {
  personal: 'personal data (GDPR Art. 4(1))',
  specialCategory: 'special-category data (GDPR Art. 9(1))',
  cardData: 'card data (PCI DSS account data)',
  credentials: 'credentials',
  financial: 'financial data',
  usStatePersonalInformation: 'personal information under US state breach laws',
  authenticationData: 'authentication data of the data subjects',
  vulnerableSubjects: 'data of children, adolescents or the elderly',
};

function nonPersonalKind(flags: CategoryTraitFlags): string {
  if (flags.synthetic) return 'synthetic';
  if (flags.anonymous) return 'anonymous';
  return 'not personal';
}

const list = (items: readonly string[]) => items.map(i => `'${i}'`).join(', ');

/**
 * Decides what the leaked data amount to: personal data, special categories,
 * card data, credentials, financial data, US-state "personal information".
 *
 * Leaked model weights inherit the categories of the datasets the model was
 * trained or fine-tuned on, unless the model carries a recorded anonymity
 * assessment concluding it is anonymous (EDPB Opinion 28/2024: a model is
 * anonymous only if extraction and query leakage are both insignificant,
 * and that has to be documented). Categories missing from the vocabulary,
 * or no categories at all, make a trait unknown rather than absent.
 *
 * @public
 */
export function determineLeakedData(
  data: LeakedData,
  flags: CategoryFlagLookup,
): DataDetermination {
  const reasons: string[] = [];
  const categories = new Set(data.categories);
  const inheritedFrom: string[] = [];
  const inheritedCategories = new Map<string, string[]>();

  const model = data.model;
  if (model) {
    const assessment = model.anonymityAssessment;
    const modelName = model.ref ? `model ${model.ref}` : 'the model';
    if (assessment?.conclusion === 'anonymous') {
      const where = [assessment.reference, assessment.recordedAt]
        .filter(Boolean)
        .join(', ');
      reasons.push(
        `${modelName} has a recorded anonymity assessment concluding it is anonymous${
          where ? ` (${where})` : ''
        }: its weights do not carry the personal data of its training data (EDPB Opinion 28/2024)`,
      );
    } else {
      for (const dataset of model.trainingData) {
        inheritedFrom.push(dataset.ref);
        for (const category of dataset.categories) {
          if (!categories.has(category)) {
            categories.add(category);
            inheritedCategories.set(category, [
              ...(inheritedCategories.get(category) ?? []),
              dataset.ref,
            ]);
          } else if (inheritedCategories.has(category)) {
            inheritedCategories.get(category)!.push(dataset.ref);
          }
        }
      }
      if (model.trainingData.length > 0) {
        reasons.push(
          `leaked weights of ${modelName} carry the data of its training data ${list(
            inheritedFrom,
          )}: ${
            assessment?.conclusion === 'not-anonymous'
              ? 'its anonymity assessment concluded it is not anonymous'
              : 'no anonymity assessment is recorded'
          } (EDPB Opinion 28/2024)`,
        );
      }
    }
  }

  const all = [...categories];
  const known = new Map<string, CategoryTraitFlags>();
  const unknownCategories: string[] = [];
  for (const category of all) {
    const found = lookupFlags(flags, category);
    if (found) known.set(category, found);
    else unknownCategories.push(category);
  }

  if (all.length === 0) {
    reasons.push('no data categories are declared for the leaked data');
  }
  if (unknownCategories.length > 0) {
    reasons.push(
      `categories not in the vocabulary: ${list(unknownCategories)}`,
    );
  }

  const describe = (category: string) => {
    const sources = inheritedCategories.get(category);
    return sources
      ? `'${category}' (from ${sources.join(', ')})`
      : `'${category}'`;
  };

  const traits = {} as Record<DataTrait, Truth>;
  const evidence: Partial<Record<DataTrait, string>> = {};
  for (const trait of DATA_TRAITS) {
    const holders = [...known]
      .filter(([c, f]) => TRAIT_TESTS[trait](f, c))
      .map(([c]) => c);
    if (holders.length > 0) {
      traits[trait] = 'yes';
      evidence[trait] = holders.map(describe).join(', ');
      reasons.push(`${TRAIT_LABELS[trait]}: ${evidence[trait]}`);
    } else if (all.length === 0 || unknownCategories.length > 0) {
      traits[trait] = 'unknown';
    } else {
      traits[trait] = 'no';
    }
  }

  // Ordinary personal data may or may not include what state laws list
  // (SSN, ID numbers, account numbers with codes): that takes a human look.
  if (traits.usStatePersonalInformation === 'no' && traits.personal === 'yes') {
    traits.usStatePersonalInformation = 'unknown';
  }
  if (traits.personal === 'no') {
    reasons.push(
      `no personal data: ${all
        .map(c => {
          return `'${c}' is ${nonPersonalKind(known.get(c)!)}`;
        })
        .join('; ')}`,
    );
  }

  return {
    traits,
    evidence,
    categories: all,
    inheritedFrom,
    unknownCategories,
    usPiElements: usPiElementsOf(known, describe),
    reasons,
  };
}
