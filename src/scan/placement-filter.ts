/**
 * Applies src/detect/placement.ts to one file's findings, whichever front end produced them (ESLint
 * rules, the Python checks, the config analyzers, the text markers): done once, after the
 * analyzers, as secretlint does masking and de-duplication.
 *
 * @packageDocumentation
 */
import { createPlacementTest } from '../detect/placement.js';
import { ruleIdOf } from '../rule-names.js';
import type { LocatedFinding } from './finding.js';

const TOKEN_RULE_ID = ruleIdOf('no-embedded-token');

/** Makes a converter from a 1-based line and column to a 0-based offset in `text`. */
function createOffsetOf(text: string): (line: number, column: number) => number {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (line, column) => Math.min((lineStarts[line - 1] ?? text.length) + column - 1, text.length);
}

/**
 * Drops the findings that only name a credential where naming it does nothing: in an ignore file,
 * Claude Code's own configuration, recorded data, a comment, or a string that is only shown.
 * Findings of `no-embedded-token`, and any whose range holds a real token, are kept.
 *
 * @param text - the file's text
 * @param relativePath - `/`-separated path relative to the scan root
 * @param findings - the file's findings
 * @returns the findings to keep, in the same order
 */
export function withoutWordsAbout(text: string, relativePath: string, findings: readonly LocatedFinding[]): LocatedFinding[] {
  if (findings.length === 0) return [];
  const keeps = createPlacementTest(text, relativePath);
  const offsetOf = createOffsetOf(text);
  return findings.filter((finding) =>
    keeps({
      start: offsetOf(finding.line, finding.column),
      end: Math.max(offsetOf(finding.endLine, finding.endColumn), offsetOf(finding.line, finding.column)),
      credentialValue: finding.ruleId === TOKEN_RULE_ID,
    }),
  );
}
