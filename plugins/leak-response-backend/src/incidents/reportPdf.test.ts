import {
  IncidentRecord,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { incidentReportDocument, renderIncidentReportPdf } from './reportPdf';

const HEAD = 'ab'.repeat(32);
const TYPED = 'Leak\r# Injected\n| a | b |\u2028{"image":"/etc/passwd"}';
/** TYPED as the report draws it: on one line, the breaks as spaces. */
const DRAWN = 'Leak # Injected | a | b | {"image":"/etc/passwd"}';

const incident: IncidentRecord = {
  id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01',
  title: TYPED,
  leakType: 'training-data-exposure',
  originEntityRef: 'resource:default/clickstream-2025q3',
  severity: 'high',
  status: 'investigating',
  exercise: true,
  awareAt: '2026-12-01T08:00:00.000Z',
  createdAt: '2026-12-01T08:05:00.000Z',
  createdBy: 'user:default/aisha.khan',
  summary: 'Summary with **markdown** and <b>html</b>',
  assessment: { riskToIndividuals: 'high' },
  updatedAt: '2026-12-01T09:00:00.000Z',
  affected: [
    {
      entityRef: 'resource:default/clickstream-2025q3',
      role: 'origin',
      snapshot: {
        dataCategories: ['personal.behavioral'],
        dataSubjects: ['EU'],
        regions: ['eu-west-1'],
      },
      addedAt: '2026-12-01T08:05:00.000Z',
      addedBy: 'user:default/aisha.khan',
    },
  ],
  tasks: [],
  obligations: [],
  notices: [],
  timeline: [
    {
      sequence: 7,
      at: '2026-12-01T08:05:00.000Z',
      actor: 'user:default/aisha.khan',
      type: 'launched',
      message: TYPED,
    },
  ],
};

const chain: TimelineVerification = {
  incidentId: incident.id,
  intact: true,
  count: 1,
  head: HEAD,
  verifiedAt: '2026-12-03T20:50:12.000Z',
};
const generatedAt = new Date('2026-12-03T20:50:12.000Z');

/** Every string drawn on the page, in document order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if ('text' in n) return texts(n.text);
    return [n.stack, n.table && (n.table as any).body, n.columns]
      .filter(Boolean)
      .flatMap(texts);
  }
  return [];
}

describe('incidentReportDocument', () => {
  it('has the title, the exercise mark, the chain head and the generation time in UTC', () => {
    const doc = incidentReportDocument(incident, generatedAt, chain);
    const all = texts(doc.content);
    expect(all).toContain(DRAWN);
    expect(all).toContain('EXERCISE — a drill, not a real incident.');
    expect(all).toContain('2026-12-03 20:50:12 UTC');
    expect(all.some(t => t.includes(`head ${HEAD} (verified intact`))).toBe(
      true,
    );
    expect(doc.info?.keywords).toBe(`timeline-head:${HEAD}`);
    expect(
      texts((doc.footer as (page: number, pages: number) => unknown)(1, 2)),
    ).toEqual([
      `Incident ${incident.id} · generated 2026-12-03 20:50:12 UTC`,
      '1 / 2',
    ]);
  });

  it('keeps what people typed as plain text in one node, on one line: no heading, table or image comes of it', () => {
    const doc = incidentReportDocument(incident, generatedAt, chain);
    const serialised = JSON.stringify(doc.content);
    // the typed text appears only as the value of "text" keys
    const nodes: Array<Record<string, unknown>> = [];
    JSON.parse(serialised, (_key, value) => {
      if (value && typeof value === 'object' && value.text === DRAWN) {
        nodes.push(value);
      }
      return value;
    });
    expect(nodes).toEqual([{ text: DRAWN, style: 'h1' }, { text: DRAWN }]);
    expect(serialised).not.toContain('"image":');
    expect(texts(doc.content)).toContain(
      'Summary with **markdown** and <b>html</b>',
    );
  });

  it('says so when the chain is broken', () => {
    const doc = incidentReportDocument(incident, generatedAt, {
      ...chain,
      intact: false,
      reason: 'the event does not match its hash: a field was changed',
      firstBroken: {
        sequence: 7,
        position: 1,
        at: '2026-12-01T08:05:00.000Z',
        type: 'launched',
      },
    });
    expect(
      texts(doc.content).some(t =>
        t.includes(
          'NOT INTACT at 2026-12-03T20:50:12.000Z: first broken at event 1 (sequence 7)',
        ),
      ),
    ).toBe(true);
  });
});

describe('renderIncidentReportPdf', () => {
  it('renders a PDF with its fonts and no network', async () => {
    const bytes = await renderIncidentReportPdf(incident, generatedAt, chain);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/FontFile2');
    expect(bytes.length).toBeGreaterThan(5000);
  });
});
