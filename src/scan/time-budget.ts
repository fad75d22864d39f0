/**
 * The per-file time budget: no single file may hold a scan for longer than this, whatever its
 * content does to a parser or a rule.
 *
 * Analyses are synchronous, so nothing in their own thread can interrupt them. Node's `vm` timeout
 * can: a watchdog thread terminates the JavaScript running under it (and WebAssembly it calls),
 * synchronous code included, and the call throws. A task runs under it by being called from a
 * one-line script, so the same code path serves the main thread and the worker threads, and a
 * terminated analysis costs the file its parse, not the scan its state. Parsers that can stop on
 * their own do so before the watchdog fires ({@link timeBudgetExpired}), so that none is cut off
 * in the middle of its own bookkeeping (tree-sitter's WebAssembly heap).
 *
 * Cost: a watchdog thread per call, 0.15-0.5 ms, paid only by files that reach a parser: nothing on
 * the bench corpus, about 10 % of the time on a repository where most files are parsed (150 copies
 * of fixtures/repos, 2,700 JS/TS files parsed: 17-19 s without, 19.5-21 s with). Skipping small files
 * would save most of it, but a rule that turned superlinear on a crafted small input could then hang.
 *
 * @packageDocumentation
 */
import vm from 'node:vm';

/** How long one file's analysis may take (ms) before it is stopped and given the text markers only. */
export const FILE_TIME_BUDGET_MS = 10_000;

/** The watchdog fires this share of the budget after the deadline, so that cooperative parsers stop cleanly first. */
const WATCHDOG_GRACE = 0.1;

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

/** The budget running now (ms), and when it ends in `performance.now()` ms; Infinity outside {@link withinTimeBudget}. */
let running = { budgetMs: 0, deadline: Number.POSITIVE_INFINITY };

/**
 * Whether the task running under {@link withinTimeBudget} is out of time: parsers that take a
 * cancellation callback (tree-sitter's progress callback) ask it, and stop before the watchdog
 * would stop them. Always false outside a budget.
 */
export function timeBudgetExpired(): boolean {
  return performance.now() >= running.deadline;
}

/** The error a parser that stopped on {@link timeBudgetExpired} throws. */
export function timeBudgetExceeded(): TimeBudgetExceeded {
  return new TimeBudgetExceeded(running.budgetMs);
}

/**
 * Runs a synchronous task, stopping it once it has run for `budgetMs` (plus a tenth, the grace for
 * parsers that stop on their own).
 *
 * @param task - synchronous work; what it returns is returned
 * @param budgetMs - the budget in ms, a positive whole number
 * @returns the task's result
 * @throws TimeBudgetExceeded when the task ran out of time (or threw it itself)
 * @throws whatever the task throws
 */
export function withinTimeBudget<T>(task: () => T, budgetMs: number = FILE_TIME_BUDGET_MS): T {
  let result: T | undefined;
  const slots = globalThis as unknown as Record<string, (() => void) | undefined>;
  slots[TASK_SLOT] = () => {
    result = task();
  };
  running = { budgetMs, deadline: performance.now() + budgetMs };
  try {
    CALL_TASK.runInThisContext({ timeout: Math.ceil(budgetMs * (1 + WATCHDOG_GRACE)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeBudgetExceeded(budgetMs);
    throw error;
  } finally {
    running = { budgetMs: 0, deadline: Number.POSITIVE_INFINITY };
    slots[TASK_SLOT] = undefined;
  }
  return result as T;
}
