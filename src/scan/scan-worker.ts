/**
 * The worker thread of {@link scanInWorker} (src/scan/isolated.ts): runs one scan and posts its
 * progress (throttled) and its result back.
 *
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UsageError } from '../usage-error.js';
import type { ScanMessage, ScanRequest } from './isolated.js';
import { scan, type ScanProgress } from './run.js';

const request = workerData as ScanRequest;
const post = (message: ScanMessage): void => parentPort?.postMessage(message);

let lastPostAt = Number.NEGATIVE_INFINITY;
let lastPhase: ScanProgress['phase'] | undefined;
/** Posts progress at most once per interval, and at once when the phase changes (the total becomes known). */
function onProgress(progress: ScanProgress): void {
  const now = performance.now();
  if (now - lastPostAt < request.progressIntervalMs && progress.phase === lastPhase) return;
  lastPostAt = now;
  lastPhase = progress.phase;
  post({ type: 'progress', progress });
}

try {
  const result = await scan(request.paths, { ...request.options, ...(request.progress ? { onProgress } : {}) });
  post({ type: 'done', result });
} catch (error) {
  // Anything else is thrown on, and reaches the main thread as the worker's error.
  if (!(error instanceof UsageError)) throw error;
  post({ type: 'usage-error', message: error.message });
}
