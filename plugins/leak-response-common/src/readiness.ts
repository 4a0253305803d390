import { LlmControlName, LlmEntityType } from './entity';

/**
 * What can make an LLM asset unready for a leak. Each kind is one check;
 * an entity's score is the share of its checks it passes (a gap flagged for
 * review counts half).
 * @public
 */
export const ASSET_GAP_KINDS = [
  'no-owner',
  'no-data-categories',
  'unclassified',
  'no-data-subjects',
  'no-playbook',
  'no-compliance-group',
  'no-trained-on-call',
  'no-recent-exercise',
  'controls-missing',
  'jurisdiction-review',
  'lineage-problem',
  'lineage-conflict',
  'undeclared-data',
] as const;

/** @public */
export type AssetGapKind = (typeof ASSET_GAP_KINDS)[number];

/**
 * A short title per gap kind, for tables, filters and chart labels.
 * @public
 */
export const ASSET_GAP_TITLES: Readonly<Record<AssetGapKind, string>> = {
  'no-owner': 'No owner',
  'no-data-categories': 'No data categories',
  unclassified: 'Unclassified (AWS discovery)',
  'no-data-subjects': 'No data subjects',
  'no-playbook': 'No playbook',
  'no-compliance-group': 'No compliance group',
  'no-trained-on-call': 'No trained on-call',
  'no-recent-exercise': 'No recent exercise',
  'controls-missing': 'Controls not declared',
  'jurisdiction-review': 'Hosted outside jurisdiction',
  'lineage-problem': 'Dangling or wrong-type lineage',
  'lineage-conflict': 'Declared and discovered lineage differ',
  'undeclared-data': 'Macie found undeclared data',
};

/**
 * The controls readiness expects each LLM type to declare in
 * `spec.controls`. Weights and datasets live in S3 (threat detection, data
 * discovery, object-level audit, access logs, key rotation); endpoints take
 * live traffic (threat detection, private access, prompt/response logs).
 * @public
 */
export const EXPECTED_CONTROLS: Readonly<
  Record<LlmEntityType, readonly LlmControlName[]>
> = {
  'llm-dataset': [
    'guardduty',
    'macie',
    'cloudtrailDataEvents',
    's3AccessLogging',
    'kmsKeyRotation',
  ],
  'llm-model': [
    'guardduty',
    'macie',
    'cloudtrailDataEvents',
    's3AccessLogging',
    'kmsKeyRotation',
  ],
  'llm-endpoint': ['guardduty', 'vpcEndpoint', 'promptLogging'],
};

/**
 * One gap of one asset.
 * @public
 */
export interface AssetGap {
  kind: AssetGapKind;
  /** One sentence saying what is wrong, naming the field or annotation. */
  message: string;
  /** The individual findings behind the message (one per line). */
  details?: string[];
  /** A gap to look at, not necessarily a fault (e.g. a lawful transfer). */
  review?: boolean;
}

/**
 * The readiness of one LLM asset.
 * @public
 */
export interface AssetReadiness {
  entityRef: string;
  title?: string;
  type: LlmEntityType;
  /** Full ref of the system, when it declares one. */
  systemRef?: string;
  /** Full ref of the owner, when it declares a valid one. */
  ownerRef?: string;
  /** 0–100: the share of the checks it passes. */
  score: number;
  /** The checks that applied to it. */
  checks: AssetGapKind[];
  gaps: AssetGap[];
  /** ISO, UTC: the most recent exercise that affected it, if any. */
  lastExerciseAt?: string;
}

/**
 * The readiness of one system: the mean score of its assets.
 * @public
 */
export interface SystemReadiness {
  /** Undefined for the assets that declare no system. */
  systemRef?: string;
  title?: string;
  score: number;
  assetCount: number;
  gapCount: number;
}

/**
 * `GET /v1/readiness`.
 * @public
 */
export interface ReadinessReport {
  /** ISO, UTC. */
  generatedAt: string;
  /** How far back an exercise counts. */
  exerciseWindowDays: number;
  /** The mean score of every asset; 100 when there are none. */
  score: number;
  assets: AssetReadiness[];
  systems: SystemReadiness[];
  /** How many assets have each gap. */
  gapCounts: Record<AssetGapKind, number>;
  /** The organisation's standing questions still open, if any were computed. */
  standingQuestions?: StandingQuestions;
}

/**
 * One standing fact of the organisation the profile leaves open, and the
 * obligations it would settle.
 * @public
 */
export interface StandingQuestion {
  /** `answers.<question>` or `facts.establishments`, as the engine asks it. */
  about: string;
  question: string;
  /** Where to answer it in `leakResponse.organisation` (e.g. `sector.secRegistrant`). */
  profileKey: string;
  /** The rules it settles, in table order. */
  rules: Array<{ ruleId: string; regime: string; law: string }>;
  /** Obligations (asset × rule) waiting on it, and the assets they belong to. */
  obligationCount: number;
  assetCount: number;
}

/**
 * "Answer these N questions to settle M obligations across K assets": the
 * standing facts the organisation profile leaves open, so a DPO answers them
 * once instead of on every incident.
 * @public
 */
export interface StandingQuestions {
  questions: StandingQuestion[];
  /** Obligations (asset × rule) that wait on at least one of them. */
  obligationCount: number;
  assetCount: number;
}

/**
 * The formats of `GET /v1/inventory?format=`.
 * @public
 */
export const INVENTORY_FORMATS = ['csv', 'markdown'] as const;

/** @public */
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];
