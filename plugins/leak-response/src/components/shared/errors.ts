/**
 * How the backend's field paths read in a sentence. The backend names the
 * field first (`awareAt: must not be in the future`) so that a client can
 * place the error; the person reads "The awareness time must not be in the
 * future."
 */
const FIELD_WORDS: Record<string, string> = {
  status: 'The status',
  awareAt: 'The awareness time',
  reason: 'The reason',
  justification: 'The justification',
  body: 'The notice text',
  submissionRef: 'The submission reference',
  summary: 'The summary',
  entityRef: 'The entity',
  leakType: 'The leak type',
  severity: 'The severity',
};

/**
 * A backend message as a sentence: the field path (`body.justification:`)
 * becomes the field's name in words, the first letter is upper case and it
 * ends with a full stop. A message without a field path is kept as it is,
 * with its first letter upper case.
 */
export function toSentence(message: string): string {
  const trimmed = message.trim();
  const match = /^([A-Za-z][\w.[\]]*): (.+)$/s.exec(trimmed);
  let text = trimmed;
  if (match) {
    const field = match[1]
      .split('.')
      .pop()!
      .replace(/\[\d+\]$/, '');
    const words = FIELD_WORDS[field];
    text = words ? `${words} ${match[2]}` : match[2];
    // "String must contain at least 10 character(s)" reads as the field's.
    text = text.replace(/^(The [^ ]+(?: [^ ]+)?) String /, '$1 ');
  }
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

/**
 * The message to show for an error, as a sentence: the backend's own
 * message when the error is a ResponseError (its cause), else the error's
 * message.
 */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const cause = (error as { cause?: { message?: unknown } }).cause;
    if (cause && typeof cause.message === 'string' && cause.message) {
      return toSentence(cause.message);
    }
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return toSentence(message);
  }
  return toSentence(String(error));
}
