/**
 * `--format stylish` (the default): grouped by file like ESLint's stylish formatter, each finding
 * with its position, severity, tier, message and rule id; then, once per rule that fired, the fix
 * and the docs link; then disable directives that need attention, the files that could not be
 * fully analyzed, and a summary line. With `--history`, the findings only commits hold come after
 * the files, grouped by finding (stylish-history.ts).
 *
 * @packageDocumentation
 */
import { styleText } from 'node:util';
import { ruleNameOf } from '../rule-names.js';
import { POLICY_VERSION } from '../policy.js';
import type { Diagnostic, FileReport, Finding } from '../scan/finding.js';
import type { FormatInput } from './types.js';
import { countBySeverity } from './counts.js';
import { printable } from './printable.js';
import { historySection, historySuffix, isHistoryOnly } from './stylish-history.js';

type Style = Parameters<typeof styleText>[0];

/** A long list of skipped files helps nobody: the rest are in the JSON report. */
const DIAGNOSTICS_PER_KIND = 10;

/** Directive problems are about the code's comments, not about a file the scanner could not read. */
const isDirectiveDiagnostic = (diagnostic: Diagnostic): boolean =>
  diagnostic.kind === 'invalid-directive' || diagnostic.kind === 'unused-directive';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export const formatStylish = async ({ reports, filesWalked, history, color }: FormatInput): Promise<string> => {
  const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text);
  const lines: string[] = [];
  const fired = new Map<string, { tier: string; count: number; docsUrl: string }>();
  const allFindings: Finding[] = [];

  for (const report of reports) {
    const current = report.findings.filter((finding) => !isHistoryOnly(finding));
    if (current.length > 0) lines.push('', paint('underline', printable(report.relativePath)));
    const positionWidth = Math.max(...current.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of report.findings) {
      allFindings.push(finding);
      const entry = fired.get(finding.ruleId) ?? { tier: finding.tier, count: 0, docsUrl: finding.docsUrl };
      entry.count += 1;
      if (finding.tier === 'red') entry.tier = 'red';
      fired.set(finding.ruleId, entry);
      // Findings only the history holds are listed below, grouped by finding.
      if (isHistoryOnly(finding)) continue;
      const severity = finding.severity === 2 ? paint('red', 'error  ') : paint('yellow', 'warning');
      const tier = finding.tier === 'red' ? paint('red', 'red   ') : paint('yellow', 'yellow');
      // Findings in a file `npm pack` would publish say so, unless their message already does.
      const published = finding.publishedIn === undefined || finding.message.includes(finding.publishedIn) ? '' : ` ${paint('bold', `(published in ${printable(finding.publishedIn)})`)}`;
      lines.push(`  ${paint('dim', `${finding.line}:${finding.column}`.padEnd(positionWidth))}  ${severity}  ${tier}  ${printable(finding.message)}${published}${paint('dim', historySuffix(finding))}  ${paint('dim', finding.ruleId)}`);
    }
  }
  lines.push(...historySection(reports, paint));

  if (fired.size > 0) {
    // The rules' metadata loads the rules, and typescript-eslint with them: a clean run never needs it.
    const { fixHintOf } = await import('../rule-info.js');
    lines.push('', paint('bold', 'How to fix'));
    for (const [ruleId, { tier, count, docsUrl }] of [...fired].sort(([a], [b]) => a.localeCompare(b))) {
      const ruleName = ruleNameOf(ruleId) ?? ruleId;
      lines.push(`  ${ruleId} (${tier}, ${plural(count, 'finding')}): ${fixHintOf(ruleName)}`, `    ${paint('dim', docsUrl)}`);
    }
  }

  const directives = reports.filter((report) => report.diagnostics.some(isDirectiveDiagnostic));
  if (directives.length > 0) {
    lines.push('', paint('bold', `Disable directives (${plural(directives.length, 'file')})`));
    for (const report of directives) {
      for (const diagnostic of report.diagnostics.filter(isDirectiveDiagnostic)) {
        lines.push(`  ${report.relativePath}:${diagnostic.line ?? 0}:${diagnostic.column ?? 0}  ${paint('dim', diagnostic.kind)}  ${diagnostic.message}`);
      }
    }
  }

  const skipped = reports.filter((report) => report.diagnostics.some((diagnostic) => !isDirectiveDiagnostic(diagnostic)));
  if (skipped.length > 0) {
    lines.push('', paint('bold', `Not fully analyzed (${plural(skipped.length, 'file')})`));
    const byKind = new Map<string, { report: FileReport; diagnostic: Diagnostic }[]>();
    for (const report of skipped) {
      for (const diagnostic of report.diagnostics.filter((candidate) => !isDirectiveDiagnostic(candidate))) {
        byKind.set(diagnostic.kind, [...(byKind.get(diagnostic.kind) ?? []), { report, diagnostic }]);
      }
    }
    for (const [kind, entries] of byKind) {
      for (const { report, diagnostic } of entries.slice(0, DIAGNOSTICS_PER_KIND)) {
        const where = diagnostic.line === undefined ? '' : `:${diagnostic.line}:${diagnostic.column ?? 0}`;
        lines.push(`  ${printable(report.relativePath)}${where}  ${paint('dim', kind)}  ${printable(diagnostic.message)}`);
      }
      const rest = entries.length - DIAGNOSTICS_PER_KIND;
      if (rest > 0) lines.push(paint('dim', `  … and ${rest} more ${kind} (all are in --format json)`));
    }
  }

  const { errorCount, warningCount } = countBySeverity(allFindings);
  const total = errorCount + warningCount;
  const commits = history ? ` and ${plural(history.commits, 'commit')}` : '';
  const scope = `${plural(filesWalked, 'file')}${commits} scanned, policy of ${POLICY_VERSION}`;
  lines.push('');
  if (total === 0) {
    lines.push(paint('green', `✔ No problems found (${scope}).`));
  } else {
    const summary = `✖ ${plural(total, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}) in ${plural(reports.filter((r) => r.findings.length > 0).length, 'file')} (${scope}).`;
    lines.push(paint(errorCount > 0 ? ['red', 'bold'] : ['yellow', 'bold'], summary));
  }
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
};
