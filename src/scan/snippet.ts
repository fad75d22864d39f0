/**
 * Code excerpts for findings: a few lines around the finding, secrets redacted and long lines cut,
 * so that reports can show code without ever holding a whole secret or a minified megabyte.
 *
 * @packageDocumentation
 */
import { redactExcerptMapped } from '../detect/tokens.js';

/** One line of an excerpt. */
export interface SnippetLine {
  /** 1-based line number in the file. */
  line: number;
  /** The line's text, secrets redacted, at most {@link SNIPPET_MAX_LINE_LENGTH} characters plus `…` marks. */
  text: string;
}

/** Lines shown before and after a finding's first line (so an excerpt has at most 5 lines). */
export const SNIPPET_CONTEXT_LINES = 2;
/** Characters kept of a long line (UTF-16 code units), not counting the `…` marks of a cut. */
export const SNIPPET_MAX_LINE_LENGTH = 200;
/** On a cut finding line, how many characters to keep before the finding's column. */
const LEAD_BEFORE_COLUMN = 60;

/**
 * Cuts a (redacted) line to {@link SNIPPET_MAX_LINE_LENGTH} characters around `focus`, marking cut
 * ends with `…`.
 *
 * @param text - an already redacted line
 * @param focus - 0-based offset that must stay visible
 */
function cut(text: string, focus: number): string {
  if (text.length <= SNIPPET_MAX_LINE_LENGTH) return text;
  const start = Math.max(0, Math.min(focus - LEAD_BEFORE_COLUMN, text.length - SNIPPET_MAX_LINE_LENGTH));
  const end = start + SNIPPET_MAX_LINE_LENGTH;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * Makes excerpts of one file's text. Finds where its lines start once; call the result for each finding.
 *
 * Each line is redacted whole before it is cut, so a cut can never keep part of a credential that
 * the redaction would no longer recognise.
 *
 * @param text - the file's text
 * @returns a function of a finding's 1-based line and column giving up to 5 lines around it
 */
export function createSnippetMaker(text: string): (line: number, column: number) => SnippetLine[] {
  // Offsets where lines start, not the lines: a file of a million lines holds one number per line, not a string.
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  // The newline that ends the last line does not start another one.
  const lineCount = starts.length > 1 && starts.at(-1) === text.length ? starts.length - 1 : starts.length;
  const lineText = (number: number): string => text.slice(starts[number - 1] ?? text.length, (starts[number] ?? text.length + 1) - 1);
  // Many findings on one long (minified) line must not redact it again each time, nor its start
  // up to each finding's column: each line is redacted once, with a map of its offsets.
  const redactedLines = new Map<number, ReturnType<typeof redactExcerptMapped>>();
  const redactedLine = (number: number): ReturnType<typeof redactExcerptMapped> => {
    let redacted = redactedLines.get(number);
    if (redacted === undefined) {
      redacted = redactExcerptMapped(lineText(number).replace(/\r$/, ''));
      redactedLines.set(number, redacted);
    }
    return redacted;
  };
  return (line, column) => {
    const first = Math.max(1, line - SNIPPET_CONTEXT_LINES);
    const last = Math.min(lineCount, line + SNIPPET_CONTEXT_LINES);
    const snippet: SnippetLine[] = [];
    for (let number = first; number <= last; number += 1) {
      const redacted = redactedLine(number);
      // Where the finding's column lands once tokens before it have been shortened.
      const focus = number === line ? redacted.offsetOf(Math.max(0, column - 1)) : 0;
      snippet.push({ line: number, text: cut(redacted.text, focus) });
    }
    return snippet;
  };
}
