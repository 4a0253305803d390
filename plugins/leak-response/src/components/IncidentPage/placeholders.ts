/**
 * The parts of a notice still to complete: the template's `[[…]]`
 * placeholders left in the body.
 */
export function placeholdersOf(body: string): string[] {
  return body.match(/\[\[[^\]]*\]\]/g) ?? [];
}
