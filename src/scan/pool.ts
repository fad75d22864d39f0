/**
 * A small pool of worker threads that run {@link analyzeText} (src/scan/worker.ts), so that a scan
 * with many JS/TS files to parse uses every core. Each worker parses one file at a time; requests
 * wait in a queue, whose length the scan bounds by how many files it reads at once.
 *
 * @packageDocumentation
 */
import { Worker } from 'node:worker_threads';
import type { Analysis } from './analyze.js';
import type { FileKind } from './classify.js';

/** A message to a worker: one file to analyze. */
export interface AnalysisRequest {
  id: number;
  text: string;
  relativePath: string;
  kind: FileKind;
  markersOnly: boolean;
  /** The package that publishes the file, if any (the only analyzer context JS/TS needs; it must clone). */
  publishedIn?: string;
  /** Gate mode (`--untrusted`). */
  untrusted?: boolean;
  /** How long the analysis may take (ms). */
  timeBudgetMs: number;
}

/** A worker's answer to an {@link AnalysisRequest}. */
export interface AnalysisResponse {
  id: number;
  analysis: Analysis;
}

/**
 * A worker's heap limits (MB). V8 lets a heap grow lazily while a parser allocates, so without a
 * limit each worker's memory grows with the size of the scan; with it, the worker collects sooner.
 * A file that needs more than this dies with its worker and gets the text markers instead.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32 };

interface PendingRequest {
  request: AnalysisRequest;
  resolve: (analysis: Analysis) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  current?: PendingRequest;
}

/**
 * Worker threads that analyze files. A worker that dies (out of memory, a crash in a parser) fails
 * only the file it was analyzing and is replaced.
 */
export class WorkerPool {
  readonly #workerUrl: URL;
  readonly #workers: PoolWorker[] = [];
  readonly #queue: PendingRequest[] = [];
  #nextId = 0;
  #closing = false;

  /**
   * Starts the workers. Each loads the scanner's modules (~0.1 s) at once, and ESLint with the
   * TypeScript parser (~0.5 s) on its first file.
   *
   * @param size - number of worker threads, at least 1
   * @param workerUrl - the built worker module (dist/src/scan/worker.js)
   */
  constructor(size: number, workerUrl: URL) {
    this.#workerUrl = workerUrl;
    for (let index = 0; index < Math.max(1, size); index += 1) this.#workers.push(this.#start());
  }

  /**
   * Analyzes one file in a worker.
   *
   * @param file - the request but its id
   * @returns the worker's {@link analyzeText} result
   * @throws Error when the worker died while analyzing this file
   */
  analyze(file: Omit<AnalysisRequest, 'id'>): Promise<Analysis> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request: { id: this.#nextId++, ...file }, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Whether a request sent now would start within two files' time: fewer than two requests wait per
   * worker. A waiting request keeps a worker busy between files (the next text is already there when
   * it answers); the sender, which has the other kinds of files to analyze too, parses inline only
   * when the workers are that far behind.
   */
  get hasRoom(): boolean {
    return this.#queue.length < 2 * this.#workers.length;
  }

  /** Stops every worker; requests still queued are rejected. */
  async close(): Promise<void> {
    this.#closing = true;
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('The worker pool was closed.'));
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }

  #start(): PoolWorker {
    const poolWorker: PoolWorker = { worker: new Worker(this.#workerUrl, { resourceLimits: WORKER_LIMITS }) };
    poolWorker.worker.on('message', (response: AnalysisResponse) => {
      const current = poolWorker.current;
      poolWorker.current = undefined;
      if (current?.request.id === response.id) current.resolve(response.analysis);
      this.#dispatch();
    });
    poolWorker.worker.on('error', (error) => {
      const current = poolWorker.current;
      poolWorker.current = undefined;
      current?.reject(error);
    });
    poolWorker.worker.on('exit', () => {
      if (this.#closing) return;
      poolWorker.current?.reject(new Error('The worker stopped.'));
      const index = this.#workers.indexOf(poolWorker);
      if (index !== -1) this.#workers[index] = this.#start();
      this.#dispatch();
    });
    return poolWorker;
  }

  #dispatch(): void {
    for (const poolWorker of this.#workers) {
      if (poolWorker.current) continue;
      const next = this.#queue.shift();
      if (!next) return;
      poolWorker.current = next;
      poolWorker.worker.postMessage(next.request);
    }
  }
}
