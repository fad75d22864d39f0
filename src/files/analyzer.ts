/**
 * What every non-JS analyzer shares: its signature, the scan-wide context it may read, the error
 * it throws for an unparsable file, and how its own findings combine with the text markers.
 *
 * @packageDocumentation
 */
import { runMarkers, type TextFinding } from '../detect/markers.js';
import type { GitStatus } from './git-status.js';

/**
 * What a scan knows about the tree as a whole, computed once before files are analyzed. Every
 * member is optional: a file scanned on its own, outside any repository, has none of it.
 */
export interface AnalyzerContext {
  /** Whether git tracks, ignores, or would pick up a file (path relative to the scan root). */
  gitStatus?: (relativePath: string) => GitStatus;
  /**
   * `name@version` of the package that would publish this file (`npm pack`), when one would; the
   * scanner marks the file's findings with it before fingerprints and suppressions.
   */
  publishedIn?: string;
  /** Gate mode (`--untrusted`): directives in the file must give a reason to count. */
  untrusted?: boolean;
}

/** An analyzer for one kind of file. It may throw: the scanner turns that into a diagnostic. */
export type FileAnalyzer = (text: string, relativePath: string, context?: AnalyzerContext) => TextFinding[];

/**
 * Thrown by an analyzer whose parser rejected the file: the scanner reports a `parse-error`
 * diagnostic at the position and lets the text markers stand in.
 */
export class AnalyzerParseError extends Error {
  override name = 'AnalyzerParseError';

  /**
   * @param message - one line saying what is wrong (no secrets: it is printed)
   * @param line - 1-based line of the problem
   * @param column - 1-based column of the problem
   */
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** A stretch of text, by 0-based offsets (end exclusive). */
export interface OffsetRange {
  start: number;
  end: number;
}

/** True when two offset ranges share at least one character. */
function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * An analyzer's findings plus the text markers, so that nothing the markers would see in this file
 * is lost, without reporting one thing twice: a marker finding that overlaps a finding of the
 * analyzer (the token of an `ENV` line, the `.credentials.json` of a `COPY`), or a stretch the
 * analyzer has judged itself (a volume it found harmless), is dropped.
 *
 * @param text - the whole file
 * @param own - the analyzer's findings
 * @param judged - stretches the analyzer has decided on, whether it reported them or not
 * @returns both lists, deduplicated, in no particular order
 */
export function withMarkers(text: string, own: readonly TextFinding[], judged: readonly OffsetRange[] = []): TextFinding[] {
  const decided = [...own, ...judged];
  const markers = runMarkers(text).filter((marker) => !decided.some((range) => overlaps(range, marker)));
  return [...own, ...markers];
}

/**
 * Makes a converter from 0-based line and character (as language-server ranges give them) to a
 * 0-based offset in `text`.
 */
export function createOffsetter(text: string): (position: { line: number; character: number }) => number {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return ({ line, character }) => Math.min((lineStarts[line] ?? text.length) + character, text.length);
}
