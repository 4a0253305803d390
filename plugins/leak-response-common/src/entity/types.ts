import { Entity } from '@backstage/catalog-model';
import { LlmEntityType } from './entityTypes';

/**
 * Detective and preventive controls an owner can declare in `spec.controls`.
 * @public
 */
export const LLM_CONTROLS = [
  'guardduty',
  'macie',
  'cloudtrailDataEvents',
  's3AccessLogging',
  'kmsKeyRotation',
  'vpcEndpoint',
  'promptLogging',
] as const;

/** @public */
export type LlmControlName = (typeof LLM_CONTROLS)[number];

/** @public */
export type LlmControls = { [name in LlmControlName]?: boolean };

/**
 * What a dataset is used for.
 * @public
 */
export const LLM_DATASET_PURPOSES = [
  'training',
  'fine-tuning',
  'evaluation',
  'rag-corpus',
  'inference-log',
] as const;

/** @public */
export type LlmDatasetPurpose = (typeof LLM_DATASET_PURPOSES)[number];

/**
 * The `spec` fields every LLM type shares.
 * @public
 */
export type LlmEntitySpecBase = {
  type: LlmEntityType;
  owner: string;
  system?: string;
  lifecycle?: string;
  dependsOn?: string[];
  dependencyOf?: string[];
  /** Ids from the data-category vocabulary. */
  dataCategories?: string[];
  /** AWS region codes where the asset is stored or processed. */
  regions?: string[];
  /** Where the people in the data live: ISO 3166-1 alpha-2, `EU`, or `US-XX`. */
  dataSubjects?: string[];
  /** Rough number of people in the data; thresholds use it. */
  approxDataSubjects?: number;
  controls?: LlmControls;
};

/** @public */
export type LlmModelSpec = LlmEntitySpecBase & {
  type: 'llm-model';
  /** Entity refs of the `llm-dataset`s the model was trained on. */
  trainedOn?: string[];
  /** Entity ref of the base `llm-model`. */
  fineTunedFrom?: string;
};

/** @public */
export type LlmDatasetSpec = LlmEntitySpecBase & {
  type: 'llm-dataset';
  purpose?: LlmDatasetPurpose;
};

/** @public */
export type LlmEndpointSpec = LlmEntitySpecBase & {
  type: 'llm-endpoint';
  /** Entity refs of the `llm-model`s the endpoint serves. */
  serves?: string[];
  /** Entity refs of the `llm-dataset`s that receive its prompt/response logs. */
  logsTo?: string[];
};

/** @public */
export type LlmModelEntity = Entity & {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Resource';
  spec: LlmModelSpec;
};

/** @public */
export type LlmDatasetEntity = Entity & {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Resource';
  spec: LlmDatasetSpec;
};

/** @public */
export type LlmEndpointEntity = Entity & {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Resource';
  spec: LlmEndpointSpec;
};

/** @public */
export type LlmEntity = LlmModelEntity | LlmDatasetEntity | LlmEndpointEntity;
