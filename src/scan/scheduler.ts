/**
 * Where each file's analysis runs: on the main thread, or in the worker pool once a scan has shown
 * that it has enough JS/TS to parse for the workers' start-up (~0.6 s each) to pay.
 *
 * Small scans (a pre-commit run, a few hundred candidate files) never start a worker; the modules
 * that analyze (rules, and through them ESLint and the TypeScript parser) load on the first file
 * that needs them, never at start-up.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Analysis } from './analyze.js';
import { isDeclarationFile, type FileKind } from './classify.js';
import { WorkerPool } from './pool.js';
import { redactSecrets } from '../detect/tokens.js';

/**
 * Characters of JS/TS parsed on the main thread before the pool starts. Parsing runs at about
 * 2-3 MB/s per core, so this is about as long as a worker takes to start.
 */
export const INLINE_PARSE_BUDGET = 1024 * 1024;

/** The most worker threads a scan starts: each holds its own ESLint and TypeScript (~100 MB). */
const MAX_THREADS = 4;

/** How analyses are run. */
export interface SchedulerOptions {
  /**
   * Worker threads for parsing JS/TS: 0 parses on the main thread only. Default: one per core
   * (at most 4) when there are at least 2 cores, else 0.
   */
  threads?: number;
  /** Characters parsed on the main thread before the pool starts (default {@link INLINE_PARSE_BUDGET}; 0 starts it with the first file). */
  inlineParseBudget?: number;
}

/** Runs analyses; {@link AnalysisScheduler.close} must be called when the scan ends. */
export interface AnalysisScheduler {
  /** {@link analyzeText}, on the main thread or in a worker. Never rejects. */
  analyze(text: string, relativePath: string, kind: FileKind, markersOnly: boolean): Promise<Analysis>;
  /** Stops the workers, if any were started. */
  close(): Promise<void>;
  /** Whether the worker pool was started (for tests and benchmarks). */
  readonly usedWorkers: boolean;
}

/** The built worker module; absent when the code runs from TypeScript sources (tests). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** The default number of worker threads. */
function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, MAX_THREADS) : 0;
}

/**
 * Creates the scheduler of one scan.
 *
 * @param options - threads and the inline budget
 */
export function createScheduler(options: SchedulerOptions = {}): AnalysisScheduler {
  const threads = existsSync(fileURLToPath(WORKER_URL)) ? (options.threads ?? defaultThreads()) : 0;
  const budget = options.inlineParseBudget ?? INLINE_PARSE_BUDGET;
  let parsedInline = 0;
  let pool: WorkerPool | undefined;

  async function analyzeInline(text: string, relativePath: string, kind: FileKind, markersOnly: boolean): Promise<Analysis> {
    const { analyzeText } = await import('./analyze.js');
    return analyzeText(text, relativePath, kind, markersOnly);
  }

  return {
    get usedWorkers() {
      return pool !== undefined;
    },
    async analyze(text, relativePath, kind, markersOnly) {
      const parses = kind === 'js' && !markersOnly && !isDeclarationFile(relativePath);
      if (!parses || threads === 0) return analyzeInline(text, relativePath, kind, markersOnly);
      if (!pool && parsedInline >= budget) pool = new WorkerPool(threads, WORKER_URL);
      if (!pool) {
        parsedInline += text.length;
        return analyzeInline(text, relativePath, kind, markersOnly);
      }
      try {
        return await pool.analyze(text, relativePath, kind, markersOnly);
      } catch (error) {
        // The worker died on this file (out of memory, a crash in a parser): markers stand in.
        const reason = redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
        const analysis = await analyzeInline(text, relativePath, kind, true);
        analysis.diagnostics.push({ kind: 'analyzer-error', message: `The JS/TS analysis failed (${reason}); text markers only.` });
        return analysis;
      }
    },
    async close() {
      await pool?.close();
    },
  };
}
