/**
 * `--history`: the findings of every file version in the repository's history, each distinct blob
 * analyzed once, and for each finding the oldest and newest commit that hold it.
 *
 * The commits reachable from every ref (or a range) are listed first, then each is diffed against
 * its first parent, git log's way: only the files a commit adds or changes are new to it, so a
 * 10,000-commit history reads each file version once, not 10,000 trees. A blob goes through the
 * working-tree scan's own steps (classify by path, byte prefilter, decode, `analyzeText` through
 * the scan's scheduler), so every rule runs on it; the cross-file pass runs on the working tree
 * only. A blob's findings are kept only while it has some: memory grows with the number of commits
 * and distinct blobs (their ids), not with their content.
 *
 * A finding is identified by its path and fingerprint (src/scan/fingerprint.ts: rule, message and
 * matched text, not the line), so a token that stays while lines around it change is one finding.
 * It is introduced by a commit whose version of the file has the fingerprint when the parent's did
 * not, and it leaves in a commit whose version lacks it; the newest commit that holds it is then
 * the parent of the commit it left in, or a ref tip that still has it.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import ignore from 'ignore';
import { CREDENTIALS_FILE_NAME } from '../../detect/credential-store.js';
import { classify, classifyContent } from '../classify.js';
import type { Diagnostic, FileReport, Finding } from '../finding.js';
import { decode } from '../read.js';
import { createScheduler, type AnalysisScheduler } from '../scheduler.js';
import { UsageError } from '../../usage-error.js';
import { ancestorsOf, listCommits, type CommitList } from './commits.js';
import { createBlobTriggers } from './blob-triggers.js';
import type { ObjectVersion } from './object-store.js';
import { GitObjectError, GitRepository, RevisionError, type ObjectProblem } from './repository.js';
import { diffTrees, pathScope, type BlobChange } from './tree-diff.js';

/** What of a repository's history a scan covered: for the reports (SARIF `versionControlProvenance`). */
export interface HistorySummary {
  /** The repository's top directory (absolute). */
  top: string;
  /** Commits scanned. */
  commits: number;
  /** Distinct blobs read. */
  blobs: number;
  /** The range asked for (`A..B`, `B`), or undefined for every ref. */
  range?: string;
  /** The commit HEAD points at. */
  head?: string;
  /** `remote.origin.url`, without credentials. */
  repositoryUri?: string;
}

/** Where a history scan is, for the progress line. */
export interface HistoryProgress {
  phase: 'history';
  /** Commits listed so far, while they are being listed. */
  commitsListed?: number;
  commitsScanned: number;
  /** Set once the commits are listed. */
  commitsTotal?: number;
  blobsScanned: number;
}

/** Options of {@link scanHistory}. */
export interface HistoryOptions {
  /** Directory that paths are resolved against and displayed from (absolute). */
  cwd: string;
  /** The scanned paths, relative to `cwd`: history is read for the files under them. */
  paths: readonly string[];
  /** `A..B` or one revision; undefined or `''` for everything reachable from the refs. */
  range?: string;
  /** Paths to leave out, in gitignore syntax, relative to `cwd` (the configuration's `ignores`). */
  ignores?: readonly string[];
  /** Files larger than this many bytes are not analyzed (default 64 MiB, as in the working-tree scan). */
  maxFileBytes?: number;
  /**
   * Worker threads that parse JS/TS (default 0). Reading git objects, not parsing, is most of a
   * history scan's time, and each worker holds its own ESLint and TypeScript (100 MB or more).
   */
  threads?: number;
  /** As in the working-tree scan's options. */
  timeBudgetMs?: number;
  onProgress?: (progress: HistoryProgress) => void;
}

/** One finding of the history, at the path and in the file version where it first appeared. */
export interface HistoryFinding {
  /** `/`-separated path relative to `cwd`, as the working-tree reports show it. */
  relativePath: string;
  /** Absolute path the file has (or had) in the work tree. */
  filePath: string;
  /** The finding, its `history` set except `inWorkingTree` (false until merged). */
  finding: Finding;
}

/** The outcome of {@link scanHistory}. */
export interface HistoryScan {
  findings: HistoryFinding[];
  /** Problems with the git data, reported against the git directory. */
  diagnostics: Diagnostic[];
  summary: HistorySummary;
  /** The git directory: absolute, and as reports show it (relative to `cwd`). */
  gitDirectory: string;
  gitDirectoryPath: string;
}

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Blobs read and analyzed at once within one commit. */
const BLOB_CONCURRENCY = 8;
/** How many unreadable objects a diagnostic names before it only counts. */
const NAMED_PROBLEMS = 3;

/** One finding's life at one path. */
interface Occurrence {
  path: string;
  finding: Finding;
  /** Index in the commit list of the oldest commit that introduced it. */
  first: number;
  last: { oid: string; time: number };
}

const isoDate = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');

/**
 * Scans the history of the repository that holds the first path.
 *
 * @returns findings with their commits, and diagnostics; a missing or corrupt object, a shallow
 *   clone or an unreadable pack is a diagnostic, never an error
 * @throws UsageError when there is no repository, a path lies outside it, or the range names no commit
 */
export async function scanHistory(options: HistoryOptions): Promise<HistoryScan> {
  const firstPath = path.resolve(options.cwd, options.paths[0] ?? '.');
  const repository = GitRepository.open(firstPath);
  if (!repository) throw new UsageError(`--history needs a git repository, and ${options.paths[0] ?? '.'} is in none`);
  try {
    return await scanRepositoryHistory(repository, options);
  } finally {
    repository.close();
  }
}

async function scanRepositoryHistory(repository: GitRepository, options: HistoryOptions): Promise<HistoryScan> {
  const prefixes = options.paths.map((input) => {
    const relative = path.relative(repository.top, path.resolve(options.cwd, input)).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`--history: ${input} is outside the repository at ${repository.top}`);
    return relative;
  });
  const displayPath = (repositoryPath: string): string =>
    path.relative(options.cwd, path.join(repository.top, repositoryPath)).split(path.sep).join('/');
  const ignored = ignore().add([...(options.ignores ?? [])]);
  const isIgnored = (repositoryPath: string): boolean => {
    const shown = displayPath(repositoryPath);
    return !shown.startsWith('../') && ignored.ignores(shown);
  };

  const problems = createProblemLog();
  const shallow = repository.shallowCommits();
  const { tips, hidden } = await tipsOf(repository, options.range, shallow);
  const list = await listCommits(repository, tips.map((tip) => tip.oid), {
    shallow,
    hidden,
    onListed: (count) => options.onProgress?.({ phase: 'history', commitsListed: count, commitsScanned: 0, blobsScanned: 0 }),
  });
  for (const error of list.unreadable) problems.add(error);

  const scheduler = createScheduler({ threads: options.threads ?? 0, timeBudgetMs: options.timeBudgetMs });
  const blobs = createBlobAnalyzer(repository, scheduler, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, problems.add);
  const occurrences = new Map<string, Occurrence>();
  // Commits are not scanned oldest first, so a finding can be seen leaving before it is seen coming in.
  const leftAfter = new Map<string, Occurrence['last']>();
  const scope = pathScope(prefixes);
  let stoppedBy: string | undefined;
  try {
    for (let index = 0; index < list.oids.length; index += 1) {
      const parent = list.firstParents[index];
      const parentTree = parent === undefined ? undefined : await treeOfParent(repository, list, parent, problems.add);
      const changes = (await diffTrees(repository, parentTree, list.trees[index], scope, problems.add)).filter((change) => !isIgnored(change.path));
      // Read and analyze the commit's new file versions a few at a time; the changes are then recorded in order.
      await Readable.from(changes).forEach(async (change: BlobChange) => {
        // One after the other: the side read first, when clean, spares most of the other's search.
        await blobs.findingsOf(change.newOid, change.path, change.oldOid);
        await blobs.findingsOf(change.oldOid, change.path, change.newOid);
      }, { concurrency: BLOB_CONCURRENCY });
      for (const change of changes) {
        await recordChange(change, index, list, { occurrences, leftAfter }, blobs, repository);
      }
      options.onProgress?.({ phase: 'history', commitsScanned: index + 1, commitsTotal: list.oids.length, blobsScanned: blobs.count });
    }
    await settleWithTips(repository, tips, list, occurrences, blobs, problems.add);
  } catch (error) {
    // Whatever went wrong, the findings so far are reported, and the reason with them.
    stoppedBy = error instanceof Error ? error.message.split('\n')[0] : String(error);
  } finally {
    await scheduler.close();
  }

  const gitDirectoryPath = displayPath(path.relative(repository.top, repository.gitdir).split(path.sep).join('/')) || '.git';
  const diagnostics = [
    ...(shallow.size > 0 ? [{ kind: 'history' as const, message: `Shallow clone: the history before ${shallow.size === 1 ? '1 commit' : `${shallow.size} commits`} is not in this repository and was not scanned (fetch it with git fetch --unshallow).` }] : []),
    ...repository.unreadablePacks.map((reason) => ({ kind: 'history' as const, message: `A pack index could not be read, so the objects of its pack count as missing: ${reason}` })),
    ...problems.diagnostics(),
    ...(list.oids.length === 0 && tips.length === 0 ? [{ kind: 'history' as const, message: 'No commits to scan: the repository has no refs.' }] : []),
    ...(stoppedBy === undefined ? [] : [{ kind: 'history' as const, message: `The history scan stopped early (${stoppedBy}); findings up to there are reported.` }]),
  ];
  return {
    findings: [...occurrences.values()].map((occurrence) => ({
      relativePath: displayPath(occurrence.path),
      filePath: path.join(repository.top, occurrence.path),
      finding: {
        ...occurrence.finding,
        history: {
          commit: list.oids[occurrence.first] as string,
          authorDate: isoDate(list.authorTimes[occurrence.first] as number),
          lastCommit: occurrence.last.oid,
          lastAuthorDate: isoDate(occurrence.last.time),
          inWorkingTree: false,
        },
      },
    })),
    diagnostics,
    summary: {
      top: repository.top,
      commits: list.oids.length,
      blobs: blobs.count,
      range: options.range || undefined,
      head: await repository.head(),
      repositoryUri: repository.originUrl(),
    },
    gitDirectory: repository.gitdir,
    gitDirectoryPath,
  };
}

/**
 * The commits to start from and those to leave out: every ref, or the range's.
 *
 * @throws UsageError for a range that names no commit
 */
async function tipsOf(repository: GitRepository, range: string | undefined, shallow: ReadonlySet<string>): Promise<{ tips: { name: string; oid: string }[]; hidden?: Set<string> }> {
  if (!range) return { tips: await repository.refTips() };
  try {
    const [from, to] = range.includes('..') ? range.split(/\.{2,3}/) : [undefined, range];
    if (range.includes('...')) throw new RevisionError(`symmetric ranges (A...B) are not supported; use A..B`);
    const tip = await repository.resolveRevision(to || 'HEAD');
    const hidden = from === undefined ? undefined : await ancestorsOf(repository, await repository.resolveRevision(from || 'HEAD'), shallow);
    return { tips: [{ name: to || 'HEAD', oid: tip }], hidden };
  } catch (error) {
    if (error instanceof RevisionError) throw new UsageError(`--history ${range}: ${error.message}`);
    throw error;
  }
}

/** The tree of a first parent: from the list, or read when the range left the parent out. */
async function treeOfParent(repository: GitRepository, list: CommitList, parent: string, onProblem: (error: GitObjectError) => void): Promise<string | undefined> {
  const index = list.indexOf.get(parent);
  if (index !== undefined) return list.trees[index];
  try {
    return (await repository.readCommit(parent)).tree;
  } catch (error) {
    if (!(error instanceof GitObjectError)) throw error;
    onProblem(error);
    return undefined;
  }
}

/** Analyzes each distinct blob once, and remembers the findings of those that have some. */
interface BlobAnalyzer {
  /**
   * The findings of a blob at a path (none for undefined); analyzes it the first time.
   *
   * @param sibling - the other blob of the change it is read for: its bytes may spare a search
   */
  findingsOf(oid: string | undefined, filePath: string, sibling?: string): Promise<readonly Finding[]>;
  /** Distinct blobs read so far. */
  readonly count: number;
}

function createBlobAnalyzer(repository: GitRepository, scheduler: AnalysisScheduler, maxFileBytes: number, onProblem: (error: GitObjectError) => void): BlobAnalyzer {
  // The kind of file is part of the key: the same bytes are a workflow under .github/workflows and
  // plain YAML elsewhere. Clean blobs are remembered by key only.
  const clean = new Set<string>();
  const withFindings = new Map<string, Finding[]>();
  const pending = new Map<string, Promise<Finding[]>>();
  const triggers = createBlobTriggers(repository);
  let count = 0;

  async function analyze(oid: string, filePath: string, kind: ReturnType<typeof classify>, sibling: string | undefined): Promise<Finding[]> {
    let version: ObjectVersion;
    try {
      version = await repository.readBlobVersion(oid);
    } catch (error) {
      if (!(error instanceof GitObjectError)) throw error;
      onProblem(error);
      return [];
    }
    count += 1;
    const bytes = version.object.data;
    if (bytes.length > maxFileBytes) return [];
    // As in the working-tree scan: a `.credentials.json` is analyzed whatever it holds. A file that
    // can only give facts to the cross-file pass (a web framework named) is not analyzed: that pass
    // runs on the working tree only.
    const isCredentials = path.posix.basename(filePath) === CREDENTIALS_FILE_NAME;
    if (!(await triggers.mayFind(oid, version, sibling)) && !isCredentials) return [];
    const read = decode(bytes);
    if (read.text === undefined) return [];
    const contentKind = classifyContent(kind, read.text);
    const { ANALYZER_SETUP } = await import('../../files/index.js');
    await ANALYZER_SETUP[contentKind]?.();
    // A committed file is tracked, whatever the work tree's index says today.
    const analysis = await scheduler.analyze(read.text, filePath, contentKind, read.diagnostics.length > 0, { gitStatus: () => 'tracked' });
    return analysis.findings;
  }

  return {
    get count() {
      return count;
    },
    async findingsOf(oid, filePath, sibling) {
      if (oid === undefined) return [];
      const kind = classify(filePath);
      if (kind === 'binary') return [];
      const key = `${oid}:${kind}`;
      if (clean.has(key)) return [];
      const known = withFindings.get(key) ?? pending.get(key);
      if (known) return known;
      // Recorded before it leaves `pending`: a call in between would analyze the blob again.
      const analysis = analyze(oid, filePath, kind, sibling)
        .then((findings) => {
          if (findings.length === 0) clean.add(key);
          else withFindings.set(key, findings);
          return findings;
        })
        .finally(() => pending.delete(key));
      pending.set(key, analysis);
      return analysis;
    },
  };
}

/** Records what one changed file does to the findings at its path: which it introduces, which leave. */
/**
 * What is known of the findings so far: their occurrences, and for a finding seen leaving a path
 * before its occurrence was made, the newest commit that still held it.
 */
interface FindingLog {
  occurrences: Map<string, Occurrence>;
  leftAfter: Map<string, Occurrence['last']>;
}

async function recordChange(change: BlobChange, index: number, list: CommitList, { occurrences, leftAfter }: FindingLog, blobs: BlobAnalyzer, repository: GitRepository): Promise<void> {
  const [after, before] = await Promise.all([blobs.findingsOf(change.newOid, change.path), blobs.findingsOf(change.oldOid, change.path)]);
  if (after.length === 0 && before.length === 0) return;
  const beforePrints = new Set(before.map((finding) => finding.fingerprint));
  const afterPrints = new Set(after.map((finding) => finding.fingerprint));
  const time = list.authorTimes[index] as number;
  for (const finding of after) {
    if (beforePrints.has(finding.fingerprint)) continue;
    const key = `${change.path}\0${finding.fingerprint}`;
    const known = occurrences.get(key);
    if (!known) {
      const left = leftAfter.get(key);
      occurrences.set(key, { path: change.path, finding, first: index, last: left && left.time > time ? left : { oid: list.oids[index] as string, time } });
      continue;
    }
    if (time < (list.authorTimes[known.first] as number)) Object.assign(known, { finding, first: index });
    if (time > known.last.time) known.last = { oid: list.oids[index] as string, time };
  }
  const parent = list.firstParents[index];
  if (parent === undefined) return;
  for (const finding of before) {
    if (afterPrints.has(finding.fingerprint)) continue;
    const key = `${change.path}\0${finding.fingerprint}`;
    // The commit it left in is after the parent that still held it.
    const parentTime = await authorTimeOf(repository, list, parent);
    if (parentTime === undefined) continue;
    const last = occurrences.get(key)?.last ?? leftAfter.get(key);
    if (last && parentTime <= last.time) continue;
    const known = occurrences.get(key);
    if (known) known.last = { oid: parent, time: parentTime };
    else leftAfter.set(key, { oid: parent, time: parentTime });
  }
}

async function authorTimeOf(repository: GitRepository, list: CommitList, oid: string): Promise<number | undefined> {
  const index = list.indexOf.get(oid);
  if (index !== undefined) return list.authorTimes[index];
  return (await repository.readCommit(oid).catch(() => undefined))?.authorTime;
}

/** A ref tip that still holds a finding is the newest commit that holds it, when it is newer than the others. */
async function settleWithTips(repository: GitRepository, tips: readonly { oid: string }[], list: CommitList, occurrences: Map<string, Occurrence>, blobs: BlobAnalyzer, onProblem: (error: GitObjectError) => void): Promise<void> {
  for (const tip of new Set(tips.map((candidate) => candidate.oid))) {
    const index = list.indexOf.get(tip);
    if (index === undefined) continue;
    const time = list.authorTimes[index] as number;
    for (const occurrence of occurrences.values()) {
      if (time <= occurrence.last.time) continue;
      let entry;
      try {
        entry = await repository.lookupPath(list.trees[index] as string, occurrence.path);
      } catch (error) {
        if (!(error instanceof GitObjectError)) throw error;
        onProblem(error);
        continue;
      }
      if (entry?.kind !== 'file') continue;
      const findings = await blobs.findingsOf(entry.oid, occurrence.path);
      if (findings.some((finding) => finding.fingerprint === occurrence.finding.fingerprint)) occurrence.last = { oid: tip, time };
    }
  }
}

/** Collects unreadable objects into a few diagnostics: one per kind of problem, naming the first few. */
function createProblemLog(): { add: (error: GitObjectError) => void; diagnostics: () => Diagnostic[] } {
  const named = new Map<ObjectProblem, GitObjectError[]>();
  const counts = new Map<ObjectProblem, number>();
  const seen = new Set<string>();
  return {
    add(error) {
      if (seen.has(error.oid)) return;
      seen.add(error.oid);
      counts.set(error.problem, (counts.get(error.problem) ?? 0) + 1);
      const first = named.get(error.problem) ?? [];
      if (first.length < NAMED_PROBLEMS) named.set(error.problem, [...first, error]);
    },
    diagnostics() {
      return [...named].map(([problem, errors]): Diagnostic => {
        const total = counts.get(problem) ?? errors.length;
        const what = problem === 'missing'
          ? `${total} git object${total === 1 ? ' is' : 's are'} missing (a partial or shallow clone, or a damaged repository)`
          : `${total} git object${total === 1 ? '' : 's'} could not be read (a corrupt pack or loose object)`;
        return { kind: 'history', message: `${what}; the files and commits they hold were not scanned. ${errors.map((error) => error.message).join('; ')}${total > errors.length ? '; …' : ''}` };
      });
    },
  };
}

/**
 * Adds a history scan to a working-tree scan's result: findings that the working tree still has get
 * their `history`; the others are added to the reports of their files, with `inWorkingTree` false.
 * Problems with the git data are reported against the git directory.
 */
export function withHistory<T extends { reports: FileReport[]; history?: HistorySummary }>(result: T, history: HistoryScan): T {
  const reports = result.reports.map((report) => ({ ...report, findings: [...report.findings] }));
  const byPath = new Map(reports.map((report) => [report.relativePath, report]));
  for (const { relativePath, filePath, finding } of history.findings) {
    let report = byPath.get(relativePath);
    const current = report?.findings.filter((candidate) => candidate.fingerprint === finding.fingerprint && candidate.ruleId === finding.ruleId && candidate.history === undefined) ?? [];
    if (current.length > 0 && report) {
      const historyOf = { ...(finding.history as NonNullable<Finding['history']>), inWorkingTree: true };
      report.findings = report.findings.map((candidate) => (current.includes(candidate) ? { ...candidate, history: historyOf } : candidate));
      continue;
    }
    if (!report) {
      report = { filePath, relativePath, findings: [], diagnostics: [] };
      byPath.set(relativePath, report);
      reports.push(report);
    }
    report.findings.push(finding);
  }
  if (history.diagnostics.length > 0) {
    reports.push({ filePath: history.gitDirectory, relativePath: history.gitDirectoryPath, findings: [], diagnostics: history.diagnostics });
  }
  for (const report of reports) report.findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  reports.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  return { ...result, reports, history: history.summary };
}
