import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { createProgressLine, progressText, type ProgressStream } from '../src/progress.js';
import { scan, type ScanProgress } from '../src/scan/run.js';

const root = path.resolve(import.meta.dirname, '..');
const ERASE_LINE = '\r\u001B[2K';

/** A stand-in for a terminal's standard error: records what is written. */
function fakeTerminal(isTTY: boolean, columns = 80): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) };
}

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const walking = (filesScanned: number): ScanProgress => ({ phase: 'walking', filesScanned });
const analyzing = (filesScanned: number, filesTotal: number): ScanProgress => ({ phase: 'analyzing', filesScanned, filesTotal });

describe('progressText', () => {
  it('counts files while the walk goes on, and shows the total once it is known', () => {
    expect(progressText(walking(1))).toBe('Scanning: 1 file scanned (listing files…)');
    expect(progressText(walking(12_345))).toBe('Scanning: 12,345 files scanned (listing files…)');
    expect(progressText(analyzing(1_204, 5_310))).toBe('Scanning: 1,204/5,310 files (22%)');
    expect(progressText(analyzing(0, 0))).toBe('Scanning: 0/0 files (100%)');
  });
});

describe('createProgressLine', () => {
  it('rewrites one line in place on a terminal, and erases it at the end', () => {
    const terminal = fakeTerminal(true);
    const clock = manualClock();
    const line = createProgressLine(terminal, { env: {}, now: clock.now });
    line.update(walking(1));
    clock.advance(150);
    line.update(walking(40));
    line.clear();
    expect(terminal.written).toEqual([
      `${ERASE_LINE}Scanning: 1 file scanned (listing files…)`,
      `${ERASE_LINE}Scanning: 40 files scanned (listing files…)`,
      ERASE_LINE,
    ]);
    expect(terminal.written.join('')).not.toContain('\n');
  });

  it('redraws at most once per interval, except when the phase changes', () => {
    const terminal = fakeTerminal(true);
    const clock = manualClock();
    const line = createProgressLine(terminal, { env: {}, now: clock.now, intervalMs: 100 });
    line.update(walking(1));
    for (let files = 2; files <= 50; files += 1) {
      clock.advance(1);
      line.update(walking(files));
    }
    line.update(analyzing(50, 60));
    clock.advance(99);
    line.update(analyzing(55, 60));
    clock.advance(1);
    line.update(analyzing(56, 60));
    expect(terminal.written).toEqual([
      `${ERASE_LINE}Scanning: 1 file scanned (listing files…)`,
      `${ERASE_LINE}Scanning: 50/60 files (83%)`,
      `${ERASE_LINE}Scanning: 56/60 files (93%)`,
    ]);
  });

  it('fits the terminal width', () => {
    const terminal = fakeTerminal(true, 20);
    createProgressLine(terminal, { env: {} }).update(analyzing(123_456, 654_321));
    expect(terminal.written[0]).toBe(`${ERASE_LINE}${'Scanning: 123,456/654,321'.slice(0, 19)}`);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const pipe = fakeTerminal(false);
    const line = createProgressLine(pipe, { env: {} });
    line.update(walking(1));
    line.clear();
    expect(pipe.written).toEqual([]);
  });

  it('writes nothing in CI, whatever CI is set to, unless it says false', () => {
    for (const value of ['true', '1', 'yes', 'gitlab']) {
      const terminal = fakeTerminal(true);
      createProgressLine(terminal, { env: { CI: value } }).update(walking(1));
      expect(terminal.written, `CI=${value}`).toEqual([]);
    }
    const terminal = fakeTerminal(true);
    createProgressLine(terminal, { env: { CI: 'false' } }).update(walking(1));
    expect(terminal.written).toHaveLength(1);
  });

  it('does not erase a line it never drew', () => {
    const terminal = fakeTerminal(true);
    createProgressLine(terminal, { env: {} }).clear();
    expect(terminal.written).toEqual([]);
  });
});

describe('scan onProgress', () => {
  it('reports each file scanned, then the total once the walk has ended', async () => {
    const events: ScanProgress[] = [];
    const result = await scan(['fixtures/repos/demo-app'], { cwd: root, onProgress: (event) => events.push({ ...event }) });
    expect(result.filesWalked).toBeGreaterThan(0);
    const counts = events.map((event) => event.filesScanned);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(result.filesWalked);
    const firstWithTotal = events.findIndex((event) => event.filesTotal !== undefined);
    expect(firstWithTotal).toBeGreaterThanOrEqual(0);
    expect(events.slice(0, firstWithTotal).every((event) => event.phase === 'walking')).toBe(true);
    expect(events.slice(firstWithTotal).every((event) => event.phase === 'analyzing' && event.filesTotal === result.filesWalked)).toBe(true);
  });

  it('knows the total only after the last of several inputs, and counts a file named twice once', async () => {
    const events: ScanProgress[] = [];
    const inputs = ['fixtures/repos/demo-app/src', 'fixtures/repos/demo-app/src/lib/config.ts', 'fixtures/repos/demo-app/worker'];
    const result = await scan(inputs, { cwd: root, onProgress: (event) => events.push({ ...event }) });
    const totals = new Set(events.map((event) => event.filesTotal));
    expect(totals).toEqual(new Set([undefined, result.filesWalked]));
    expect(events.at(-1)).toEqual({ phase: 'analyzing', filesScanned: result.filesWalked, filesTotal: result.filesWalked });
  });
});

describe('the CLI progress line', () => {
  async function run(env: NodeJS.ProcessEnv, isTTY: boolean): Promise<{ progress: string[]; stdout: string; code: number }> {
    const terminal = fakeTerminal(isTTY);
    let stdout = '';
    const code = await main(['--format', 'json', 'fixtures/repos/demo-app'], {
      cwd: root,
      stdout: (text) => (stdout += text),
      stderr: (text) => terminal.write(text),
      isTTY: false,
      env,
      progressStream: terminal,
    });
    return { progress: terminal.written, stdout, code };
  }

  it('draws on a terminal, erases itself before the report, and keeps standard output clean', async () => {
    const { progress, stdout, code } = await run({}, true);
    expect(code).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const line of progress.slice(0, -1)) {
      expect(line).toMatch(/^\r\u001B\[2KScanning: (\d+ files? scanned \(listing files…\)|\d+\/\d+ files \(\d+%\))$/);
    }
    expect(progress.at(-1)).toBe(ERASE_LINE);
    expect(stdout).not.toContain('Scanning');
    expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it('stays silent when standard error is not a terminal, or in CI', async () => {
    expect((await run({}, false)).progress).toEqual([]);
    expect((await run({ CI: 'true' }, true)).progress).toEqual([]);
  });
});
