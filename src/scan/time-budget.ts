/**
 * The per-file time budget: no single file may hold a scan for longer than this much CPU time,
 * whatever its content does to a parser or a rule. CPU time, not wall-clock time: a file gets the
 * same analysis on an idle machine and on one where other processes take most of the cores (a
 * wall-clock budget cut a 3 s file off at 10 s on a busy machine, so results depended on the load).
 *
 * Analyses are synchronous, so nothing in their own thread can interrupt them. Node's `vm` timeout
 * can: a watchdog thread terminates the JavaScript running under it (and WebAssembly it calls),
 * synchronous code included, and the call throws. A task runs under it by being called from a
 * one-line script, so the same code path serves the main thread and the worker threads, and a
 * terminated analysis costs the file its parse, not the scan its state. Parsers that can stop on
 * their own do so before the watchdog fires ({@link timeBudgetExpired}), so that none is cut off
 * in the middle of its own bookkeeping (tree-sitter's WebAssembly heap).
 *
 * The watchdog counts wall-clock time, so it is armed for the budget and, when it fires, the thread's
 * own CPU time decides ({@link threadCpuMs}): a task that used its budget is out of time; one that
 * did not (the thread was waiting for a core) runs again with a wall-clock limit that leaves it the
 * whole budget at the share of a core it got, so a busy machine costs time, never the analysis. On
 * an idle machine CPU and wall-clock time are the same, and nothing runs twice. Where the thread's
 * CPU time cannot be read (not Linux), wall-clock time stands in.
 *
 * Cost: a watchdog thread per call, 0.15-0.5 ms, and two reads of the CPU clock, paid only by files
 * that reach a parser: nothing on the bench corpus, about 10 % of the time on a repository where most
 * files are parsed (150 copies of fixtures/repos, 2,700 JS/TS files parsed: 17-19 s without, 19.5-21 s
 * with). Skipping small files would save most of it, but a rule that turned superlinear on a crafted
 * small input could then hang.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/** How much CPU time one file's analysis may take (ms) before it is stopped and given the text markers only. */
export const FILE_TIME_BUDGET_MS = 10_000;

/** The watchdog fires this share of the budget after the deadline, so that cooperative parsers stop cleanly first. */
const WATCHDOG_GRACE = 0.1;

/** Runs of one task at most: the first, and reruns with longer wall-clock limits while it had too little of a core. */
const MAX_RUNS = 3;

/** The least share of a core a rerun plans for; so a rerun's wall-clock limit is at most 50 times the budget. */
const MIN_CORE_SHARE = 0.02;

/** Where Linux keeps this thread's CPU time (first field, in ns), in the main thread and in workers alike. */
const THREAD_SCHEDSTAT = '/proc/thread-self/schedstat';

/** This thread's CPU time in ms, or undefined where it cannot be read. */
function readThreadCpuMs(): number | undefined {
  try {
    const nanoseconds = Number(readFileSync(THREAD_SCHEDSTAT, 'latin1').split(' ')[0]);
    return Number.isFinite(nanoseconds) ? nanoseconds / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

const cpuClockWorks = readThreadCpuMs() !== undefined;

/**
 * The clock the budget counts (ms): this thread's CPU time where Linux gives it, else wall-clock
 * time. Only differences between two readings mean anything.
 */
export function threadCpuMs(): number {
  return (cpuClockWorks ? readThreadCpuMs() : undefined) ?? performance.now();
}

/** Thrown by {@link withinTimeBudget} when the task ran out of time; `budgetMs` is the budget (ms). */
export class TimeBudgetExceeded extends Error {
  override name = 'TimeBudgetExceeded';

  constructor(readonly budgetMs: number) {
    super(`Stopped after the ${budgetMs / 1000} s per-file time budget`);
  }
}

/** The global through which the watchdog's script calls the task (a script sees only globals). */
const TASK_SLOT = '__claudeAuthLintTimedTask';
const CALL_TASK = new vm.Script(`globalThis.${TASK_SLOT}()`, { filename: 'claude-auth-lint-time-budget' });

/**
 * The budget running now (ms), when it ends on the CPU clock ({@link threadCpuMs}), and the next
 * `performance.now()` at which that is worth asking: CPU time never runs faster than wall-clock
 * time, so the clock is read only once the wall-clock time left could have used the budget up.
 * Infinity outside {@link withinTimeBudget}.
 */
let running = { budgetMs: 0, cpuDeadline: Number.POSITIVE_INFINITY, nextCheck: Number.POSITIVE_INFINITY };

/**
 * Whether the task running under {@link withinTimeBudget} has used its CPU time: parsers that take
 * a cancellation callback (tree-sitter's progress callback) ask it, and stop before the watchdog
 * would stop them. Always false outside a budget.
 */
export function timeBudgetExpired(): boolean {
  const now = performance.now();
  if (now < running.nextCheck) return false;
  const left = running.cpuDeadline - threadCpuMs();
  if (left <= 0) return true;
  running.nextCheck = now + left;
  return false;
}

/** The error a parser that stopped on {@link timeBudgetExpired} throws. */
export function timeBudgetExceeded(): TimeBudgetExceeded {
  return new TimeBudgetExceeded(running.budgetMs);
}

/**
 * Runs a synchronous task, stopping it once it has used `budgetMs` of this thread's CPU time (plus
 * a tenth, the grace for parsers that stop on their own). A task stopped while it had too little of
 * a core runs again (the module comment says how), so it must not depend on state it changes.
 *
 * @param task - synchronous work; what it returns is returned
 * @param budgetMs - the budget in ms of CPU time, a positive whole number
 * @returns the task's result
 * @throws TimeBudgetExceeded when the task ran out of time (or threw it itself)
 * @throws whatever the task throws
 */
export function withinTimeBudget<T>(task: () => T, budgetMs: number = FILE_TIME_BUDGET_MS): T {
  const limitMs = budgetMs * (1 + WATCHDOG_GRACE);
  let wallLimitMs = limitMs;
  for (let run = 1; ; run += 1) {
    const cpuStart = threadCpuMs();
    const wallStart = performance.now();
    const outcome = runWithWatchdog(task, budgetMs, cpuStart, wallLimitMs);
    const cpuUsed = threadCpuMs() - cpuStart;
    // Over the budget is over it, however the run ended: the same file gets the same answer under any load.
    if (cpuUsed > limitMs || (outcome.timedOut && (cpuUsed >= budgetMs || run === MAX_RUNS))) throw new TimeBudgetExceeded(budgetMs);
    if (!outcome.timedOut) return outcome.result as T;
    const share = Math.max(cpuUsed / Math.max(performance.now() - wallStart, 1), MIN_CORE_SHARE);
    wallLimitMs = Math.max(wallLimitMs * 2, (limitMs / share) * 1.5);
  }
}

/** One run of a task under the watchdog: its result, or that the watchdog stopped it. */
function runWithWatchdog<T>(task: () => T, budgetMs: number, cpuStart: number, wallLimitMs: number): { timedOut: boolean; result?: T } {
  let result: T | undefined;
  const slots = globalThis as unknown as Record<string, (() => void) | undefined>;
  slots[TASK_SLOT] = () => {
    result = task();
  };
  running = { budgetMs, cpuDeadline: cpuStart + budgetMs, nextCheck: performance.now() + budgetMs };
  try {
    CALL_TASK.runInThisContext({ timeout: Math.ceil(wallLimitMs) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { timedOut: true };
    throw error;
  } finally {
    running = { budgetMs: 0, cpuDeadline: Number.POSITIVE_INFINITY, nextCheck: Number.POSITIVE_INFINITY };
    slots[TASK_SLOT] = undefined;
  }
  return { timedOut: false, result };
}
