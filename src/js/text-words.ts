/**
 * Word tests on the text of the file being linted, shared by the rules: each rule's gate and the
 * shared analysis ask about overlapping lists of trigger words (src/detect/triggers.ts), and each
 * `includes` of a word that is absent scans the whole text. Here each word is looked up once per
 * file. The answers are kept for the last text only: ESLint lints one file at a time.
 *
 * @packageDocumentation
 */

let lastText: string | undefined;
let answers = new Map<string, boolean>();

/**
 * Tells whether a text contains any of the words: `containsAny` of src/detect/triggers.ts, with
 * each word's answer remembered for the same text.
 *
 * @param text - the file's text
 * @param words - substrings, case-sensitive
 */
export function textContainsAny(text: string, words: readonly string[]): boolean {
  if (text !== lastText) {
    lastText = text;
    answers = new Map();
  }
  for (const word of words) {
    let found = answers.get(word);
    if (found === undefined) {
      found = text.includes(word);
      answers.set(word, found);
    }
    if (found) return true;
  }
  return false;
}
