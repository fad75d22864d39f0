/**
 * One finding per fact: the same rule reporting the same thing again in one function of a file, or
 * in its file-level code (the same credential, the same marker, the same credential source: the
 * same message; functions as src/scan/fact-scope.ts sees them) is one finding with
 * its other places attached, so that a reviewer reads `claudeAiOauth` once with `(×23)` rather than
 * 23 times. Grouping runs last, after inline directives and the baseline, which both work on
 * each place: a baseline written before grouping existed still matches, and a new place of a known
 * fact is still new.
 *
 * @packageDocumentation
 */
import type { Finding, Occurrence } from './finding.js';
import type { ScanResult } from './run.js';

/** What makes two findings of one file the same fact: rule, message and tier, in one function. */
function factKey(finding: Finding): string {
  return [finding.ruleId, finding.messageId, finding.severity, finding.message, finding.publishedIn ?? '', finding.factScope ?? 0].join('\0');
}

function occurrenceOf(finding: Finding): Occurrence {
  return { line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, fingerprint: finding.fingerprint };
}

/**
 * Groups the findings of each file by fact. The first place (in position order) is the finding's
 * own position, snippet and fingerprint (so a fact found once keeps exactly the fingerprint it had);
 * the others go to `occurrences`, in position order.
 *
 * @param findings - one file's findings, in position order
 * @returns one finding per fact, in the order of their first places
 */
export function groupByFact(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding>();
  for (const finding of findings) {
    const key = factKey(finding);
    const group = groups.get(key);
    if (group) group.occurrences = [...(group.occurrences ?? []), occurrenceOf(finding)];
    else groups.set(key, { ...finding });
  }
  return [...groups.values()];
}

/**
 * Groups every file's findings by fact ({@link groupByFact}).
 *
 * @param result - a scan, after directives, configuration and baseline
 */
export function groupFindings(result: ScanResult): ScanResult {
  return { ...result, reports: result.reports.map((report) => ({ ...report, findings: groupByFact(report.findings) })) };
}

/** How many places a finding stands for: itself and its other occurrences. */
export function placesOf(finding: Pick<Finding, 'occurrences'>): number {
  return 1 + (finding.occurrences?.length ?? 0);
}
