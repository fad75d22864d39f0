/**
 * What a scan did, counted for `--stats` (and the benchmarks, bench/heavy.mjs): how many files went
 * through each step, and the time spent analyzing each kind of file. Like ESLint's `--stats`, it is
 * for finding where a run's time goes, not part of the report.
 *
 * @packageDocumentation
 */
import type { FileKind } from './classify.js';

/** The analyses of one kind of file. */
export interface KindStats {
  /** Files whose text went to the analyzer of this kind (parsed, or given the text markers when not parseable). */
  files: number;
  /** Files of them that a parser read (JS/TS through ESLint, the tree-sitter languages, YAML, …). */
  parsed: number;
  /** Time the analyses took in the thread that ran them (parse, rules, markers), in ms, summed over files. */
  ms: number;
}

/** Counts of one scan, in files. */
export interface ScanStats {
  /** Files listed by the walk (after ignores), skipped ones included. */
  filesWalked: number;
  /** Files decoded: those whose bytes held a trigger word that can lead to a finding, or that were read whole. */
  filesDecoded: number;
  /** Files read again after the walk because they name a web or bot framework and some file calls Claude. */
  surfaceFilesParsed: number;
  /** Per kind of file (src/scan/classify.ts). */
  byKind: Partial<Record<FileKind, KindStats>>;
  /** Files analyzed in a parse worker rather than the scan's own thread. */
  filesInWorkers: number;
  /** The cross-file passes that run after every file is analyzed (JS/TS reach, Go packages, the Python project), in ms. */
  passesMs: Partial<Record<'js' | 'go' | 'python', number>>;
  /** Files for which the scan asked which package would publish them (npm-packlist runs once per package). */
  publishSetQueries: number;
}

/** A zeroed {@link ScanStats}. */
export function createScanStats(): ScanStats {
  return { filesWalked: 0, filesDecoded: 0, surfaceFilesParsed: 0, byKind: {}, passesMs: {}, filesInWorkers: 0, publishSetQueries: 0 };
}

/**
 * Adds one analysis to the counts of its kind.
 *
 * @param ms - how long it took, in ms
 * @param parsed - whether a parser read the file
 */
export function countAnalysis(stats: ScanStats, kind: FileKind, ms: number, parsed: boolean): void {
  const entry = (stats.byKind[kind] ??= { files: 0, parsed: 0, ms: 0 });
  entry.files += 1;
  if (parsed) entry.parsed += 1;
  entry.ms += ms;
}

/**
 * Runs a task and adds its duration (ms, wall clock) to `into[name]`.
 *
 * @returns what the task returns
 */
export async function timed<K extends string, T>(into: Partial<Record<K, number>>, name: K, task: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    into[name] = (into[name] ?? 0) + performance.now() - started;
  }
}
