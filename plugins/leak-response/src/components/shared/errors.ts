/**
 * The message to show for an error: the backend's own message when the
 * error is a ResponseError (its cause), else the error's message.
 */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const cause = (error as { cause?: { message?: unknown } }).cause;
    if (cause && typeof cause.message === 'string' && cause.message) {
      return cause.message;
    }
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
