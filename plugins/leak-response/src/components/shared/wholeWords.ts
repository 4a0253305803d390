import { makeStyles } from '@material-ui/core';

/**
 * Wrap text only between words. Backstage's theme gives table cells
 * `word-break: break-word`, which lets a table squeeze a column until words
 * like "communications" or "downstream-surface" break mid-way; with this the
 * column is at least as wide as its longest word.
 */
export const wholeWords = {
  wordBreak: 'normal',
  overflowWrap: 'normal',
} as const;

/** A table class whose header and body cells wrap only between words. */
export const useWholeWordTable = makeStyles({
  table: { '& th, & td': wholeWords },
});
