/**
 * A whole scan: walk each path, read, classify, analyze, and collect the reports of files with
 * findings or diagnostics, sorted by path.
 *
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import ignore from 'ignore';
import { CREDENTIALS_FILE_NAME } from '../detect/credential-store.js';
import type { AnalyzerContext } from '../files/analyzer.js';
import { createGitStatus, createTrackedDirectories } from '../files/git-status.js';
import { createPublishSet, NEVER_PUBLISHED, publishedFiles, type PublishSet } from '../files/publish-set.js';
import { mayMarkPublished } from '../files/published-findings.js';
import type { Analysis } from './analyze.js';
import type { FileFactsEntry } from './cross-file.js';
import { createLanguagePass } from '../lang/package-pass.js';
import { createPythonPass } from './python-pass.js';
import { UsageError } from '../usage-error.js';
import { classify, classifyContent, repositoryPrefixOf, type FileKind } from './classify.js';
import type { Diagnostic, FileReport } from './finding.js';
import { readIfTriggered, type PrefilteredRead } from './prefilter.js';
import { readText, type ReadResult } from './read.js';
import { createScheduler } from './scheduler.js';
import { countAnalysis, createScanStats, timed, type ScanStats } from './stats.js';
import { createTextBudget } from './text-budget.js';
import { NEVER_WALKED, walk, walkIgnoreRules, type WalkEntry } from './walk.js';
import type { HistorySummary } from './history/scan-history.js';

/** Options of {@link scan}. */
export interface ScanOptions {
  /** Directory that relative paths are resolved against and displayed from (default `process.cwd()`). */
  cwd?: string;
  /** Honour `.gitignore` (default true). */
  gitignore?: boolean;
  /** Files larger than this many bytes are not read at all (default 64 MiB). */
  maxFileBytes?: number;
  /** Files read and analyzed at once (default 16); also bounds the files held in memory. */
  concurrency?: number;
  /**
   * More paths to leave out of directory walks, in gitignore syntax, relative to `cwd` (from the
   * configuration and `cwd`'s `.claude-auth-lintignore`). Files and directories named explicitly
   * are still scanned.
   */
  ignores?: readonly string[];
  /**
   * Worker threads that parse JS/TS beside the main thread (0: main thread only). Default: one
   * per core but one, at most 3, started only once the scan has parsed 2 MiB of JS/TS inline.
   */
  threads?: number;
  /** Characters of JS/TS parsed on the main thread before the workers start (default 2 MiB). */
  inlineParseBudget?: number;
  /**
   * How long one file's parse and rules may take, in ms (default 10 s); a file that runs out gets a
   * `timeout` diagnostic and the text markers only.
   */
  timeBudgetMs?: number;
  /**
   * Gate mode: honour no ignore file of the scanned tree (`.gitignore`, `.claude-auth-lintignore`);
   * only `ignores` apply (default false).
   */
  untrusted?: boolean;
  /** Called after each file is scanned and when the walk ends; must be cheap (throttle on your side). */
  onProgress?: (progress: ScanProgress) => void;
}

/**
 * Where a scan is. The walk is streamed, so the total is unknown until it ends: `walking` while
 * files are still being listed (and analyzed alongside), `analyzing` once every file is listed.
 */
export interface ScanProgress {
  phase: 'walking' | 'analyzing';
  /** Files scanned so far, skipped ones included. */
  filesScanned: number;
  /** Files to scan in all; set once the walk has ended (`analyzing`). */
  filesTotal?: number;
}

/** The outcome of a scan. */
export interface ScanResult {
  /** Reports of the files that have findings or diagnostics, sorted by path. */
  reports: FileReport[];
  /** Files walked (after ignores), including skipped ones. */
  filesWalked: number;
  /** Files skipped by name without being read (images, archives, …). */
  filesSkippedByName: number;
  /** Set by `--history` (src/scan/history/): what of the repository's history was scanned. */
  history?: HistorySummary;
  /** What the scan did, in counts and ms (`--stats`). */
  stats?: ScanStats;
}

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A file to analyze: where it is, how the user sees it, how rules see it. */
interface Target {
  absolutePath: string;
  /** Relative to the repository that holds it (src/scan/classify.ts): what classification and rules see. */
  rootPath: string;
  /** Set when the walk could not read this directory: the error code. */
  unreadableDirectory?: string;
}

/** A file whose analysis waits for the end of the walk, with what its analyzers are to know. */
interface DeferredFile {
  target: Target;
  context: AnalyzerContext;
  publishSet?: PublishSet;
}

/**
 * Scans files and directories.
 *
 * @param paths - files or directories, relative to `options.cwd` (default `['.']`)
 * @returns per-file reports; never includes a whole secret
 * @throws UsageError when a path does not exist
 */
export async function scan(paths: readonly string[] = ['.'], options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const result: ScanResult = { reports: [], filesWalked: 0, filesSkippedByName: 0 };

  // Overlapping inputs (`src` and `src/app.ts`) must not report a file twice. One input cannot
  // overlap itself, so a scan of one directory keeps no list of its files, however many it has.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const listedBefore = (absolutePath: string): boolean => seen?.has(absolutePath) === true;
  const fromCwd = (absolutePath: string): string => path.relative(cwd, absolutePath).split(path.sep).join('/');
  const insideCwd = (relative: string): boolean => relative !== '' && !relative.startsWith('../') && !path.isAbsolute(relative);
  /**
   * The configured ignores for a walk of `directory`. Patterns that match the directory itself (or
   * a parent) are left out: naming an ignored directory on the command line scans it, as naming an
   * ignored file does (`claude-auth-lint fixtures/repos/demo-app` while `fixtures/` is ignored).
   */
  function ignoreFilter(directory: string): (target: Target) => boolean {
    const root = fromCwd(directory);
    const patterns = (options.ignores ?? []).filter((pattern) => !insideCwd(root) || !ignore().add(pattern).ignores(`${root}/`));
    if (patterns.length === 0) return () => true;
    const ignored = ignore().add(patterns);
    return (target) => {
      const relative = fromCwd(target.absolutePath);
      return !insideCwd(relative) || !ignored.ignores(relative);
    };
  }

  // Per input: what the analyzers may know about the tree, and what npm would publish from it.
  let context: AnalyzerContext = {};
  let publishSet: PublishSet | undefined;
  const factsByPath = new Map<string, FileFactsEntry>();
  const languagePass = createLanguagePass();
  const pythonPass = createPythonPass();
  const displayPath = (absolutePath: string): string =>
    path.relative(cwd, absolutePath).split(path.sep).join('/') || path.basename(absolutePath);
  /** JS/TS files whose only trigger words are frameworks, for after the walk. */
  const surfaceOnly: DeferredFile[] = [];
  let filesListed = 0;
  let filesTotal: number | undefined;
  const reportProgress = (): void =>
    options.onProgress?.({ phase: filesTotal === undefined ? 'walking' : 'analyzing', filesScanned: result.filesWalked, filesTotal });

  /** Drops files already listed by an earlier input, and counts the rest; the last input's end fixes the total. */
  async function* listed(targets: AsyncIterable<Target> | Iterable<Target>, isLastInput: boolean): AsyncGenerator<Target> {
    for await (const target of targets) {
      if (listedBefore(target.absolutePath)) continue;
      seen?.add(target.absolutePath);
      filesListed += 1;
      yield target;
    }
    if (isLastInput) {
      filesTotal = filesListed;
      reportProgress();
    }
  }

  async function analyzeTarget(target: Target): Promise<FileReport | undefined> {
    if (target.unreadableDirectory !== undefined) {
      const diagnostic: Diagnostic = { kind: 'unreadable', message: `Could not read the directory (${target.unreadableDirectory}); files in it were not scanned.` };
      return { filePath: target.absolutePath, relativePath: displayPath(target.absolutePath), findings: [], diagnostics: [diagnostic] };
    }
    result.filesWalked += 1;
    const kind = classify(target.rootPath);
    if (kind === 'binary') {
      result.filesSkippedByName += 1;
      return undefined;
    }
    // A published `.credentials.json` is a finding by its name, whatever it holds; any other file
    // without a trigger word holds nothing to report, published or not.
    const { read, release } = await readWithinBudget(() =>
      path.basename(target.rootPath) === CREDENTIALS_FILE_NAME ? readText(target.absolutePath, { maxBytes }) : readIfTriggered(target.absolutePath, { maxBytes }),
    );
    try {
      // A Go file without a trigger word may hold what its package's other files need.
      if (kind === 'go' && (read.surfaceOnly || read.text === undefined) && read.diagnostics.length === 0) languagePass.deferGo(target);
      if (read.surfaceOnly && read.diagnostics.length === 0) {
        // Only a web or bot framework is named: JS/TS imports matter if some other file calls Claude.
        if (kind === 'js') surfaceOnly.push({ target, context, publishSet });
        if (kind === 'python') pythonPass.defer(target);
        return undefined;
      }
      // A Python module without a trigger word may still lie between an entry point and a Claude call.
      if (kind === 'python' && read.text === undefined && read.diagnostics.length === 0) pythonPass.defer(target);
      return await analyzeRead(target, kind, read, context, publishSet);
    } finally {
      release();
    }
  }

  /** Reads a file once the texts held by the files in flight are under the budget; `release` lets go of its text. */
  async function readWithinBudget(readFile: () => PrefilteredRead): Promise<{ read: PrefilteredRead; release: () => void }> {
    await textBudget.whenUnderLimit();
    const read = readFile();
    return { read, release: textBudget.hold(read.text?.length ?? 0) };
  }

  /** The analysis of a file that has been read, as a report when it has findings or diagnostics. */
  async function analyzeRead(target: Target, kind: FileKind, read: PrefilteredRead, inputContext: AnalyzerContext, inputPublishSet?: PublishSet): Promise<FileReport | undefined> {
    if (read.text === undefined && read.diagnostics.length === 0) return undefined;
    const contentKind = read.text === undefined ? kind : classifyContent(kind, read.text);
    // Loaded with the first file to analyze: a scan that finds no trigger word never loads a parser.
    const { ANALYZER_SETUP } = await import('../files/index.js');
    await ANALYZER_SETUP[contentKind]?.();
    if (read.text !== undefined) stats.filesDecoded += 1;
    const analysis = read.text === undefined
      ? read.unreadWithTrigger ? (await import('./analyze.js')).unreadAnalysis(contentKind, read.diagnostics) : { findings: [], diagnostics: [] }
      : await analyzeDecoded(target, read.text, contentKind, read.diagnostics.length > 0, inputContext, inputPublishSet);
    if (analysis.facts?.surface) factsByPath.set(target.absolutePath, { relativePath: displayPath(target.absolutePath), facts: analysis.facts.surface });
    if (contentKind === 'go' && analysis.diagnostics.length === 0) languagePass.recordGo(target);
    const diagnostics = [...read.diagnostics, ...analysis.diagnostics];
    const findings = analysis.findings;
    if (findings.length === 0 && diagnostics.length === 0) return undefined;
    return {
      filePath: target.absolutePath,
      relativePath: displayPath(target.absolutePath),
      findings,
      diagnostics,
    };
  }

  /**
   * A decoded file's analysis. Which package would publish the file is asked only when that could
   * change its findings (npm-packlist walks the whole package): a file that gets findings, or holds a
   * credential, in a published package is analyzed again with the package's name, before fingerprints
   * and suppressions (src/scan/analyze.ts).
   */
  async function analyzeDecoded(target: Target, text: string, kind: FileKind, markersOnly: boolean, inputContext: AnalyzerContext, inputPublishSet?: PublishSet): Promise<Analysis> {
    const recorder = kind === 'python' ? { recordPythonFacts: pythonPass.recorder(target) } : {};
    const first = await scheduler.analyze(text, target.rootPath, kind, markersOnly, { ...inputContext, ...recorder });
    countAnalysis(stats, kind, first.ms ?? 0, first.parsed === true);
    if (!inputPublishSet || !mayMarkPublished(first.findings.length, text, target.rootPath)) return first;
    stats.publishSetQueries += 1;
    const publishedIn = await inputPublishSet.publishedIn(target.absolutePath);
    // Facts were recorded by the first analysis: the second only marks the findings.
    return publishedIn === undefined ? first : scheduler.analyze(text, target.rootPath, kind, markersOnly, { ...inputContext, publishedIn });
  }

  async function analyzeAndReport(target: Target): Promise<FileReport | undefined> {
    const report = await analyzeTarget(target);
    reportProgress();
    return report;
  }

  let crossFile: typeof import('./cross-file.js') | undefined;
  /** The directories scanned: module resolution reads inside them only. */
  const scannedRoots: string[] = [];
  const stats = createScanStats();
  const textBudget = createTextBudget();
  const scheduler = createScheduler({ threads: options.threads, inlineParseBudget: options.inlineParseBudget, timeBudgetMs: options.timeBudgetMs });
  try {
    for (const [index, input] of paths.entries()) {
      const absolute = path.resolve(cwd, input);
      const stats = await stat(absolute).catch(() => undefined);
      if (!stats) throw new UsageError(`No such file or directory: ${input}`);
      // A FIFO or a device named on the command line: reading it could block for ever.
      const special = !stats.isDirectory() && !stats.isFile();
      if (special) {
        result.filesWalked += 1;
        result.reports.push({ filePath: absolute, relativePath: displayPath(absolute), findings: [], diagnostics: [{ kind: 'unreadable', message: 'Not read: not a regular file.' }] });
      }
      context = { gitStatus: createGitStatus(stats.isDirectory() ? absolute : path.dirname(absolute)), untrusted: options.untrusted };
      scannedRoots.push(stats.isDirectory() ? absolute : path.dirname(absolute));
      publishSet = stats.isDirectory() ? createPublishSet(absolute) : undefined;
      const prefix = repositoryPrefixOf(stats.isDirectory() ? absolute : path.dirname(absolute));
      const inputTargets = publishSet
        ? fromRepository(prefix, targetsUnder(absolute, { gitignore: options.gitignore, ignoreFiles: options.untrusted !== true }, publishSet, listedBefore))
        : special ? [] : [{ absolutePath: absolute, rootPath: prefix + path.basename(absolute) }];
      const listedTargets = Readable.from(listed(inputTargets, index === paths.length - 1));
      // Ignore patterns apply inside a directory; a file named on the command line is scanned.
      const targets = stats.isDirectory() ? listedTargets.filter(ignoreFilter(absolute)) : listedTargets;
      for await (const report of targets.map(analyzeAndReport, { concurrency: options.concurrency ?? 16 })) {
        if (report) result.reports.push(report as FileReport);
      }
    }
    // Cross-file rules need the rules' metadata: loaded only when some file recorded facts for them.
    crossFile = factsByPath.size > 0 ? await import('./cross-file.js') : undefined;
    // Files that only name a framework are parsed when a Claude call exists for their handlers to reach.
    if (crossFile?.hasClaudeCallSites(factsByPath)) {
      const analyzeSurface = async (deferred: DeferredFile): Promise<FileReport | undefined> => {
        const { read, release } = await readWithinBudget(() => readText(deferred.target.absolutePath, { maxBytes }));
        stats.surfaceFilesParsed += 1;
        try {
          return await analyzeRead(deferred.target, classify(deferred.target.rootPath), read, deferred.context, deferred.publishSet);
        } finally {
          release();
        }
      };
      for await (const report of Readable.from(surfaceOnly).map(analyzeSurface, { concurrency: options.concurrency ?? 16 })) {
        if (report) result.reports.push(report as FileReport);
      }
    }
  } finally {
    stats.filesInWorkers = scheduler.workerAnalyses;
    await scheduler.close();
  }
  await timed(stats.passesMs, 'js', () => crossFile?.addCrossFileFindings(result.reports, factsByPath, cwd, crossFile.createModuleResolver(scannedRoots)));
  await timed(stats.passesMs, 'go', () => languagePass.addFindings(result.reports, displayPath, maxBytes));
  await timed(stats.passesMs, 'python', () => pythonPass.addFindings(result.reports, displayPath, maxBytes));
  result.reports.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  stats.filesWalked = result.filesWalked;
  result.stats = stats;
  return result;
}

/** The targets of a walk with their paths made relative to the repository (`prefix`: from {@link repositoryPrefixOf}). */
async function* fromRepository(prefix: string, targets: AsyncIterable<Target>): AsyncGenerator<Target> {
  for await (const target of targets) yield prefix === '' ? target : { ...target, rootPath: prefix + target.rootPath };
}

/**
 * The files under a directory: the walk's, then the published files that an ignore file kept from it.
 *
 * @param listedBefore - whether an earlier input of the scan already listed a file (absolute path)
 */
async function* targetsUnder(
  directory: string,
  ignoreOptions: { gitignore?: boolean; ignoreFiles?: boolean },
  publishSet: PublishSet,
  listedBefore: (absolutePath: string) => boolean,
): AsyncGenerator<Target> {
  // Where an ignore file left something out: only packages that hold such a place can publish a file the walk did not list.
  const ignoredPlaces = new Set<string>();
  const onIgnored = (relativePath: string): void => {
    ignoredPlaces.add(path.join(directory, relativePath.endsWith('/') ? relativePath : path.posix.dirname(relativePath)));
  };
  // Build folders the walk never enters may be published too.
  const onSkipped = (relativePath: string): void => {
    if (!NEVER_PUBLISHED.has(path.posix.basename(relativePath))) onIgnored(relativePath);
  };
  const rules = walkIgnoreRules(directory, ignoreOptions);
  const tracked = createTrackedDirectories(directory);
  for await (const entry of walk(directory, { ...ignoreOptions, rules, onIgnored, onSkipped, onDirectory: publishSet.onDirectory, tracked }) as AsyncIterable<WalkEntry>) {
    yield { absolutePath: path.join(directory, entry.path), rootPath: entry.path, unreadableDirectory: entry.unreadableDirectory };
  }
  const holdsIgnoredPlace = (packageDirectory: string): boolean =>
    [...ignoredPlaces].some((place) => place === packageDirectory || place.startsWith(packageDirectory + path.sep));
  // Published files that an ignore file or a build folder kept from the walk: the others were listed by it, or by an earlier input.
  const walked = (absolutePath: string): boolean => {
    const relative = path.relative(directory, absolutePath).split(path.sep).join('/');
    return listedBefore(absolutePath) || (!rules.ignores(relative) && !relative.split('/').some((segment) => NEVER_WALKED.has(segment)));
  };
  yield* publishedFiles(publishSet, directory, { walked, packages: holdsIgnoredPlace });
}
