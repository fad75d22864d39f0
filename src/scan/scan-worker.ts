/**
 * The worker thread of {@link startScan} (src/scan/isolated.ts): waits for its one scan request,
 * runs it, and posts its progress (throttled) and its result back.
 *
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import { UsageError } from '../usage-error.js';
import type { ScanMessage, ScanRequest } from './isolated.js';
import { scan, type ScanProgress } from './run.js';

const post = (message: ScanMessage): void => parentPort?.postMessage(message);

/** Runs the one scan this worker is started for; the request comes once the caller has read its configuration. */
async function runScan(request: ScanRequest): Promise<void> {
  let lastPostAt = Number.NEGATIVE_INFINITY;
  let lastPhase: ScanProgress['phase'] | undefined;
  // Progress goes out at most once per interval, and at once when the phase changes (the total becomes known).
  const onProgress = (progress: ScanProgress): void => {
    const now = performance.now();
    if (now - lastPostAt < request.progressIntervalMs && progress.phase === lastPhase) return;
    lastPostAt = now;
    lastPhase = progress.phase;
    post({ type: 'progress', progress });
  };
  try {
    const result = await scan(request.paths, { ...request.options, ...(request.progress ? { onProgress } : {}) });
    post({ type: 'done', result });
  } catch (error) {
    // Anything else is thrown on, and reaches the main thread as the worker's error.
    if (!(error instanceof UsageError)) throw error;
    post({ type: 'usage-error', message: error.message });
  }
}

// A failure is left unhandled on purpose: it ends the worker, and the main thread hears of it as the worker's error.
parentPort?.once('message', (request: ScanRequest) => void runScan(request));
