import {
  ASSESSMENT_QUESTIONS,
  IncidentFacts,
  isApplicableObligation,
  isAssessmentQuestion,
  LlmEntity,
  ORGANISATION_PROFILE_KEYS,
  StandingQuestion,
  StandingQuestions,
} from '@leak-response/plugin-leak-response-common';
import { entityKey } from '../plan/impact/lineage';
import { ObligationsEvaluator } from '../plan/obligations/ObligationsEvaluator';

function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Where the profile answers a question the engine asks. */
function profileKeyOf(about: string): string {
  if (about === 'facts.establishments') return 'establishments';
  const question = about.slice('answers.'.length);
  const key = ORGANISATION_PROFILE_KEYS.find(k => k.answers === question)?.key;
  return key ?? `answers.${question}`;
}

/** Whether an open question is one the organisation profile settles. */
function isStanding(about: string): boolean {
  if (about === 'facts.establishments') return true;
  if (!about.startsWith('answers.')) return false;
  const key = about.slice('answers.'.length);
  return (
    isAssessmentQuestion(key) &&
    ASSESSMENT_QUESTIONS[key].scope === 'organisation'
  );
}

/**
 * The facts of a leak of the asset on its own, "if it leaked now": its
 * data categories, people and regions with the organisation's standing
 * answers. Enough to see which standing facts its obligations wait on
 * (the lineage walk of a real plan only adds data, not standing facts).
 */
function assetFacts(
  asset: LlmEntity,
  evaluator: ObligationsEvaluator,
  aware: string,
): IncidentFacts {
  const categories = stringsOf(asset.spec.dataCategories);
  const subjects = stringsOf(asset.spec.dataSubjects);
  const regions = stringsOf(asset.spec.regions);
  const ref = entityKey(asset);
  const { establishments, answers } = evaluator.organisation;
  return {
    clocks: { aware },
    data: { categories },
    dataSubjects: subjects.map(jurisdiction => ({ jurisdiction })),
    ...(subjects.length === 0 &&
    (categories.length === 0 || evaluator.mayHoldPersonalData(categories))
      ? { dataSubjectsUnknownFrom: [ref] }
      : {}),
    hostingRegions: regions,
    ...(regions.length === 0 ? { hostingRegionsUnknownFrom: [ref] } : {}),
    ...(establishments ? { establishments } : {}),
    answers: { ...answers },
  };
}

/** Distinct asset signatures kept between reports. */
const MAX_CACHED = 5000;

/**
 * The standing questions the organisation profile leaves open across the
 * assets: for each, the rules it settles and how many obligations (asset ×
 * rule) and assets wait on it. Assets with the same categories, people and
 * regions share one evaluation.
 */
export function standingQuestions(
  assets: readonly LlmEntity[],
  evaluator: ObligationsEvaluator,
  now: Date,
  /**
   * Evaluations by asset signature, kept by the caller across reports (an
   * evaluation takes milliseconds; the answer only changes with the day,
   * through rules' in-force dates). Keys include the date.
   */
  cache: Map<string, ReturnType<ObligationsEvaluator['evaluate']>> = new Map(),
): StandingQuestions {
  const aware = now.toISOString();
  const day = aware.slice(0, 10);
  const byQuestion = new Map<
    string,
    StandingQuestion & { ruleIds: Set<string>; assetRefs: Set<string> }
  >();
  const waitingObligations = new Set<string>();
  const waitingAssets = new Set<string>();

  for (const asset of assets) {
    const signature = JSON.stringify([
      day,
      stringsOf(asset.spec.dataCategories),
      stringsOf(asset.spec.dataSubjects),
      stringsOf(asset.spec.regions),
    ]);
    let report = cache.get(signature);
    if (!report) {
      report = evaluator.evaluate(assetFacts(asset, evaluator, aware), now);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(signature, report);
    }
    const ref = entityKey(asset);
    for (const obligation of report.obligations) {
      if (!isApplicableObligation(obligation)) continue;
      for (const q of obligation.openQuestions) {
        if (!isStanding(q.about)) continue;
        let entry = byQuestion.get(q.about);
        if (!entry) {
          entry = {
            about: q.about,
            question: q.question,
            profileKey: profileKeyOf(q.about),
            rules: [],
            obligationCount: 0,
            assetCount: 0,
            ruleIds: new Set(),
            assetRefs: new Set(),
          };
          byQuestion.set(q.about, entry);
        }
        if (!entry.ruleIds.has(obligation.ruleId)) {
          entry.ruleIds.add(obligation.ruleId);
          entry.rules.push({
            ruleId: obligation.ruleId,
            regime: obligation.regime,
            law: obligation.law,
          });
        }
        entry.obligationCount++;
        entry.assetRefs.add(ref);
        waitingObligations.add(`${ref} ${obligation.ruleId}`);
        waitingAssets.add(ref);
      }
    }
  }

  const questions = [...byQuestion.values()]
    .map(({ ruleIds: _r, assetRefs, ...q }) => ({
      ...q,
      assetCount: assetRefs.size,
    }))
    .sort(
      (a, b) =>
        b.obligationCount - a.obligationCount || a.about.localeCompare(b.about),
    );
  return {
    questions,
    obligationCount: waitingObligations.size,
    assetCount: waitingAssets.size,
  };
}
