import { Entity } from '@backstage/catalog-model';
import { ErrorObject } from 'ajv';
import { DataCategoryVocabulary } from './dataCategories';
import { isLlmEntityType, LlmEntityType } from './entityTypes';
import {
  isJurisdictionCode,
  JURISDICTION_CODE_FORMAT,
  suggestJurisdictionCode,
} from './jurisdictions';
import { parseLineageRef } from './references';
import { AWS_REGIONS, isAwsRegion } from './regions';
import { LLM_LINEAGE_FIELDS } from './relations';
import { checkLlmSpecShape } from './schema';
import { LLM_CONTROLS, LLM_DATASET_PURPOSES } from './types';

/**
 * One thing wrong with an LLM entity.
 * @public
 */
export type LlmEntityProblem = {
  /** The path of the offending field, e.g. `spec.regions[1]`. */
  field: string;
  /** The offending value; `undefined` when a required field is missing. */
  value: unknown;
  /** What is allowed in that field. */
  allowed: string;
  /** A complete sentence naming the field, the value and what is allowed. */
  message: string;
};

// The types that may declare each type-specific field.
const FIELD_OWNER_TYPE: Record<string, LlmEntityType> = {
  ...Object.fromEntries(LLM_LINEAGE_FIELDS.map(f => [f.field, f.declaredBy])),
  purpose: 'llm-dataset',
};

const REGION_LIST = Object.keys(AWS_REGIONS).sort().join(', ');

// What each field accepts, in words; used whenever a shape check fails.
const FIELD_HELP: Record<
  string,
  (vocabulary: DataCategoryVocabulary) => string
> = {
  type: () => 'llm-model, llm-dataset, llm-endpoint',
  owner: () =>
    'an entity reference to the owning group, e.g. group:ml-platform',
  system: () => 'an entity reference to a System',
  lifecycle: () => 'a lifecycle such as production or experimental',
  dataCategories: vocabulary =>
    `a list of data category ids: ${[...vocabulary.keys()].join(', ')}`,
  regions: () => `a list of AWS region codes: ${REGION_LIST}`,
  dataSubjects: () => `a list where each item is ${JURISDICTION_CODE_FORMAT}`,
  approxDataSubjects: () => 'a whole number of people, 0 or more',
  controls: () =>
    `a map of control name to true/false; controls: ${LLM_CONTROLS.join(', ')}`,
  trainedOn: () =>
    'a list of references to llm-dataset Resources, e.g. [resource:clickstream-2025q3]',
  fineTunedFrom: () =>
    'one reference to the base llm-model Resource, e.g. resource:base-llm-7b',
  purpose: () => LLM_DATASET_PURPOSES.join(', '),
  serves: () =>
    'a list of references to llm-model Resources, e.g. [resource:recsys-llm-v3]',
  logsTo: () =>
    'a list of references to llm-dataset Resources holding prompt/response logs',
};

const KNOWN_SPEC_FIELDS = new Set([
  ...Object.keys(FIELD_HELP),
  'dependsOn',
  'dependencyOf',
]);

/**
 * Renders a value for a message: short, and never throws (values can be
 * anything a YAML file or a provider produced).
 */
function show(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function problem(
  field: string,
  value: unknown,
  issue: string,
  allowed: string,
): LlmEntityProblem {
  const got = value === undefined ? '' : ` (got ${show(value)})`;
  return {
    field,
    value,
    allowed,
    message: `${field}: ${issue}${got}; allowed: ${allowed}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts an ajv instance path (`/regions/1`) into `spec.regions[1]`. */
function fieldPath(instancePath: string, extra?: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) {
    segments.push(extra);
  }
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`,
    'spec',
  );
}

function valueAt(spec: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = spec;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function shapeProblem(
  error: ErrorObject,
  type: LlmEntityType,
  spec: Record<string, unknown>,
  vocabulary: DataCategoryVocabulary,
): LlmEntityProblem {
  const segments = error.instancePath.split('/').slice(1);
  const topField = segments[0] ?? '';
  const help = (name: string) =>
    FIELD_HELP[name]?.(vocabulary) ?? 'see the LLM entity format';
  const value = valueAt(spec, segments);
  const field = fieldPath(error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      return problem(
        fieldPath('', missing),
        undefined,
        'is required',
        help(missing),
      );
    }
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      return problem(
        fieldPath(error.instancePath, extra),
        valueAt(spec, [...segments, extra]),
        'is not a known control',
        LLM_CONTROLS.join(', '),
      );
    }
    case 'false schema': {
      const owner = FIELD_OWNER_TYPE[topField];
      return problem(
        field,
        value,
        `is only allowed on ${owner} entities, not on ${type}`,
        `remove it, or set spec.type to ${owner}`,
      );
    }
    case 'uniqueItems':
      return problem(
        field,
        valueAt(spec, [...segments, String(error.params.j)]),
        `lists the same value twice (items ${error.params.j} and ${error.params.i})`,
        help(topField),
      );
    case 'minimum':
    case 'type':
      if (topField === 'approxDataSubjects') {
        return problem(
          field,
          value,
          'must be a whole number, 0 or more',
          help(topField),
        );
      }
      return problem(
        field,
        value,
        `must be ${
          error.keyword === 'type'
            ? `of type ${error.params.type}`
            : error.message
        }`,
        help(topField),
      );
    case 'enum':
      return problem(
        field,
        value,
        'is not an allowed value',
        (error.params.allowedValues as unknown[]).map(String).join(', '),
      );
    case 'minLength':
      return problem(field, value, 'must not be empty', help(topField));
    default:
      return problem(
        field,
        value,
        error.message ?? 'is invalid',
        help(topField),
      );
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length];
}

/** `dataCategories` and `DataCategory` both become `datacategory`. */
function singular(name: string): string {
  return name.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '');
}

/**
 * Unknown spec keys are allowed (organisations add their own), but one that
 * is a near miss of an LLM field is almost certainly a typo that would
 * otherwise drop the field without a word.
 */
function typoProblems(spec: Record<string, unknown>): LlmEntityProblem[] {
  const problems: LlmEntityProblem[] = [];
  for (const key of Object.keys(spec)) {
    if (KNOWN_SPEC_FIELDS.has(key)) {
      continue;
    }
    const match = [...KNOWN_SPEC_FIELDS].find(
      known =>
        singular(known) === singular(key) ||
        editDistance(known.toLowerCase(), key.toLowerCase()) <=
          Math.min(2, Math.floor(known.length / 4)),
    );
    if (match) {
      problems.push(
        problem(
          `spec.${key}`,
          spec[key],
          `is not a field of LLM entities; did you mean spec.${match}?`,
          `spec.${match}`,
        ),
      );
    }
  }
  return problems;
}

function eachString(
  spec: Record<string, unknown>,
  field: string,
  check: (value: string, path: string) => LlmEntityProblem | undefined,
): LlmEntityProblem[] {
  const list = spec[field];
  if (!Array.isArray(list)) {
    return [];
  }
  const problems: LlmEntityProblem[] = [];
  list.forEach((item, index) => {
    if (typeof item === 'string') {
      const found = check(item, `spec.${field}[${index}]`);
      if (found) {
        problems.push(found);
      }
    }
  });
  return problems;
}

function vocabularyProblems(
  type: LlmEntityType,
  spec: Record<string, unknown>,
  namespace: string,
  selfName: unknown,
  vocabulary: DataCategoryVocabulary,
): LlmEntityProblem[] {
  const problems: LlmEntityProblem[] = [];

  problems.push(
    ...eachString(spec, 'dataCategories', (id, path) =>
      vocabulary.has(id)
        ? undefined
        : problem(
            path,
            id,
            'is not a known data category',
            `${[...vocabulary.keys()].join(
              ', ',
            )} (organisations add their own under leakResponse.dataCategories)`,
          ),
    ),
  );

  problems.push(
    ...eachString(spec, 'regions', (code, path) => {
      if (isAwsRegion(code)) {
        return undefined;
      }
      const lower = code.trim().toLowerCase();
      const hint = isAwsRegion(lower) ? `; did you mean ${lower}?` : '';
      return problem(
        path,
        code,
        `is not a known AWS region${hint}`,
        REGION_LIST,
      );
    }),
  );

  problems.push(
    ...eachString(spec, 'dataSubjects', (code, path) => {
      if (isJurisdictionCode(code)) {
        return undefined;
      }
      const suggestion = suggestJurisdictionCode(code);
      const hint = suggestion ? `; did you mean ${suggestion}?` : '';
      return problem(
        path,
        code,
        `is not a known country or jurisdiction code${hint}`,
        JURISDICTION_CODE_FORMAT,
      );
    }),
  );

  for (const { field, declaredBy } of LLM_LINEAGE_FIELDS) {
    if (declaredBy !== type) {
      continue; // the schema already refused the field on this type
    }
    const checkRef = (value: string, path: string) => {
      const parsed = parseLineageRef(value, namespace);
      if (!parsed.ok) {
        return problem(
          path,
          value,
          parsed.reason,
          FIELD_HELP[field](vocabulary),
        );
      }
      if (parsed.ref.namespace === namespace && parsed.ref.name === selfName) {
        return problem(
          path,
          value,
          'refers to the entity itself',
          FIELD_HELP[field](vocabulary),
        );
      }
      return undefined;
    };
    const value = spec[field];
    if (typeof value === 'string') {
      const found = checkRef(value, `spec.${field}`);
      if (found) {
        problems.push(found);
      }
    } else {
      problems.push(...eachString(spec, field, checkRef));
    }
  }
  return problems;
}

/**
 * Validates an LLM entity (a `Resource` whose `spec.type` is `llm-model`,
 * `llm-dataset` or `llm-endpoint`) against the entity format and the given
 * data-category vocabulary.
 *
 * Returns every problem found, each naming the field, the bad value and what
 * is allowed; an empty list means the entity is valid. Entities of other
 * kinds or types are not this function's business and yield no problems.
 * Pure and total: it never throws, whatever the input.
 * @public
 */
export function validateLlmEntity(
  entity: Entity,
  vocabulary: DataCategoryVocabulary,
): LlmEntityProblem[] {
  const candidate: unknown = entity;
  if (!isRecord(candidate)) {
    return [];
  }
  const kind = candidate.kind;
  if (
    typeof kind !== 'string' ||
    kind.toLocaleLowerCase('en-US') !== 'resource'
  ) {
    return [];
  }
  const spec = candidate.spec;
  if (!isRecord(spec)) {
    return [];
  }
  const type = spec.type;
  if (!isLlmEntityType(type)) {
    return [];
  }
  const metadata = isRecord(candidate.metadata) ? candidate.metadata : {};
  const namespace =
    typeof metadata.namespace === 'string' ? metadata.namespace : 'default';

  const problems = [
    ...vocabularyProblems(type, spec, namespace, metadata.name, vocabulary),
    ...typoProblems(spec),
  ];
  const reported = new Set(problems.map(p => p.field));
  for (const error of checkLlmSpecShape(type, spec)) {
    const found = shapeProblem(error, type, spec, vocabulary);
    // A vocabulary check usually explains the same field better (e.g. an
    // unknown category that also fails the id pattern): report it once.
    if (!reported.has(found.field)) {
      reported.add(found.field);
      problems.push(found);
    }
  }
  return problems;
}

/**
 * Joins problems into one message for a catalog processing error.
 * @public
 */
export function formatLlmEntityProblems(
  entityRef: string,
  problems: ReadonlyArray<LlmEntityProblem>,
): string {
  const count =
    problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${entityRef} is not a valid LLM entity (${count}): ${problems
    .map(p => p.message)
    .join(' | ')}`;
}
