/**
 * A multi-word substring search over bytes: the Wu–Manber algorithm (Wu and Manber, "A fast
 * algorithm for multi-pattern searching", 1994), with blocks of two bytes. It slides a window as
 * long as the shortest word and skips ahead by how far the window's last two bytes are from the end
 * of any word's anchor, so most of a file is never looked at byte by byte. On source code it runs
 * about five times faster than V8's regular expression for the same alternation of words, and it
 * reads bytes directly, without first making a string.
 *
 * Wu and Manber anchor every word at its first bytes. Trigger words often begin with what code is
 * full of (`export async function POST`, `from 'bun'`, `createServer`), and each such prefix in a
 * file stops the window; so each word is anchored instead at its rarest window-long piece, judged
 * by how common its characters are in source code (`POST`, `'bun`, `eSer`). On the bench's npm
 * packages and the Claude-calling corpus this halves the search time for the 180 trigger words.
 *
 * @packageDocumentation
 */

/** Bytes per block: two, so the shift table has 65,536 entries. */
const BLOCK = 2;

/** Tests bytes for any of a fixed set of words. */
export interface WordMatcher {
  /**
   * Tells whether `bytes` contain any of the words (byte for byte: case-sensitive).
   *
   * @param bytes - the content to search, e.g. a file's bytes
   */
  test(bytes: Uint8Array): boolean;
  /**
   * Where the first of the words in `bytes` starts (0-based byte offset), or -1 when none is there.
   *
   * @param bytes - the content to search
   */
  indexIn(bytes: Uint8Array): number;
  /**
   * Every one of the words that `bytes` contain, each once (one pass over the bytes).
   *
   * @param bytes - the content to search
   */
  wordsIn(bytes: Uint8Array): Set<string>;
  /** The length of the longest word, in bytes: what a search in chunks must carry over from one to the next, less one. */
  readonly longestWord: number;
}

/** The block that ends at `end` (exclusive), as a table index. */
function blockAt(bytes: Uint8Array, end: number): number {
  return (bytes[end - 2] as number) | ((bytes[end - 1] as number) << 8);
}

/** Whether `word` occurs in `bytes` at `start`. */
function occursAt(bytes: Uint8Array, start: number, word: Uint8Array): boolean {
  if (start < 0 || start + word.length > bytes.length) return false;
  for (let index = 0; index < word.length; index += 1) {
    if (bytes[start + index] !== word[index]) return false;
  }
  return true;
}

/**
 * How common a character is in source code, roughly: whitespace most, then the most frequent
 * lowercase letters, other lowercase letters, everyday punctuation, and the rest (capitals, digits,
 * rare punctuation). Only the order matters; it picks anchors, it never decides a match.
 */
function commonness(character: string): number {
  if (' \n\t'.includes(character)) return 5;
  if ('etaoinsr'.includes(character)) return 4;
  if (character >= 'a' && character <= 'z') return 3;
  if ('(){};.,=\'"_/-:'.includes(character)) return 2;
  return 1;
}

/**
 * Where a word's anchor starts: the window-long piece whose adjacent character pairs are least
 * common (the pair that ends the window, which decides whether the window stops, counted twice).
 */
function anchorOffset(word: string, window: number): number {
  let best = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let offset = 0; offset + window <= word.length; offset += 1) {
    let score = 0;
    for (let index = offset + 1; index < offset + window; index += 1) {
      const weight = index === offset + window - 1 ? 2 : 1;
      score += commonness(word[index - 1] as string) * commonness(word[index] as string) * weight;
    }
    if (score < bestScore) {
      bestScore = score;
      best = offset;
    }
  }
  return best;
}

/** A word with the offset of its anchor in it. */
interface AnchoredWord {
  text: string;
  bytes: Uint8Array;
  anchor: number;
}

/**
 * Builds a matcher for words given as strings of one-byte characters (ASCII; each character is
 * matched as its Latin-1 byte, so in UTF-8 content an ASCII word is found exactly where the decoded
 * text contains it).
 *
 * @param words - the words, each at least two characters long, every character U+0000–U+00FF
 * @throws RangeError when there is no word, a word is shorter than two characters, or a character is above U+00FF
 */
export function createWordMatcher(words: readonly string[]): WordMatcher {
  if (words.length === 0) throw new RangeError('A word matcher needs at least one word.');
  for (const word of words) {
    if (word.length < BLOCK || /[^\u0000-\u00ff]/.test(word)) throw new RangeError(`Not a word of two or more one-byte characters: ${JSON.stringify(word)}`);
  }
  // Every word's anchor is `window` bytes long; the shift table is built on the anchors.
  const window = Math.min(...words.map((word) => word.length));
  const shifts = new Uint8Array(65_536).fill(window - BLOCK + 1);
  const candidates = new Map<number, AnchoredWord[]>();
  for (const word of words) {
    const bytes = Buffer.from(word, 'latin1');
    const anchor = anchorOffset(word, window);
    for (let end = anchor + BLOCK; end <= anchor + window; end += 1) {
      const block = blockAt(bytes, end);
      shifts[block] = Math.min(shifts[block] as number, anchor + window - end);
    }
    const last = blockAt(bytes, anchor + window);
    candidates.set(last, [...(candidates.get(last) ?? []), { text: word, bytes, anchor }]);
  }
  // A word is found when the window reaches its anchor: one that starts earlier but is anchored
  // further in may be found after one that starts later. The leftmost is certain once the window is
  // past the best start by the largest anchor offset.
  const farthestAnchor = Math.max(...[...candidates.values()].flat().map((word) => word.anchor));
  const search = (bytes: Uint8Array, leftmost: boolean): number => {
    let best = -1;
    for (let end = window; end <= bytes.length; ) {
      if (best !== -1 && end > best + farthestAnchor + window) break;
      const block = blockAt(bytes, end);
      const shift = shifts[block] as number;
      if (shift > 0) {
        end += shift;
        continue;
      }
      const anchorStart = end - window;
      for (const word of candidates.get(block) ?? []) {
        const start = anchorStart - word.anchor;
        if ((best === -1 || start < best) && occursAt(bytes, start, word.bytes)) {
          if (!leftmost) return start;
          best = start;
        }
      }
      end += 1;
    }
    return best;
  };
  const wordsIn = (bytes: Uint8Array): Set<string> => {
    const found = new Set<string>();
    for (let end = window; end <= bytes.length; ) {
      const block = blockAt(bytes, end);
      const shift = shifts[block] as number;
      if (shift > 0) {
        end += shift;
        continue;
      }
      for (const word of candidates.get(block) ?? []) {
        if (occursAt(bytes, end - window - word.anchor, word.bytes)) found.add(word.text);
      }
      end += 1;
    }
    return found;
  };
  return { test: (bytes) => search(bytes, false) !== -1, indexIn: (bytes) => search(bytes, true), wordsIn, longestWord: Math.max(...words.map((word) => word.length)) };
}
