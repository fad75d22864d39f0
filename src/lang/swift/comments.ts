/**
 * Where Swift's comments are, read by a small lexer rather than a parser: no WebAssembly build of
 * a Swift grammar ships in a package small enough to add for this alone (see the README), and the
 * markers only need to know which text is a comment. It knows what can hide a comment opener:
 * `//` and nested `/* … *\/` comments, string literals (`"…"`, multi-line `"""…"""`, raw
 * `#"…"#`) and the code inside their interpolations (`\( … )`, which may hold strings again).
 * Source: The Swift Programming Language, "Lexical Structure" (comments, string literals).
 *
 * @packageDocumentation
 */
import type { OffsetRange } from '../../files/analyzer.js';

/** Where a string literal opened at `start` (its first `#` or quote) ends, and the comments inside its interpolations. */
function skipString(text: string, start: number, comments: OffsetRange[]): number {
  let index = start;
  let hashes = 0;
  while (text[index] === '#') {
    hashes += 1;
    index += 1;
  }
  const multiline = text.startsWith('"""', index);
  const quote = multiline ? '"""' : '"';
  const closer = quote + '#'.repeat(hashes);
  const interpolation = '\\' + '#'.repeat(hashes) + '(';
  index += quote.length;
  while (index < text.length) {
    if (text.startsWith(closer, index)) return index + closer.length;
    if (!multiline && text[index] === '\n') return index;
    if (text.startsWith(interpolation, index)) {
      index = lexCode(text, index + interpolation.length, comments, true);
      continue;
    }
    index += hashes === 0 && text[index] === '\\' ? 2 : 1;
  }
  return text.length;
}

/** Where a block comment opened at `start` ends: Swift's block comments nest. */
function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    if (text.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (text.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return text.length;
}

/**
 * Lexes code from `start`, recording comments, up to the end of the text or, inside an
 * interpolation, up to its closing parenthesis. Returns where it stopped (after that parenthesis).
 */
function lexCode(text: string, start: number, comments: OffsetRange[], interpolated: boolean): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end;
      comments.push({ start: index, end: stop });
      index = stop;
    } else if (text.startsWith('/*', index)) {
      const end = skipBlockComment(text, index);
      comments.push({ start: index, end });
      index = end;
    } else if (char === '"' || (char === '#' && /^#+"/.test(text.slice(index, index + 8)))) {
      index = skipString(text, index, comments);
    } else if (interpolated && char === '(') {
      depth += 1;
      index += 1;
    } else if (interpolated && char === ')') {
      if (depth === 0) return index + 1;
      depth -= 1;
      index += 1;
    } else {
      index += 1;
    }
  }
  return index;
}

/**
 * The comments of a Swift file.
 *
 * @param text - the whole file
 * @returns comment ranges (0-based offsets, end exclusive), in source order, not overlapping
 */
export function swiftComments(text: string): OffsetRange[] {
  const comments: OffsetRange[] = [];
  lexCode(text, 0, comments, false);
  return comments.sort((a, b) => a.start - b.start);
}
