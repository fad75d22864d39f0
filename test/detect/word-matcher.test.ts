import { describe, expect, it } from 'vitest';
import { triggerWordsOf } from '../../src/detect/triggers.js';
import { createWordMatcher } from '../../src/detect/word-matcher.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const WORDS = triggerWordsOf();

/**
 * 400 texts of about 200 characters, from a fixed pseudo-random sequence: pieces of the trigger
 * words (often whole, often cut short) among characters of `alphabet`.
 */
function* generatedTexts(seed: number, alphabet: string): Generator<string> {
  const next = (limit: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % limit;
  };
  for (let round = 0; round < 400; round += 1) {
    let text = '';
    while (text.length < 200) {
      const word = WORDS[next(WORDS.length)] ?? '';
      text += next(4) === 0 ? word.slice(0, 1 + next(word.length)) : (alphabet[next(alphabet.length)] ?? '');
    }
    yield text;
  }
}

describe('createWordMatcher', () => {
  const matcher = createWordMatcher(['sk-ant', 'authToken', "'.credentials", 'x-app']);

  it('finds a word at the start, in the middle and at the very end', () => {
    expect(matcher.test(bytes('sk-ant-oat01-…'))).toBe(true);
    expect(matcher.test(bytes('const { authToken } = options;'))).toBe(true);
    expect(matcher.test(bytes("join(home, '.credentials"))).toBe(true);
    expect(matcher.test(bytes('x-app'))).toBe(true);
  });

  it('does not find a word cut short by the end of the content, or one letter off', () => {
    expect(matcher.test(bytes('const authToke'))).toBe(false);
    expect(matcher.test(bytes('AuthToken sk_ant x-ap'))).toBe(false);
    expect(matcher.test(bytes(''))).toBe(false);
    expect(matcher.test(bytes('x'))).toBe(false);
  });

  it('finds a longer word whose first bytes are shared with a shorter one', () => {
    const shared = createWordMatcher(['oauth', 'oauth/token', 'oauth-2025-04-20']);
    expect(shared.test(bytes('POST /v1/oauth/token'))).toBe(true);
    expect(createWordMatcher(['oauth/token', 'oauth-2025-04-20']).test(bytes('oauth/tok oauth-2025-04-2'))).toBe(false);
  });

  it('finds a word by a piece from its middle (its anchor), not only by its first bytes', () => {
    // The anchor of each long word is a rare piece such as `POST` or `'bun`; the prefix is common code.
    const routes = createWordMatcher(['export async function POST', "from 'bun'", 'x-app']);
    expect(routes.test(bytes('export async function GET() {}\nexport async function POST(req) {}'))).toBe(true);
    expect(routes.test(bytes("import { serve } from 'bun';"))).toBe(true);
    expect(routes.test(bytes('export async function GET() {}\nexport async function PUT(req) {}'))).toBe(false);
    // The anchor is there, but the word would begin before the content does.
    expect(routes.test(bytes('function POST(req) {}'))).toBe(false);
    expect(routes.test(bytes("'bun'"))).toBe(false);
  });

  it('answers as String.prototype.includes does, on generated content over the real trigger words', () => {
    const all = createWordMatcher(WORDS);
    for (const text of generatedTexts(42, "abcdeklortu-_./'\"` \n:=,ACDKOX0125")) {
      expect(all.test(bytes(text)), text).toBe(WORDS.some((word) => text.includes(word)));
    }
    // Words cut at both ends, so that anchors from the middle of words meet the content's edges.
    for (const text of generatedTexts(7, 'aefnoprstuxCEPST ({\'"/.')) {
      const cut = text.slice(text.length % 13);
      expect(all.test(bytes(cut)), cut).toBe(WORDS.some((word) => cut.includes(word)));
    }
  });

  it('lists every word the content holds, each once, as String.prototype.includes would', () => {
    const all = createWordMatcher(WORDS);
    for (const text of generatedTexts(11, "abcdeklortu-_./'\"` \n:=,ACDKOX0125")) {
      expect([...all.wordsIn(bytes(text))].sort(), text).toEqual(WORDS.filter((word) => text.includes(word)).sort());
    }
    const overlapping = createWordMatcher(['abcdefPQ', 'cd', 'cdef']);
    expect([...overlapping.wordsIn(bytes('xxabcdefPQ cdef cd'))].sort()).toEqual(['abcdefPQ', 'cd', 'cdef']);
  });

  it('finds where the leftmost word starts, even one anchored further in than a word after it', () => {
    // `abcdefPQ` is anchored at `PQ`, so the window meets `cd` (which starts later) first.
    const matcher = createWordMatcher(['abcdefPQ', 'cd']);
    expect(matcher.indexIn(bytes('xxabcdefPQ'))).toBe(2);
    expect(matcher.indexIn(bytes('xxcd abcdefPQ'))).toBe(2);
    expect(matcher.indexIn(bytes('xxabcdefPx'))).toBe(4);
    expect(matcher.indexIn(bytes('nothing here'))).toBe(-1);
    expect(matcher.longestWord).toBe(8);
    for (const text of generatedTexts(11, 'abcdefPQ x')) {
      const starts = ['abcdefPQ', 'cd'].map((word) => text.indexOf(word)).filter((start) => start !== -1);
      expect(matcher.indexIn(bytes(text)), text).toBe(starts.length > 0 ? Math.min(...starts) : -1);
    }
  });

  it('rejects words it cannot search for', () => {
    expect(() => createWordMatcher([])).toThrow(RangeError);
    expect(() => createWordMatcher(['a'])).toThrow(RangeError);
    expect(() => createWordMatcher(['clé€'])).toThrow(RangeError);
  });
});
