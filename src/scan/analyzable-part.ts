/**
 * The analyzable part of a JS/TS file with more code than a parse may read (analyze.ts:
 * MAX_PARSE_LENGTH): the file with the insides of its largest `{…}` and `[…]` blocks blanked out,
 * until the code left is under the limit. A megabyte of generated table or a bundled library
 * next to an HTTP route must not keep the route from the rules: the route is parsed, the blocks are
 * left to the text markers, and a `no-unanalyzed-code` finding still says that part of the file
 * was not analyzed.
 *
 * Blanking keeps every offset and line (characters become spaces, line breaks stay), so findings
 * need no mapping, and an emptied block is still valid syntax: `{ }` is an empty object, block or
 * body, `[ ]` an empty array. A `[` that follows a name or a closing bracket is an index (`a[…]`,
 * which cannot be empty) and is never blanked. Bounded work: one pass of the lexer
 * (src/scan/code-only.ts) and a sort of the blocks of at least {@link MIN_BLOCK} characters.
 *
 * @packageDocumentation
 */
import { bareOf, segments } from './code-only.js';

/** Blocks smaller than this many characters of code are never blanked: the parse limit is far above them. */
const MIN_BLOCK = 1024;

/** A file reduced to what a parse may read. */
export interface AnalyzablePart {
  /** The text with the chosen blocks' insides blanked: same length and line breaks as the file. */
  text: string;
  /** Whether an offset of the file lies in a blanked block. */
  blankedAt(offset: number): boolean;
  /** The blanked ranges (0-based offsets, end exclusive), in position order. */
  blanked: readonly { start: number; end: number }[];
}

/** One bracketed block: its brackets' offsets, its code size (printed characters of bare code between them, as analyze.ts counts) and its parent. */
interface Block {
  open: number;
  close: number;
  size: number;
  parent: number;
}

/** Every `{…}` and array `[…]` block in the code of a JS/TS text, with bare-code sizes; unbalanced brackets end the blocks they cross. */
function blocksOf(text: string): { blocks: Block[]; bareLength: number } {
  const blocks: Block[] = [];
  const open: { at: number; bare: number; bracket: string; index: number; blankable: boolean }[] = [];
  let bare = 0;
  let previousCode = '';
  for (const segment of segments(text, 'js')) {
    if (segment.type !== 'code') {
      bare += bareOf(text, segment).replace(/\s/g, '').length;
      if (segment.type === 'literal') previousCode = 'x';
      continue;
    }
    for (let at = segment.start; at < segment.end; at += 1) {
      const character = text[at] as string;
      if (character === '{' || character === '[' || character === '(') {
        // An index or a call's brackets, after a name or a closing bracket: not a block of its own.
        const blankable = character === '{' || !/[\w$)\]]/.test(previousCode);
        open.push({ at, bare, bracket: character, index: blocks.length, blankable });
        blocks.push({ open: at, close: -1, size: 0, parent: open.at(-2)?.index ?? -1 });
      } else if (character === '}' || character === ']' || character === ')') {
        const expected = character === '}' ? '{' : character === ']' ? '[' : '(';
        const top = open.at(-1);
        if (top?.bracket === expected) {
          open.pop();
          const block = blocks[top.index] as Block;
          if (top.blankable && top.bracket !== '(') Object.assign(block, { close: at, size: bare - top.bare - 1 });
        } else {
          // Unbalanced (a regular expression literal, broken code): nothing open can be trusted.
          open.length = 0;
        }
      }
      if (character.charCodeAt(0) > 32) {
        previousCode = character;
        bare += 1;
      }
    }
  }
  return { blocks, bareLength: bare };
}

/**
 * The analyzable part of a JS/TS text, or undefined when blanking blocks cannot bring its code
 * under `limit` (one statement holds it all, or the brackets cannot be trusted).
 *
 * @param text - the file's text
 * @param limit - characters of bare code a parse may read (src/scan/code-only.ts)
 */
export function analyzablePart(text: string, limit: number): AnalyzablePart | undefined {
  const { blocks, bareLength } = blocksOf(text);
  const candidates = blocks.map((block, index) => ({ block, index })).filter(({ block }) => block.close !== -1 && block.size >= MIN_BLOCK);
  candidates.sort((a, b) => b.block.size - a.block.size);
  const chosen = new Set<number>();
  let left = bareLength;
  for (const { block, index } of candidates) {
    if (left <= limit) break;
    let ancestor = block.parent;
    while (ancestor !== -1 && !chosen.has(ancestor)) ancestor = blocks[ancestor]?.parent ?? -1;
    if (ancestor !== -1) continue;
    chosen.add(index);
    left -= block.size;
  }
  if (left > limit) return undefined;
  const ranges = [...chosen].map((index) => blocks[index] as Block).map((block) => ({ start: block.open + 1, end: block.close })).sort((a, b) => a.start - b.start || b.end - a.end);
  // A block as large as one inside it may have been chosen too: the outer one covers it.
  let coveredTo = -1;
  const blanked = ranges.filter((range) => {
    if (range.start < coveredTo) return false;
    coveredTo = range.end;
    return true;
  });
  const pieces: string[] = [];
  let copied = 0;
  for (const range of blanked) {
    pieces.push(text.slice(copied, range.start), text.slice(range.start, range.end).replace(/[^\n]/g, ' '));
    copied = range.end;
  }
  pieces.push(text.slice(copied));
  const blankedAt = (offset: number): boolean => {
    let low = 0;
    let high = blanked.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = blanked[middle] as { start: number; end: number };
      if (offset < range.start) high = middle - 1;
      else if (offset >= range.end) low = middle + 1;
      else return true;
    }
    return false;
  };
  return { text: pieces.join(''), blankedAt, blanked };
}
