/**
 * Applies src/detect/placement.ts to one file's findings, whichever front end produced them (ESLint
 * rules, the Python checks, the config analyzers, the text markers): done once, after the
 * analyzers, as secretlint does masking and de-duplication.
 *
 * @packageDocumentation
 */
import { createPlacementTest } from '../detect/placement.js';
import { createOffsetter } from '../files/analyzer.js';
import { ruleIdOf } from '../rule-names.js';
import type { LocatedFinding } from './finding.js';

const TOKEN_RULE_ID = ruleIdOf('no-embedded-token');


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
  const offsetter = createOffsetter(text);
  const offsetOf = (line: number, column: number): number => offsetter({ line: line - 1, character: column - 1 });
  return findings.filter((finding) =>
    keeps({
      start: offsetOf(finding.line, finding.column),
      end: Math.max(offsetOf(finding.endLine, finding.endColumn), offsetOf(finding.line, finding.column)),
      credentialValue: finding.ruleId === TOKEN_RULE_ID,
    }),
  );
}
