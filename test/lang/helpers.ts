import { beforeAll } from 'vitest';
import { prepareLanguage, type LanguageKind } from '../../src/lang/index.js';
import { analyzeText } from '../../src/scan/analyze.js';
import type { Seen } from '../files/python-helpers.js';

/** Loads the grammars once per test file. */
export function useGrammars(...kinds: LanguageKind[]): void {
  beforeAll(async () => {
    await Promise.all(kinds.map(prepareLanguage));
  });
}

export type { Seen };

/** Analyzes a file of one language as the scanner does, reduced to what tests assert. */
export function scan(kind: LanguageKind, code: string, path = `file.${kind}`): Seen[] {
  const analysis = analyzeText(code, path, kind);
  if (analysis.diagnostics.length > 0) throw new Error(analysis.diagnostics.map((diagnostic) => diagnostic.message).join('; '));
  return analysis.findings.map(({ ruleId, messageId, severity, line, column }) => ({ rule: ruleId.replace('claude-auth/', ''), messageId, severity, line, column }));
}

/** The full messages of a scan (to check that every placeholder is filled). */
export function messagesOf(kind: LanguageKind, code: string): string[] {
  return analyzeText(code, `file.${kind}`, kind).findings.map((finding) => finding.message);
}
