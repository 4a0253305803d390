import { Config } from '@backstage/config';
import { DEFAULT_NOTICE_TEMPLATES, NoticeTemplate } from './defaultTemplates';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EXERCISE_MARK = /\{\{\s*exerciseNotice\s*\}\}/;

/**
 * The notice templates in use: the built-in ones, each replaceable by id
 * from `leakResponse.notices.templates`, plus any new ones there. Checked at
 * start-up; a bad entry stops the backend with a message naming the key.
 */
export function readNoticeTemplates(config: Config): NoticeTemplate[] {
  const templates = new Map(DEFAULT_NOTICE_TEMPLATES.map(t => [t.id, t]));
  const entries =
    config.getOptionalConfigArray('leakResponse.notices.templates') ?? [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const key = `leakResponse.notices.templates[${index}]`;
    const id = entry.getString('id');
    if (!ID.test(id)) {
      throw new Error(
        `${key}.id: "${id}" must be lower-case and dash-separated`,
      );
    }
    if (seen.has(id)) {
      throw new Error(`${key}.id: "${id}" is given twice`);
    }
    seen.add(id);
    const body = entry.getString('body');
    // an exercise is marked in every draft; a template must leave room for it
    if (!EXERCISE_MARK.test(body)) {
      throw new Error(
        `${key}.body: must contain {{exerciseNotice}}, which marks the drafts of an exercise`,
      );
    }
    const builtIn = templates.get(id);
    const title = entry.getOptionalString('title') ?? builtIn?.title;
    if (!title) {
      throw new Error(`${key}.title: a new template needs a title`);
    }
    const rules = entry.getOptionalStringArray('rules') ?? builtIn?.rules ?? [];
    templates.set(id, { id, title, rules, body });
  });
  return [...templates.values()];
}
