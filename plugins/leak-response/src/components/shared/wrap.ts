/**
 * Lets long text (law names, recipients, entity refs, reasons) wrap inside
 * a card. Backstage's theme gives dense list items `white-space: nowrap`
 * with an ellipsis, which cut these lines at the card's edge.
 */
export const wrapText = {
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  minWidth: 0,
} as const;
