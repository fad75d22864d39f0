/**
 * The command line's scan, run in a worker thread whose heap is bounded.
 *
 * V8 grows a heap lazily, by a factor that rises with the heap's limit: a scan of 50,000 files
 * on Node's default limit (about a quarter of the machine's memory, up to 4 GiB) peaks at about
 * 260 MB of RSS while it never holds more than about 110 MB of live objects. In a worker with a
 * 1 GiB old generation (or this process's own limit, if lower) and an 8 MiB young one, the same
 * scan peaks at 150-170 MB and takes no longer (bench/README.md). The limit is far above what a scan
 * holds, since a file's text and its parse are bounded (src/scan/analyze.ts), and so is the text of
 * the files in flight (src/scan/text-budget.ts); a scan that does reach it stops with an error that
 * says so (or, when V8 cannot stop the worker in time, with V8's own out-of-memory abort).
 *
 * Small scans stay in this thread: files named one by one (a pre-commit run) and trees of fewer
 * than {@link WORKER_MIN_FILES} files hold little, and would pay the worker's start (a second Node
 * environment: 50-100 ms on a small machine) for nothing. So does every scan when the worker module
 * has not been built (tests that run the TypeScript sources).
 *
 * @packageDocumentation
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../usage-error.js';
import { NEVER_WALKED } from './walk.js';
import type { ScanOptions, ScanProgress, ScanResult } from './run.js';

/**
 * The scan worker's heap limits (MiB), chosen as the module comment says. The old generation's is
 * never above this process's own heap limit (a quarter of the machine's memory by default, or what
 * `--max-old-space-size` says), so a small machine or container keeps its own bound.
 */
export const SCAN_HEAP_LIMITS = {
  maxOldGenerationSizeMb: Math.min(1024, Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024))),
  maxYoungGenerationSizeMb: 8,
};

/** Least time between two progress messages from the worker (ms): the progress line redraws at most every 100 ms. */
const PROGRESS_INTERVAL_MS = 50;

/** What the scan worker is sent: {@link ScanOptions} without the progress callback, which cannot cross threads. */
export interface ScanRequest {
  paths: readonly string[];
  options: Omit<ScanOptions, 'onProgress'>;
  /** Whether to send progress messages. */
  progress: boolean;
  /** Least time between two of them (ms). */
  progressIntervalMs: number;
}

/** A message from the scan worker. */
export type ScanMessage =
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'done'; result: ScanResult }
  | { type: 'usage-error'; message: string };

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

/** Trees with fewer files than this are scanned in this thread (5,000 files peak at about 130 MB either way). */
export const WORKER_MIN_FILES = 5000;

/**
 * Whether the directories among the paths hold at least {@link WORKER_MIN_FILES} files, counted
 * by listing them until that many are found. Ignore files are not read, so this may overcount,
 * which only starts the worker for a scan that could have done without. It is a bare listing, not
 * the walk (src/scan/walk.ts): counting 5,000 files takes about 25 ms this way, 100 ms through the walk.
 */
function holdsManyFiles(paths: readonly string[], cwd: string, threshold: number): boolean {
  let files = 0;
  const pending = paths.map((input) => path.resolve(cwd, input));
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    try {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        if (entry.isFile()) files += 1;
        else if (entry.isDirectory() && !NEVER_WALKED.has(entry.name)) pending.push(path.join(directory, entry.name));
      }
    } catch {
      // A file, or a directory that cannot be read (the scan reports it).
    }
    if (files >= threshold) return true;
  }
  return false;
}

/** A scan whose worker, if it needs one, is already starting; {@link PendingScan.run} sends it the options. */
export interface PendingScan {
  /**
   * Runs the scan.
   *
   * @param options - as for {@link scan}, but `cwd`, which {@link startScan} fixed; `onProgress` is
   *   called on this thread
   * @returns the scan's result
   * @throws UsageError when a path does not exist
   * @throws Error when the scan failed: out of memory (the message names the limit), or an internal error
   */
  run(options?: Omit<ScanOptions, 'cwd'>): Promise<ScanResult>;
  /** Stops the worker if {@link PendingScan.run} will not be called (the configuration was invalid). */
  cancel(): void;
  /** Whether the scan runs in a worker thread. */
  readonly inWorker: boolean;
}

/**
 * Starts a scan as {@link scan} does: one that walks a large tree runs in a worker thread with a
 * bounded heap, started now so that its start-up overlaps the caller's own (reading the
 * configuration).
 *
 * @param paths - files or directories, relative to `cwd`
 * @param cwd - absolute directory that paths are resolved against and shown from
 * @param options - `workerMinFiles`: the fewest files that start a worker (default {@link WORKER_MIN_FILES})
 */
export function startScan(paths: readonly string[], cwd: string, options: { workerMinFiles?: number } = {}): PendingScan {
  if (!existsSync(fileURLToPath(WORKER_URL)) || !holdsManyFiles(paths, cwd, options.workerMinFiles ?? WORKER_MIN_FILES)) {
    return {
      run: async (scanOptions = {}) => (await import('./run.js')).scan(paths, { ...scanOptions, cwd }),
      cancel: () => undefined,
      inWorker: false,
    };
  }
  const worker = new Worker(WORKER_URL, { resourceLimits: SCAN_HEAP_LIMITS });
  const result = new Promise<ScanResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      // The result is in: the worker goes (nothing it still holds, a parse pool closing, may keep the
      // process alive), and its heap is freed before the caller formats the report.
      void worker.terminate().finally(outcome);
    };
    worker.on('message', (message: ScanMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new UsageError(message.message)));
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `the scan ran out of memory (its heap is limited to ${SCAN_HEAP_LIMITS.maxOldGenerationSizeMb} MiB)`
        : error.message;
      settle(() => reject(new Error(reason)));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`the scan stopped unexpectedly (exit code ${code})`))));
  });
  // Until run() is called nobody awaits the result: a failure then is reported by run(), not unhandled.
  result.catch(() => undefined);
  let onProgress: ScanOptions['onProgress'];
  return {
    run(options = {}) {
      const { onProgress: callback, ...rest } = options;
      onProgress = callback;
      // A tree this large has files to parse on both cores from the first one on: the parse pool starts then, not after the inline budget.
      const request: ScanRequest = { paths, options: { inlineParseBudget: 0, ...rest, cwd }, progress: callback !== undefined, progressIntervalMs: PROGRESS_INTERVAL_MS };
      worker.postMessage(request);
      return result;
    },
    cancel() {
      void worker.terminate();
    },
    inWorker: true,
  };
}
