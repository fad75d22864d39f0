import type { FileAnalyzer, AnalyzerContext } from '../../src/files/index.js';
import { createLocator, findingFromText, type LocatedFinding } from '../../src/scan/finding.js';

/** What tests compare: where, which rule and message, and how severe. */
export interface Located {
  ruleId: string;
  messageId: string;
  severity: number;
  line: number;
  column: number;
}

/** Runs an analyzer as the scanner does and returns its findings in position order. */
export function analyze(analyzer: FileAnalyzer, text: string, path = 'file', context?: AnalyzerContext): LocatedFinding[] {
  const locate = createLocator(text);
  return analyzer(text, path, context)
    .map((match) => findingFromText(match, locate))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The compared fields of each finding. */
export function located(findings: readonly LocatedFinding[]): Located[] {
  return findings.map(({ ruleId, messageId, severity, line, column }) => ({ ruleId, messageId, severity, line, column }));
}
