/**
 * The CLI reads settings from the directory it runs in (claude-auth-lint.config.json, package.json,
 * .claude-auth-lintignore), which in CI is the checked-out repository. Under those names a hostile
 * tree may hold a named pipe or a link to /dev/zero: neither may hang the run or end it with an
 * internal error.
 */
import { spawnSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_OAUTH_TOKEN, makeRepo } from '../helpers/temp-repo.js';
import { runCapturing } from './support.js';

const planted = { 'src/config.ts': `export const token = '${FAKE_OAUTH_TOKEN}';\n` };

async function withSpecialFile(name: string, special: 'pipe' | 'zero'): Promise<string> {
  const root = await makeRepo(planted);
  if (special === 'pipe') expect(spawnSync('mkfifo', [path.join(root, name)]).status).toBe(0);
  else await symlink('/dev/zero', path.join(root, name));
  return root;
}

describe('settings files that are not regular files', () => {
  for (const special of ['pipe', 'zero'] as const) {
    it(`ignores a package.json that is a ${special === 'pipe' ? 'named pipe' : 'link to /dev/zero'}, and scans`, async () => {
      const run = await runCapturing([], await withSpecialFile('package.json', special));
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('src/config.ts');
    });

    for (const name of ['claude-auth-lint.config.json', '.claude-auth-lintignore']) {
      it(`refuses ${name} as a ${special === 'pipe' ? 'named pipe' : 'link to /dev/zero'} with a one-line reason`, async () => {
        const root = await withSpecialFile(name, special);
        const run = await runCapturing([], root);
        expect(run.code).toBe(2);
        expect(run.stderr.split('\n')[0]).toBe(`claude-auth-lint: ${path.join(root, name)} is not a regular file of at most 16 MiB.`);
      });
    }
  }
});
