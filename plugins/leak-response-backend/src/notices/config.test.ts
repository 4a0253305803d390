import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DEFAULT_NOTICE_TEMPLATES } from './defaultTemplates';
import { readNoticeTemplates } from './config';

const read = (templates: JsonObject[]) =>
  readNoticeTemplates(
    new ConfigReader({ leakResponse: { notices: { templates } } }),
  );

describe('readNoticeTemplates', () => {
  it('uses the built-in templates without config', () => {
    expect(readNoticeTemplates(new ConfigReader({}))).toEqual(
      DEFAULT_NOTICE_TEMPLATES,
    );
  });

  it('replaces a built-in template by id and keeps its title and rules', () => {
    const templates = read([
      {
        id: 'gdpr33',
        body: '# Our own Art. 33 form{{exerciseNotice}}\n{{incident.title}}',
      },
    ]);
    expect(templates.map(t => t.id)).toEqual(
      DEFAULT_NOTICE_TEMPLATES.map(t => t.id),
    );
    expect(templates.find(t => t.id === 'gdpr33')).toEqual({
      id: 'gdpr33',
      title: 'GDPR Art. 33 notification to the supervisory authority',
      rules: ['gdpr33'],
      body: '# Our own Art. 33 form{{exerciseNotice}}\n{{incident.title}}',
    });
  });

  it('adds new templates', () => {
    const templates = read([
      {
        id: 'lgpd-anpd',
        title: 'LGPD communication to the ANPD',
        rules: ['lgpd48'],
        body: '# ANPD{{ exerciseNotice }}',
      },
    ]);
    expect(templates).toHaveLength(DEFAULT_NOTICE_TEMPLATES.length + 1);
    expect(templates.at(-1)).toMatchObject({
      id: 'lgpd-anpd',
      rules: ['lgpd48'],
    });
  });

  it.each([
    [
      [{ id: 'Bad Id', body: '{{exerciseNotice}}', title: 't' }],
      'leakResponse.notices.templates[0].id',
    ],
    [
      [{ id: 'new-one', body: '{{exerciseNotice}}' }],
      'leakResponse.notices.templates[0].title',
    ],
    [
      [{ id: 'gdpr33', body: 'no exercise marker' }],
      'leakResponse.notices.templates[0].body',
    ],
    [
      [
        { id: 'gdpr33', body: '{{exerciseNotice}}' },
        { id: 'gdpr33', body: '{{exerciseNotice}}' },
      ],
      'leakResponse.notices.templates[1].id',
    ],
  ])('refuses a bad entry, naming the key (%#)', (templates, key) => {
    expect(() => read(templates)).toThrow(
      new RegExp(`^${key.replace(/[[\].]/g, '\\$&')}: `),
    );
  });
});
