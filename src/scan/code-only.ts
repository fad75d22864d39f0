/**
 * The code of a file, without its comments nor the contents of its strings, for the limits that
 * decide whether a file is parsed (analyze.ts: "minified", "too deep", the parse size). Those limits
 * bound the work of a parse, and a comment or a string is one token, which costs a parser next to
 * nothing; measured on the whole text, one 20,000-character comment line, 501 `(` in a comment or a
 * megabyte of padding in a comment or a string would turn off the analysis of a file. One linear pass of a small lexer (strings, template literals and comments of JS/TS; strings
 * and `#` comments of Python). Regular expression literals are not told apart, so a crafted one
 * (`/\/*x/`) can make code look shallower than it is; a parse that then overflows the stack is
 * caught by the analyzer, and the text markers stand in (analyze-js.ts).
 *
 * @packageDocumentation
 */
import type { FileKind } from './classify.js';

/** A file's code as the parse limits measure it. */
export interface CodeOnly {
  /**
   * The text without comments nor the contents of quoted strings (quotes and template literals
   * kept, as their `${…}` hold code): for the parse size and line lengths, in UTF-16 code units,
   * and bracket nesting.
   */
  bare: string;
}

/** Where the string or comment that starts at `start` ends (one past its last character). */
type Skipper = (text: string, start: number) => { end: number; comment: boolean } | undefined;

/** The end of a string closed by `quote` (backslash escapes honoured), or of its line when `singleLine` and unclosed. */
function stringEnd(text: string, from: number, quote: string, singleLine: boolean): number {
  for (let at = from; at < text.length; at += 1) {
    const character = text[at];
    if (character === '\\') at += 1;
    else if (text.startsWith(quote, at)) return at + quote.length;
    else if (singleLine && character === '\n') return at;
  }
  return text.length;
}

const skipJs: Skipper = (text, start) => {
  const character = text[start];
  if (character === '/' && text[start + 1] === '/') {
    const end = text.indexOf('\n', start);
    return { end: end === -1 ? text.length : end, comment: true };
  }
  if (character === '/' && text[start + 1] === '*') {
    const end = text.indexOf('*/', start + 2);
    return { end: end === -1 ? text.length : end + 2, comment: true };
  }
  if (character === '"' || character === "'") return { end: stringEnd(text, start + 1, character, true), comment: false };
  if (character === '`') return { end: stringEnd(text, start + 1, '`', false), comment: false };
  return undefined;
};

const skipPython: Skipper = (text, start) => {
  const character = text[start];
  if (character === '#') {
    const end = text.indexOf('\n', start);
    return { end: end === -1 ? text.length : end, comment: true };
  }
  if (character === '"' || character === "'") {
    const triple = character.repeat(3);
    if (text.startsWith(triple, start)) return { end: stringEnd(text, start + 3, triple, false), comment: false };
    return { end: stringEnd(text, start + 1, character, true), comment: false };
  }
  return undefined;
};

const SKIPPERS: Partial<Record<FileKind, Skipper>> = { js: skipJs, python: skipPython };

/** One run of a file's text, as the small lexer sees it (0-based offsets, end exclusive). */
export interface Segment {
  start: number;
  end: number;
  /** Code, a string or template literal, or a comment. */
  type: 'code' | 'literal' | 'comment';
}

/**
 * A file's text as runs of code, literals and comments, in order and covering all of it (JS/TS and
 * Python; other kinds are one run of code).
 *
 * @param text - the file's text
 * @param kind - from {@link classify}
 */
export function* segments(text: string, kind: FileKind): Generator<Segment> {
  const skip = SKIPPERS[kind];
  if (!skip) {
    yield { start: 0, end: text.length, type: 'code' };
    return;
  }
  let codeFrom = 0;
  const special = kind === 'js' ? /[/"'`]/g : /[#"']/g;
  for (let match = special.exec(text); match !== null; match = special.exec(text)) {
    const skipped = skip(text, match.index);
    if (!skipped) continue;
    if (match.index > codeFrom) yield { start: codeFrom, end: match.index, type: 'code' };
    yield { start: match.index, end: skipped.end, type: skipped.comment ? 'comment' : 'literal' };
    codeFrom = skipped.end;
    special.lastIndex = Math.max(skipped.end, match.index + 1);
  }
  if (codeFrom < text.length) yield { start: codeFrom, end: text.length, type: 'code' };
}

/**
 * What a segment leaves of itself in the bare text: code whole, a template literal whole (its
 * `${…}` hold code), a quoted string as its two quotes, a comment nothing.
 */
export function bareOf(text: string, segment: Segment): string {
  if (segment.type === 'code' || (segment.type === 'literal' && text[segment.start] === '`')) return text.slice(segment.start, segment.end);
  return segment.type === 'literal' ? `${text[segment.start] ?? ''}${text[segment.end - 1] ?? ''}` : '';
}

/**
 * The code of a file without its comments nor string contents (JS/TS and Python; other kinds come back whole).
 *
 * @param text - the file's text
 * @param kind - from {@link classify}
 */
export function codeOnly(text: string, kind: FileKind): CodeOnly {
  if (!SKIPPERS[kind]) return { bare: text };
  const bare: string[] = [];
  for (const segment of segments(text, kind)) bare.push(bareOf(text, segment));
  return { bare: bare.join('') };
}
