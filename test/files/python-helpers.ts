import { beforeAll } from 'vitest';
import { analyzeText } from '../../src/scan/analyze.js';
import { createPythonContext, type PythonContext } from '../../src/files/python/context.js';
import { parsePython, preparePythonParser } from '../../src/files/python/tree.js';

/** Loads the grammar once per test file. */
export function usePythonParser(): void {
  beforeAll(async () => {
    await preparePythonParser();
  });
}

/** A finding as the tests compare it. */
export interface Seen {
  rule: string;
  messageId: string;
  severity: number;
  line: number;
  column: number;
}

/** Analyzes Python source as the scanner does, reduced to what tests assert. */
export function scanPython(code: string, path = 'app.py'): Seen[] {
  return analyzeText(code, path, 'python').findings.map((finding) => ({
    rule: finding.ruleId.replace('claude-auth/', ''),
    messageId: finding.messageId,
    severity: finding.severity,
    line: finding.line,
    column: finding.column,
  }));
}

/** The full messages of a scan (to check that every placeholder is filled). */
export function messagesOf(code: string): string[] {
  return analyzeText(code, 'app.py', 'python').findings.map((finding) => finding.message);
}

/** A parsed module's context, for unit tests of the evaluator and finders. */
export function contextOf(code: string): PythonContext {
  return createPythonContext(code, parsePython(code));
}
