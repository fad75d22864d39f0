/**
 * Analyzers for file kinds other than JS/TS. Each takes a file's text and its path and returns
 * findings with offsets; kinds without an analyzer here get the language-independent markers.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import type { FileKind } from '../scan/classify.js';

/** An analyzer for one kind of file. It may throw: the scanner turns that into a diagnostic. */
export type FileAnalyzer = (text: string, relativePath: string) => TextFinding[];

/** The analyzer of each kind that has one. */
export const FILE_ANALYZERS: Partial<Record<FileKind, FileAnalyzer>> = {};
