/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule id>::<message>`), shown on the
 * pull request's diff. Red findings (errors) are `::error`, yellow ones (warnings) `::warning`;
 * files not fully analyzed and disable directives that need attention are `::notice`.
 *
 * Escaping follows the runner's own (actions/toolkit `command.ts`): in the message `%`, CR and LF
 * are percent-encoded; in properties also `:` and `,`.
 *
 * @packageDocumentation
 */
import type { Diagnostic, Finding } from '../scan/finding.js';
import { printable } from './printable.js';
import type { FormatInput } from './types.js';

/**
 * Escapes a workflow command's message. Other control characters (ANSI escapes in a hostile file
 * name would recolour or hide the job log) and bidirectional overrides are shown as `\xHH`/`\uHHHH`.
 */
export function escapeData(text: string): string {
  return printable(text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A'));
}

/** Escapes a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const fields = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name} ${fields}::${escapeData(message)}`;
}

/** With `--history`: the commit the finding came in with, and whether the working tree still has it. */
function historyNote({ history }: Finding): string {
  if (!history) return '';
  const since = `${history.commit.slice(0, 10)} (${history.authorDate.slice(0, 10)})`;
  return history.inWorkingTree ? ` In the history since ${since}.` : ` Only in the history: from ${since} to ${history.lastCommit.slice(0, 10)}.`;
}

function findingCommand(file: string, finding: Finding): string {
  return command(
    finding.severity === 2 ? 'error' : 'warning',
    { file, line: finding.line, col: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, title: finding.ruleId },
    `${finding.message}${historyNote(finding)}\n${finding.docsUrl}`,
  );
}

function diagnosticCommand(file: string, diagnostic: Diagnostic): string {
  return command('notice', { file, line: diagnostic.line, col: diagnostic.column, title: `claude-auth-lint: ${diagnostic.kind}` }, diagnostic.message);
}

export const formatGithub = ({ reports }: FormatInput): string => {
  const lines = reports.flatMap((report) => [
    ...report.findings.map((finding) => findingCommand(report.relativePath, finding)),
    ...report.diagnostics.map((diagnostic) => diagnosticCommand(report.relativePath, diagnostic)),
  ]);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
