/**
 * `--format json`: the shape of ESLint's `json` formatter (an array of `{ filePath, messages,
 * errorCount, warningCount, … }`), so tools that read ESLint output read ours. Our own fields:
 * `tier`, `docsUrl`, `fingerprint` and (for files `npm pack` would publish) `publishedIn` on each
 * message, `diagnostics` on each file.
 *
 * @packageDocumentation
 */
import type { FormatInput } from './types.js';
import { countBySeverity } from './counts.js';

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
      })),
      suppressedMessages: [],
      ...countBySeverity(report.findings),
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      diagnostics: report.diagnostics,
    })),
  );
