import {
  IncidentRecord,
  IncidentRuleProvenance,
  isRuleVersion,
  ObligationRule,
  ruleChangesSince,
  RULE_VERSION_PART_LABELS,
  RuleVersion,
  ruleTableVersion,
} from '@leak-response/plugin-leak-response-common';

/**
 * The rule version an obligation's status rests on: the one it was decided
 * under by a person (kept across re-evaluations), else the one of its last
 * evaluation.
 */
export function decidedUnder(evaluation: unknown): RuleVersion | undefined {
  const e = evaluation as
    | { decidedUnder?: unknown; ruleVersion?: unknown }
    | undefined;
  if (isRuleVersion(e?.decidedUnder)) return e!.decidedUnder;
  if (isRuleVersion(e?.ruleVersion)) return e!.ruleVersion;
  return undefined;
}

/**
 * How the incident's obligations relate to the rule table the backend runs
 * now: whether the table changed since launch, and which rules changed
 * since they decided an obligation (and in what part).
 */
export function ruleProvenance(
  incident: Pick<IncidentRecord, 'rulesVersion' | 'obligations'>,
  rules: readonly ObligationRule[],
): IncidentRuleProvenance {
  const currentRulesVersion = ruleTableVersion(rules);
  return {
    currentRulesVersion,
    changedSinceLaunch:
      incident.rulesVersion !== undefined &&
      incident.rulesVersion !== currentRulesVersion,
    changes: ruleChangesSince(
      incident.obligations.map(o => ({
        ruleId: o.ruleId,
        version: decidedUnder(o.evaluation),
      })),
      rules,
    ),
  };
}

/** The rule table's version as the report states it. */
export function rulesVersionStatement(incident: IncidentRecord): string {
  const provenance = incident.ruleProvenance;
  const atLaunch = incident.rulesVersion ?? 'not recorded';
  if (!provenance) return `${atLaunch} at launch`;
  return `${atLaunch} at launch; ${provenance.currentRulesVersion} now${
    provenance.changedSinceLaunch
      ? ' (the rule table changed since launch)'
      : ''
  }`;
}

/**
 * One line per obligation's rule version, then one per rule changed since
 * it decided an obligation: what the report files as provenance.
 */
export function ruleVersionLines(incident: IncidentRecord): string[] {
  const versions = incident.obligations.map(o => {
    const version = decidedUnder(o.evaluation);
    return `${o.ruleId}@${version ? version.hash : 'unrecorded'}`;
  });
  const changes = (incident.ruleProvenance?.changes ?? []).map(c =>
    c.change === 'removed'
      ? `${c.ruleId}: removed from the rule table since this decision (was ${c.was})`
      : `${c.ruleId}: rule changed since this decision (${c.parts
          .map(part => RULE_VERSION_PART_LABELS[part])
          .join(', ')}; ${c.was} → ${c.now})`,
  );
  return [`Rule versions: ${versions.join(', ')}`, ...changes];
}
