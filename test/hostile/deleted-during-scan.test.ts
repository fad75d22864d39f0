/**
 * A file that disappears between the walk and the read (a build running beside the scan, a
 * checkout switching branches): the scan reports it as unreadable, or not at all, and goes on.
 * The deletion is injected into the scanner's own `openSync`, so it happens at exactly that moment.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FAKE_OAUTH_TOKEN, makeRepo } from '../helpers/temp-repo.js';
import { scan } from '../../src/scan/run.js';
import { runCapturing } from './support.js';

/** Absolute paths to delete just before the scanner reads them. */
const deleteBeforeRead = new Set<string>();

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  const openSync = ((file: Parameters<typeof original.openSync>[0], ...rest: unknown[]) => {
    if (typeof file === 'string' && deleteBeforeRead.delete(file)) original.rmSync(file);
    return (original.openSync as (...args: unknown[]) => number)(file, ...rest);
  }) as typeof original.openSync;
  return { ...original, openSync, default: { ...original, openSync } };
});

const token = `export const token = '${FAKE_OAUTH_TOKEN}';\n`;

describe('a file deleted while the scan runs', () => {
  it('is reported as unreadable, and the other files are still scanned', async () => {
    const root = await makeRepo({ 'src/a.ts': token, 'src/vanishing.ts': token, 'src/z.ts': token });
    deleteBeforeRead.add(path.join(root, 'src/vanishing.ts'));
    const { reports } = await scan(['.'], { cwd: root });
    expect(deleteBeforeRead.size).toBe(0);
    expect(reports.map((report) => [report.relativePath, report.findings.length, report.diagnostics.map((d) => d.message)])).toEqual([
      ['src/a.ts', 1, []],
      ['src/vanishing.ts', 0, ['Could not read the file (ENOENT).']],
      ['src/z.ts', 1, []],
    ]);
  });

  it('keeps the exit code of the findings, with no stack trace', async () => {
    const root = await makeRepo({ 'src/a.ts': token, 'src/vanishing.py': 'x = 1\n' });
    deleteBeforeRead.add(path.join(root, 'src/vanishing.py'));
    const run = await runCapturing([], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('src/vanishing.py  unreadable  Could not read the file (ENOENT).');
  });

  it('is an error the user caused when it was named on the command line and is gone before the scan', async () => {
    const root = await makeRepo({ 'gone.ts': token });
    await rm(path.join(root, 'gone.ts'));
    const run = await runCapturing(['gone.ts'], root);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^claude-auth-lint: No such file or directory: gone\.ts\n(Run claude-auth-lint --help for usage\.\n)?$/);
  });
});
