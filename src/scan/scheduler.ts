/**
 * Where each file's analysis runs: on the main thread, and also in worker threads once a scan has
 * shown that it has enough JS/TS to parse for the workers' start-up (~1 s of CPU each, to load
 * ESLint and TypeScript) to pay. The main thread keeps parsing beside the workers: a file goes to a
 * worker when one is free, else it is parsed inline, so with N cores N files are parsed at once.
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
import type { AnalyzerContext } from '../files/analyzer.js';
import type { FileKind } from './classify.js';
import { WorkerPool } from './pool.js';
import { redactSecrets } from '../detect/tokens.js';
import { FILE_TIME_BUDGET_MS } from './time-budget.js';

/**
 * Characters of JS/TS parsed on the main thread before the pool starts: a few seconds of parsing,
 * several times what a worker costs to start, so that only scans with much to parse start one.
 */
export const INLINE_PARSE_BUDGET = 2 * 1024 * 1024;

/** The most worker threads a scan starts: each holds its own ESLint and TypeScript (~100 MB or more). */
const MAX_THREADS = 3;

/** How analyses are run. */
export interface SchedulerOptions {
  /**
   * Worker threads for parsing JS/TS, beside the main thread: 0 parses on the main thread only.
   * Default: one per core but one (at most 3).
   */
  threads?: number;
  /** Characters parsed on the main thread before the pool starts (default {@link INLINE_PARSE_BUDGET}; 0 starts it with the first file). */
  inlineParseBudget?: number;
  /** How long one file's analysis may take, in ms (default {@link FILE_TIME_BUDGET_MS}). */
  timeBudgetMs?: number;
}

/** Runs analyses; {@link AnalysisScheduler.close} must be called when the scan ends. */
export interface AnalysisScheduler {
  /**
   * {@link analyzeText}, on the main thread or in a worker. Never rejects. The context reaches the
   * non-JS analyzers, which always run on the main thread (a context holds functions, which cannot
   * be sent to a worker); the JS analysis does not use it.
   */
  analyze(text: string, relativePath: string, kind: FileKind, markersOnly: boolean, context?: AnalyzerContext): Promise<Analysis>;
  /** Stops the workers, if any were started. */
  close(): Promise<void>;
  /** Whether the worker pool was started (for tests and benchmarks). */
  readonly usedWorkers: boolean;
  /** Analyses that ran in a worker so far. */
  readonly workerAnalyses: number;
}

/** The built worker module; absent when the code runs from TypeScript sources (tests). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** The default number of worker threads: the main thread parses too. */
function defaultThreads(): number {
  return Math.max(0, Math.min(availableParallelism() - 1, MAX_THREADS));
}

/**
 * Creates the scheduler of one scan.
 *
 * @param options - threads and the inline budget
 */
export function createScheduler(options: SchedulerOptions = {}): AnalysisScheduler {
  const threads = existsSync(fileURLToPath(WORKER_URL)) ? (options.threads ?? defaultThreads()) : 0;
  const budget = options.inlineParseBudget ?? INLINE_PARSE_BUDGET;
  const timeBudgetMs = options.timeBudgetMs ?? FILE_TIME_BUDGET_MS;
  let parsedInline = 0;
  let pool: WorkerPool | undefined;
  let workerAnalyses = 0;

  async function analyzeInline(text: string, relativePath: string, kind: FileKind, markersOnly: boolean, context?: AnalyzerContext): Promise<Analysis> {
    const { analyzeText } = await import('./analyze.js');
    return analyzeText(text, relativePath, kind, markersOnly, context, timeBudgetMs);
  }

  async function parses(text: string, relativePath: string, kind: FileKind, markersOnly: boolean): Promise<boolean> {
    if (kind !== 'js' || markersOnly || threads === 0) return false;
    const { parsesAsJs } = await import('./analyze.js');
    return parsesAsJs(text, relativePath, kind, markersOnly);
  }

  return {
    get usedWorkers() {
      return pool !== undefined;
    },
    get workerAnalyses() {
      return workerAnalyses;
    },
    async analyze(text, relativePath, kind, markersOnly, context) {
      if (!(await parses(text, relativePath, kind, markersOnly))) return analyzeInline(text, relativePath, kind, markersOnly, context);
      if (!pool && parsedInline >= budget) pool = new WorkerPool(threads, WORKER_URL);
      if (!pool?.hasIdleWorker) {
        parsedInline += text.length;
        return analyzeInline(text, relativePath, kind, markersOnly, context);
      }
      try {
        workerAnalyses += 1;
        return await pool.analyze({ text, relativePath, kind, markersOnly, publishedIn: context?.publishedIn, untrusted: context?.untrusted, timeBudgetMs });
      } catch (error) {
        // The worker died on this file (out of memory, a crash in a parser): markers stand in.
        const reason = redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
        const analysis = await analyzeInline(text, relativePath, kind, true, context);
        analysis.diagnostics.push({ kind: 'analyzer-error', message: `The JS/TS analysis failed (${reason}); text markers only.` });
        return analysis;
      }
    },
    async close() {
      await pool?.close();
    },
  };
}
