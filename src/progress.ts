/**
 * The progress line of long scans: one line on standard error, rewritten in place, only on a
 * terminal and never in CI, so logs and piped output stay clean.
 *
 * @packageDocumentation
 */
import type { ScanProgress } from './scan/run.js';
import type { HistoryProgress } from './scan/history/scan-history.js';

/** Where the line goes: a terminal stream such as `process.stderr`, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  /** Width of the terminal in characters, when known (0 or unset: 80). */
  columns?: number;
  write(text: string): unknown;
}

/** Options of {@link createProgressLine}. */
export interface ProgressLineOptions {
  /** The environment; `CI` set (to anything but '', 'false' or '0') turns progress off. */
  env: NodeJS.ProcessEnv;
  /** Clock in ms (default `Date.now`); tests pass their own. */
  now?: () => number;
  /** Least time between two redraws, in ms (default 100). */
  intervalMs?: number;
}

/** A progress line: feed it scan progress, clear it before printing anything else. */
export interface ProgressLine {
  update(progress: ScanProgress | HistoryProgress): void;
  /** Erases the line, if one was drawn. */
  clear(): void;
}

const DEFAULT_INTERVAL_MS = 100;
/** Assumed width when the terminal does not say (some report 0). */
const DEFAULT_COLUMNS = 80;
/** Carriage return, then ANSI "erase entire line". */
const ERASE_LINE = '\r\u001B[2K';
/** Made on the first progress line: ICU's number formatting costs ~20 ms to set up, too much for every start. */
let numberFormat: Intl.NumberFormat | undefined;

/** Whether the environment says this runs in CI (the convention of `ci-info` and most CI services). */
function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * The text of the line, e.g. `Scanning: 1,204 files scanned (listing files…)` while the walk goes on,
 * `Scanning: 1,204/5,310 files (22%)` once the total is known.
 */
export function progressText(progress: ScanProgress): string {
  numberFormat ??= new Intl.NumberFormat('en-US');
  const scanned = numberFormat.format(progress.filesScanned);
  if (progress.filesTotal === undefined) {
    return `Scanning: ${scanned} file${progress.filesScanned === 1 ? '' : 's'} scanned (listing files…)`;
  }
  const total = numberFormat.format(progress.filesTotal);
  const percent = progress.filesTotal === 0 ? 100 : Math.floor((progress.filesScanned / progress.filesTotal) * 100);
  return `Scanning: ${scanned}/${total} files (${percent}%)`;
}

/** `1h 02m`, `4m 05s`, `12s`: a remaining time, to the second. */
function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/**
 * The text of the line during `--history`, e.g. `History: listing commits (12,000…)`, then
 * `History: 1,204/10,553 commits, 3,021 blobs (11%, about 2m 10s left)`.
 *
 * @param remainingMs - the estimate of the time left, when one can be made
 */
export function historyProgressText(progress: HistoryProgress, remainingMs?: number): string {
  numberFormat ??= new Intl.NumberFormat('en-US');
  if (progress.commitsTotal === undefined) return `History: listing commits (${numberFormat.format(progress.commitsListed ?? 0)}…)`;
  const percent = progress.commitsTotal === 0 ? 100 : Math.floor((progress.commitsScanned / progress.commitsTotal) * 100);
  const eta = remainingMs === undefined ? '' : `, about ${formatDuration(remainingMs)} left`;
  return `History: ${numberFormat.format(progress.commitsScanned)}/${numberFormat.format(progress.commitsTotal)} commits, ${numberFormat.format(progress.blobsScanned)} blobs (${percent}%${eta})`;
}

/**
 * Makes the progress line for a stream. Off (every call a no-op) when the stream is not a TTY or
 * `CI` is set. Redraws at most once per `intervalMs`, and at once when the phase changes.
 *
 * @param stream - usually `process.stderr`
 */
export function createProgressLine(stream: ProgressStream, options: ProgressLineOptions): ProgressLine {
  if (stream.isTTY !== true || isCi(options.env)) return { update: () => undefined, clear: () => undefined };
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let drawn = false;
  let lastDrawAt = -Infinity;
  let lastPhase: ScanProgress['phase'] | HistoryProgress['phase'] | undefined;
  /** When the history's commits started to be scanned: the ETA is the pace since then. */
  let historyStartedAt: number | undefined;
  const textOf = (progress: ScanProgress | HistoryProgress, time: number): string => {
    if (progress.phase !== 'history') return progressText(progress);
    if (progress.commitsTotal === undefined || progress.commitsScanned === 0) {
      historyStartedAt = undefined;
      return historyProgressText(progress);
    }
    historyStartedAt ??= time;
    const done = progress.commitsScanned;
    const remainingMs = done < 2 ? undefined : ((time - historyStartedAt) / done) * (progress.commitsTotal - done);
    return historyProgressText(progress, remainingMs);
  };
  return {
    update(progress) {
      const time = now();
      if (time - lastDrawAt < intervalMs && progress.phase === lastPhase) return;
      lastDrawAt = time;
      lastPhase = progress.phase;
      // One column short of the width: writing into the last column wraps on some terminals.
      const width = Math.max(10, (stream.columns || DEFAULT_COLUMNS) - 1);
      stream.write(`${ERASE_LINE}${textOf(progress, time).slice(0, width)}`);
      drawn = true;
    },
    clear() {
      if (!drawn) return;
      stream.write(ERASE_LINE);
      drawn = false;
    },
  };
}
