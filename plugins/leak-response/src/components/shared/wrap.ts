/**
 * Lets long text (law names, recipients, entity refs, reasons) wrap inside
 * a card. Backstage's theme gives dense list items `white-space: nowrap`
 * with an ellipsis, which cut these lines at the card's edge.
 */
export const wrapText = {
  whiteSpace: 'normal',
  // break-word (not anywhere): a word breaks only when it cannot fit a line
  // on its own, and the box's minimum width still fits whole words.
  overflowWrap: 'break-word',
  minWidth: 0,
} as const;
