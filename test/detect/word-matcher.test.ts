import { describe, expect, it } from 'vitest';
import { triggerWordsOf } from '../../src/detect/triggers.js';
import { createWordMatcher } from '../../src/detect/word-matcher.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

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

  it('answers as String.prototype.includes does, on generated content over the real trigger words', () => {
    const words = triggerWordsOf();
    const all = createWordMatcher(words);
    // A fixed pseudo-random sequence: the content mixes code-like bytes with pieces of the words.
    let seed = 42;
    const next = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % limit;
    };
    const alphabet = "abcdeklortu-_./'\"` \n:=,ACDKOX0125";
    for (let round = 0; round < 400; round += 1) {
      let text = '';
      while (text.length < 200) {
        const word = words[next(words.length)] ?? '';
        text += next(4) === 0 ? word.slice(0, 1 + next(word.length)) : (alphabet[next(alphabet.length)] ?? '');
      }
      expect(all.test(bytes(text)), text).toBe(words.some((word) => text.includes(word)));
    }
  });

  it('answers on strings as on bytes, characters above U+00FF included', () => {
    const words = triggerWordsOf();
    const all = createWordMatcher(words);
    let seed = 7;
    const next = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % limit;
    };
    // Characters whose low byte is a letter of the words: a matcher that truncated them would see words that are not there.
    const alphabet = "aklu-_./'\"` \n\u0173\u016b\u0161\u2013\u4e2d\u{1f511}";
    for (let round = 0; round < 400; round += 1) {
      let text = '';
      while (text.length < 200) {
        const word = words[next(words.length)] ?? '';
        text += next(4) === 0 ? word.slice(0, 1 + next(word.length)) : (alphabet[next(alphabet.length)] ?? '');
      }
      expect(all.testText(text), text).toBe(words.some((word) => text.includes(word)));
    }
    expect(matcher.testText('認証 authToken 🔑')).toBe(true);
    expect(matcher.testText('\u0173k-ant')).toBe(false);
  });

  it('rejects words it cannot search for', () => {
    expect(() => createWordMatcher([])).toThrow(RangeError);
    expect(() => createWordMatcher(['a'])).toThrow(RangeError);
    expect(() => createWordMatcher(['clé€'])).toThrow(RangeError);
  });
});
