/**
 * Ignore files read as git reads `.gitignore`: each directory's file speaks for the paths under
 * it, a deeper file's rules win over a shallower one's, and nothing under an ignored directory
 * comes back. The pattern semantics are the `ignore` package's.
 *
 * The walk hands each directory's listing over as it enters it ({@link IgnoreRules.enter}), so a
 * tree is read once; a question about a path the walk never reached (git status of a published or
 * named file) reads the ignore files on that path's way down, once each.
 *
 * @packageDocumentation
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readBytes } from './read.js';

/** Largest ignore file read (bytes); a larger one ignores nothing. */
const MAX_IGNORE_FILE_BYTES = 16 * 1024 * 1024;

/** The rules of one tree's ignore files. Paths are `/`-separated and relative to the tree's root. */
export interface IgnoreRules {
  /**
   * Reads the ignore files of a directory whose listing is known (the walk's), instead of looking
   * for them later.
   *
   * @param relativeDirectory - `''` for the root
   * @param fileNames - the names of the regular files in it
   */
  enter(relativeDirectory: string, fileNames: readonly string[]): void;
  /**
   * Whether the rules leave out a path, judged by the rules alone: the walk asks of each entry
   * of a directory it entered, so the directories above are known not to be ignored.
   *
   * @param relativePath - directories end with `/`
   */
  ruledOut(relativePath: string): boolean;
  /** Whether a file is left out, by the rules or because a directory above it is. */
  ignores(relativePath: string): boolean;
}

/**
 * The most patterns of one ignore file honoured. Each path is tested against every pattern, so a
 * 100,000-line `.gitignore` would make the walk cost patterns × files; past this many, the rest are
 * not honoured (the scan reads more files, never fewer).
 */
export const MAX_IGNORE_PATTERNS = 5_000;

/**
 * A `**` between two other segments (`a/**\/b`). The `ignore` package compiles each to a repeated
 * group of a regular expression that backtracks: k of them cost (path depth)^k per test, and a
 * 40-byte line `a/**\/a/**\/a/**\/a/**\/b` over a deep tree took minutes.
 */
const MIDDLE_GLOBSTAR = /\/\*\*(?=\/)/g;

/**
 * The lines of an ignore file that are honoured: at most {@link MAX_IGNORE_PATTERNS} patterns, and
 * none with more than one middle `**` (leading `**\/` and trailing `/**` are cheap and kept). A
 * pattern left out can only make the scan read more files.
 */
export function boundedPatterns(text: string): string[] {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if ((line.match(MIDDLE_GLOBSTAR)?.length ?? 0) > 1) continue;
    kept.push(line);
    if (kept.length === MAX_IGNORE_PATTERNS) break;
  }
  return kept;
}

/** Rules of a parent of the root: the root's paths are tested with `prefix` (the root's path from that parent, with a `/`). */
interface ParentRules {
  prefix: string;
  rules: Ignore;
}

/** Whether a path exists (`any`) or is a regular file, without throwing: most directories have no ignore file, and an exception each costs. */
function exists(file: string, kind: 'file' | 'any'): boolean {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return kind === 'any' ? stats !== undefined : stats?.isFile() === true;
  } catch {
    // EACCES, ENOTDIR…: as if absent; the directory's own read error is reported by the walk.
    return false;
  }
}

/**
 * The rules of the ignore files in `absoluteDirectory`, or undefined when it has none.
 *
 * @param present - whether the directory holds a file of that name (from its listing, or a stat)
 */
function readIgnoreFiles(absoluteDirectory: string, names: readonly string[], present: (name: string) => boolean): Ignore | undefined {
  let rules: Ignore | undefined;
  for (const name of names) {
    if (!present(name)) continue;
    // Opened without blocking, its type checked once open; an unreadable ignore file ignores nothing, as in git.
    const bytes = readBytes(path.join(absoluteDirectory, name), { maxBytes: MAX_IGNORE_FILE_BYTES }).bytes;
    if (bytes !== undefined) rules = (rules ?? ignore()).add(boundedPatterns(bytes.toString('utf8')));
  }
  return rules;
}

/** The `.gitignore` rules of the parents of `root` up to its git work tree's root, nearest first. */
function parentGitignoreRules(root: string): ParentRules[] {
  const parents: string[] = [];
  for (let directory = root; ; ) {
    if (exists(path.join(directory, '.git'), 'any')) break;
    const parent = path.dirname(directory);
    // No work tree above the root: only the tree's own files count.
    if (parent === directory) return [];
    parents.push(parent);
    directory = parent;
  }
  const rules = parents.flatMap((parent) => {
    const found = readIgnoreFiles(parent, ['.gitignore'], (name) => exists(path.join(parent, name), 'file'));
    const prefix = `${path.relative(parent, root).split(path.sep).join('/')}/`;
    return found ? [{ prefix, rules: found }] : [];
  });
  // A directory named on the command line is scanned even when a parent's .gitignore leaves it out,
  // as a named file is; those rules would leave out all of it, so inside it they do not apply.
  for (const { prefix, rules: parentRules } of rules) {
    const verdict = parentRules.test(prefix);
    if (verdict.ignored || verdict.unignored) return verdict.ignored ? [] : rules;
  }
  return rules;
}

/**
 * Makes the ignore rules of a tree.
 *
 * @param root - absolute path of the tree's root
 * @param fileNames - the ignore files to honour in every directory (`.gitignore`, the scanner's own)
 * @param options - `parentGitignores`: also honour the `.gitignore` files of the root's parents up
 *   to the git work tree's root, as git does when the root is a subdirectory of a repository
 */
export function createIgnoreRules(root: string, fileNames: readonly string[], options: { parentGitignores?: boolean } = {}): IgnoreRules {
  // Every directory asked about, with its rules or null: a directory without ignore files is looked for once.
  const byDirectory = new Map<string, Ignore | null>();
  const parents = options.parentGitignores ? parentGitignoreRules(root) : [];

  function rulesOf(relativeDirectory: string): Ignore | null {
    let rules = byDirectory.get(relativeDirectory);
    if (rules === undefined) {
      const absoluteDirectory = path.join(root, relativeDirectory);
      rules = readIgnoreFiles(absoluteDirectory, fileNames, (name) => exists(path.join(absoluteDirectory, name), 'file')) ?? null;
      byDirectory.set(relativeDirectory, rules);
    }
    return rules;
  }

  function ruledOut(relativePath: string): boolean {
    // From the nearest directory outwards: the first rule file with a say decides.
    for (let end = relativePath.lastIndexOf('/', relativePath.length - 2); ; end = relativePath.lastIndexOf('/', end - 1)) {
      const rules = rulesOf(end === -1 ? '' : relativePath.slice(0, end));
      if (rules) {
        const verdict = rules.test(relativePath.slice(end + 1));
        if (verdict.ignored || verdict.unignored) return verdict.ignored;
      }
      if (end === -1) break;
    }
    for (const { prefix, rules } of parents) {
      const verdict = rules.test(prefix + relativePath);
      if (verdict.ignored || verdict.unignored) return verdict.ignored;
    }
    return false;
  }

  return {
    enter(relativeDirectory, names) {
      byDirectory.set(relativeDirectory, readIgnoreFiles(path.join(root, relativeDirectory), fileNames, (name) => names.includes(name)) ?? null);
    },
    ruledOut,
    ignores(relativePath) {
      for (let end = relativePath.indexOf('/'); end !== -1; end = relativePath.indexOf('/', end + 1)) {
        if (ruledOut(relativePath.slice(0, end + 1))) return true;
      }
      return ruledOut(relativePath);
    },
  };
}
