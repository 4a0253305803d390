import {
  combinedDataCategoryFlags,
  DataCategoryVocabulary,
} from './dataCategories';
import { jurisdictionBucket } from './jurisdictions';

/**
 * The prefix of every label Leak Response derives.
 * @public
 */
export const LLM_LABEL_PREFIX = 'leak-response.io';

/**
 * Label keys derived from `spec.dataCategories`, with value `"true"` or
 * `"false"`. They exist so that the catalog UI and API can filter on them
 * (`filter=metadata.labels.leak-response.io/personal-data=true`).
 * @public
 */
export const LLM_LABELS = Object.freeze({
  personalData: `${LLM_LABEL_PREFIX}/personal-data`,
  specialCategory: `${LLM_LABEL_PREFIX}/special-category`,
  cardData: `${LLM_LABEL_PREFIX}/card-data`,
  credentials: `${LLM_LABEL_PREFIX}/credentials`,
});

/**
 * Set to `"true"` on discovered resources that lack a data-category tag or an
 * owner tag, so readiness checks can list them with a label selector.
 * @public
 */
export const LABEL_UNCLASSIFIED = `${LLM_LABEL_PREFIX}/unclassified`;

/**
 * What is missing on an unclassified resource, as a comma-separated list of
 * the missing tag keys.
 * @public
 */
export const ANNOTATION_UNCLASSIFIED_MISSING = `${LLM_LABEL_PREFIX}/unclassified-missing`;

/**
 * The label key for one jurisdiction bucket, e.g.
 * `leak-response.io/jurisdiction-eu`.
 * @public
 */
export function jurisdictionLabelKey(bucket: string): string {
  return `${LLM_LABEL_PREFIX}/jurisdiction-${bucket}`;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * The labels an LLM entity's `spec` implies:
 * - the data flags (`personal-data`, `special-category`, `card-data`,
 *   `credentials`) as `"true"`/`"false"`, only when `dataCategories` is a
 *   list — an entity that declares nothing is unknown, not clean;
 * - `jurisdiction-<bucket>: "true"` for each bucket of `dataSubjects`
 *   (eu, us, gb, br, ...; see {@link jurisdictionBucket}).
 *
 * Unknown categories and codes are skipped; validation reports them. Never
 * throws, whatever the input, because it runs before validation.
 * @public
 */
export function deriveLlmLabels(
  spec: unknown,
  vocabulary: DataCategoryVocabulary,
): Record<string, string> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return {};
  }
  const fields = spec as Record<string, unknown>;
  const labels: Record<string, string> = {};
  if (Array.isArray(fields.dataCategories)) {
    const flags = combinedDataCategoryFlags(
      stringsOf(fields.dataCategories),
      vocabulary,
    );
    labels[LLM_LABELS.personalData] = String(flags.personal);
    labels[LLM_LABELS.specialCategory] = String(flags.specialCategory);
    labels[LLM_LABELS.cardData] = String(flags.cardData);
    labels[LLM_LABELS.credentials] = String(flags.credentials);
  }
  for (const code of stringsOf(fields.dataSubjects)) {
    const bucket = jurisdictionBucket(code);
    if (bucket) {
      labels[jurisdictionLabelKey(bucket)] = 'true';
    }
  }
  return labels;
}
