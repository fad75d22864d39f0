/**
 * `--format json`: the shape of ESLint's `json` formatter (an array of `{ filePath, messages,
 * errorCount, warningCount, … }`), so tools that read ESLint output read ours. Our own fields:
 * `tier`, `docsUrl`, `fingerprint` and (for files `npm pack` would publish) `publishedIn` on each
 * message; on a message that stands for several places of one fact, `count` and `occurrences` (the
 * other places); `diagnostics` on each file, and `role` on a file that is a test, fixture, example,
 * docs or generated (src/scan/path-roles.ts); with `--history`, `commit`, `authorDate`, `lastCommit`,
 * `lastAuthorDate` and `inWorkingTree` on each message the history holds; `flow` on a message reached
 * across files (the entry point, each call, the Claude call: absolute `filePath`, 1-based range,
 * `message`).
 *
 * @packageDocumentation
 */
import type { Finding } from '../scan/finding.js';
import { placesOf } from '../scan/group.js';
import type { FormatInput } from './types.js';
import { countBySeverity } from './counts.js';
import type { FindingHistory } from '../scan/finding.js';

const historyFields = (history: FindingHistory) => ({
  commit: history.commit,
  authorDate: history.authorDate,
  lastCommit: history.lastCommit,
  lastAuthorDate: history.lastAuthorDate,
  inWorkingTree: history.inWorkingTree,
});

/** A grouped finding's `count` of places and its other places (`occurrences`, 1-based ranges). */
function occurrencesOf(finding: Finding): { count?: number; occurrences?: { line: number; column: number; endLine: number; endColumn: number }[] } {
  if (!finding.occurrences?.length) return {};
  return {
    count: placesOf(finding),
    occurrences: finding.occurrences.map(({ line, column, endLine, endColumn }) => ({ line, column, endLine, endColumn })),
  };
}

export const formatJson = ({ reports }: FormatInput): string =>
  JSON.stringify(
    reports.map((report) => ({
      filePath: report.filePath,
      messages: report.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        messageId: finding.messageId,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        tier: finding.tier,
        docsUrl: finding.docsUrl,
        fingerprint: finding.fingerprint,
        ...(finding.publishedIn === undefined ? {} : { publishedIn: finding.publishedIn }),
        // --history: the oldest commit that holds the finding, and the newest.
        ...(finding.history === undefined ? {} : historyFields(finding.history)),
        ...occurrencesOf(finding),
        // A finding reached across files: the path from the entry point to the Claude call.
        ...(finding.flow?.length ? { flow: finding.flow.map(({ filePath, line, column, endLine, endColumn, message }) => ({ filePath: filePath ?? report.filePath, line, column, endLine, endColumn, message })) } : {}),
      })),
      suppressedMessages: [],
      ...countBySeverity(report.findings),
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      diagnostics: report.diagnostics,
      ...(report.role === undefined ? {} : { role: report.role }),
    })),
  );
