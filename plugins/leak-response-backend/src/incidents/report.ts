import {
  IncidentRecord,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { escapeMarkdown } from '../notices';
import { chainStatement } from './chainStatement';
import { rulesVersionStatement, ruleVersionLines } from './ruleProvenance';

function cell(value: string | undefined): string {
  return value ? escapeMarkdown(value) : '—';
}

/**
 * The incident as a markdown report: the record GDPR Art. 33(5) asks for
 * (facts, effects, remedial action), with the obligations and why each was or
 * was not notified, the notices and the full timeline.
 */
export function renderIncidentReport(
  incident: IncidentRecord,
  generatedAt: Date,
  chain?: TimelineVerification,
): string {
  const present = incident.affected.filter(a => !a.removedAt);
  const lines: string[] = [
    `# Incident report: ${escapeMarkdown(incident.title)}`,
    '',
    incident.exercise ? '> EXERCISE — a drill, not a real incident.\n' : '',
    `- Incident: ${incident.id}`,
    `- Leak type: ${incident.leakType}`,
    `- Origin: ${escapeMarkdown(incident.originEntityRef)}`,
    `- Severity: ${incident.severity}`,
    `- Status: ${incident.status}`,
    `- Became aware: ${incident.awareAt}`,
    `- Detected: ${incident.detectedAt ?? 'not recorded'}${
      incident.source
        ? ` (${escapeMarkdown(incident.source)} ${cell(incident.sourceRef)})`
        : ''
    }`,
    `- Playbook: ${cell(incident.playbookId)}`,
    `- Obligation rule table: ${rulesVersionStatement(incident)}`,
    `- Opened by ${escapeMarkdown(incident.createdBy)} at ${
      incident.createdAt
    }`,
    `- Report generated at ${generatedAt.toISOString()}`,
    ...(chain ? [`- ${chainStatement(chain)}`] : []),
    '',
    '## Facts',
    '',
    escapeMarkdown(incident.summary ?? 'No summary recorded.'),
    '',
    '## Affected entities',
    '',
    '| entity | role | data categories | data subjects | regions |',
    '| --- | --- | --- | --- | --- |',
    ...present.map(
      a =>
        `| ${escapeMarkdown(a.entityRef)} | ${cell(a.role)} | ${cell(
          a.snapshot.dataCategories.join(', '),
        )} | ${cell(a.snapshot.dataSubjects.join(', '))} | ${cell(
          a.snapshot.regions.join(', '),
        )} |`,
    ),
    '',
    '## Assessment',
    '',
    ...(Object.keys(incident.assessment).length
      ? Object.entries(incident.assessment).map(
          ([question, answer]) =>
            `- ${escapeMarkdown(question)}: ${escapeMarkdown(String(answer))}`,
        )
      : ['No assessment answers recorded.']),
    '',
    '## Obligations',
    '',
    '| rule | regime | recipient | status | due | why |',
    '| --- | --- | --- | --- | --- | --- |',
    ...incident.obligations.map(o => {
      const reasons =
        (o.evaluation as { reasons?: string[] } | undefined)?.reasons ?? [];
      const why =
        o.status === 'not-required' ? o.justification : reasons.join('; ');
      return `| ${o.ruleId} | ${escapeMarkdown(o.regime)} | ${escapeMarkdown(
        o.recipient,
      )} | ${o.status}${
        o.submissionRef ? ` (${escapeMarkdown(o.submissionRef)})` : ''
      } | ${cell(o.dueAt ?? o.dueText)} | ${cell(why)} |`;
    }),
    '',
    ...ruleVersionLines(incident).map(line => `- ${escapeMarkdown(line)}`),
    '',
    '## Remedial action (tasks)',
    '',
    ...incident.tasks.map(
      t =>
        `- [${t.doneAt ? 'x' : ' '}] ${escapeMarkdown(t.title)}${
          t.doneAt
            ? ` — done by ${escapeMarkdown(t.doneBy ?? '')} at ${t.doneAt}`
            : ''
        }`,
    ),
    '',
    '## Notices',
    '',
    ...(incident.notices.length
      ? incident.notices.map(
          n =>
            `- ${n.templateId}: ${n.status}${
              n.approvedBy
                ? `, approved by ${escapeMarkdown(n.approvedBy)} at ${
                    n.approvedAt
                  }`
                : ''
            }${
              n.submittedAt
                ? `, submitted at ${n.submittedAt} (${cell(n.submissionRef)})`
                : ''
            }`,
        )
      : ['No notices drafted.']),
    '',
    '## Timeline',
    '',
    ...incident.timeline.map(
      e =>
        `- ${e.at} — ${escapeMarkdown(e.actor)} — ${e.type}: ${escapeMarkdown(
          e.message,
        )}`,
    ),
    '',
  ];
  return lines.join('\n');
}
