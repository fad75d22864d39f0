/**
 * The scanner reads a repository's git index (to tell tracked `.env` files from ignored ones)
 * without running git. An unpacked archive can hold any git data it likes: an index that is a
 * named pipe, a link to an endless device, a `.git` pointer file that is a pipe, or a crafted
 * index that decodes to gigabytes of paths. None may hang or exhaust the scan.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIndexPaths } from '../../src/files/git-index.js';
import { scan } from '../../src/scan/run.js';
import { FAKE_OAUTH_TOKEN, makeRepo } from '../helpers/temp-repo.js';

const dotenv = `CLAUDE_CODE_OAUTH_TOKEN=${FAKE_OAUTH_TOKEN}\n`;

/**
 * A version 4 index whose every entry keeps the whole path before it and adds one byte: each
 * 65-byte entry decodes to a path one byte longer than the last.
 */
function amplifyingIndex(entries: number): Buffer {
  const header = Buffer.alloc(12);
  header.write('DIRC', 0, 'latin1');
  header.writeUInt32BE(4, 4);
  header.writeUInt32BE(entries, 8);
  const entry = Buffer.concat([Buffer.alloc(62), Buffer.from([0x00, 0x61, 0x00])]);
  return Buffer.concat([header, ...Array<Buffer>(entries).fill(entry)]);
}

async function scanFindsTheToken(root: string): Promise<void> {
  const { reports } = await scan(['.'], { cwd: root });
  expect(reports.flatMap((report) => report.findings.map((f) => `${report.relativePath} ${f.ruleId}`))).toContain('.env claude-auth/no-embedded-token');
}

describe('hostile git data', () => {
  it('does not read an index that is a link to /dev/zero', async () => {
    const root = await makeRepo({ '.env': dotenv, '.git/HEAD': 'ref: refs/heads/main\n' });
    await symlink('/dev/zero', path.join(root, '.git/index'));
    await scanFindsTheToken(root);
  });

  it('does not open an index, or a .git pointer file, that is a named pipe', async () => {
    const withPipeIndex = await makeRepo({ '.env': dotenv, '.git/HEAD': 'ref: refs/heads/main\n' });
    expect(spawnSync('mkfifo', [path.join(withPipeIndex, '.git/index')]).status).toBe(0);
    await scanFindsTheToken(withPipeIndex);
    const withPipePointer = await makeRepo({ '.env': dotenv });
    expect(spawnSync('mkfifo', [path.join(withPipePointer, '.git')]).status).toBe(0);
    await scanFindsTheToken(withPipePointer);
  });

  it('gives up on an index whose paths would be far longer than the index itself', async () => {
    const index = amplifyingIndex(16_000);
    expect(() => readIndexPaths(index)).toThrow(/implausible git index/);
    const root = await makeRepo({ '.env': dotenv });
    await mkdir(path.join(root, '.git'));
    await writeFile(path.join(root, '.git/index'), index);
    await scanFindsTheToken(root);
  });

  it('still reads a version 4 index whose paths share prefixes', () => {
    const header = Buffer.alloc(12);
    header.write('DIRC', 0, 'latin1');
    header.writeUInt32BE(4, 4);
    header.writeUInt32BE(2, 8);
    const first = Buffer.concat([Buffer.alloc(62), Buffer.from([0x00]), Buffer.from('src/a.ts\0')]);
    const second = Buffer.concat([Buffer.alloc(62), Buffer.from([0x04]), Buffer.from('b.ts\0')]);
    expect(readIndexPaths(Buffer.concat([header, first, second]))).toEqual(['src/a.ts', 'src/b.ts']);
  });
});
