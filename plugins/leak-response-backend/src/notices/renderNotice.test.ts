import { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { DEFAULT_NOTICE_TEMPLATES } from './defaultTemplates';
import {
  escapeMarkdown,
  incompleteParts,
  noticeValues,
  renderNotice,
} from './renderNotice';

const incident: IncidentRecord = {
  id: '0b5c3f1e-0000-4000-8000-000000000001',
  title: 'Support transcripts copied to a personal bucket',
  leakType: 'training-data-exposure',
  originEntityRef: 'resource:default/support-transcripts-2025',
  severity: 'critical',
  status: 'notifying',
  exercise: false,
  awareAt: '2026-11-20T09:30:00.000Z',
  createdAt: '2026-11-20T09:31:00.000Z',
  createdBy: 'user:default/aisha.khan',
  updatedAt: '2026-11-20T09:31:00.000Z',
  summary: 'A contractor synced the bucket to a personal account.',
  assessment: {},
  affected: [
    {
      entityRef: 'resource:default/support-transcripts-2025',
      role: 'origin',
      snapshot: {
        dataCategories: ['personal.identifiers', 'personal.special'],
        dataSubjects: ['EU'],
        approxDataSubjects: 850000,
        regions: ['eu-central-1'],
      },
      addedAt: '2026-11-20T09:31:00.000Z',
      addedBy: 'user:default/aisha.khan',
    },
    {
      entityRef: 'resource:default/support-assistant-v4',
      role: 'downstream-model',
      snapshot: {
        dataCategories: ['proprietary.model-weights'],
        dataSubjects: ['EU', 'GB'],
        regions: ['eu-central-1'],
      },
      addedAt: '2026-11-20T09:31:00.000Z',
      addedBy: 'user:default/aisha.khan',
      removedAt: '2026-11-20T12:00:00.000Z',
    },
  ],
  tasks: [
    {
      id: 't1',
      position: 1,
      stepId: 'contain',
      title: 'Revoked the contractor role',
      responsible: [],
      doneAt: '2026-11-20T10:00:00.000Z',
      doneBy: 'user:default/wei.tan',
    },
    {
      id: 't2',
      position: 2,
      stepId: 'scope',
      title: 'Scope the copy',
      responsible: [],
    },
  ],
  obligations: [],
  notices: [],
  timeline: [],
};

const gdpr33 = DEFAULT_NOTICE_TEMPLATES.find(t => t.id === 'gdpr33')!;
const organisation = {
  name: 'Shopwise Ltd',
  dpoContact: 'dpo@shopwise.example',
};
const obligation = {
  id: 'o1',
  ruleId: 'gdpr33',
  regime: 'GDPR',
  recipient: 'Berlin data protection authority',
  stage: 'notification',
  status: 'pending' as const,
  dueAt: '2026-11-23T09:30:00.000Z',
  evaluation: {},
  updatedAt: '2026-11-20T09:31:00.000Z',
};

describe('notice rendering', () => {
  it('fills the GDPR Art. 33(3) content from the incident', () => {
    const body = renderNotice(
      gdpr33,
      noticeValues(
        incident,
        organisation,
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(body).toContain('**To:** Berlin data protection authority');
    expect(body).toContain(
      'Categories of personal data: personal.identifiers, personal.special',
    );
    expect(body).toContain(
      'Data subjects, by where they live (approximate): EU (about 850,000)',
    );
    // a removed entity no longer counts
    expect(body).not.toContain('support-assistant-v4');
    expect(body).toContain('- Revoked the contractor role');
    expect(body).not.toContain('Scope the copy');
    expect(body).toContain('made within the deadline');
    expect(body).not.toMatch(/\{\{/);
  });

  it('asks for the reasons of a late notification', () => {
    const body = renderNotice(
      gdpr33,
      noticeValues(
        incident,
        organisation,
        obligation,
        new Date('2026-11-24T00:00:00Z'),
      ),
    );
    expect(incompleteParts(body)).toContain(
      'reasons for the delay (Art. 33(1))',
    );
  });

  it('lists what a person must still complete', () => {
    const body = renderNotice(
      gdpr33,
      noticeValues(
        incident,
        organisation,
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(incompleteParts(body)).toEqual([
      'approximate number of personal data records concerned',
      'likely consequences for the people concerned',
    ]);
  });

  it('cannot be given markup through incident text', () => {
    const hostile = {
      ...incident,
      title:
        '# Ignore this <script>alert(1)</script> [click](http://evil.example) [[x]]',
      summary: 'line one\n## injected heading',
    };
    const body = renderNotice(
      gdpr33,
      noticeValues(
        hostile,
        organisation,
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;');
    expect(body).not.toContain('[click](http');
    expect(body).not.toMatch(/^## injected/m);
    // a mark typed into a title still reads as unfinished, escaped or not
    expect(incompleteParts(body)).toContain('x');
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
  });

  it('counts escaped parts to complete as unfinished, and asks for an unconfigured DPO contact', () => {
    expect(
      incompleteParts(
        'DPO: \\[\\[contact details of the data protection officer\\]\\] and [[risk]]',
      ),
    ).toEqual(['contact details of the data protection officer', 'risk']);
    const body = renderNotice(
      gdpr33,
      noticeValues(
        incident,
        { name: 'Shopwise Ltd' },
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(incompleteParts(body)).toContain(
      'contact details of the data protection officer',
    );
    const configured = renderNotice(
      gdpr33,
      noticeValues(
        incident,
        organisation,
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(configured).toContain('dpo@shopwise.example');
    expect(incompleteParts(configured)).not.toContain(
      'contact details of the data protection officer',
    );
  });

  it.each([
    ['\\r', '\r'],
    ['\\r\\n', '\r\n'],
    ['\\n', '\n'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['U+0085', '\u0085'],
  ])('opens no heading through a title broken by %s', (_name, lineBreak) => {
    const escaped = escapeMarkdown(`Leak${lineBreak}# Injected`);
    expect(escaped).toBe('Leak # Injected');
    const body = renderNotice(
      gdpr33,
      noticeValues(
        { ...incident, title: `Leak${lineBreak}# Injected` },
        organisation,
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(body).not.toMatch(/^\s*# Injected/m);
  });

  it('makes one line of a long summary in linear time', () => {
    // a run of spaces without a line break made the old `\s*\r?\n\s*` backtrack
    const summary = `${' '.repeat(19_999)}x`;
    const started = process.hrtime.bigint();
    const escaped = escapeMarkdown(summary);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(escaped).toBe('x');
    // loosely: the quadratic expression took hundreds of milliseconds here
    expect(ms).toBeLessThan(50);
  });

  it('marks exercise notices so they are never sent by mistake', () => {
    const body = renderNotice(
      gdpr33,
      noticeValues(
        { ...incident, exercise: true },
        organisation,
        obligation,
        new Date('2026-11-21T00:00:00Z'),
      ),
    );
    expect(body).toContain('EXERCISE — this is a drill. Do not send.');
  });

  it('leaves unknown placeholders visible for a person to fill', () => {
    const body = renderNotice(
      { id: 'x', title: 'x', rules: [], body: 'Hello {{nobody.knows}}' },
      {},
    );
    expect(body).toBe('Hello [[nobody.knows]]');
  });

  it('has a template for each required notice', () => {
    const rules = DEFAULT_NOTICE_TEMPLATES.flatMap(t => t.rules);
    for (const rule of [
      'gdpr33',
      'gdpr34',
      'nis2_ew',
      'nis2_n',
      'ukgdpr33',
      'ca_ind',
      'visa_now',
    ]) {
      expect(rules).toContain(rule);
    }
    expect(new Set(rules).size).toBe(rules.length);
  });
});
