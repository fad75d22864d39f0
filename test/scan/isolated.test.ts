import { describe, expect, it } from 'vitest';
// The scan worker runs the built module, so these tests use dist/ (built by `npm test`'s pretest).
import { startScan } from '../../dist/src/scan/isolated.js';
import { scan, type ScanProgress } from '../../dist/src/scan/run.js';
import { DEMO_APP } from '../helpers/scan-helpers.js';

/** One finding as `path line:column ruleId messageId`. */
const keyed = (result: Awaited<ReturnType<typeof scan>>) =>
  result.reports.flatMap((report) => report.findings.map((f) => `${report.relativePath} ${f.line}:${f.column} ${f.ruleId} ${f.messageId}`));

describe('startScan', () => {
  it('reports what a scan in this thread reports, with progress, from a worker', async () => {
    const progress: ScanProgress[] = [];
    const pending = startScan(['.'], DEMO_APP, { workerMinFiles: 1 });
    expect(pending.inWorker).toBe(true);
    const inWorker = await pending.run({ onProgress: (update) => progress.push(update) });
    const inThread = await scan(['.'], { cwd: DEMO_APP });
    expect(keyed(inWorker).length).toBeGreaterThan(0);
    expect(keyed(inWorker)).toEqual(keyed(inThread));
    expect(inWorker.filesWalked).toBe(inThread.filesWalked);
    expect(progress.at(-1)).toMatchObject({ phase: 'analyzing', filesTotal: inThread.filesWalked });
  });

  it('passes a usage error back as one', async () => {
    await expect(startScan(['.', 'no-such-dir'], DEMO_APP, { workerMinFiles: 1 }).run()).rejects.toMatchObject({
      name: 'UsageError',
      message: 'No such file or directory: no-such-dir',
    });
  });

  it('scans small trees and files named one by one in this thread', () => {
    expect(startScan(['.'], DEMO_APP).inWorker).toBe(false);
    expect(startScan(['src/server.ts', 'package.json'], DEMO_APP, { workerMinFiles: 1 }).inWorker).toBe(false);
    // Directories are counted with what is under them, until the threshold.
    const pending = startScan(['src', 'package.json'], DEMO_APP, { workerMinFiles: 2 });
    pending.cancel();
    expect(pending.inWorker).toBe(true);
  });

  it('stops a worker that is cancelled before it is sent its scan', async () => {
    const pending = startScan(['.'], DEMO_APP, { workerMinFiles: 1 });
    pending.cancel();
    await expect(pending.run()).rejects.toThrow(/stopped/);
  });
});
