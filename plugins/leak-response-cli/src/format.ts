import { Finding } from './validateCatalogFile';

/** The output formats of `leak-response validate`. */
export const OUTPUT_FORMATS = ['text', 'github'] as const;

/** @see OUTPUT_FORMATS */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `file:line:column: ref: message`, the shape editors and terminals link. */
function textLine(finding: Finding): string {
  const ref = finding.entityRef ? ` ${finding.entityRef}:` : '';
  return `${finding.file}:${finding.line}:${finding.column}:${ref} ${finding.message}`;
}

// GitHub's workflow-command escaping: data escapes %, CR and LF; property
// values also escape the separators : and ,.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error` workflow command, which GitHub shows on the file's line. */
function githubLine(finding: Finding): string {
  const title = [finding.entityRef, finding.field].filter(Boolean).join(' ');
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    ...(title ? [`title=${escapeProperty(title)}`] : []),
  ];
  return `::error ${properties.join(',')}::${escapeData(finding.message)}`;
}

/** Renders findings, one line each, in the chosen format. */
export function formatFindings(
  findings: ReadonlyArray<Finding>,
  format: OutputFormat,
): string[] {
  return findings.map(format === 'github' ? githubLine : textLine);
}

/** The last line: what was checked and how it went. */
export function summary(
  findings: ReadonlyArray<Finding>,
  fileCount: number,
): string {
  const files = fileCount === 1 ? '1 file' : `${fileCount} files`;
  if (findings.length === 0) {
    return `${files} checked: no errors`;
  }
  const withErrors = new Set(findings.map(f => f.file)).size;
  const errors =
    findings.length === 1 ? '1 error' : `${findings.length} errors`;
  return `${files} checked: ${errors} in ${withErrors} of them`;
}
