import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  DataCategoryVocabulary,
  validateLlmEntity,
} from '@leak-response/plugin-leak-response-common';
import {
  Document,
  isPair,
  isScalar,
  LineCounter,
  parseAllDocuments,
} from 'yaml';

/**
 * One error found in a catalog file, pointing at the line of the offending
 * field (or, for a missing field, at the mapping it belongs in).
 */
export type Finding = {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The entity the error belongs to, when the document names one. */
  entityRef?: string;
  /** e.g. `spec.regions[1]`; absent for YAML syntax and envelope errors. */
  field?: string;
  /** The offending value; absent when a field is missing. */
  value?: unknown;
  /** What the field accepts. */
  allowed?: string;
  /** The whole sentence, in the catalog's words. */
  message: string;
};

// The catalog backend's default entity policies: an entity failing them never
// reaches the LLM processor, so owners must hear about them too.
const ENVELOPE_POLICY = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** `spec.regions[1]` → `['spec', 'regions', 1]`. */
export function fieldSegments(field: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return segments;
}

/**
 * The source offset of the deepest node on the path that exists: the field's
 * key when the field is there, else its closest existing parent.
 */
function offsetOf(document: Document, path: Array<string | number>): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parentPath = path.slice(0, depth - 1);
    const parent =
      parentPath.length === 0
        ? document.contents
        : document.getIn(parentPath, true);
    const last = path[depth - 1];
    const items = (parent as { items?: unknown[] } | undefined)?.items;
    if (!Array.isArray(items)) {
      continue;
    }
    if (typeof last === 'number') {
      const item = items[last] as
        | { range?: [number, number, number] }
        | undefined;
      if (item?.range) {
        return item.range[0];
      }
      continue;
    }
    const pair = items.find(
      candidate =>
        isPair(candidate) &&
        isScalar(candidate.key) &&
        String(candidate.key.value) === last,
    );
    if (isPair(pair) && isScalar(pair.key) && pair.key.range) {
      return pair.key.range[0];
    }
  }
  return document.contents?.range?.[0] ?? 0;
}

function entityRefOf(entity: Record<string, unknown>): string | undefined {
  const metadata = entity.metadata as Record<string, unknown> | undefined;
  if (typeof entity.kind !== 'string' || typeof metadata?.name !== 'string') {
    return undefined;
  }
  const namespace =
    typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  return `${entity.kind.toLocaleLowerCase('en-US')}:${namespace}/${
    metadata.name
  }`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks every document of one catalog-info.yaml file: YAML syntax, the
 * catalog's entity envelope policies and, for LLM entities, the very
 * validation the catalog's LLM processor runs (`validateLlmEntity` from
 * -common), against the same vocabulary.
 */
export async function validateCatalogFile(
  file: string,
  text: string,
  vocabulary: DataCategoryVocabulary,
): Promise<Finding[]> {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (!Array.isArray(documents)) {
    return []; // an empty file: nothing the catalog would ingest
  }
  const findings: Finding[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        findings.push({
          ...at(error.pos[0]),
          message: `not valid YAML: ${error.message
            .split('\n')[0]
            .replace(/:$/, '')}`,
        });
      }
      continue;
    }
    const entity: unknown = document.toJS();
    if (entity === null || entity === undefined) {
      continue; // an empty document between two `---`
    }
    const start = at(document.contents?.range?.[0] ?? 0);
    if (!isRecord(entity)) {
      findings.push({
        ...start,
        message: 'the document is not a mapping (an entity)',
      });
      continue;
    }
    const entityRef = entityRefOf(entity);
    try {
      await ENVELOPE_POLICY.enforce(entity as Entity);
    } catch (error) {
      findings.push({
        ...start,
        entityRef,
        message: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    for (const problem of validateLlmEntity(entity as Entity, vocabulary)) {
      findings.push({
        ...at(offsetOf(document, fieldSegments(problem.field))),
        entityRef,
        field: problem.field,
        value: problem.value,
        allowed: problem.allowed,
        message: problem.message,
      });
    }
  }
  return findings;
}
