/**
 * `no-unanalyzed-code` (src/scanner-rules.ts): a file that names a Claude credential or Claude call
 * but was kept from its analyzer (binary, too large, too deep, minified, a syntax error, an analyzer
 * that failed or ran out of time) gets a yellow finding that says why, not only a diagnostic. One
 * byte, a padding or a crafted comment must not turn a file's analysis off unseen: the finding goes
 * through directives, baselines and every format, and fails `--fail-on yellow`. Files without such a
 * word keep the diagnostic alone, as the prefilter would have skipped them anyway.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import type { Diagnostic, DiagnosticKind } from './finding.js';
import { findingTriggerIn } from './prefilter.js';

/** The rule name of these findings. */
export const UNANALYZED_RULE = 'no-unanalyzed-code';

/** The diagnostics that keep a file from its analyzer, to the rule's messageId (one per reason, for stable fingerprints). */
const MESSAGE_IDS: Partial<Record<DiagnosticKind, string>> = {
  binary: 'binary',
  'too-large': 'tooLarge',
  'too-deep': 'tooDeep',
  minified: 'minified',
  'parse-error': 'parseError',
  'analyzer-error': 'analyzerError',
  timeout: 'timeout',
};

/** A finding of {@link UNANALYZED_RULE}, placed by offsets or, for a syntax error, by the parser's line and column. */
export interface UnanalyzedFinding extends TextFinding {
  /** 1-based position the analyzer gave (parse errors): the finding is placed there rather than at `start`. */
  at?: { line: number; column: number };
}

/**
 * The {@link UNANALYZED_RULE} findings of one file: one per reason among its diagnostics, placed
 * on the first trigger word (or at the syntax error), none when the text holds no trigger word
 * that can lead to a finding.
 *
 * @param text - the decoded text; undefined when the file was not decoded (binary, over the read
 *   limit: the caller has checked its bytes for trigger words)
 * @param diagnostics - the file's diagnostics, in order
 */
export function unanalyzedFindings(text: string | undefined, diagnostics: readonly Diagnostic[]): UnanalyzedFinding[] {
  const skips = diagnostics.filter((diagnostic) => MESSAGE_IDS[diagnostic.kind] !== undefined);
  if (skips.length === 0) return [];
  const range = text === undefined ? { start: 0, end: 0 } : findingTriggerIn(text);
  if (range === undefined) return [];
  const seen = new Set<string>();
  const found: UnanalyzedFinding[] = [];
  for (const diagnostic of skips) {
    // Not read at all: the size is a read limit, not a parse limit.
    const messageId = diagnostic.kind === 'too-large' && text === undefined ? 'tooLargeToRead' : (MESSAGE_IDS[diagnostic.kind] as string);
    if (seen.has(messageId)) continue;
    seen.add(messageId);
    found.push({
      ruleName: UNANALYZED_RULE,
      messageId,
      data: { reason: diagnostic.reason ?? diagnostic.message },
      ...range,
      ...(diagnostic.line !== undefined ? { at: { line: diagnostic.line, column: diagnostic.column ?? 1 } } : {}),
    });
  }
  return found;
}
