/**
 * Refs read as git keeps them: loose files beat `packed-refs`, symbolic refs are followed, short
 * names resolve in git's order, and a name cannot lead outside the git directory.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefStore } from '../../src/scan/history/refs.js';
import { makeRepo } from '../helpers/temp-repo.js';

const [MAIN, RELEASE, TAG, STALE, OUTSIDE] = ['1', '2', '3', '4', '5'].map((digit) => digit.repeat(40)) as [string, string, string, string, string];

async function gitDirectory(): Promise<string> {
  const root = await makeRepo({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/refs/heads/main': `${MAIN}\n`,
    '.git/refs/remotes/origin/HEAD': 'ref: refs/remotes/origin/main\n',
    '.git/packed-refs': [
      '# pack-refs with: peeled fully-peeled sorted ',
      `${STALE} refs/heads/main`,
      `${MAIN} refs/remotes/origin/main`,
      `${RELEASE} refs/heads/release/1.x`,
      `${TAG} refs/tags/v1.0.0`,
      `^${RELEASE}`,
      '',
    ].join('\n'),
    'secret-ref': `${OUTSIDE}\n`,
  });
  await mkdir(path.join(root, '.git/refs/tags'), { recursive: true });
  await writeFile(path.join(root, '.git/refs/tags/not-a-ref'), 'hello\n');
  return path.join(root, '.git');
}

describe('RefStore', () => {
  it('lists loose and packed refs once each, and resolves them', async () => {
    const gitdir = await gitDirectory();
    const refs = new RefStore(gitdir, gitdir);
    expect(refs.list()).toEqual(['refs/heads/main', 'refs/heads/release/1.x', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/tags/not-a-ref', 'refs/tags/v1.0.0']);
    // The loose file is newer than its packed line.
    expect(refs.resolve('refs/heads/main')).toBe(MAIN);
    expect(refs.resolve('HEAD')).toBe(MAIN);
    expect(refs.resolve('refs/remotes/origin/HEAD')).toBe(MAIN);
    expect(refs.symbolicTarget('refs/remotes/origin/HEAD')).toBe('refs/remotes/origin/main');
    expect(refs.resolve('refs/tags/not-a-ref')).toBeUndefined();
  });

  it('resolves short names in git order', async () => {
    const gitdir = await gitDirectory();
    const refs = new RefStore(gitdir, gitdir);
    expect(refs.resolveShort('v1.0.0')).toBe(TAG);
    expect(refs.resolveShort('release/1.x')).toBe(RELEASE);
    expect(refs.resolveShort('origin')).toBe(MAIN);
    expect(refs.resolveShort('nothing')).toBeUndefined();
  });

  it('never reads outside the git directory', async () => {
    const gitdir = await gitDirectory();
    const refs = new RefStore(gitdir, gitdir);
    expect(refs.resolve('../secret-ref')).toBeUndefined();
    expect(refs.resolveShort('../../secret-ref')).toBeUndefined();
    expect(refs.resolve('/etc/hostname')).toBeUndefined();
  });
});
