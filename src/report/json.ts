/**
 * `--format json`: the shape of ESLint's `json` formatter (an array of `{ filePath, messages,
 * errorCount, warningCount, … }`), so tools that read ESLint output read ours. Our own fields:
 * `tier`, `docsUrl`, `fingerprint` and (for files `npm pack` would publish) `publishedIn` on each
 * message, `diagnostics` on each file; with `--history`, `commit`, `authorDate`, `lastCommit`,
 * `lastAuthorDate` and `inWorkingTree` on each message the history holds.
 *
 * @packageDocumentation
 */
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
      })),
      suppressedMessages: [],
      ...countBySeverity(report.findings),
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      diagnostics: report.diagnostics,
    })),
  );
