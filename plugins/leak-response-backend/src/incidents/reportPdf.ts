import path from 'node:path';
import pdfmake from 'pdfmake';
import type {
  Content,
  TDocumentDefinitions,
  TableCell,
} from 'pdfmake/interfaces';
import {
  IncidentRecord,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { chainStatement } from './chainStatement';
import { rulesVersionStatement, ruleVersionLines } from './ruleProvenance';

// The fonts ship inside pdfmake (Roboto), so rendering needs no network.
// eslint-disable-next-line @backstage/no-undeclared-imports
const FONTS_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto.js'));
pdfmake.setFonts({
  Roboto: {
    normal: path.join(FONTS_DIR, 'Roboto', 'Roboto-Regular.ttf'),
    bold: path.join(FONTS_DIR, 'Roboto', 'Roboto-Medium.ttf'),
    italics: path.join(FONTS_DIR, 'Roboto', 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONTS_DIR, 'Roboto', 'Roboto-MediumItalic.ttf'),
  },
});
// The document never references files or URLs; refuse them all the same.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(file =>
  path.resolve(file).startsWith(FONTS_DIR + path.sep),
);

/** "2026-12-03 20:50:12 UTC" */
function utc(value: string | Date | undefined): string {
  if (!value) return '—';
  return `${new Date(value)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')} UTC`;
}

/**
 * Text people typed, always as a plain string in a text node: pdfmake
 * draws it and never interprets it, so it cannot add a heading, a table or
 * an image. Line breaks of every form become spaces, so that a title or a
 * cell reads as one line, as it does in the markdown report; only the
 * summary keeps its paragraphs.
 */
function text(
  value: unknown,
  style?: string,
  keepLines: boolean = false,
): Content {
  const raw =
    value === undefined || value === null || value === '' ? '—' : String(value);
  const t = keepLines ? raw : raw.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return style ? { text: t, style } : { text: t };
}

function heading(title: string): Content {
  return { text: title, style: 'h2' };
}

function table(
  headers: string[],
  rows: unknown[][],
  widths?: string[],
): Content {
  const body: TableCell[][] = [
    headers.map(h => ({ text: h, style: 'th' })),
    ...rows.map(row => row.map(cell => text(cell) as TableCell)),
  ];
  return {
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body,
      dontBreakRows: true,
    },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

/**
 * The incident report as a pdfmake document: the same sections as the
 * markdown report (facts, affected entities, assessment, obligations,
 * remedial action, notices, timeline), with the exercise mark, the timeline
 * chain's head and the generation time in UTC on the first page.
 */
export function incidentReportDocument(
  incident: IncidentRecord,
  generatedAt: Date,
  chain: TimelineVerification,
): TDocumentDefinitions {
  const present = incident.affected.filter(a => !a.removedAt);
  const facts: Array<[string, unknown]> = [
    ['Incident', incident.id],
    ['Leak type', incident.leakType],
    ['Origin', incident.originEntityRef],
    ['Severity', incident.severity],
    ['Status', incident.status],
    ['Became aware', utc(incident.awareAt)],
    [
      'Detected',
      incident.detectedAt
        ? `${utc(incident.detectedAt)}${
            incident.source
              ? ` (${incident.source} ${incident.sourceRef ?? ''})`
              : ''
          }`
        : 'not recorded',
    ],
    ['Playbook', incident.playbookId],
    ['Obligation rule table', rulesVersionStatement(incident)],
    ['Opened', `by ${incident.createdBy} at ${utc(incident.createdAt)}`],
    ['Report generated', utc(generatedAt)],
  ];
  const content: Content[] = [
    { text: 'Incident report', style: 'kicker' },
    text(incident.title, 'h1'),
    ...(incident.exercise
      ? [
          {
            text: 'EXERCISE — a drill, not a real incident.',
            style: 'exercise',
          },
        ]
      : []),
    {
      table: {
        widths: [110, '*'],
        body: facts.map(([label, value]) => [
          { text: label, style: 'label' },
          text(value),
        ]),
      },
      layout: 'noBorders',
      style: 'table',
    },
    {
      stack: [
        { text: 'Timeline hash chain', style: 'label' },
        {
          text: chainStatement(chain),
          style: chain.intact ? 'chain' : 'chainBroken',
        },
      ],
      style: 'chainBox',
    },
    heading('Facts'),
    text(incident.summary ?? 'No summary recorded.', undefined, true),
    heading('Affected entities'),
    table(
      ['entity', 'role', 'data categories', 'data subjects', 'regions'],
      present.map(a => [
        a.entityRef,
        a.role,
        a.snapshot.dataCategories.join(', '),
        a.snapshot.dataSubjects.join(', '),
        a.snapshot.regions.join(', '),
      ]),
      ['*', 'auto', '*', 'auto', 'auto'],
    ),
    heading('Assessment'),
    Object.keys(incident.assessment).length
      ? table(
          ['question', 'answer'],
          Object.entries(incident.assessment).map(([q, a]) => [q, String(a)]),
        )
      : text('No assessment answers recorded.'),
    heading('Obligations'),
    table(
      ['rule', 'regime', 'recipient', 'status', 'due', 'why'],
      incident.obligations.map(o => {
        const reasons =
          (o.evaluation as { reasons?: string[] } | undefined)?.reasons ?? [];
        return [
          o.ruleId,
          o.regime,
          o.recipient,
          `${o.status}${o.submissionRef ? ` (${o.submissionRef})` : ''}`,
          o.dueAt ? utc(o.dueAt) : o.dueText,
          o.status === 'not-required' ? o.justification : reasons.join('; '),
        ];
      }),
      ['auto', 'auto', '*', 'auto', 'auto', '*'],
    ),
    ...ruleVersionLines(incident).map(line => text(line)),
    heading('Remedial action (tasks)'),
    incident.tasks.length
      ? table(
          ['done', 'task', 'done by', 'done at'],
          incident.tasks.map(t => [
            t.doneAt ? 'yes' : 'no',
            t.title,
            t.doneBy,
            t.doneAt ? utc(t.doneAt) : undefined,
          ]),
          ['auto', '*', 'auto', 'auto'],
        )
      : text('No tasks.'),
    heading('Notices'),
    incident.notices.length
      ? table(
          ['template', 'status', 'approved', 'submitted'],
          incident.notices.map(n => [
            n.templateId,
            n.status,
            n.approvedBy ? `${n.approvedBy} at ${utc(n.approvedAt)}` : '',
            n.submittedAt
              ? `${utc(n.submittedAt)} (${n.submissionRef ?? '—'})`
              : '',
          ]),
        )
      : text('No notices drafted.'),
    heading('Timeline'),
    table(
      ['at', 'who', 'what', 'message'],
      incident.timeline.map(e => [utc(e.at), e.actor, e.type, e.message]),
      ['auto', 'auto', 'auto', '*'],
    ),
  ];
  return {
    info: {
      title: `Incident report: ${incident.title}`,
      subject: `Incident ${incident.id}`,
      creator: 'Leak Response',
      // readable without a PDF parser, next to the page that prints it
      keywords: `timeline-head:${chain.head ?? 'none'}`,
      creationDate: generatedAt,
    },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    header: incident.exercise
      ? { text: 'EXERCISE', style: 'exerciseHeader', margin: [40, 20, 40, 0] }
      : undefined,
    footer: (page, pages) => ({
      columns: [
        {
          text: `Incident ${incident.id} · generated ${utc(generatedAt)}`,
          style: 'footer',
          width: '*',
        },
        {
          text: `${page} / ${pages}`,
          style: 'footer',
          alignment: 'right',
          width: 40,
        },
      ],
      margin: [40, 10, 40, 0],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.2 },
    styles: {
      kicker: { fontSize: 9, color: '#555555' },
      h1: { fontSize: 18, bold: true, margin: [0, 2, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
      th: { bold: true, fillColor: '#eeeeee' },
      label: { bold: true, color: '#333333' },
      table: { margin: [0, 0, 0, 4] },
      exercise: {
        bold: true,
        color: '#8a4b00',
        fillColor: '#fff3e0',
        margin: [0, 0, 0, 8],
      },
      exerciseHeader: { bold: true, color: '#8a4b00', alignment: 'right' },
      chainBox: { margin: [0, 8, 0, 0] },
      chain: { font: 'Roboto', fontSize: 8, color: '#1b5e20' },
      chainBroken: { fontSize: 8, bold: true, color: '#b71c1c' },
      footer: { fontSize: 7, color: '#777777' },
    },
  };
}

/** The incident report as PDF bytes. */
export async function renderIncidentReportPdf(
  incident: IncidentRecord,
  generatedAt: Date,
  chain: TimelineVerification,
): Promise<Buffer> {
  return pdfmake
    .createPdf(incidentReportDocument(incident, generatedAt, chain))
    .getBuffer();
}
