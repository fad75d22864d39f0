/**
 * Whether git tracks or ignores a file, worked out once per scan without running git: the tracked
 * paths come from the repository's index, the ignored ones from its `.gitignore` files (read as
 * the walk reads them, only those on the way down to the files asked about).
 *
 * @packageDocumentation
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readIndexPaths } from './git-index.js';
import { createIgnoreRules } from '../scan/ignore-rules.js';

/**
 * What git does with a file: `tracked` (in the index: committed or staged), `ignored` (a
 * `.gitignore` excludes it), `untracked` (neither: a `git add .` would pick it up), or
 * `outside-repository`.
 */
export type GitStatus = 'tracked' | 'ignored' | 'untracked' | 'outside-repository';

/** Largest `.git/index` read (bytes): the index of a 400,000-file monorepo is about 40 MiB. */
const MAX_INDEX_BYTES = 256 * 1024 * 1024;
/** Largest `.git` pointer file read (bytes): it holds one `gitdir:` line. */
const MAX_POINTER_BYTES = 4096;

/**
 * Reads a file of a repository's git data only when it is a regular file of at most `maxBytes`:
 * an unpacked archive may hold a `.git/index` that is a named pipe (a read would block for ever)
 * or a link to `/dev/zero` (a read would never end).
 */
function readRegularFile(file: string, maxBytes: number): Buffer | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() && stats.size <= maxBytes ? readFileSync(file) : undefined;
}

/** The work tree and git directory that contain `directory`, when there is one. */
export function findRepository(directory: string): { top: string; gitDirectory: string } | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const dotGit = path.join(current, '.git');
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return { top: current, gitDirectory: dotGit };
      // A linked work tree or submodule: `.git` is a file that says where the git directory is.
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readRegularFile(dotGit, MAX_POINTER_BYTES)?.toString('utf8') ?? '')?.[1];
      if (pointer) return { top: current, gitDirectory: path.resolve(current, pointer) };
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * Makes the git status lookup for one scan root. Nothing is read until the first call; then the
 * index is read once, and each `.gitignore` the first time a path under it is asked about.
 *
 * @param root - absolute path of the scanned directory
 * @returns a function of a `/`-separated path relative to `root`; it never throws (an unreadable
 *   index counts as an empty one)
 */
export function createGitStatus(root: string): (relativePath: string) => GitStatus {
  let lookup: ((relativePath: string) => GitStatus) | undefined;
  const load = (): ((relativePath: string) => GitStatus) => {
    const repository = findRepository(root);
    if (!repository) return () => 'outside-repository';
    let tracked = new Set<string>();
    try {
      tracked = new Set(readIndexPaths(readRegularFile(path.join(repository.gitDirectory, 'index'), MAX_INDEX_BYTES) ?? new Uint8Array()));
    } catch {
      // A new repository has no index yet; a split or damaged one is read as empty.
    }
    const gitignores = createIgnoreRules(repository.top, ['.gitignore']);
    return (relativePath) => {
      const fromTop = path.relative(repository.top, path.join(root, relativePath)).split(path.sep).join('/');
      if (tracked.has(fromTop)) return 'tracked';
      return gitignores.ignores(fromTop) ? 'ignored' : 'untracked';
    };
  };
  return (relativePath) => {
    lookup ??= load();
    return lookup(relativePath);
  };
}

/**
 * Makes the lookup of the directories that hold a file git tracks, for one scan root: the walk asks
 * it before it leaves out a build-like folder (`dist`, `build`, `venv`, …), because a committed one
 * is code the repository ships and a pull request can put anything there. The index is read on the
 * first call only, so a tree without such folders never reads it.
 *
 * @param root - absolute path of the scanned directory
 * @returns a function of a `/`-separated directory path relative to `root`; it never throws (an
 *   unreadable index tracks nothing)
 */
export function createTrackedDirectories(root: string): (relativeDirectory: string) => boolean {
  let directories: Set<string> | undefined;
  let top = root;
  const load = (): Set<string> => {
    const found = new Set<string>();
    const repository = findRepository(root);
    if (!repository) return found;
    top = repository.top;
    try {
      for (const file of readIndexPaths(readRegularFile(path.join(repository.gitDirectory, 'index'), MAX_INDEX_BYTES) ?? new Uint8Array())) {
        for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
          const directory = file.slice(0, end);
          if (found.has(directory)) break;
          found.add(directory);
        }
      }
    } catch {
      // As in createGitStatus: a damaged index tracks nothing.
    }
    return found;
  };
  return (relativeDirectory) => {
    directories ??= load();
    return directories.has(path.relative(top, path.join(root, relativeDirectory)).split(path.sep).join('/'));
  };
}
