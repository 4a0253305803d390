import { LlmEntityType } from '@leak-response/plugin-leak-response-common';

/** The lineage fields discovery can fill, by the entity that declares them. */
export type LineageRelation =
  | 'trainedOn'
  | 'fineTunedFrom'
  | 'serves'
  | 'logsTo'
  /** A knowledge base on its data sources (the catalog's own dependsOn). */
  | 'dependsOn';

/** Where a piece of lineage was read. */
export type LineageSource = 'sagemaker' | 'bedrock';

/** Where a data-category suggestion was read. */
export type SuggestionSource = 'macie';

/** A model or endpoint found in an ML service, by ARN. */
export interface LineageNode {
  arn: string;
  type: Exclude<LlmEntityType, 'llm-dataset'> | 'llm-dataset';
  title: string;
  source: LineageSource;
  /** Set on datasets a service names directly (knowledge base sources). */
  purpose?: string;
  /** Extra `leak-response.io/*` annotations (model data URL, producing job). */
  annotations?: Record<string, string>;
}

/**
 * One discovered edge: `from` (a model or endpoint ARN) has `relation` to
 * `to` (an ARN; S3 locations as `arn:aws:s3:::bucket/prefix`), read from
 * `via` (the training job, endpoint config or logging config that says so).
 */
export interface LineageEdge {
  from: string;
  relation: LineageRelation;
  to: string;
  via: string;
  /** The purpose of the dataset `to` names, when it is an S3 location. */
  purpose?: string;
}

/**
 * A data category a scanner found in one S3 object (or bucket): the
 * finding it comes from, what was detected and how often.
 */
export interface LocationFinding {
  /** `arn:aws:s3:::bucket/key` (or `arn:aws:s3:::bucket`). */
  location: string;
  category: string;
  /** The detection types behind it with their counts, e.g. `NAME: 12`. */
  detections: Record<string, number>;
  /** ISO time the finding was last updated. */
  seenAt: string;
  source: SuggestionSource;
}

/** What one account and region hold; discovered all or nothing. */
export interface SliceLineage {
  accountId: string;
  region: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Sensitive data found in S3 locations (Macie). */
  findings?: LocationFinding[];
  /** API pages read, for the run's log line. */
  pages: number;
}

/** Collects one service's lineage into a slice. */
export interface LineageCollector {
  readonly source: LineageSource | SuggestionSource;
  collect(slice: SliceLineage, signal?: AbortSignal): Promise<void>;
}
