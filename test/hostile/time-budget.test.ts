/**
 * The per-file time budget: an analysis that runs out of CPU time is stopped (on the main thread, in
 * a worker, inside tree-sitter's WebAssembly), the file gets a `timeout` diagnostic and the text
 * markers, and the scan goes on with the next file as if nothing had happened. Time spent waiting
 * for a core (a loaded machine) does not count.
 *
 * A real input that hangs an analyzer would be a bug to fix, so these tests give ordinary but
 * large files a budget far too small for them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';
// The worker runs the built module, so the scheduler test uses dist/ (built by `npm test`'s pretest).
import { createScheduler } from '../../dist/src/scan/scheduler.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { preparePythonParser } from '../../src/files/python/tree.js';
import { threadCpuMs, TimeBudgetExceeded, withinTimeBudget } from '../../src/scan/time-budget.js';

beforeAll(preparePythonParser);

/** About 400 KB of ordinary TypeScript (under the 1 MB parse limit), with a token on its last line. */
const BIG_TS = [
  "import Anthropic from '@anthropic-ai/sdk';",
  ...Array.from({ length: 8000 }, (_, index) => `export function step${index}(input: number): number { return input * ${index} + 1; }`),
  `export const token = '${FAKE_OAUTH_TOKEN}';`,
].join('\n');
const BIG_TS_TOKEN_LINE = 8002;

/** About 300 KB of ordinary Python, with a token on its last line. */
const BIG_PY = [
  'import anthropic',
  ...Array.from({ length: 8000 }, (_, index) => `def step_${index}(value):\n    return value * ${index} + 1\n`),
  `TOKEN = "${FAKE_OAUTH_TOKEN}"`,
].join('\n');
const BIG_PY_TOKEN_LINE = 1 + 8000 * 3 + 1;

const SMALL_PY = `import os\nfrom pathlib import Path\n\nlogin = (Path.home() / ".claude" / ".credentials.json").read_text()\n`;

const summary = (analysis: ReturnType<typeof analyzeText>) => ({
  diagnostics: analysis.diagnostics.map((diagnostic) => diagnostic.kind),
  findings: analysis.findings.map((finding) => `${finding.line}:${finding.column} ${finding.messageId}`),
});

describe('withinTimeBudget', () => {
  it('stops an endless synchronous loop and leaves the thread usable', () => {
    const started = performance.now();
    expect(() =>
      withinTimeBudget(() => {
        for (;;);
      }, 50),
    ).toThrow(TimeBudgetExceeded);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(withinTimeBudget(() => [1, 2, 3].map((value) => value * 2), 50)).toEqual([2, 4, 6]);
  });

  it('counts CPU time, not waiting: a task that waits for longer than its budget still finishes', () => {
    // The stand-in for a busy machine: the thread waits 300 ms (as for a core) and uses almost no CPU.
    const waited = withinTimeBudget(() => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      return 'done';
    }, 100);
    expect(waited).toBe('done');
  });

  it('reads the CPU time of the thread it runs on', () => {
    const before = threadCpuMs();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    const afterWaiting = threadCpuMs();
    let sum = 0;
    for (let index = 0; index < 20_000_000; index += 1) sum += index;
    expect(sum).toBeGreaterThan(0);
    // Waiting costs next to no CPU time; counting does.
    expect(afterWaiting - before).toBeLessThan(50);
    expect(threadCpuMs() - afterWaiting).toBeGreaterThan(afterWaiting - before);
  });

  it("passes the task's own errors through", () => {
    expect(() =>
      withinTimeBudget(() => {
        throw new RangeError('no');
      }, 1000),
    ).toThrow(RangeError);
  });
});

/** Parses of these files take seconds of CPU time, and a loaded machine stretches them many times over in wall-clock time. */
const LOADED_MACHINE_TIMEOUT_MS = 300_000;

describe('analyzeText with a time budget', { timeout: LOADED_MACHINE_TIMEOUT_MS }, () => {
  it('gives a JS/TS file that runs out of time a timeout diagnostic and the text markers', () => {
    // The file names a credential: running out of time is a no-unanalyzed-code finding too, on its first trigger word.
    expect(summary(analyzeText(BIG_TS, 'src/steps.ts', 'js', false, undefined, 5))).toEqual({
      diagnostics: ['timeout'],
      findings: ['1:24 timeout', `${BIG_TS_TOKEN_LINE}:23 subscriptionToken`],
    });
    // Within a normal budget the same file is parsed: same finding, no diagnostic.
    expect(summary(analyzeText(BIG_TS, 'src/steps.ts', 'js', false))).toEqual({
      diagnostics: [],
      findings: [`${BIG_TS_TOKEN_LINE}:23 subscriptionToken`],
    });
  });

  it('stops tree-sitter cleanly: the next Python file parses as usual', () => {
    expect(summary(analyzeText(BIG_PY, 'app/steps.py', 'python', false, undefined, 5))).toEqual({
      diagnostics: ['timeout'],
      findings: ['1:1 timeout', `${BIG_PY_TOKEN_LINE}:10 subscriptionToken`],
    });
    expect(summary(analyzeText(SMALL_PY, 'app/login.py', 'python', false))).toEqual({
      diagnostics: [],
      findings: ['4:10 credentialsFile'],
    });
  });

  it('applies the budget in worker threads too', async () => {
    const scheduler = createScheduler({ threads: 1, inlineParseBudget: 0, timeBudgetMs: 5 });
    try {
      const analysis = await scheduler.analyze(BIG_TS, 'src/steps.ts', 'js', false);
      expect(scheduler.usedWorkers).toBe(true);
      expect(summary(analysis)).toEqual({ diagnostics: ['timeout'], findings: ['1:24 timeout', `${BIG_TS_TOKEN_LINE}:23 subscriptionToken`] });
    } finally {
      await scheduler.close();
    }
  });
});
