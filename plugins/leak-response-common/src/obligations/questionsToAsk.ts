import {
  ASSESSMENT_QUESTIONS,
  AssessmentQuestion,
  isAssessmentQuestion,
} from './answers';

/**
 * The incident-scoped assessment questions worth asking for one incident:
 * those an obligation still to be determined waits on, plus those already
 * answered (so an answer can be changed).
 *
 * A question no open obligation waits on cannot change any obligation of
 * this incident: with three-valued logic a rule that already came out
 * "applies" or "does not apply" with the question unanswered comes out the
 * same for every answer. So a retailer whose data subjects are all in the
 * EU is not asked about Brazil's ANPD or Canada's RROSH; organisation
 * questions are never asked here (the profile settles them).
 *
 * `obligations` are the engine's evaluations (as stored on the incident);
 * entries that do not look like one are ignored.
 * @public
 */
export function incidentQuestionsToAsk(
  obligations: ReadonlyArray<unknown>,
  answered: Readonly<Record<string, unknown>> = {},
): AssessmentQuestion[] {
  const wanted = new Set<string>();
  for (const obligation of obligations) {
    const o = obligation as
      | { status?: unknown; openQuestions?: unknown }
      | undefined;
    if (o?.status === 'not-applicable' || !Array.isArray(o?.openQuestions)) {
      continue;
    }
    for (const q of o!.openQuestions as Array<{ about?: unknown }>) {
      if (typeof q?.about === 'string' && q.about.startsWith('answers.')) {
        wanted.add(q.about.slice('answers.'.length));
      }
    }
  }
  for (const [key, value] of Object.entries(answered)) {
    if (value !== undefined) wanted.add(key);
  }
  return (Object.keys(ASSESSMENT_QUESTIONS) as AssessmentQuestion[]).filter(
    key =>
      wanted.has(key) &&
      isAssessmentQuestion(key) &&
      ASSESSMENT_QUESTIONS[key].scope === 'incident',
  );
}
