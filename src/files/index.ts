/**
 * Analyzers for file kinds other than JS/TS. Each takes a file's text and its path and returns
 * findings with offsets; kinds without an analyzer here get the language-independent markers.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import type { FileKind } from '../scan/classify.js';
import { analyzePython, preparePythonParser } from './python.js';

/**
 * An analyzer for one kind of file. It may throw: the scanner turns a {@link FileSyntaxError} into a
 * parse-error diagnostic at its position, anything else into an analyzer-error diagnostic.
 */
export type FileAnalyzer = (text: string, relativePath: string) => TextFinding[];

/** The analyzer of each kind that has one. */
export const FILE_ANALYZERS: Partial<Record<FileKind, FileAnalyzer>> = {
  python: analyzePython,
};

/**
 * One-time asynchronous set-up an analyzer needs before its first call (loading a WebAssembly
 * parser). The scanner awaits it before analyzing a file of that kind; it never rejects (a failure
 * surfaces when the analyzer runs).
 */
export const ANALYZER_SETUP: Partial<Record<FileKind, () => Promise<void>>> = {
  python: preparePythonParser,
};
