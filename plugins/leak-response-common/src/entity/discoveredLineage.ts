import { LLM_LABEL_PREFIX } from './labels';

/**
 * Lineage read from the AWS ML services (SageMaker, Bedrock) rather than
 * typed into catalog-info.yaml. The lineage provider writes it on the
 * entities it discovers, and the catalog module copies the part that starts
 * at a declared entity onto that entity, so the UI and readiness can tell
 * discovered edges from declared ones and name where each was read.
 */

/**
 * JSON list of {@link DiscoveredLineageEdge}: the discovered lineage that
 * starts at the entity.
 * @public
 */
export const ANNOTATION_DISCOVERED_LINEAGE = `${LLM_LABEL_PREFIX}/discovered-lineage`;

/**
 * The service an entity was discovered in (`sagemaker`, `bedrock`); only on
 * entities the lineage provider emits.
 * @public
 */
export const ANNOTATION_DISCOVERED_BY = `${LLM_LABEL_PREFIX}/discovered-by`;

/**
 * One discovered lineage edge from the entity holding the annotation.
 * @public
 */
export interface DiscoveredLineageEdge {
  /** `trainedOn`, `fineTunedFrom`, `serves` or `logsTo`. */
  relation: string;
  /** The full entity ref of the target, e.g. `resource:default/clickstream`. */
  target: string;
  /** The ARN the service named (S3 locations as `arn:aws:s3:::bucket/prefix`). */
  targetArn: string;
  /** What says so: the training job, endpoint config, customization job, … */
  via: string;
  /** The service it was read from. */
  source: string;
}

/**
 * The discovered lineage on an entity; an absent or malformed annotation
 * gives an empty list (it is written by the catalog module, never by hand).
 * @public
 */
export function readDiscoveredLineage(entity: {
  metadata: { annotations?: Record<string, string> };
}): DiscoveredLineageEdge[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_DISCOVERED_LINEAGE];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (edge): edge is DiscoveredLineageEdge =>
        typeof edge === 'object' &&
        edge !== null &&
        typeof edge.relation === 'string' &&
        typeof edge.target === 'string' &&
        typeof edge.targetArn === 'string' &&
        typeof edge.via === 'string' &&
        typeof edge.source === 'string',
    );
  } catch {
    return [];
  }
}
