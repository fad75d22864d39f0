/**
 * Reading a file into text without ever failing the scan: binary content, unknown encodings and
 * oversize files become diagnostics.
 *
 * @packageDocumentation
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from './finding.js';

/** Bytes sniffed for NUL to decide that content is binary (git's heuristic). */
const SNIFF_BYTES = 8000;

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

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and decodes a file: UTF-8 (BOM stripped), UTF-16 with a BOM; anything else that is not
 * valid UTF-8 is read as Latin-1, with a `not-utf8` diagnostic, so that ASCII secrets are still seen.
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
    descriptor = openSync(path, 'r');
    const { size } = fstatSync(descriptor);
    if (size > limits.maxBytes) {
      return { diagnostics: [{ kind: 'too-large', message: `Not read: ${formatBytes(size)} is over the ${formatBytes(limits.maxBytes)} limit.` }] };
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
    return { diagnostics: [{ kind: 'unreadable', message: `Could not read the file (${code}).` }] };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Whether content is binary: a NUL among its first bytes (git's heuristic). */
export function isBinaryContent(bytes: Buffer): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

/**
 * Decodes bytes as {@link readText} does.
 *
 * @param bytes - the file's content
 */
export function decode(bytes: Buffer): ReadResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), diagnostics: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // swap16 needs an even length: a stray last byte is dropped.
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return { text: swapped.swap16().toString('utf16le'), diagnostics: [] };
  }
  if (isBinaryContent(bytes)) {
    return { diagnostics: [{ kind: 'binary', message: 'Not analyzed: binary content.' }] };
  }
  try {
    const text = utf8.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, diagnostics: [] };
  } catch {
    return {
      text: bytes.toString('latin1'),
      diagnostics: [{ kind: 'not-utf8', message: 'Not valid UTF-8: read as Latin-1, text markers only.' }],
    };
  }
}

/** `1.5 MiB`, `512 KiB`, `300 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
