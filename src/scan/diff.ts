/**
 * `--diff <base>`: keeps the findings a change introduces, for a pull-request gate. The scan itself
 * is unchanged (whole files, the cross-file pass included, so a changed handler that now reaches an
 * unchanged Claude call is reported at the handler); afterwards only findings that touch a line
 * that differs between `<base>` and the working tree are kept, and every finding of a file that
 * `<base>` does not have. Files the change leaves as they were lose their diagnostics too.
 *
 * `<base>` is read from the repository's objects by src/scan/history/, never by running git. Bare `--diff` compares with the merge base of HEAD and the default branch
 * (`origin/HEAD`, else `origin/main`, `origin/master`, `main`, `master`).
 *
 * Lines are compared with jsdiff's line diff (Myers); when a file pair is too different for it to
 * finish within {@link DIFF_TIMEOUT_MS}, every line of the file counts as changed (over-approximated).
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { diffLines } from 'diff';
import { UsageError } from '../usage-error.js';
import type { FileReport, Finding } from './finding.js';
import { mergeBase } from './history/commits.js';
import { GitObjectError, GitRepository, RevisionError } from './history/repository.js';
import { decode, readText } from './read.js';

/** Longest a line diff of one file may take (ms) before the whole file counts as changed. */
export const DIFF_TIMEOUT_MS = 2000;
/** Files larger than this (bytes) are not compared: every line counts as changed. */
const MAX_COMPARED_BYTES = 16 * 1024 * 1024;

/** Options of {@link restrictToDiff}. */
export interface DiffOptions {
  /** Absolute directory the scan ran from. */
  cwd: string;
  /** The scanned paths, relative to `cwd`; the repository is the one that holds the first. */
  paths: readonly string[];
  /** A revision (`main`, `origin/main`, a commit id, `HEAD~3`), or `''` for the merge base with the default branch. */
  base: string;
}

/** What {@link restrictToDiff} compared with. */
export interface DiffBase {
  /** The base commit's id. */
  commit: string;
  /** The revision as given, or `merge-base(HEAD, <default branch>)`. */
  description: string;
}

/**
 * The 1-based line numbers of `after` that are not in `before` (added or changed lines), or
 * undefined when the diff gave up (treat every line as changed).
 */
export function changedLines(before: string, after: string): Set<number> | undefined {
  const parts = diffLines(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (parts === undefined) return undefined;
  const changed = new Set<number>();
  let line = 1;
  for (const part of parts) {
    if (part.removed) continue;
    const count = part.count ?? 0;
    if (part.added) for (let offset = 0; offset < count; offset += 1) changed.add(line + offset);
    line += count;
  }
  return changed;
}

/** Whether a finding touches one of the changed lines. */
const touches = (finding: Finding, changed: ReadonlySet<number>): boolean => {
  for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line += 1) if (changed.has(line)) return true;
  return false;
};

/**
 * Resolves the base commit.
 *
 * @throws UsageError when it names no commit, or there is no default branch to compare with
 */
async function baseCommitOf(repository: GitRepository, base: string): Promise<DiffBase> {
  try {
    if (base !== '') return { commit: await repository.resolveRevision(base), description: base };
    const branch = await repository.defaultBranch();
    if (!branch) throw new RevisionError('no default branch (origin/HEAD, origin/main, origin/master, main or master) to compare with; name the base: --diff <base>');
    const [head, tip] = [await repository.head(), await repository.resolveRevision(branch)];
    if (!head) throw new RevisionError('HEAD names no commit');
    const common = await mergeBase(repository, head, tip, repository.shallowCommits());
    if (!common) throw new RevisionError(`HEAD and ${branch} have no common commit here (a shallow clone? fetch more history, or name the base: --diff <base>)`);
    return { commit: common, description: `merge-base(HEAD, ${branch.replace(/^refs\/(heads|remotes)\//, '')})` };
  } catch (error) {
    if (error instanceof RevisionError || error instanceof GitObjectError) throw new UsageError(`--diff: ${error.message}`);
    throw error;
  }
}

/**
 * The text of a file in the base commit, or undefined when the base has no such file.
 *
 * @returns `null` when it is there but cannot be compared (unreadable, binary or too large)
 */
async function baseTextOf(repository: GitRepository, baseTree: string, repositoryPath: string): Promise<string | undefined | null> {
  try {
    const entry = await repository.lookupPath(baseTree, repositoryPath);
    if (entry?.kind !== 'file') return undefined;
    const bytes = await repository.readBlob(entry.oid);
    return bytes.length > MAX_COMPARED_BYTES ? null : (decode(bytes).text ?? null);
  } catch (error) {
    if (error instanceof GitObjectError) return null;
    throw error;
  }
}

/**
 * Keeps the findings on lines that differ from the base, and all those of new files.
 *
 * @param result - a finished scan (reports with absolute `filePath`s)
 * @returns the result with fewer findings, and the base it compared with
 * @throws UsageError when there is no repository or the base names no commit
 */
export async function restrictToDiff<T extends { reports: FileReport[] }>(result: T, options: DiffOptions): Promise<T & { diffBase: DiffBase }> {
  const repository = GitRepository.open(path.resolve(options.cwd, options.paths[0] ?? '.'));
  if (!repository) throw new UsageError(`--diff needs a git repository, and ${options.paths[0] ?? '.'} is in none`);
  try {
    const diffBase = await baseCommitOf(repository, options.base);
    const baseTree = (await repository.readCommit(diffBase.commit)).tree;
    const reports: FileReport[] = [];
    for (const report of result.reports) {
      const repositoryPath = path.relative(repository.top, report.filePath).split(path.sep).join('/');
      const inRepository = repositoryPath !== '' && !repositoryPath.startsWith('../') && !path.isAbsolute(repositoryPath);
      const before = inRepository ? await baseTextOf(repository, baseTree, repositoryPath) : undefined;
      // A new file, or one that cannot be compared: everything in it is the change's.
      if (before === undefined || before === null) {
        reports.push(report);
        continue;
      }
      const after = readText(report.filePath, { maxBytes: MAX_COMPARED_BYTES }).text;
      if (after === before) continue;
      const changed = after === undefined ? undefined : changedLines(before, after);
      const findings = changed === undefined ? report.findings : report.findings.filter((finding) => touches(finding, changed));
      if (findings.length > 0 || report.diagnostics.length > 0) reports.push({ ...report, findings });
    }
    return { ...result, reports, diffBase };
  } finally {
    repository.close();
  }
}
