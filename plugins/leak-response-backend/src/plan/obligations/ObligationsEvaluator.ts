import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import type { LeakType } from '@leak-response/plugin-leak-response-common';
import { ImpactAnalysis } from '../impact/ImpactAnalyzer';
import {
  ANNOTATION_ANONYMITY_ASSESSMENT,
  ANNOTATION_ANONYMITY_ASSESSMENT_REF,
} from '../impact/dataAtRisk';
import {
  organisationFacts,
  readOrganisationProfile,
} from '@leak-response/plugin-leak-response-common';
import {
  AnonymityAssessment,
  AssessmentAnswers,
  createDataCategoryVocabulary,
  DataCategoryInput,
  DataCategoryVocabulary,
  DEFAULT_OBLIGATION_RULES,
  evaluateObligations,
  IncidentFacts,
  mergeRules,
  ObligationRule,
  ObligationsReport,
} from './engine';

/** What is known about the organisation, from `leakResponse.organisation`. */
export interface OrganisationFacts {
  establishments?: string[];
  answers: AssessmentAnswers;
}

/** Reads a model's recorded anonymity assessment from its annotations. */
export function anonymityAssessmentOf(
  entity: Entity,
): AnonymityAssessment | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const conclusion = annotations[ANNOTATION_ANONYMITY_ASSESSMENT]?.trim();
  if (conclusion !== 'anonymous' && conclusion !== 'not-anonymous') {
    return undefined;
  }
  const reference = annotations[ANNOTATION_ANONYMITY_ASSESSMENT_REF]?.trim();
  return { conclusion, ...(reference ? { reference } : {}) };
}

/**
 * The facts of a leak of the impact's origin "if it leaked now": the data
 * at risk, the people and regions of the impact, the organisation's
 * standing answers. Leaked model weights are given to the engine with the
 * data they were trained on, so that the engine decides (and explains) the
 * inheritance and the anonymity assessment.
 */
export function incidentFactsFromImpact(options: {
  analysis: ImpactAnalysis;
  leakType: LeakType;
  awareAt: string;
  organisation: OrganisationFacts;
  /** Whether categories may hold personal data; `false` only when surely not. Default: yes. */
  mayHoldPersonalData?: (categories: string[]) => boolean;
}): IncidentFacts {
  const { analysis, leakType, awareAt, organisation } = options;
  const mayHoldPersonalData = options.mayHoldPersonalData ?? (() => true);
  const { report } = analysis;
  const origin = analysis.affected.get(report.origin)!;
  const originEntity = analysis.entities.get(report.origin)!;
  const isModel = origin.type === 'llm-model';

  let data: IncidentFacts['data'];
  if (leakType === 'model-weight-exfiltration' && isModel) {
    const upstream = [...analysis.affected.values()].filter(
      e => e.role === 'upstream-data' && e.dataAtRisk,
    );
    const assessment = anonymityAssessmentOf(originEntity);
    data = {
      categories: origin.dataCategories,
      model: {
        ref: origin.entityRef,
        ...(assessment ? { anonymityAssessment: assessment } : {}),
        trainingData: upstream.map(e => ({
          ref: e.entityRef,
          categories: e.dataCategories,
        })),
      },
    };
  } else {
    data = { categories: report.dataCategories };
  }

  const atRisk = [...analysis.affected.values()].filter(e => e.dataAtRisk);
  // An entity that does not say where its people live hides people who
  // may live anywhere: unknown, not "nobody" (a model's own weights hold
  // no one; its training data say where theirs live).
  const subjectsUnknown = atRisk
    .filter(
      e =>
        e.dataSubjects.length === 0 &&
        (e.dataCategories.length === 0 ||
          mayHoldPersonalData(e.dataCategories)),
    )
    .map(e => e.entityRef);
  // Leaked weights leaked from where the model is stored: the regions of
  // its training datasets are where those datasets are, not the weights.
  const hosts =
    leakType === 'model-weight-exfiltration' && isModel ? [origin] : atRisk;
  const regions = [...new Set(hosts.flatMap(e => e.regions))].sort();
  const regionsUnknown = hosts
    .filter(e => e.regions.length === 0)
    .map(e => e.entityRef);

  return {
    clocks: { aware: awareAt },
    data,
    // Several datasets may hold the same people: the report's count is a
    // lower bound (the largest single count) and `atMost` the sum.
    dataSubjects: report.dataSubjects.map(s => ({
      jurisdiction: s.jurisdiction,
      ...(s.approxCount !== undefined ? { atLeast: s.approxCount } : {}),
      ...(s.atMost !== undefined ? { atMost: s.atMost } : {}),
      from: s.from,
    })),
    ...(subjectsUnknown.length > 0
      ? { dataSubjectsUnknownFrom: subjectsUnknown }
      : {}),
    hostingRegions: regions,
    ...(regionsUnknown.length > 0
      ? { hostingRegionsUnknownFrom: regionsUnknown }
      : {}),
    ...(organisation.establishments
      ? { establishments: organisation.establishments }
      : {}),
    answers: { ...organisation.answers },
  };
}

/**
 * The organisation profile (`leakResponse.organisation`), checked once at
 * start-up: a bad key stops the backend with an error naming it.
 */
function readOrganisation(config: Config): OrganisationFacts {
  const raw = config.getOptional('leakResponse.organisation');
  return organisationFacts(readOrganisationProfile(raw));
}

/**
 * Evaluates the obligations of the engine in -common with the rule table
 * and vocabulary of this installation: the default rules merged with
 * `leakResponse.rules`, the vocabulary extended by
 * `leakResponse.dataCategories`, and the organisation's standing facts from
 * `leakResponse.organisation`. Configuration is read and checked once.
 */
export class ObligationsEvaluator {
  private constructor(
    readonly rules: readonly ObligationRule[],
    private readonly vocabulary: DataCategoryVocabulary,
    readonly organisation: OrganisationFacts,
  ) {}

  static fromConfig(config: Config): ObligationsEvaluator {
    const rules = mergeRules(
      DEFAULT_OBLIGATION_RULES,
      config.getOptional('leakResponse.rules'),
    );
    const vocabulary = createDataCategoryVocabulary(
      config.getOptional<DataCategoryInput[]>('leakResponse.dataCategories') ??
        [],
    );
    return new ObligationsEvaluator(
      rules,
      vocabulary,
      readOrganisation(config),
    );
  }

  /** Whether data of these categories may be personal: unknown categories may. */
  mayHoldPersonalData(categories: string[]): boolean {
    return categories.some(id => {
      const category = this.vocabulary.get(id);
      return !category || category.personal || category.specialCategory;
    });
  }

  evaluate(facts: IncidentFacts, now: Date): ObligationsReport {
    return evaluateObligations(facts, {
      now,
      rules: this.rules,
      categoryFlags: this.vocabulary,
    });
  }
}
