/**
 * `--history` and `--diff` read a repository's objects, never run git: a scanned repository's
 * `.git/config` and `.gitattributes` can make a git process run code (a textconv driver for
 * diffs, clean/smudge filters, `core.fsmonitor` on every status), and its hooks run on checkouts.
 * Checked as the never-execute tests check the scanner: each trap leaves a marker file if run;
 * child_process and the network are blocked and recorded in-process, and through an `--import`
 * preload for the built CLI. Then broken git data: a shallow clone, missing objects, a corrupt
 * pack give diagnostics, never a crash.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import git from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockNetworkAndProcesses } from '../hostile/network-guard.mjs';
import { runCapturing } from '../hostile/support.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';
import { buildRepository, hasGitBinary, packWithGit, type FixtureCommit } from './git-fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtCli = path.join(repoRoot, 'dist/src/cli.js');
const guard = path.join(repoRoot, 'test/hostile/network-guard.mjs');

let markers: string;
beforeAll(async () => {
  markers = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-git-markers-'));
});
afterAll(async () => {
  await rm(markers, { recursive: true, force: true });
});

const COMMITS: FixtureCommit[] = [
  {
    message: 'Add the bot',
    date: '2026-01-05T09:00:00Z',
    files: {
      '.gitattributes': '* diff=evil filter=evil\n',
      'bot.ts': `export const token = '${FAKE_OAUTH_TOKEN}';\n`,
      'notes.md': 'The bot posts release notes.\n',
    },
  },
  { message: 'Drop the token', date: '2026-02-05T09:00:00Z', files: { 'bot.ts': 'export const token = process.env.ANTHROPIC_API_KEY;\n' } },
  { message: 'Document the key', date: '2026-03-05T09:00:00Z', files: { 'notes.md': 'The bot posts release notes with ANTHROPIC_API_KEY.\n' } },
];

/** A shell script that leaves the marker `name` when run. */
async function trapScript(root: string, name: string): Promise<string> {
  const script = path.join(root, '.git', `trap-${name}.sh`);
  await writeFile(script, `#!/bin/sh\necho ran > ${JSON.stringify(path.join(markers, name))}\ncat "$1" 2>/dev/null || cat\n`);
  await chmod(script, 0o755);
  return script;
}

/** The fixture with git config, hooks and attributes that run a trap wherever git would run something. */
async function trappedRepository(): Promise<{ root: string; commits: string[] }> {
  const repository = await buildRepository(COMMITS, { 'bot.ts': `export const token = process.env.ANTHROPIC_API_KEY ?? '${FAKE_OAUTH_TOKEN}';\n` });
  const { root } = repository;
  const [textconv, fsmonitor, clean, smudge, processFilter] = await Promise.all(['textconv', 'fsmonitor', 'clean', 'smudge', 'process'].map((name) => trapScript(root, name)));
  await appendFile(
    path.join(root, '.git/config'),
    `[core]\n\tfsmonitor = ${fsmonitor}\n[diff "evil"]\n\ttextconv = ${textconv}\n` +
      `[filter "evil"]\n\tclean = ${clean}\n\tsmudge = ${smudge}\n\tprocess = ${processFilter}\n`,
  );
  await mkdir(path.join(root, '.git/hooks'), { recursive: true });
  for (const hook of ['post-checkout', 'pre-commit', 'post-merge', 'reference-transaction', 'fsmonitor-watchman']) {
    await writeFile(path.join(root, '.git/hooks', hook), `#!/bin/sh\necho ran > ${JSON.stringify(path.join(markers, `hook-${hook}`))}\n`);
    await chmod(path.join(root, '.git/hooks', hook), 0o755);
  }
  return repository;
}

const markersLeft = () => readdir(markers);

describe('the git data of a scanned repository runs nothing', () => {
  it.skipIf(!hasGitBinary)('the traps work: git itself runs the textconv driver and the fsmonitor hook', async () => {
    const { root } = await trappedRepository();
    try {
      spawnSync('git', ['diff', 'HEAD~1', 'HEAD'], { cwd: root, env: { PATH: process.env.PATH, HOME: root, GIT_PAGER: 'cat' } });
      spawnSync('git', ['status'], { cwd: root, env: { PATH: process.env.PATH, HOME: root } });
      expect(await markersLeft()).toEqual(expect.arrayContaining(['textconv', 'fsmonitor']));
    } finally {
      for (const marker of await markersLeft()) await rm(path.join(markers, marker));
    }
  });

  it('in-process: --history and --diff start no process and leave no marker', async () => {
    const { root, commits } = await trappedRepository();
    const attempts: string[] = [];
    const restore = blockNetworkAndProcesses((attempt) => attempts.push(attempt));
    const runs = [];
    try {
      runs.push(await runCapturing(['--history', '--format', 'json'], root));
      runs.push(await runCapturing(['--diff', commits[0] as string, '--format', 'json'], root));
      runs.push(await runCapturing(['--diff', '--format', 'sarif'], root));
    } finally {
      restore();
    }
    expect(attempts).toEqual([]);
    expect(await markersLeft()).toEqual([]);
    // Bare --diff: HEAD is the default branch, so the uncommitted token in bot.ts is the change.
    expect(runs.map((run) => [run.code, run.stderr])).toEqual([[1, ''], [1, ''], [1, '']]);
    // The scans did read the history: the token of the first commit, which the uncommitted bot.ts has again.
    const history = JSON.parse(runs[0]?.stdout ?? '[]') as { filePath: string; messages: { line: number; commit?: string; inWorkingTree?: boolean }[] }[];
    const bot = history.find((file) => file.filePath.endsWith('bot.ts'));
    expect(bot?.messages.map((message) => [message.commit, message.inWorkingTree])).toEqual([[commits[0], true]]);
  });

  it('the built CLI as a subprocess, with the guard preloaded: no attempt, no marker', async () => {
    const { root } = await trappedRepository();
    const log = path.join(markers, '..', `guard-${path.basename(markers)}.log`);
    for (const args of [['--history', '.'], ['--diff', 'HEAD~2', '.']]) {
      const child = await promisify(execFile)(process.execPath, ['--import', guard, builtCli, ...args], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: root, CLAUDE_AUTH_LINT_GUARD_LOG: log },
        encoding: 'utf8',
      }).then(({ stderr }) => ({ code: 0, stderr }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
      expect(child).toEqual({ code: 1, stderr: '' });
    }
    expect(await readFile(log, 'utf8').catch(() => '')).toBe('');
    expect(await markersLeft()).toEqual([]);
    await rm(log, { force: true });
  });
});

/** The rows `path:line commit-index` of a JSON report, with the commit as its index in `commits`. */
function rowsOf(stdout: string, root: string, commits: readonly string[]): string[] {
  const files = JSON.parse(stdout) as { filePath: string; messages: { line: number; commit?: string }[]; diagnostics: { kind: string; message: string }[] }[];
  return files.flatMap((file) => [
    ...file.messages.map((message) => `${path.relative(root, file.filePath)}:${message.line} ${message.commit === undefined ? 'working tree' : `commit ${commits.indexOf(message.commit)}`}`),
    ...file.diagnostics.map((diagnostic) => `${path.relative(root, file.filePath)} ${diagnostic.kind}: ${diagnostic.message}`),
  ]);
}

describe('broken git data is a diagnostic, never a crash', () => {
  it('a shallow clone scans what it has and says what it lacks', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    await writeFile(path.join(root, '.git/shallow'), `${commits[1]}\n`);
    const run = await runCapturing(['--history', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(rowsOf(run.stdout, root, commits)).toEqual([
      '.git history: Shallow clone: the history before 1 commit is not in this repository and was not scanned (fetch it with git fetch --unshallow).',
    ]);
  });

  it('missing objects are named and the rest is scanned', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    // The first version of notes.md, and the first commit itself.
    const { oid: notes } = await git.readBlob({ fs, dir: root, oid: commits[0] as string, filepath: 'notes.md' });
    for (const oid of [notes, commits[0] as string]) await rm(path.join(root, '.git/objects', oid.slice(0, 2), oid.slice(2)));
    const run = await runCapturing(['--history', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    const rows = rowsOf(run.stdout, root, commits);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\.git history: 2 git objects are missing \(a partial or shallow clone, or a damaged repository\); the files and commits they hold were not scanned\. Missing git object /);
    expect(rows[0]).toContain((commits[0] as string).slice(0, 12));
    expect(rows[0]).toContain(notes.slice(0, 12));
  });

  it.skipIf(!hasGitBinary)('a corrupt pack: the objects it spoils are reported, the scan ends normally', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    packWithGit(root);
    const pack = (await readdir(path.join(root, '.git/objects/pack'))).find((name) => name.endsWith('.pack')) as string;
    const bytes = await readFile(path.join(root, '.git/objects/pack', pack));
    bytes.fill(0x5a, 200, bytes.length - 200);
    await writeFile(path.join(root, '.git/objects/pack', pack), bytes);
    const run = await runCapturing(['--history', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(rowsOf(run.stdout, root, commits).filter((row) => row.startsWith('.git history:')).join('\n')).toMatch(/could not be read|missing/);
  });
});
