/*
 * The parts of a notice draft a person must still complete. A template marks
 * them `[[what to write]]`; once escaped as text (a value from config or a
 * person) the same mark reads `\[\[what to write\]\]`, and is just as
 * unfinished. The frontend's counter, the approval and the submission all
 * judge a draft by this one rule.
 */

// Neither bracket may appear inside a mark, so each scan stops at the next
// bracket and the whole body is read in linear time.
const PLACEHOLDER = /\\?\[\\?\[((?:[^[\]\\]|\\[^[\]])+)\\?\]\\?\]/g;

/**
 * The texts of the parts still to complete, in order, unescaped
 * (`\[\[a\_b\]\]` gives `a_b`).
 * @public
 */
export function noticePlaceholders(body: string): string[] {
  return [...body.matchAll(PLACEHOLDER)].map(match =>
    match[1].replace(/\\(.)/g, '$1'),
  );
}
