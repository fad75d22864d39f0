/**
 * The scanner's prefilter on bytes: one multi-word search per file (src/detect/word-matcher.ts),
 * before any decoding, decides whether any rule or marker could match. Most files stop here, undecoded.
 *
 * Every trigger word is ASCII, and in UTF-8 (or Latin-1) an ASCII byte only ever stands for that
 * ASCII character, so searching the bytes finds a word exactly when the decoded text contains it.
 * UTF-16 files (with a BOM or told by their NULs) are decoded first.
 *
 * @packageDocumentation
 */
import { BEARER_SLOT_GATE, SURFACE_FRAMEWORK_WORDS, triggerWordsOf } from '../detect/triggers.js';
import { createWordMatcher } from '../detect/word-matcher.js';
import { decode, isBinaryContent, readBytes, someChunkMatches, utf16WithoutBom, type ReadLimits, type ReadResult } from './read.js';

/** A read that went through the prefilter. */
export interface PrefilteredRead extends ReadResult {
  /**
   * True when the text's only trigger words are bot or web frameworks ({@link SURFACE_FRAMEWORK_WORDS}):
   * the file cannot have a finding of its own, only facts for the cross-file pass.
   */
  surfaceOnly?: boolean;
  /**
   * True when the file has no text to analyze (binary, or over the read limit) but its bytes hold a
   * trigger word that can lead to a finding: it gets a `no-unanalyzed-code` finding, not only a diagnostic.
   */
  unreadWithTrigger?: boolean;
}

/** Any trigger word of any rule (src/detect/triggers.ts), searched for in one pass over the bytes. */
const ANY_TRIGGER = createWordMatcher(triggerWordsOf());

/** The trigger words that can lead to a finding in the file that holds them. */
const FINDING_WORDS = triggerWordsOf().filter((word) => !SURFACE_FRAMEWORK_WORDS.includes(word));
const FINDING_TRIGGER = createWordMatcher(FINDING_WORDS);

/** {@link FINDING_WORDS} but those that count only beside a companion ({@link BEARER_SLOT_GATE}), and those with their companions. */
const UNPAIRED_FINDING_TRIGGER = createWordMatcher(FINDING_WORDS.filter((word) => !BEARER_SLOT_GATE.words.includes(word)));
const BEARER_SLOT = createWordMatcher(BEARER_SLOT_GATE.words);
const BEARER_SLOT_COMPANION = createWordMatcher(BEARER_SLOT_GATE.companions);
const FRAMEWORK_TRIGGER = createWordMatcher(SURFACE_FRAMEWORK_WORDS);

/**
 * Whether the bytes are UTF-16, with a byte order mark (either endianness) or without one: their
 * words are not ASCII bytes, so the byte search cannot see them.
 */
function isUtf16(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || utf16WithoutBom(bytes) !== undefined;
}

/**
 * Tells whether a file's bytes may contain a trigger word: when false, no rule or marker can
 * report on the file and it need not be decoded.
 *
 * @param bytes - the file's content
 */
export function mayTrigger(bytes: Buffer): boolean {
  return ANY_TRIGGER.test(bytes) || isUtf16(bytes);
}

/**
 * Decodes bytes as {@link decode} does, but only when they may contain a trigger word that can lead
 * to a finding in the file itself. Otherwise the result has no text (`surfaceOnly` when the only
 * trigger words are frameworks) and the same diagnostics decoding would have given (binary), so a
 * scan reports the same either way.
 *
 * @param bytes - the file's content
 */
export function decodeIfTriggered(bytes: Buffer): PrefilteredRead {
  if (!mayTrigger(bytes)) return undecoded(bytes);
  // A file that only names a framework is read again if the scan finds a Claude call for it to
  // reach (src/scan/run.ts): decoding it now would be wasted on most trees.
  if (!mayFind(bytes)) return { ...undecoded(bytes), surfaceOnly: FRAMEWORK_TRIGGER.test(bytes) };
  const decoded = decode(bytes);
  return { ...decoded, surfaceOnly: false, ...(decoded.text === undefined ? { unreadWithTrigger: true } : {}) };
}

/** A read left undecoded, with the diagnostic decoding would have given (only binary content has one). */
function undecoded(bytes: Buffer): PrefilteredRead {
  return isBinaryContent(bytes) ? { diagnostics: decode(bytes).diagnostics } : { diagnostics: [] };
}

/**
 * Whether bytes may hold a finding of their own: a trigger word other than a framework's
 * ({@link PrefilteredRead.surfaceOnly}; `authToken` only beside a word that names Anthropic or
 * Claude), or UTF-16. A file for which this is false can only give facts to the cross-file passes.
 */
export function mayFind(bytes: Buffer): boolean {
  return UNPAIRED_FINDING_TRIGGER.test(bytes) || (BEARER_SLOT.test(bytes) && BEARER_SLOT_COMPANION.test(bytes)) || isUtf16(bytes);
}

/**
 * What can turn {@link mayFind} from false to true where it appears: a finding word, or a companion
 * of a word that was already there alone (`anthropic` added far from an old `authToken`).
 */
const CHANGE_WORDS = [...new Set([...FINDING_WORDS, ...BEARER_SLOT_GATE.companions])];
const CHANGE_TRIGGER = createWordMatcher(CHANGE_WORDS);
/** The longest of them (bytes): a word that touches a range lies within this many bytes of it. */
const LONGEST_CHANGE_WORD = Math.max(...CHANGE_WORDS.map((word) => word.length));

/**
 * {@link mayFind} for bytes made from other bytes that it is false for, by changes at known places
 * (a git delta against its base, or an edit between two versions of a file): only the bytes around
 * the changes are searched. A word that touches no change was copied whole from the other bytes,
 * which have no finding word (or only one that waits for a companion): when a finding word or a
 * companion touches a change, the whole bytes get {@link mayFind}.
 *
 * @param changes - `start, end` byte offsets of each changed run (`p, p` for a seam), ascending
 */
export function mayFindAround(bytes: Buffer, changes: readonly number[]): boolean {
  if (isUtf16(bytes)) return true;
  const reach = LONGEST_CHANGE_WORD - 1;
  for (let index = 0; index < changes.length; ) {
    const start = Math.max(0, (changes[index] as number) - reach);
    let end = Math.min(bytes.length, (changes[index + 1] as number) + reach);
    // Runs whose windows overlap are searched as one.
    for (index += 2; index < changes.length && (changes[index] as number) - reach <= end; index += 2) {
      end = Math.min(bytes.length, Math.max(end, (changes[index + 1] as number) + reach));
    }
    if (CHANGE_TRIGGER.test(bytes.subarray(start, end))) return mayFind(bytes);
  }
  return false;
}

/**
 * Reads a file and decodes it only when it may contain a trigger word: {@link readBytes}, then
 * {@link decodeIfTriggered}.
 *
 * @param path - absolute path
 * @returns the text (undefined when no rule can match, or unreadable) and diagnostics; never throws
 */
export function readIfTriggered(path: string, limits: ReadLimits): PrefilteredRead {
  const read = readBytes(path, limits);
  if (read.bytes !== undefined) return decodeIfTriggered(read.bytes);
  const tooLarge = read.diagnostics.some((diagnostic) => diagnostic.kind === 'too-large');
  return { diagnostics: read.diagnostics, ...(tooLarge && someChunkMatches(path, FINDING_TRIGGER) ? { unreadWithTrigger: true } : {}) };
}

/**
 * The first trigger word that can lead to a finding in a text: its 0-based offsets (UTF-16 code
 * units, end exclusive), or undefined when there is none. The text is searched as Latin-1 bytes,
 * one per code unit, so that offsets need no conversion: every trigger word is ASCII, which Latin-1
 * keeps as it is (a character above U+00FF is cut to its low byte and could, crafted, spell a word:
 * it would only place a finding).
 *
 * @param text - a decoded text
 */
export function findingTriggerIn(text: string): { start: number; end: number } | undefined {
  const start = FINDING_TRIGGER.indexIn(Buffer.from(text, 'latin1'));
  if (start === -1) return undefined;
  const length = Math.max(...FINDING_WORDS.map((word) => (text.startsWith(word, start) ? word.length : 0)));
  return { start, end: start + length };
}
