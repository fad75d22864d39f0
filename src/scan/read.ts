/**
 * Reading a file into text without ever failing the scan: binary content, unknown encodings and
 * oversize files become diagnostics.
 *
 * @packageDocumentation
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { WordMatcher } from '../detect/word-matcher.js';
import type { Diagnostic } from './finding.js';

/** Bytes sniffed for NUL to decide that content is binary (git's heuristic) or UTF-16 without a byte order mark. */
const SNIFF_BYTES = 8000;
/**
 * Share of NUL bytes among the sniffed ones from which content is binary. git calls one NUL enough;
 * here a NUL pasted into a comment must not turn off the analysis of a whole file, while images,
 * archives and executables hold far more.
 */
const BINARY_NUL_SHARE = 0.05;
/**
 * Share of the bytes at even (or odd) offsets that must be NUL, and of the others that must not, for
 * content without a byte order mark to be read as UTF-16: ASCII text in UTF-16LE has a NUL at every
 * odd offset.
 */
const UTF16_NUL_SHARE = 0.9;

/**
 * How files are opened for reading: never blocking (a file swapped for a named pipe after the walk
 * listed it would block the scan for ever; its type is checked once it is open) and, where the
 * platform allows, never through a symbolic link swapped in after the walk.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** The outcome of reading one file. */
export interface ReadResult {
  /** The decoded text, or undefined when the file is not analyzed at all. */
  text?: string;
  /** Problems met on the way (the file may still have text). */
  diagnostics: Diagnostic[];
}

/** Limits for {@link readText}. */
export interface ReadLimits {
  /** Files larger than this (bytes) are not read; a diagnostic says so. */
  maxBytes: number;
}

/** Not fatal: invalid sequences decode to U+FFFD. The BOM is kept, to be stripped once. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads and decodes a file: UTF-8 (BOM stripped), UTF-16 with or without a BOM. Bytes that are not
 * valid UTF-8 become U+FFFD replacement characters, one per invalid sequence, so that one stray
 * byte in a comment does not keep the parsers from the rest of the file and the lines stay where
 * they were.
 *
 * @param path - absolute path
 * @returns the text and any diagnostics; never throws
 */
export function readText(path: string, limits: ReadLimits): ReadResult {
  const read = readBytes(path, limits);
  return read.bytes === undefined ? { diagnostics: read.diagnostics } : decode(read.bytes);
}

/**
 * Reads a file's bytes, without decoding them. Synchronous on purpose: most files of a tree are
 * small and in the page cache, where one blocking read costs a fraction of the thread-pool round
 * trips of `fs/promises` (open, stat, read, close: about 5x slower over the bench corpus), and
 * `limits.maxBytes` bounds how long one read can block. The size comes from the open file, so the
 * walk need not stat every file.
 *
 * @param path - absolute path
 * @returns the bytes, or a `too-large` / `unreadable` diagnostic; never throws
 */
export function readBytes(path: string, limits: ReadLimits): { bytes?: Buffer; diagnostics: Diagnostic[] } {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, READ_FLAGS);
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { diagnostics: [{ kind: 'unreadable', message: 'Not read: not a regular file.' }] };
    const { size } = stats;
    if (size > limits.maxBytes) {
      const reason = `${formatBytes(size)} is over the ${formatBytes(limits.maxBytes)} read limit`;
      return { diagnostics: [{ kind: 'too-large', reason, message: `Not read: ${reason}.` }] };
    }
    const bytes = Buffer.allocUnsafe(size);
    // A file that shrinks while it is read ends early; one that grows is read up to its opening size.
    let filled = 0;
    while (filled < size) {
      const read = readSync(descriptor, bytes, filled, size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return { bytes: bytes.subarray(0, filled), diagnostics: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // The walk lists names as UTF-8: a name that is not valid UTF-8 comes back with U+FFFD in it and cannot be opened by that name.
    if (code === 'ENOENT' && path.includes('\ufffd')) return { diagnostics: [{ kind: 'unreadable', message: 'Not read: the file name is not valid UTF-8.' }] };
    return { diagnostics: [{ kind: 'unreadable', message: `Could not read the file (${code}).` }] };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Bytes read at a time by {@link someChunkMatches}. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * How far {@link someChunkMatches} reads into a file too large to analyze (bytes). Past it the file
 * counts as holding no word: git hosts refuse files far smaller (GitHub: 100 MB), and a bigger one
 * is data, not code someone wrote.
 */
export const MAX_SEARCHED_BYTES = 1024 * 1024 * 1024;

/**
 * Whether a file holds one of a matcher's words, read in chunks (memory stays at one chunk, whatever
 * the file's size), up to {@link MAX_SEARCHED_BYTES}; for files too large to read whole. Opened as
 * {@link readBytes} opens files: never blocking, never through a symbolic link.
 *
 * @param path - absolute path
 * @param matcher - the words (src/detect/word-matcher.ts)
 * @returns false when the file cannot be read or is not a regular file; never throws
 */
export function someChunkMatches(path: string, matcher: WordMatcher): boolean {
  const carried = matcher.longestWord - 1;
  const buffer = Buffer.allocUnsafe(carried + CHUNK_BYTES);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, READ_FLAGS);
    if (!fstatSync(descriptor).isFile()) return false;
    // A word cut by a chunk's end is whole once the last `carried` bytes are moved in front of the next chunk.
    let kept = 0;
    for (let position = 0; position < MAX_SEARCHED_BYTES; ) {
      const read = readSync(descriptor, buffer, kept, CHUNK_BYTES, position);
      if (read === 0) return false;
      const filled = kept + read;
      if (matcher.test(buffer.subarray(0, filled))) return true;
      kept = Math.min(carried, filled);
      buffer.copy(buffer, 0, filled - kept, filled);
      position += read;
    }
    return false;
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The NUL bytes among the first {@link SNIFF_BYTES}, at even and at odd offsets. */
function countNuls(bytes: Buffer): { even: number; odd: number; sniffed: number } {
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  const sniffed = sniff.length;
  let even = 0;
  let odd = 0;
  for (let at = sniff.indexOf(0); at !== -1; at = sniff.indexOf(0, at + 1)) {
    if (at % 2 === 0) even += 1;
    else odd += 1;
  }
  return { even, odd, sniffed };
}

/** The byte order of UTF-16 content without a byte order mark, told from where its NULs are; undefined for anything else. */
export function utf16WithoutBom(bytes: Buffer): 'le' | 'be' | undefined {
  return utf16ByNuls(countNuls(bytes));
}

/** {@link utf16WithoutBom} from the NULs already counted. */
function utf16ByNuls({ even, odd, sniffed }: { even: number; odd: number; sniffed: number }): 'le' | 'be' | undefined {
  const half = Math.floor(sniffed / 2);
  if (half < 2) return undefined;
  if (odd >= half * UTF16_NUL_SHARE && even <= half * (1 - UTF16_NUL_SHARE)) return 'le';
  if (even >= half * UTF16_NUL_SHARE && odd <= half * (1 - UTF16_NUL_SHARE)) return 'be';
  return undefined;
}

/**
 * Whether content is binary: at least {@link BINARY_NUL_SHARE} of its first bytes are NUL, and it is
 * not UTF-16 text without a byte order mark. A few NULs inside text are text.
 */
export function isBinaryContent(bytes: Buffer): boolean {
  const nuls = countNuls(bytes);
  return nuls.even + nuls.odd > 0 && nuls.even + nuls.odd >= nuls.sniffed * BINARY_NUL_SHARE && utf16ByNuls(nuls) === undefined;
}

/** UTF-16 bytes (little-endian unless `bigEndian`) as text; a stray last byte is dropped. */
function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
  if (!bigEndian) return bytes.toString('utf16le');
  // swap16 needs an even length.
  return Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16().toString('utf16le');
}

/**
 * Decodes bytes as {@link readText} does.
 *
 * @param bytes - the file's content
 */
export function decode(bytes: Buffer): ReadResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes.subarray(2), false), diagnostics: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes.subarray(2), true), diagnostics: [] };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16 === 'be'), diagnostics: [] };
  if (isBinaryContent(bytes)) {
    return { diagnostics: [{ kind: 'binary', reason: 'binary content', message: 'Not analyzed: binary content.' }] };
  }
  const text = utf8.decode(bytes);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, diagnostics: [] };
}

/** `1.5 MiB`, `512 KiB`, `300 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
