/**
 * What each US state's breach law counts as "personal information", as
 * data: a state's definition is a list of combinations of data elements,
 * any one of which makes a leak notifiable there. One flag for every state
 * made customer logins trigger Texas (whose definition has no login
 * element) and a bare card number trigger states that require it with a
 * name or a security code. Not legal advice: each row cites its statute.
 */
import { AssessmentQuestion } from './answers';
import { CategoryTraitFlags } from './types';

/**
 * A data element the state definitions combine.
 * @public
 */
export type UsPiElement =
  /** First name or initial and last name. */
  | 'name'
  /** SSN, driver's licence, state ID, passport, military or tax ID number. */
  | 'governmentId'
  /** A credit or debit card number. */
  | 'cardNumber'
  /** A financial account number (bank account). */
  | 'accountNumber'
  /** A security code, access code or password that permits access to the card or account. */
  | 'accessCode'
  /** A username or email address with a password or security answer to an online account. */
  | 'onlineLogin'
  /** Medical or health-insurance information. */
  | 'health'
  /** Biometric data used to identify a person. */
  | 'biometric';

/** @public */
export interface UsPiCombination {
  /** Every element must be in the leaked data. */
  elements: UsPiElement[];
  /** The subsection that lists this combination. */
  cite: string;
}

/** @public */
export interface UsStatePiDefinition {
  /** The state, as an ISO 3166-2 code. */
  state: string;
  /** The statute defining personal information. */
  statute: string;
  combinations: UsPiCombination[];
  notes?: string[];
}

const withName = (
  cite: string,
  ...elements: UsPiElement[]
): UsPiCombination => ({ elements: ['name', ...elements], cite });
const alone = (cite: string, ...elements: UsPiElement[]): UsPiCombination => ({
  elements,
  cite,
});

/**
 * The states of the rule table. The name elements, the card/account
 * elements and the login elements are transcribed from each statute; the
 * lists of ID numbers and health elements are grouped.
 * @public
 */
export const US_STATE_PI_DEFINITIONS: Readonly<
  Record<string, UsStatePiDefinition>
> = {
  'US-CA': {
    state: 'US-CA',
    statute: 'Cal. Civ. Code 1798.82(h)',
    combinations: [
      withName('1798.82(h)(1)(A)–(B), (F)', 'governmentId'),
      withName('1798.82(h)(1)(C)', 'cardNumber', 'accessCode'),
      withName('1798.82(h)(1)(C)', 'accountNumber', 'accessCode'),
      withName('1798.82(h)(1)(D)–(E)', 'health'),
      withName('1798.82(h)(1)(G)', 'biometric'),
      alone('1798.82(h)(2)', 'onlineLogin'),
    ],
  },
  'US-NY': {
    state: 'US-NY',
    statute: 'N.Y. Gen. Bus. Law 899-aa(1)(b)',
    combinations: [
      withName('899-aa(1)(b)(i)(1)–(2)', 'governmentId'),
      withName('899-aa(1)(b)(i)(3)', 'cardNumber', 'accessCode'),
      withName('899-aa(1)(b)(i)(3)', 'accountNumber', 'accessCode'),
      withName('899-aa(1)(b)(i)(5)', 'biometric'),
      withName(
        '899-aa(1)(b)(i) (medical and health insurance, 2024 amendment)',
        'health',
      ),
      alone('899-aa(1)(b)(ii)', 'onlineLogin'),
    ],
    notes: [
      '899-aa(1)(b)(i)(4) also counts a card or account number with the name when it can be used without a code: answer whether the codes leaked, and check that case with counsel when they did not.',
    ],
  },
  'US-TX': {
    state: 'US-TX',
    statute: 'Tex. Bus. & Com. Code 521.002(a)(2)',
    combinations: [
      withName('521.002(a)(2)(A)(i)–(ii)', 'governmentId'),
      withName('521.002(a)(2)(A)(iii)', 'cardNumber', 'accessCode'),
      withName('521.002(a)(2)(A)(iii)', 'accountNumber', 'accessCode'),
      withName('521.002(a)(2)(B)', 'health'),
    ],
    notes: [
      'Texas "sensitive personal information" has no online-login element: a username or email with a password alone is not notifiable under 521.053.',
    ],
  },
  'US-FL': {
    state: 'US-FL',
    statute: 'Fla. Stat. 501.171(1)(g)',
    combinations: [
      withName('501.171(1)(g)1.a.(I)–(II)', 'governmentId'),
      withName('501.171(1)(g)1.a.(III)', 'cardNumber', 'accessCode'),
      withName('501.171(1)(g)1.a.(III)', 'accountNumber', 'accessCode'),
      withName('501.171(1)(g)1.a.(IV)–(V)', 'health'),
      alone('501.171(1)(g)1.b.', 'onlineLogin'),
    ],
  },
  'US-CO': {
    state: 'US-CO',
    statute: 'Colo. Rev. Stat. 6-1-716(1)(g)',
    combinations: [
      withName('6-1-716(1)(g)(I)(A)', 'governmentId'),
      withName('6-1-716(1)(g)(I)(A)', 'health'),
      withName('6-1-716(1)(g)(I)(A)', 'biometric'),
      alone('6-1-716(1)(g)(I)(B)', 'onlineLogin'),
      // No name needed: the number with its code is personal information.
      alone('6-1-716(1)(g)(I)(C)', 'cardNumber', 'accessCode'),
      alone('6-1-716(1)(g)(I)(C)', 'accountNumber', 'accessCode'),
    ],
  },
  'US-WA': {
    state: 'US-WA',
    statute: 'Rev. Code Wash. 19.255.005(2)',
    combinations: [
      withName('19.255.005(2)(a)(i)–(ii), (vi)', 'governmentId'),
      withName('19.255.005(2)(a)(iii)', 'cardNumber', 'accessCode'),
      withName('19.255.005(2)(a)(iii)', 'accountNumber', 'accessCode'),
      withName('19.255.005(2)(a)(vii)–(viii)', 'health'),
      withName('19.255.005(2)(a)(ix)', 'biometric'),
      alone('19.255.005(2)(a)(x)', 'onlineLogin'),
    ],
    notes: [
      '19.255.005(2)(a)(iii) also counts a card number usable without a code, and (2)(b) any element without the name when it would enable identity theft: check with counsel when codes or names did not leak.',
    ],
  },
};

/** Where the elements of a known category come from, and what settles the rest. */
export const US_PI_ELEMENT_LABELS: Record<UsPiElement, string> = {
  name: 'names',
  governmentId: 'SSNs or government ID numbers',
  cardNumber: 'card numbers',
  accountNumber: 'financial account numbers',
  accessCode: 'security or access codes for the cards or accounts',
  onlineLogin: 'online-account logins (username or email with password)',
  health: 'medical or health-insurance information',
  biometric: 'biometric data',
};

/**
 * Elements a category carries, from its flags. A category can declare its
 * own (`usPiElements`); otherwise customer logins are logins, card data are
 * card numbers, financial personal data are account numbers, and
 * identifiers carry names.
 */
export function elementsOfCategory(
  id: string,
  flags: CategoryTraitFlags,
): UsPiElement[] {
  if (flags.usPiElements) return [...flags.usPiElements];
  const elements: UsPiElement[] = [];
  if (flags.credentials && (flags.personal || flags.specialCategory)) {
    elements.push('onlineLogin');
  }
  if (flags.cardData) elements.push('cardNumber');
  else if (flags.financial && flags.personal) elements.push('accountNumber');
  if (id === 'personal.identifiers') elements.push('name');
  return elements;
}

/**
 * Elements no category can tell for sure (a name column in a chat log, a
 * CVV stored with the card number): an assessment answer settles them.
 */
export const US_PI_ELEMENT_ANSWERS: Partial<
  Record<UsPiElement, AssessmentQuestion>
> = {
  name: 'namesLeaked',
  governmentId: 'governmentIdsLeaked',
  accessCode: 'accessCodesLeaked',
  health: 'healthOrBiometricDataLeaked',
  biometric: 'healthOrBiometricDataLeaked',
};

/** Every element, in the order reasons list them. @public */
export const US_PI_ELEMENTS: readonly UsPiElement[] = [
  'name',
  'governmentId',
  'cardNumber',
  'accountNumber',
  'accessCode',
  'onlineLogin',
  'health',
  'biometric',
];

/**
 * Elements a built-in category may hold without saying so (addresses with
 * names, a CVV next to the card number); an answer settles them. A personal
 * category of the organisation's own that declares no `usPiElements` may
 * hold any of them.
 */
const MAY_CARRY: Readonly<Record<string, readonly UsPiElement[]>> = {
  'personal.identifiers': ['governmentId'],
  'personal.contact': ['name'],
  'personal.special': ['health', 'biometric'],
  'personal.children': ['name', 'governmentId', 'health'],
  'personal.pseudonymised': ['governmentId', 'health'],
  'payment.card': ['name', 'accessCode'],
  'payment.financial': ['name', 'accessCode'],
  'personal.credentials': [],
  'personal.behavioral': [],
  'personal.location': [],
};

/** What each element amounts to over the known leaked categories. */
export function usPiElementsOf(
  known: ReadonlyMap<string, CategoryTraitFlags>,
  describe: (category: string) => string,
): Record<UsPiElement, { carriedBy: string[]; possibleIn: string[] }> {
  const found = {} as Record<
    UsPiElement,
    { carriedBy: string[]; possibleIn: string[] }
  >;
  for (const e of US_PI_ELEMENTS) found[e] = { carriedBy: [], possibleIn: [] };
  for (const [id, flags] of known) {
    const carried = elementsOfCategory(id, flags);
    carried.forEach(e => found[e].carriedBy.push(describe(id)));
    if (flags.usPiElements || !(flags.personal || flags.specialCategory)) {
      continue;
    }
    const possible = Object.hasOwn(MAY_CARRY, id)
      ? MAY_CARRY[id]
      : US_PI_ELEMENTS;
    possible
      .filter(e => !carried.includes(e))
      .forEach(e => found[e].possibleIn.push(describe(id)));
  }
  return found;
}
