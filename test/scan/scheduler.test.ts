import { describe, expect, it } from 'vitest';
// The worker runs the built module, so these tests use dist/ (built by `npm test`'s pretest).
import { createScheduler } from '../../dist/src/scan/scheduler.js';
import { analyzeText } from '../../dist/src/scan/analyze.js';
import { scan } from '../../dist/src/scan/run.js';
import { FAKE_OAUTH_TOKEN, makeRepo } from '../helpers/temp-repo.js';

const READS_LOGIN = `import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function loadLogin() {
  return JSON.parse(readFileSync(path.join(os.homedir(), '.claude', '.credentials.json'), 'utf8'));
}
`;
const EMBEDS_TOKEN = `export const token = '${FAKE_OAUTH_TOKEN}';\n`;

describe('createScheduler', () => {
  it('gives the same analysis in a worker as on the main thread', async () => {
    const scheduler = createScheduler({ threads: 1, inlineParseBudget: 0 });
    try {
      const inWorker = await scheduler.analyze(READS_LOGIN, 'src/login.ts', 'js', false);
      expect(scheduler.usedWorkers).toBe(true);
      expect(inWorker).toEqual({ ...analyzeText(READS_LOGIN, 'src/login.ts', 'js', false), ms: inWorker.ms });
      expect(inWorker.findings.map((finding) => [finding.messageId, finding.line])).toEqual([['credentialsFile', 6]]);
    } finally {
      await scheduler.close();
    }
  });

  it('parses on the main thread until the inline budget is spent', async () => {
    const scheduler = createScheduler({ threads: 1, inlineParseBudget: READS_LOGIN.length + 1 });
    try {
      await scheduler.analyze(READS_LOGIN, 'a.ts', 'js', false);
      expect(scheduler.usedWorkers).toBe(false);
      // Files that are not parsed (other kinds, declaration files) never start the pool.
      await scheduler.analyze(EMBEDS_TOKEN, 'token.txt', 'text', false);
      await scheduler.analyze(EMBEDS_TOKEN, 'types/token.d.ts', 'js', false);
      expect(scheduler.usedWorkers).toBe(false);
      await scheduler.analyze(READS_LOGIN, 'b.ts', 'js', false);
      await scheduler.analyze(EMBEDS_TOKEN, 'c.ts', 'js', false);
      expect(scheduler.usedWorkers).toBe(true);
    } finally {
      await scheduler.close();
    }
  });

  it('never starts a worker with threads: 0', async () => {
    const scheduler = createScheduler({ threads: 0, inlineParseBudget: 0 });
    await scheduler.analyze(READS_LOGIN, 'a.ts', 'js', false);
    expect(scheduler.usedWorkers).toBe(false);
    await scheduler.close();
  });
});

describe('scan with worker threads', () => {
  it('reports the same as a scan on the main thread', async () => {
    const files: Record<string, string> = { 'README.md': '# app\n', 'notes.txt': EMBEDS_TOKEN };
    for (let index = 0; index < 20; index += 1) files[`src/module-${index}.ts`] = index % 2 === 0 ? READS_LOGIN : EMBEDS_TOKEN;
    const cwd = await makeRepo(files);
    const onMainThread = await scan(['.'], { cwd, threads: 0 });
    const withWorkers = await scan(['.'], { cwd, threads: 2, inlineParseBudget: 0 });
    // The statistics differ (times, files in workers); the reports must not.
    expect(withWorkers.stats?.filesInWorkers).toBeGreaterThan(0);
    expect({ ...withWorkers, stats: undefined }).toEqual({ ...onMainThread, stats: undefined });
    expect(onMainThread.reports).toHaveLength(21);
  });
});
