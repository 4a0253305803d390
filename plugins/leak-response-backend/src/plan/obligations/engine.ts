/*
 * The obligations engine of -common, as the plan uses it: the single place
 * this folder imports it from.
 */
export {
  ASSESSMENT_QUESTIONS,
  DEFAULT_OBLIGATION_RULES,
  createDataCategoryVocabulary,
  evaluateObligations,
  isAssessmentQuestion,
  mergeRules,
} from '@leak-response/plugin-leak-response-common';
export type {
  AnonymityAssessment,
  AssessmentAnswers,
  DataCategoryInput,
  DataCategoryVocabulary,
  IncidentFacts,
  ObligationRule,
  ObligationsReport,
} from '@leak-response/plugin-leak-response-common';
