/**
 * Breach-notification obligations: the rules table (data), its validation
 * and merging with app-config, the personal-data determination, and the pure
 * evaluation of incident facts into obligations with deadlines.
 */
export * from './types';
export { ASSESSMENT_QUESTIONS, isAssessmentQuestion } from './answers';
export type {
  AssessmentQuestion,
  AssessmentAnswers,
  RiskLevel,
} from './answers';
export { CLOCK_EVENTS, isClockEvent } from './clocks';
export type { ClockEvent } from './clocks';
export { JURISDICTION_GROUPS, jurisdictionWithin } from './jurisdictions';
export {
  DEFAULT_OBLIGATION_RULES,
  DEFAULT_OBLIGATION_RULE_IDS,
} from './defaultRules';
export {
  RuleValidationError,
  mergeRules,
  validateRule,
  checkRuleReferences,
} from './mergeRules';
export { determineLeakedData } from './personalData';
export { IncidentFactsError, evaluateObligations } from './evaluateObligations';
export type { EvaluateObligationsOptions } from './evaluateObligations';
export * from './time';
export { incidentQuestionsToAsk } from './questionsToAsk';
export {
  RULE_VERSION_PARTS,
  RULE_VERSION_PART_LABELS,
  isRuleVersion,
  ruleChangesSince,
  ruleTableVersion,
  ruleVersion,
} from './ruleVersion';
export type { RuleChange, RuleVersion, RuleVersionPart } from './ruleVersion';
