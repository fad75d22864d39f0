import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walk } from '../../src/scan/walk.js';
import { makeRepo } from '../helpers/temp-repo.js';

async function walked(root: string, gitignore?: boolean): Promise<string[]> {
  const paths: string[] = [];
  for await (const entry of walk(root, { gitignore })) paths.push(entry.path);
  return paths.sort();
}

describe('walk', () => {
  it('includes dot files and .github, honours .gitignore, skips node_modules, .git and build output', async () => {
    const root = await makeRepo({
      '.env': 'A=1\n',
      '.github/workflows/ci.yml': 'on: push\n',
      '.gitignore': 'secrets/\n*.log\n',
      'secrets/token.txt': 'x',
      'debug.log': 'x',
      'node_modules/pkg/index.js': 'x',
      'packages/a/node_modules/dep/index.js': 'x',
      '.git/config': 'x',
      'dist/index.js': 'x',
      'src/index.ts': 'export {};\n',
    });
    expect(await walked(root)).toEqual(['.env', '.github/workflows/ci.yml', '.gitignore', 'src/index.ts']);
  });

  it('scans what .gitignore excludes when asked to', async () => {
    const root = await makeRepo({ '.gitignore': '*.log\n', 'debug.log': 'x' });
    expect(await walked(root, false)).toEqual(['.gitignore', 'debug.log']);
  });

  it('lets a deeper ignore file re-include what a shallower one leaves out, never under an ignored directory', async () => {
    const root = await makeRepo({
      '.gitignore': '*.log\ngenerated/\n',
      'keep/.gitignore': '!important.log\n',
      'keep/important.log': 'x',
      'keep/other.log': 'x',
      'generated/.gitignore': '!*\n',
      'generated/out.ts': 'x',
      'src/.claude-auth-lintignore': 'fixtures/\n/local.ts\n',
      'src/fixtures/fake.ts': 'x',
      'src/local.ts': 'x',
      'src/app/local.ts': 'x',
    });
    expect(await walked(root)).toEqual([
      '.gitignore', 'keep/.gitignore', 'keep/important.log', 'src/.claude-auth-lintignore', 'src/app/local.ts',
    ]);
  });

  it('honours the .gitignore of a parent directory up to the work tree root, and only with gitignore on', async () => {
    const top = await makeRepo({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'packages/api/secrets.txt\n*.tmp\n', 'packages/api/secrets.txt': 'x', 'packages/api/a.tmp': 'x', 'packages/api/index.ts': 'x' });
    expect(await walked(path.join(top, 'packages/api'))).toEqual(['index.ts']);
    expect(await walked(path.join(top, 'packages/api'), false)).toEqual(['a.tmp', 'index.ts', 'secrets.txt']);
  });

  it('walks a directory that a parent .gitignore leaves out when it is the one named, with its own ignore files', async () => {
    const top = await makeRepo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'vendor/\n',
      'vendor/sdk/.gitignore': '*.tmp\n',
      'vendor/sdk/client.js': 'x',
      'vendor/sdk/cache.tmp': 'x',
      'src/app.js': 'x',
    });
    expect(await walked(path.join(top, 'vendor/sdk'))).toEqual(['.gitignore', 'client.js']);
    expect(await walked(top)).toEqual(['.gitignore', 'src/app.js']);
  });

  it('keeps its own ignore file when .gitignore is off', async () => {
    const root = await makeRepo({ '.claude-auth-lintignore': 'vendor/\n', 'vendor/lib.js': 'x', 'src/app.js': 'x' });
    expect(await walked(root, false)).toEqual(['.claude-auth-lintignore', 'src/app.js']);
  });

  it('never follows symbolic links: no loop, nothing from outside the tree', async () => {
    const outside = await makeRepo({ 'secret.txt': 'outside' });
    const root = await makeRepo({ 'src/app.js': 'x' });
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'linked.txt'));
    await symlink(outside, path.join(root, 'linked-dir'));
    await mkdir(path.join(root, 'deep'));
    await symlink(root, path.join(root, 'deep', 'loop'));
    expect(await walked(root)).toEqual(['src/app.js']);
  });
});
