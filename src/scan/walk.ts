/**
 * The walk: every file under a directory that a scan should read, streamed so that memory stays
 * flat on large trees.
 *
 * Gitignore semantics are the `ignore` package's. Ignore files are read as the walk enters each
 * directory, before any of its entries is filtered, so the tree is walked once and ignored
 * directories are never entered (globby's ignore-file support walks the tree a second time to find
 * them and stats every result: about five times slower on the bench corpus), and the walk is pulled
 * one directory at a time, so it holds no more of the tree than the directories still to visit.
 *
 * @packageDocumentation
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Directories never walked: dependencies, VCS data, build output and caches. `.gitignore` usually
 * says the same; these hold even without one. Glob patterns, for tools that take globs.
 */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.hg/**',
  '**/.svn/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.svelte-kit/**',
  '**/.output/**',
  '**/.turbo/**',
  '**/.cache/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/.tox/**',
];

/** The names of the directories in {@link DEFAULT_IGNORES}, wherever they are. */
export const NEVER_WALKED = new Set(DEFAULT_IGNORES.map((pattern) => pattern.replace(/^\*\*\/|\/\*\*$/g, '')));

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
   * file leaves out; {@link DEFAULT_IGNORES} are not ignore files and are not reported.
   */
  onIgnored?: (relativePath: string) => void;
}

/** The ignore rules that apply in one directory. */
interface DirectoryRules {
  /** The directory, `/`-separated, relative to the walk root; for a parent of the root, `../`-prefixed. */
  directory: string;
  /** How paths relative to the walk root are made relative to `directory` (for parents: the root's path from it, with a `/`). */
  prefix: string;
  rules: Ignore;
}

/** Whether a path is a file or directory (`kind`), without throwing: most directories have no ignore file, and an exception per directory costs. */
function exists(file: string, kind: 'file' | 'directory' | 'any'): boolean {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return kind === 'any' ? stats !== undefined : kind === 'file' ? stats?.isFile() === true : stats?.isDirectory() === true;
  } catch {
    // EACCES, ENOTDIR…: as if absent; the directory's own read error is reported by the walk.
    return false;
  }
}

/** The rules of the ignore files in `absoluteDirectory`, or undefined when it has none. */
function readIgnoreFiles(absoluteDirectory: string, names: readonly string[]): Ignore | undefined {
  let rules: Ignore | undefined;
  for (const name of names) {
    const file = path.join(absoluteDirectory, name);
    if (!exists(file, 'file')) continue;
    try {
      rules = (rules ?? ignore()).add(readFileSync(file, 'utf8'));
    } catch {
      // An unreadable ignore file ignores nothing, as in git.
    }
  }
  return rules;
}

/** The `.gitignore` rules of the parents of `root` up to its git work tree's root, nearest first. */
function parentGitignoreRules(root: string): DirectoryRules[] {
  const parents: string[] = [];
  for (let directory = root; ; ) {
    if (exists(path.join(directory, '.git'), 'any')) break;
    const parent = path.dirname(directory);
    // No work tree above the root: only the walked directories' own files count, as with globby.
    if (parent === directory) return [];
    parents.push(parent);
    directory = parent;
  }
  return parents.flatMap((parent) => {
    const rules = readIgnoreFiles(parent, ['.gitignore']);
    const prefix = `${path.relative(parent, root).split(path.sep).join('/')}/`;
    return rules ? [{ directory: parent, prefix, rules }] : [];
  });
}

/**
 * Streams the files under `directory`: dot files included (`.env`, `.github/`), `.gitignore` and
 * {@link IGNORE_FILE_NAME} files honoured (a deeper file's rules win over a shallower one's, as in
 * git; nothing under an ignored directory comes back), {@link DEFAULT_IGNORES} left out. Symbolic
 * links are never followed, to files or directories, so the walk cannot leave the tree or loop.
 * A directory that cannot be read is reported as an entry with `unreadableDirectory`, and the walk
 * goes on.
 *
 * @param directory - absolute path of the directory to walk
 */
export async function* walk(directory: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const ignoreFileNames = options.gitignore === false ? [IGNORE_FILE_NAME] : ['.gitignore', IGNORE_FILE_NAME];
  const rulesByDirectory = new Map<string, Ignore>();
  const rootRules = readIgnoreFiles(directory, ignoreFileNames);
  if (rootRules) rulesByDirectory.set('', rootRules);
  const parentRules = options.gitignore === false ? [] : parentGitignoreRules(directory);

  /** Whether ignore rules leave out a path (`/`-separated, relative to the root; directories end with `/`). */
  function isIgnored(relativePath: string): boolean {
    const ignored = ruledOut(relativePath);
    if (ignored) options.onIgnored?.(relativePath);
    return ignored;
  }

  /** What the ignore files say of a path, as {@link isIgnored} asks. */
  function ruledOut(relativePath: string): boolean {
    // From the nearest directory outwards: the first rule file with a say decides.
    for (let end = relativePath.lastIndexOf('/', relativePath.length - 2); ; end = relativePath.lastIndexOf('/', end - 1)) {
      const rules = rulesByDirectory.get(end === -1 ? '' : relativePath.slice(0, end));
      if (rules) {
        const verdict = rules.test(relativePath.slice(end + 1));
        if (verdict.ignored || verdict.unignored) return verdict.ignored;
      }
      if (end === -1) break;
    }
    for (const { prefix, rules } of parentRules) {
      const verdict = rules.test(prefix + relativePath);
      if (verdict.ignored || verdict.unignored) return verdict.ignored;
    }
    return false;
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
    if (relativeDirectory !== '') {
      const rules = readIgnoreFiles(absoluteDirectory, ignoreFileNames);
      if (rules) rulesByDirectory.set(relativeDirectory, rules);
    }
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const relative = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      // Dirent types come from lstat: a symbolic link is neither a file nor a directory here.
      if (entry.isFile()) {
        if (!isIgnored(relative)) yield { path: relative };
      } else if (entry.isDirectory() && !NEVER_WALKED.has(entry.name) && !isIgnored(`${relative}/`)) {
        subdirectories.push(relative);
      }
    }
    pending.push(...subdirectories.reverse());
  }
}
