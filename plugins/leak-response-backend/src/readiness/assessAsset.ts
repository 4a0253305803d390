import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_UNCLASSIFIED_MISSING,
  AssetGap,
  AssetGapKind,
  AssetReadiness,
  ANNOTATION_DISCOVERED_BY,
  combinedDataCategoryFlags,
  DataCategoryFlags,
  DataCategoryVocabulary,
  EXPECTED_CONTROLS,
  isLlmEntity,
  assessTransfer,
  isSharedGap,
  LABEL_UNCLASSIFIED,
  LeakType,
  LLM_LINEAGE_FIELDS,
  LlmEntity,
  LlmEntityType,
  parseLineageRef,
  readDataCategorySuggestions,
  readDiscoveredLineage,
  regionCountry,
  undeclaredSuggestions,
} from '@leak-response/plugin-leak-response-common';
import { ReadinessGap } from '../plan/api';
import { entityKey, normalizeRef, refKey } from '../plan/impact/lineage';
import { Rotation, rotationFromGroup } from '../plan/oncall/rotation';
import { PlaybookSelection } from '../plan/playbooks/PlaybookRegistry';
import { Playbook } from '../plan/playbooks/schema';
import { resolveRoles } from '../plan/roles/resolveRoles';

/** The entity type each lineage field must point at. */
const LINEAGE_TARGET_TYPE: Readonly<Record<string, LlmEntityType>> = {
  trainedOn: 'llm-dataset',
  fineTunedFrom: 'llm-model',
  serves: 'llm-model',
  logsTo: 'llm-dataset',
};

/** What the checks read besides the asset itself. */
export interface AssessmentContext {
  /** Any entity fetched so far, by full ref; undefined when not (yet) known. */
  entity(ref: string): Entity | undefined;
  vocabulary: DataCategoryVocabulary;
  /** The leak type a playbook is looked up for, by entity type. */
  leakTypeOf: Readonly<Record<string, LeakType>>;
  selectPlaybook(
    entity: Entity,
    leakType: LeakType,
  ): PlaybookSelection | undefined;
  configuredRoles: ReadonlyMap<string, string>;
  configuredRotations: ReadonlyMap<string, Rotation>;
  /** The on-call gaps of a rotation over the plan's horizon. */
  rotationGaps(rotation: Rotation): ReadinessGap[];
  /** ISO time of the latest exercise in the window that affected the asset. */
  lastExerciseAt(entityRef: string): string | undefined;
  exerciseWindowDays: number;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

/** Every role a playbook's RACI names, in order of appearance. */
export function playbookRoles(playbook: Playbook): string[] {
  const roles = new Set<string>();
  for (const { raci } of playbook.steps) {
    [
      ...raci.responsible,
      raci.accountable,
      ...raci.consulted,
      ...raci.informed,
    ].forEach(role => roles.add(role));
  }
  return [...roles];
}

function systemOf(asset: Entity, ctx: AssessmentContext) {
  const systemRef = normalizeRef(asset.spec?.system, {
    defaultKind: 'system',
    defaultNamespace: namespaceOf(asset),
  });
  const system = systemRef ? ctx.entity(systemRef) : undefined;
  const domainRef =
    system &&
    normalizeRef(system.spec?.domain, {
      defaultKind: 'domain',
      defaultNamespace: namespaceOf(system),
    });
  return {
    systemRef,
    system,
    domainRef,
    domain: domainRef ? ctx.entity(domainRef) : undefined,
  };
}

function playbookOf(asset: LlmEntity, ctx: AssessmentContext) {
  const leakType = ctx.leakTypeOf[asset.spec.type];
  return {
    leakType,
    selection: leakType ? ctx.selectPlaybook(asset, leakType) : undefined,
  };
}

function rolesOf(asset: LlmEntity, ctx: AssessmentContext, roles: string[]) {
  const { system, domain } = systemOf(asset, ctx);
  return resolveRoles({
    roles,
    origin: asset,
    system,
    domain,
    configured: ctx.configuredRoles,
  });
}

function rotationOf(groupRef: string, ctx: AssessmentContext) {
  const configured = ctx.configuredRotations.get(refKey(groupRef));
  if (configured) return { rotation: configured };
  const group = ctx.entity(groupRef);
  return group && group.kind.toLocaleLowerCase('en-US') === 'group'
    ? rotationFromGroup(group)
    : undefined;
}

/**
 * The refs the checks of an asset want to look at, given what is known so
 * far: its owner, system, lineage targets; then the system's domain and the
 * groups its playbook's roles resolve to; then those groups' rotation
 * members. Callers fetch them and ask again until nothing new comes up.
 */
export function refsToFetch(
  asset: LlmEntity,
  ctx: AssessmentContext,
): string[] {
  const refs = new Set<string>();
  const owner = normalizeRef(asset.spec.owner, {
    defaultKind: 'group',
    defaultNamespace: namespaceOf(asset),
  });
  if (owner) refs.add(owner);
  const { systemRef, domainRef } = systemOf(asset, ctx);
  if (systemRef) refs.add(systemRef);
  if (domainRef) refs.add(domainRef);
  for (const { field } of LLM_LINEAGE_FIELDS) {
    for (const value of lineageValues(asset, field)) {
      const parsed = parseLineageRef(value, namespaceOf(asset));
      if (parsed.ok) {
        refs.add(refKey(`resource:${parsed.ref.namespace}/${parsed.ref.name}`));
      }
    }
  }
  const { selection } = playbookOf(asset, ctx);
  const roles = selection ? playbookRoles(selection.playbook) : [];
  for (const assignment of rolesOf(asset, ctx, [
    ...new Set([...roles, 'compliance']),
  ])) {
    if (!assignment.entityRef) continue;
    refs.add(assignment.entityRef);
    const found = rotationOf(assignment.entityRef, ctx);
    if (found && 'rotation' in found) {
      found.rotation.members.forEach(m => refs.add(m));
    }
  }
  return [...refs];
}

function lineageValues(asset: Entity, field: string): string[] {
  const value = asset.spec?.[field];
  return typeof value === 'string' ? [value] : stringsOf(value);
}

function missingTags(asset: Entity): string[] {
  return (asset.metadata.annotations?.[ANNOTATION_UNCLASSIFIED_MISSING] ?? '')
    .split(',')
    .map(k => k.trim())
    .filter(Boolean);
}

type Check = (asset: LlmEntity, ctx: AssessmentContext) => AssetGap | undefined;

const checkOwner: Check = (asset, ctx) => {
  const raw = asset.spec.owner;
  const ref = normalizeRef(raw, {
    defaultKind: 'group',
    defaultNamespace: namespaceOf(asset),
  });
  if (!ref) {
    return {
      kind: 'no-owner',
      message: 'spec.owner is missing or not an entity reference',
    };
  }
  if (asset.metadata.labels?.[LABEL_UNCLASSIFIED] === 'true') {
    // Discovery lists at most two missing tags, the data-category tag and the
    // owner tag (whose keys are configurable), and fills in a default owner
    // that owns the resource on paper only.
    const missing = missingTags(asset);
    const categoriesDeclared = stringsOf(asset.spec.dataCategories).length > 0;
    if (missing.length > (categoriesDeclared ? 0 : 1)) {
      return {
        kind: 'no-owner',
        message: `spec.owner ${ref} is discovery's default: the resource carries no owner tag`,
      };
    }
  }
  const owner = ctx.entity(ref);
  if (!owner) {
    return {
      kind: 'no-owner',
      message: `spec.owner ${ref} is not in the catalog (or not visible to you)`,
    };
  }
  const kind = owner.kind.toLocaleLowerCase('en-US');
  if (kind !== 'group' && kind !== 'user') {
    return {
      kind: 'no-owner',
      message: `spec.owner ${ref} is a ${owner.kind}, not a Group or User`,
    };
  }
  return undefined;
};

const checkCategories: Check = asset => {
  const categories = stringsOf(asset.spec.dataCategories);
  return categories.length === 0
    ? {
        kind: 'no-data-categories',
        message:
          'spec.dataCategories declares nothing: nobody knows whether it holds personal data',
      }
    : undefined;
};

const checkUnclassified: Check = asset => {
  if (asset.metadata.labels?.[LABEL_UNCLASSIFIED] !== 'true') return undefined;
  const missing = missingTags(asset);
  return {
    kind: 'unclassified',
    message: `discovered in AWS without ${
      missing.length > 0
        ? `the tag(s) ${missing.join(', ')}`
        : 'classification tags'
    } (label ${LABEL_UNCLASSIFIED})`,
    details: missing.map(tag => `missing tag ${tag}`),
  };
};

function holdsPersonalData(asset: LlmEntity, ctx: AssessmentContext) {
  return combinedDataCategoryFlags(
    stringsOf(asset.spec.dataCategories),
    ctx.vocabulary,
  ).personal;
}

const checkSubjects: Check = (asset, ctx) =>
  holdsPersonalData(asset, ctx) &&
  stringsOf(asset.spec.dataSubjects).length === 0
    ? {
        kind: 'no-data-subjects',
        message:
          'holds personal data but spec.dataSubjects says nothing of where its people live, so no notification law can be worked out',
      }
    : undefined;

const checkPlaybook: Check = (asset, ctx) => {
  const { leakType, selection } = playbookOf(asset, ctx);
  if (!leakType) return undefined;
  if (!selection) {
    return {
      kind: 'no-playbook',
      message: `no playbook responds to ${leakType}`,
    };
  }
  if (selection.warnings.length > 0 && selection.selectedBy !== 'annotation') {
    return {
      kind: 'no-playbook',
      message: `falls back to playbook "${selection.playbook.id}"`,
      details: selection.warnings,
    };
  }
  return undefined;
};

const checkCompliance: Check = (asset, ctx) => {
  const [assignment] = rolesOf(asset, ctx, ['compliance']);
  if (!assignment.entityRef) {
    return {
      kind: 'no-compliance-group',
      message: 'no compliance group resolves for it',
      details: assignment.problems,
    };
  }
  if (!ctx.entity(assignment.entityRef)) {
    return {
      kind: 'no-compliance-group',
      message: `the compliance role resolves to ${assignment.entityRef}, which is not in the catalog (or not visible to you)`,
      details: assignment.problems,
    };
  }
  return undefined;
};

function describeRotationGap(gap: ReadinessGap): string {
  return gap.kind === 'untrained-slot'
    ? `${gap.rotationOf}: ${gap.userRef} is on call ${gap.from} – ${
        gap.until
      } without ${gap.missingTrainings.join(', ')}`
    : `${gap.rotationOf}: ${gap.trainedResponders.length} of ${gap.required} fully trained responders during ${gap.peak}`;
}

const checkOnCall: Check = (asset, ctx) => {
  const { selection } = playbookOf(asset, ctx);
  if (!selection) return undefined;
  const details: string[] = [];
  const seen = new Set<string>();
  for (const assignment of rolesOf(
    asset,
    ctx,
    playbookRoles(selection.playbook),
  )) {
    if (!assignment.entityRef || !ctx.entity(assignment.entityRef)) {
      details.push(
        `role ${assignment.role}: resolves to nobody in the catalog`,
      );
      continue;
    }
    const found = rotationOf(assignment.entityRef, ctx);
    if (!found) {
      details.push(
        `role ${assignment.role}: ${assignment.entityRef} declares no on-call rotation`,
      );
      continue;
    }
    if ('problems' in found) {
      details.push(...found.problems.map(p => `role ${assignment.role}: ${p}`));
      continue;
    }
    if (seen.has(found.rotation.group)) continue;
    seen.add(found.rotation.group);
    details.push(...ctx.rotationGaps(found.rotation).map(describeRotationGap));
  }
  return details.length > 0
    ? {
        kind: 'no-trained-on-call',
        message: `the rotations of playbook "${selection.playbook.id}" have ${details.length} gap(s)`,
        details,
      }
    : undefined;
};

const checkExercise: Check = (asset, ctx) =>
  ctx.lastExerciseAt(entityKey(asset))
    ? undefined
    : {
        kind: 'no-recent-exercise',
        message: `no exercise in the last ${ctx.exerciseWindowDays} days involved it`,
      };

const checkControls: Check = asset => {
  const declared = asset.spec.controls ?? {};
  const expected = EXPECTED_CONTROLS[asset.spec.type] ?? [];
  const undeclared = expected.filter(c => declared[c] === undefined);
  const off = expected.filter(c => declared[c] === false);
  if (undeclared.length === 0 && off.length === 0) return undefined;
  const parts = [
    undeclared.length > 0 ? `not declared: ${undeclared.join(', ')}` : '',
    off.length > 0 ? `declared off: ${off.join(', ')}` : '',
  ].filter(Boolean);
  return {
    kind: 'controls-missing',
    message: `spec.controls ${parts.join('; ')}`,
    details: [
      ...undeclared.map(c => `spec.controls.${c} is not declared`),
      ...off.map(c => `spec.controls.${c} is false`),
    ],
  };
};

const checkJurisdiction: Check = (asset, ctx) => {
  if (!holdsPersonalData(asset, ctx)) return undefined;
  const subjects = [...new Set(stringsOf(asset.spec.dataSubjects))];
  const details: string[] = [];
  for (const region of stringsOf(asset.spec.regions)) {
    const country = regionCountry(region);
    if (!country) continue;
    // Same jurisdiction, or a destination the people's law finds adequate
    // (TRANSFER_ADEQUACY): no transfer to review.
    const outside: string[] = [];
    for (const people of subjects) {
      const transfer = assessTransfer(people, country);
      if (transfer.kind !== 'review') continue;
      if (transfer.conditional) {
        details.push(
          `${region} (${country}) hosts data of people in ${people}: adequate ${transfer.conditional.condition}`,
        );
      } else {
        outside.push(people);
      }
    }
    if (outside.length > 0) {
      details.push(
        `${region} (${country}) hosts data of people in ${outside.join(', ')}`,
      );
    }
  }
  return details.length > 0
    ? {
        kind: 'jurisdiction-review',
        review: true,
        message:
          'personal data is hosted where its subjects’ law finds no adequate protection: check the transfer basis (SCCs, certification) and local hosting rules',
        details,
      }
    : undefined;
};

const checkLineage: Check = (asset, ctx) => {
  const details: string[] = [];
  for (const { field } of LLM_LINEAGE_FIELDS) {
    for (const value of lineageValues(asset, field)) {
      const parsed = parseLineageRef(value, namespaceOf(asset));
      if (!parsed.ok) {
        details.push(`spec.${field} "${value}" ${parsed.reason}`);
        continue;
      }
      const ref = refKey(`resource:${parsed.ref.namespace}/${parsed.ref.name}`);
      const target = ctx.entity(ref);
      const expected = LINEAGE_TARGET_TYPE[field];
      if (!target) {
        details.push(
          `spec.${field} ${ref} points at no entity in the catalog (or none visible to you)`,
        );
      } else if (!isLlmEntity(target) || target.spec.type !== expected) {
        details.push(
          `spec.${field} ${ref} has type ${String(
            target.spec?.type ?? target.kind,
          )}; it must point at an ${expected}`,
        );
      }
    }
  }
  return details.length > 0
    ? {
        kind: 'lineage-problem',
        message: `${details.length} lineage reference(s) are dangling or of the wrong type`,
        details,
      }
    : undefined;
};

const SOURCE_NAMES: Readonly<Record<string, string>> = {
  macie: 'Macie',
  sagemaker: 'SageMaker',
  bedrock: 'Bedrock',
};

const sourceName = (source: string) => SOURCE_NAMES[source] ?? source;

/** What a category means legally, in words, strongest first. */
const FLAG_WORDS: ReadonlyArray<[keyof DataCategoryFlags, string]> = [
  ['cardData', 'card data'],
  ['specialCategory', 'special-category data'],
  ['credentials', 'credentials'],
  ['financial', 'financial data'],
  ['personal', 'personal data'],
];

function categoryInWords(id: string, ctx: AssessmentContext): string {
  const entry = ctx.vocabulary.get(id);
  const words = entry && FLAG_WORDS.find(([flag]) => entry[flag])?.[1];
  return words ? `${words} (${id})` : id;
}

const checkUndeclaredData: Check = (asset, ctx) => {
  const missing = undeclaredSuggestions(
    stringsOf(asset.spec.dataCategories),
    readDataCategorySuggestions(asset),
    ctx.vocabulary,
  );
  if (missing.length === 0) return undefined;
  const sources = [...new Set(missing.map(s => sourceName(s.source)))];
  return {
    kind: 'undeclared-data',
    message: `${sources.join(' and ')} found ${missing
      .map(s => categoryInWords(s.category, ctx))
      .join(', ')} in its storage; spec.dataCategories does not declare it`,
    details: missing.map(
      s =>
        `${s.category}: ${s.evidence} under ${s.location.replace(
          /^arn:aws:s3:::/,
          's3://',
        )} (${sourceName(s.source)}, last seen ${s.seenAt.slice(0, 10)})`,
    ),
  };
};

/**
 * Declared lineage that discovery contradicts: for each lineage field the
 * entity declares and discovery also read, the targets only one side names.
 * A field the owner left empty is simply filled in by discovery.
 */
const checkLineageConflict: Check = asset => {
  const discovered = readDiscoveredLineage(asset);
  const details: string[] = [];
  for (const { field, relation } of LLM_LINEAGE_FIELDS) {
    const edges = discovered.filter(e => e.relation === relation);
    const declared = lineageValues(asset, field).flatMap(value => {
      const parsed = parseLineageRef(value, namespaceOf(asset));
      return parsed.ok
        ? [refKey(`resource:${parsed.ref.namespace}/${parsed.ref.name}`)]
        : [];
    });
    if (edges.length === 0 || declared.length === 0) continue;
    const found = new Set(edges.map(e => refKey(e.target)));
    const onlyDeclared = declared.filter(ref => !found.has(ref));
    const onlyFound = edges.filter(e => !declared.includes(refKey(e.target)));
    if (onlyDeclared.length === 0 && onlyFound.length === 0) continue;
    details.push(
      `spec.${field} declares ${declared.join(', ')}; ${onlyFound
        .map(e => `${sourceName(e.source)} (${e.via}) says ${e.target}`)
        .concat(
          onlyDeclared.length > 0 && onlyFound.length === 0
            ? [`discovery found only ${[...found].join(', ')}`]
            : [],
        )
        .join('; ')}`,
    );
  }
  return details.length > 0
    ? {
        kind: 'lineage-conflict',
        message: `declared and discovered lineage differ in ${
          details.length
        } field(s): check which is right and correct catalog-info.yaml`,
        details,
      }
    : undefined;
};

/** The checks in report order; each applies unless `applies` says not. */
const CHECKS: ReadonlyArray<{
  kind: AssetGapKind;
  check: Check;
  applies?: (asset: LlmEntity, ctx: AssessmentContext) => boolean;
}> = [
  { kind: 'no-owner', check: checkOwner },
  { kind: 'no-data-categories', check: checkCategories },
  { kind: 'unclassified', check: checkUnclassified },
  {
    kind: 'no-data-subjects',
    check: checkSubjects,
    applies: holdsPersonalData,
  },
  { kind: 'no-playbook', check: checkPlaybook },
  { kind: 'no-compliance-group', check: checkCompliance },
  {
    kind: 'no-trained-on-call',
    check: checkOnCall,
    applies: (asset, ctx) => playbookOf(asset, ctx).selection !== undefined,
  },
  { kind: 'no-recent-exercise', check: checkExercise },
  { kind: 'controls-missing', check: checkControls },
  {
    kind: 'jurisdiction-review',
    check: checkJurisdiction,
    applies: holdsPersonalData,
  },
  { kind: 'lineage-problem', check: checkLineage },
  {
    kind: 'lineage-conflict',
    check: checkLineageConflict,
    applies: asset =>
      !asset.metadata.annotations?.[ANNOTATION_DISCOVERED_BY] &&
      readDiscoveredLineage(asset).length > 0,
  },
  {
    kind: 'undeclared-data',
    check: checkUndeclaredData,
    applies: asset => readDataCategorySuggestions(asset).length > 0,
  },
];

/**
 * The readiness of one LLM asset: every check that applies to it, the gaps
 * found and the share of checks passed (0–100, rounded; a gap for review
 * counts half).
 */
export function assessAsset(
  asset: LlmEntity,
  ctx: AssessmentContext,
): AssetReadiness {
  const checks: AssetGapKind[] = [];
  const gaps: AssetGap[] = [];
  for (const { kind, check, applies } of CHECKS) {
    if (applies && !applies(asset, ctx)) continue;
    checks.push(kind);
    const gap = check(asset, ctx);
    if (gap) gaps.push(gap);
  }
  // A gap flagged for review (e.g. a transfer that may well be lawful)
  // counts half: it needs a look, not necessarily a fix. The score weighs
  // what the asset's owner can fix: a rotation's or the organisation's gap
  // is reported (once, on the readiness page) but does not count here.
  const own = checks.filter(kind => !isSharedGap(kind));
  const failed = gaps
    .filter(gap => !isSharedGap(gap.kind))
    .reduce((n, gap) => n + (gap.review ? 0.5 : 1), 0);
  const { systemRef } = systemOf(asset, ctx);
  const ownerRef = normalizeRef(asset.spec.owner, {
    defaultKind: 'group',
    defaultNamespace: namespaceOf(asset),
  });
  const entityRef = entityKey(asset);
  const lastExerciseAt = ctx.lastExerciseAt(entityRef);
  return {
    entityRef,
    title: asset.metadata.title,
    type: asset.spec.type,
    ...(systemRef ? { systemRef } : {}),
    ...(ownerRef ? { ownerRef } : {}),
    score: own.length
      ? Math.round((100 * (own.length - failed)) / own.length)
      : 100,
    checks,
    gaps,
    ...(lastExerciseAt ? { lastExerciseAt } : {}),
  };
}
