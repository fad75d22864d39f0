/**
 * Builds throw-away git repositories for the history tests with isomorphic-git, commit by commit
 * with fixed author dates, so that nothing about them is committed to this repository and no git
 * binary is needed. Objects are loose; {@link packWithGit} packs them (with deltas) when a git
 * binary is there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';
import { makeRepo } from '../helpers/temp-repo.js';

/** One commit: files to write (content) or delete (null), on the current branch. */
export interface FixtureCommit {
  message: string;
  /** Author and committer date, ISO 8601. */
  date: string;
  files: Record<string, string | null>;
}

/** A built repository: its work tree and its commits' ids, in order. */
export interface FixtureRepository {
  root: string;
  commits: string[];
}

const AUTHOR = { name: 'Dana Example', email: 'dana@example.com' };

/**
 * Writes the commits into a new repository on branch `main`; the work tree ends as the last
 * commit left it, then `workingTree` is applied on top (uncommitted changes).
 */
export async function buildRepository(commits: readonly FixtureCommit[], workingTree: Record<string, string | null> = {}): Promise<FixtureRepository> {
  const root = await makeRepo({});
  await git.init({ fs, dir: root, defaultBranch: 'main' });
  const oids: string[] = [];
  for (const commit of commits) {
    await applyFiles(root, commit.files, true);
    const timestamp = Math.floor(Date.parse(commit.date) / 1000);
    const who = { ...AUTHOR, timestamp, timezoneOffset: 0 };
    oids.push(await git.commit({ fs, dir: root, message: commit.message, author: who, committer: who }));
  }
  await applyFiles(root, workingTree, false);
  return { root, commits: oids };
}

async function applyFiles(root: string, files: Record<string, string | null>, stage: boolean): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    if (content === null) {
      await rm(target, { force: true });
      if (stage) await git.remove({ fs, dir: root, filepath: file });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    if (stage) await git.add({ fs, dir: root, filepath: file });
  }
}

/** Whether a git binary is installed (only to pack fixtures; the scanner never runs it). */
export const hasGitBinary = spawnSync('git', ['--version']).status === 0;

/**
 * Packs the repository's objects into one packfile with deltas (`git gc`), removing the loose ones.
 * The test's own repository; hooks and config of the user are kept out.
 */
export function packWithGit(root: string): void {
  const result = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'gc.auto=0', 'gc', '--quiet', '--aggressive', '--prune=now'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git gc failed: ${result.stderr}`);
}
