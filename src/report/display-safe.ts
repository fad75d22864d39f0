/**
 * The one pass that makes a scan's text safe to show, applied by the CLI after the scan and before
 * the baseline and any formatter: every string that came from the scanned tree (file names,
 * messages that quote code or directive text, diagnostics, code excerpts) has its credentials
 * redacted, its control characters and bidirectional overrides escaped ({@link printable}), and a
 * leading workflow command (`::add-mask::`, `::stop-commands::`, `::error …`, `##[…]`) defused, so
 * that no formatter, no baseline file and no line of standard error can print a whole secret, drive
 * a terminal, or give a command to the GitHub Actions runner. Each pass is idempotent: text that
 * went through it once comes out unchanged the second time.
 *
 * @packageDocumentation
 */
import { redactSecrets } from '../detect/tokens.js';
import type { Diagnostic, FileReport, Finding } from '../scan/finding.js';
import type { ScanResult } from '../scan/run.js';
import { printable } from './printable.js';

/**
 * A workflow command at the start of a line, after optional white space: the runner (actions/runner
 * `ActionCommand.TryParseV2`) trims leading white space and then looks for `::`; the older `##[`
 * form is still parsed too.
 */
const WORKFLOW_COMMAND = /^(\s*)(::|##\[)/;

/**
 * One line of text from a scanned tree as it may be printed anywhere: credentials redacted (prefix
 * and last 4 characters), control characters, line breaks and bidirectional overrides escaped as
 * `\xHH`/`\uHHHH`, and a leading `::` or `##[` shown as `\x3a:` or `\x23#[`.
 *
 * @param text - a path, message or excerpt line; a line break in it is escaped too
 * @returns one line holding no secret, no terminal control sequence and no workflow command
 */
export function displayText(text: string): string {
  return printable(redactSecrets(text)).replace(WORKFLOW_COMMAND, (_match, space: string, opener: string) =>
    `${space}${opener === '::' ? '\\x3a:' : '\\x23#['}`,
  );
}

/**
 * Several lines (a message for standard error) made safe line by line with {@link displayText};
 * the line breaks themselves are kept.
 *
 * @param text - text whose `\n` separate lines
 */
export function displayLines(text: string): string {
  return text
    .split('\n')
    .map((line) => displayText(line.replace(/\r$/, '')))
    .join('\n');
}

function displayFinding(finding: Finding): Finding {
  return {
    ...finding,
    message: displayText(finding.message),
    ...(finding.publishedIn === undefined ? {} : { publishedIn: displayText(finding.publishedIn) }),
    // Excerpts keep their indentation: a tab is shown as spaces rather than escaped as `\t`.
    ...(finding.snippet === undefined ? {} : { snippet: finding.snippet.map((line) => ({ ...line, text: displayText(line.text.replaceAll('\t', '    ')) })) }),
  };
}

function displayDiagnostic(diagnostic: Diagnostic): Diagnostic {
  return { ...diagnostic, message: displayText(diagnostic.message), ...(diagnostic.reason === undefined ? {} : { reason: displayText(diagnostic.reason) }) };
}

function displayReport(report: FileReport): FileReport {
  return {
    ...report,
    filePath: displayText(report.filePath),
    relativePath: displayText(report.relativePath),
    findings: report.findings.map(displayFinding),
    diagnostics: report.diagnostics.map(displayDiagnostic),
  };
}

/**
 * A scan's result with every string from the scanned tree passed through {@link displayText}: the
 * form that the formatters, the baseline and standard error receive.
 *
 * @param result - the scan, as {@link scan} returned it
 */
export function displaySafeResult(result: ScanResult): ScanResult {
  return { ...result, reports: result.reports.map(displayReport) };
}
