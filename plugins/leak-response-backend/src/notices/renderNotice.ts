import {
  IncidentObligation,
  IncidentRecord,
  noticePlaceholders,
} from '@leak-response/plugin-leak-response-common';
import { NoticeTemplate } from './defaultTemplates';

/** Who the organisation is, as notices name it. */
export interface NoticeOrganisation {
  name: string;
  /** `leakResponse.organisation.dpoContact`; without it, a part to complete. */
  dpoContact?: string;
}

/** What a draft asks for when config does not name the DPO. */
export const DPO_CONTACT_TO_COMPLETE =
  '[[contact details of the data protection officer]]';

const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g;

/** Every form a line can end in: CommonMark's \n, \r\n and \r, and Unicode's. */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed end lines too
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/;

/**
 * Escapes text that came from people (titles, summaries, entity names) so it
 * reads as text in markdown and in any HTML it is rendered to: no headings,
 * links, images, emphasis or tags can be injected into a regulator notice.
 * The value becomes one line (splitting and trimming, which runs in linear
 * time where a `\s*` around a line break would backtrack), so it can never
 * open a heading, list or quote below it.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = text
    .split(LINE_BREAK)
    .map(line => line.trim())
    .filter(line => line.length > 0)
    .join(' ');
  return (
    oneLine
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~])/g, '\\$1')
      // nor at its own start
      .replace(/^([#+-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

function list(items: string[], empty: string): string {
  return items.length > 0 ? items.map(escapeMarkdown).join(', ') : empty;
}

function bullets(items: string[], empty: string): string {
  return items.length > 0
    ? items.map(item => `- ${escapeMarkdown(item)}`).join('\n')
    : empty;
}

function subjects(incident: IncidentRecord): string {
  const counts = new Map<string, number | undefined>();
  for (const entity of incident.affected) {
    if (entity.removedAt) continue;
    for (const jurisdiction of entity.snapshot.dataSubjects) {
      const known = counts.get(jurisdiction);
      const count =
        entity.snapshot.dataSubjects.length === 1
          ? entity.snapshot.approxDataSubjects
          : undefined;
      counts.set(
        jurisdiction,
        count === undefined ? known : Math.max(known ?? 0, count),
      );
    }
  }
  return list(
    [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([jurisdiction, count]) =>
        count === undefined
          ? jurisdiction
          : `${jurisdiction} (about ${count.toLocaleString('en-GB')})`,
      ),
    'none identified',
  );
}

/** The values a template may use, every one of them escaped. */
export function noticeValues(
  incident: IncidentRecord,
  organisation: NoticeOrganisation,
  obligation: IncidentObligation | undefined,
  now: Date,
): Record<string, string> {
  const present = incident.affected.filter(a => !a.removedAt);
  const union = (
    pick: (s: IncidentRecord['affected'][number]['snapshot']) => string[],
  ) => [...new Set(present.flatMap(a => pick(a.snapshot)))].sort();
  const done = incident.tasks.filter(t => t.doneAt).map(t => t.title);
  const due = obligation?.dueAt;
  return {
    'organisation.name': escapeMarkdown(organisation.name),
    // a missing contact stays a visible, unescaped part to complete
    'organisation.dpoContact': organisation.dpoContact
      ? escapeMarkdown(organisation.dpoContact)
      : DPO_CONTACT_TO_COMPLETE,
    'incident.id': escapeMarkdown(incident.id),
    'incident.title': escapeMarkdown(incident.title),
    'incident.summary': escapeMarkdown(incident.summary ?? ''),
    'incident.leakType': escapeMarkdown(incident.leakType),
    'incident.severity': escapeMarkdown(incident.severity),
    'incident.awareAt': escapeMarkdown(incident.awareAt),
    'incident.awareAtDate': escapeMarkdown(incident.awareAt.slice(0, 10)),
    'incident.detectedAt': escapeMarkdown(
      incident.detectedAt ?? 'not recorded',
    ),
    'affected.list': list(
      present.map(a => a.entityRef),
      'none recorded',
    ),
    'data.categories': list(
      union(s => s.dataCategories),
      'none declared',
    ),
    'data.regions': list(
      union(s => s.regions),
      'none declared',
    ),
    'data.subjects': subjects(incident),
    'measures.list': bullets(done, '[[measures taken or proposed]]'),
    'obligation.recipient': escapeMarkdown(
      obligation?.recipient ?? '[[recipient]]',
    ),
    'obligation.due': escapeMarkdown(due ?? obligation?.dueText ?? ''),
    delayReason:
      due && Date.parse(due) < now.getTime()
        ? 'This notification is made after the deadline. Reasons for the delay: [[reasons for the delay (Art. 33(1))]]'
        : 'This notification is made within the deadline.',
    exerciseNotice: incident.exercise
      ? '\n\n> EXERCISE — this is a drill. Do not send.'
      : '',
  };
}

/**
 * Renders a template from incident facts. Unknown placeholders are left
 * visible as `[[name]]` so a person notices them before approval.
 */
export function renderNotice(
  template: NoticeTemplate,
  values: Record<string, string>,
): string {
  return template.body.replace(PLACEHOLDER, (_match, name: string) =>
    name in values ? values[name] : `[[${name}]]`,
  );
}

/** The parts of a draft still to be completed by a person, in any form. */
export function incompleteParts(body: string): string[] {
  return noticePlaceholders(body);
}
