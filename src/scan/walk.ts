/**
 * The walk: every file under a directory that a scan should read, streamed so that memory stays
 * flat on large trees.
 *
 * Ignore files are read as the walk enters each directory, before any of its entries is filtered
 * (src/scan/ignore-rules.ts), so the tree is walked once and ignored directories are never entered
 * (globby's ignore-file support walks the tree a second time to find them and stats every result:
 * about five times slower on the bench corpus), and the walk is pulled one directory at a time, so
 * it holds no more of the tree than the directories still to visit.
 *
 * @packageDocumentation
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { createIgnoreRules, type IgnoreRules } from './ignore-rules.js';

/**
 * Directories not walked, wherever they are: dependencies, VCS data, build output and caches.
 * `.gitignore` usually says the same; these hold even without one. Build output and caches that git
 * tracks are walked all the same ({@link WalkOptions.tracked}): committed, they are code the
 * repository ships, and a pull request could hide anything in a folder named `dist`.
 */
export const NEVER_WALKED: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'coverage',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.output',
  '.turbo',
  '.cache',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
]);

/** Of {@link NEVER_WALKED}, the directories left out even when git tracks files in them: dependencies and VCS data. */
const NEVER_WALKED_EVEN_TRACKED: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** The scanner's own ignore file, in gitignore syntax; honoured in every walked directory. */
export const IGNORE_FILE_NAME = '.claude-auth-lintignore';

/** One file found by the walk, or a directory it could not read. */
export interface WalkEntry {
  /** `/`-separated path relative to the walked directory (`''` for the directory itself). */
  path: string;
  /** Set when `path` is a directory that could not be read: the error code (`EACCES`, …). */
  unreadableDirectory?: string;
}

/** How to walk. */
export interface WalkOptions {
  /** Honour `.gitignore` files, also those of parent directories up to the git work tree's root (default true). */
  gitignore?: boolean;
  /**
   * Called with each file or directory (relative path; directories end with `/`) that an ignore
   * file leaves out; {@link NEVER_WALKED} directories are not reported.
   */
  onIgnored?: (relativePath: string) => void;
  /** Called with each {@link NEVER_WALKED} directory the walk leaves out (relative path ending with `/`). */
  onSkipped?: (relativePath: string) => void;
  /**
   * Called when the walk has listed a directory (relative path, `''` for the root), before it yields
   * any file under it, with the names of the regular files in it, ignored ones included.
   */
  onDirectory?: (relativeDirectory: string, fileNames: readonly string[]) => void;
  /**
   * The ignore rules the walk reads into and judges by, from {@link walkIgnoreRules} (default: its
   * own), for a caller that asks after the walk what it left out.
   */
  rules?: IgnoreRules;
  /**
   * Whether git tracks a file under a directory (`/`-separated, relative): asked before a build-like
   * {@link NEVER_WALKED} directory is left out, which is walked when it answers true.
   */
  tracked?: (relativeDirectory: string) => boolean;
}

/**
 * The ignore rules a walk of `directory` honours: `.gitignore` files (unless `gitignore` is false;
 * also those of the parents up to the git work tree's root) and {@link IGNORE_FILE_NAME} files.
 */
export function walkIgnoreRules(directory: string, options: { gitignore?: boolean; ignoreFiles?: boolean } = {}): IgnoreRules {
  // Gate mode (--untrusted): the tree under review may not narrow its own scan.
  if (options.ignoreFiles === false) return createIgnoreRules(directory, []);
  const ignoreFileNames = options.gitignore === false ? [IGNORE_FILE_NAME] : ['.gitignore', IGNORE_FILE_NAME];
  return createIgnoreRules(directory, ignoreFileNames, { parentGitignores: options.gitignore !== false });
}

/**
 * Streams the files under `directory`: dot files included (`.env`, `.github/`), `.gitignore` and
 * {@link IGNORE_FILE_NAME} files honoured (a deeper file's rules win over a shallower one's, as in
 * git; nothing under an ignored directory comes back), {@link NEVER_WALKED} directories left out. Symbolic
 * links are never followed, to files or directories, so the walk cannot leave the tree or loop.
 * A directory that cannot be read is reported as an entry with `unreadableDirectory`, and the walk
 * goes on.
 *
 * @param directory - absolute path of the directory to walk
 */
export async function* walk(directory: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const rules = options.rules ?? walkIgnoreRules(directory, options);

  /** Whether ignore rules leave out an entry of a directory the walk entered (directories end with `/`). */
  function isIgnored(relativePath: string): boolean {
    const ignored = rules.ruledOut(relativePath);
    if (ignored) options.onIgnored?.(relativePath);
    return ignored;
  }

  /** Whether a directory's name lets the walk enter it: not a {@link NEVER_WALKED} one, unless git tracks files in it. */
  function isWalkedName(name: string, relative: string): boolean {
    if (!NEVER_WALKED.has(name)) return true;
    return !NEVER_WALKED_EVEN_TRACKED.has(name) && options.tracked?.(relative) === true;
  }

  // Depth first, one directory listing at a time, pulled by the consumer: memory holds the names of
  // the directories still to visit, never the tree's entries. (fs.walk, under fast-glob and globby,
  // pushes every entry of the tree into a stream without backpressure.)
  const pending = [''];
  while (pending.length > 0) {
    const relativeDirectory = pending.pop() as string;
    const absoluteDirectory = path.join(directory, relativeDirectory);
    let entries: Dirent[];
    try {
      entries = readdirSync(absoluteDirectory, { withFileTypes: true });
    } catch (error) {
      yield { path: relativeDirectory, unreadableDirectory: (error as NodeJS.ErrnoException).code ?? 'error' };
      continue;
    }
    const fileNames = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    rules.enter(relativeDirectory, fileNames);
    options.onDirectory?.(relativeDirectory, fileNames);
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const relative = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      // Dirent types come from lstat: a symbolic link is neither a file nor a directory here.
      if (entry.isFile()) {
        if (!isIgnored(relative)) yield { path: relative };
      } else if (entry.isDirectory()) {
        if (!isWalkedName(entry.name, relative)) options.onSkipped?.(`${relative}/`);
        else if (!isIgnored(`${relative}/`)) subdirectories.push(relative);
      }
    }
    pending.push(...subdirectories.reverse());
  }
}
