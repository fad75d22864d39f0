import { describe, expect, it } from 'vitest';
// The scan worker runs the built module, so these tests use dist/ (built by `npm test`'s pretest).
import { scanInWorker } from '../../dist/src/scan/isolated.js';
import { scan, type ScanProgress } from '../../dist/src/scan/run.js';
import { DEMO_APP } from '../helpers/scan-helpers.js';

/** One finding as `path line:column ruleId messageId`. */
const keyed = (result: Awaited<ReturnType<typeof scan>>) =>
  result.reports.flatMap((report) => report.findings.map((f) => `${report.relativePath} ${f.line}:${f.column} ${f.ruleId} ${f.messageId}`));

describe('scanInWorker', () => {
  it('reports what a scan in this thread reports, with progress, from a worker', async () => {
    const progress: ScanProgress[] = [];
    const inWorker = await scanInWorker(['.'], { cwd: DEMO_APP, onProgress: (update) => progress.push(update) });
    const inThread = await scan(['.'], { cwd: DEMO_APP });
    expect(keyed(inWorker).length).toBeGreaterThan(0);
    expect(keyed(inWorker)).toEqual(keyed(inThread));
    expect(inWorker.filesWalked).toBe(inThread.filesWalked);
    expect(progress.at(-1)).toMatchObject({ phase: 'analyzing', filesTotal: inThread.filesWalked });
  });

  it('passes a usage error back as one', async () => {
    await expect(scanInWorker(['.', 'no-such-dir'], { cwd: DEMO_APP })).rejects.toMatchObject({
      name: 'UsageError',
      message: 'No such file or directory: no-such-dir',
    });
  });
});
