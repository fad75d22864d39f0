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

/**
 * The code of a file without its comments nor string contents (JS/TS and Python; other kinds come back whole).
 *
 * @param text - the file's text
 * @param kind - from {@link classify}
 */
export function codeOnly(text: string, kind: FileKind): CodeOnly {
  const skip = SKIPPERS[kind];
  if (!skip) return { bare: text };
  const bare: string[] = [];
  let copiedUpTo = 0;
  const special = kind === 'js' ? /[/"'`]/g : /[#"']/g;
  for (let match = special.exec(text); match !== null; match = special.exec(text)) {
    const skipped = skip(text, match.index);
    if (!skipped) continue;
    bare.push(text.slice(copiedUpTo, match.index));
    if (!skipped.comment) {
      const literal = text.slice(match.index, skipped.end);
      // A template literal keeps its brackets: its `${…}` hold code.
      bare.push(text[match.index] === '`' ? literal : `${literal[0] ?? ''}${literal.at(-1) ?? ''}`);
    }
    copiedUpTo = skipped.end;
    special.lastIndex = Math.max(skipped.end, match.index + 1);
  }
  bare.push(text.slice(copiedUpTo));
  return { bare: bare.join('') };
}
