/**
 * Fingerprints: a finding's identity that survives edits elsewhere in its file. SARIF
 * `partialFingerprints`, the baseline and `--format json` all use it.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';

/** What a fingerprint is computed from: a finding's rule, message and 1-based range. */
export interface FingerprintSource {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Offsets (UTF-16 code units) where each line of `text` starts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/**
 * The text a finding points at, normalised so that layout changes do not matter: only the part of
 * its range on its first line (a report on a whole handler keeps its identity when the body
 * changes), with runs of white space collapsed to one space. Falls back to the whole first line
 * when the range is empty.
 */
function normalisedMatch(text: string, lineStarts: readonly number[], source: FingerprintSource): string {
  const lineStart = lineStarts[source.line - 1] ?? text.length;
  const nextLine = lineStarts[source.line] ?? text.length + 1;
  const lineEnd = nextLine - 1;
  const start = Math.min(lineStart + source.column - 1, lineEnd);
  const end = source.endLine === source.line ? Math.min(lineStart + source.endColumn - 1, lineEnd) : lineEnd;
  const matched = end > start ? text.slice(start, end) : text.slice(lineStart, lineEnd);
  return matched.replace(/\s+/g, ' ').trim();
}

/** SHA-256 of the parts, separated by NUL, as 32 hex digits (128 bits). */
export function hashParts(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/**
 * Fingerprints the findings of one file.
 *
 * A fingerprint is a hash of the rule id, the messageId, the normalised matched text and the
 * occurrence index of that same (rule, message, text) in the file, counted in position order. It
 * does not depend on line numbers, so inserting or removing lines elsewhere keeps it; changing the
 * matched text (another token) changes it. The matched text is hashed, never stored, so a
 * fingerprint does not reveal a secret (tokens are long random strings: the hash cannot be
 * inverted). The file's path is not part of it: consumers that need an identity across files
 * (the baseline, SARIF) combine it with the path.
 *
 * @param text - the file's text
 * @param findings - the file's findings, in position order
 * @returns one fingerprint per finding, in the same order
 */
export function fingerprintsOf(text: string, findings: readonly FingerprintSource[]): string[] {
  const lineStarts = lineStartsOf(text);
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const identity = [finding.ruleId, finding.messageId, normalisedMatch(text, lineStarts, finding)];
    const key = identity.join('\0');
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return hashParts(['claude-auth-lint/v1', ...identity, occurrence]);
  });
}
