#!/usr/bin/env node
/**
 * The `claude-auth-lint` command: scan paths, print a report, exit like ESLint
 * (0 clean, 1 findings that fail the run, 2 usage or internal error).
 *
 * The pipeline after the scan, each step a small function: configured rule settings, unused
 * directives (dropped unless asked for), then either writing a baseline or applying one, `--quiet`,
 * the formatter, the exit code. Only what `--version` and `--help` need is loaded at start-up; the
 * scanner, the rules and the formatters are imported when a run needs them.
 *
 * @packageDocumentation
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { PACKAGE_INFO } from './package-info.js';
import { POLICY_VERSION } from './policy.js';
import { FORMAT_NAMES, type FormatName } from './report/format-names.js';
import { countBySeverity } from './report/counts.js';
import { displayLines, displayText } from './report/display-safe.js';
import type { ProgressLine, ProgressStream } from './progress.js';
import type { ScanResult } from './scan/run.js';
import type { BaselineEntry } from './scan/baseline.js';
import type { Config } from './config.js';
import { UsageError } from './usage-error.js';
import { FILE_TIME_BUDGET_MS } from './scan/time-budget.js';

/** One command-line option: how node:util parseArgs reads it and how --help shows it. */
interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** The value's placeholder in --help, for string options. */
  value?: string;
  /** How --help shows the flag when not `--<name>` (a negated boolean). */
  display?: string;
  default?: string | boolean;
  help: string;
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', type: 'string', value: '<name>', default: 'stylish', help: `Output format: ${FORMAT_NAMES.join(', ')} (default: stylish)` },
  { name: 'output-file', short: 'o', type: 'string', value: '<file>', help: 'Write the report to a file instead of standard output (- for standard output)' },
  { name: 'sarif-file', type: 'string', value: '<file>', help: 'Also write a SARIF report of the same results to this file' },
  { name: 'max-warnings', type: 'string', value: '<n>', default: '-1', help: 'Exit 1 when there are more than n warnings (default: -1, no limit)' },
  { name: 'fail-on', type: 'string', value: '<tier>', help: 'Lowest tier that fails the run: red (default), yellow, or never (overrides the config)' },
  { name: 'quiet', type: 'boolean', default: false, help: 'Report errors (red) only; --fail-on yellow and --max-warnings still count warnings' },
  { name: 'color', type: 'boolean', display: '--color, --no-color', help: 'Force colours on or off (default: on for a terminal, off with NO_COLOR)' },
  { name: 'stdin', type: 'boolean', default: false, help: 'Scan text read from standard input instead of files' },
  { name: 'stdin-filename', type: 'string', value: '<path>', help: 'The path --stdin text is classified and reported as (default: <text>)' },
  { name: 'max-file-time', type: 'string', value: '<ms>', help: `CPU time one file's parse and rules may take before it gets the text markers only (default: ${FILE_TIME_BUDGET_MS})` },
  { name: 'config', short: 'c', type: 'string', value: '<file>', help: 'Read this config file instead of claude-auth-lint.config.json / package.json' },
  { name: 'gitignore', type: 'boolean', default: true, display: '--no-gitignore', help: 'Also scan files that .gitignore excludes' },
  { name: 'baseline', type: 'string', value: '<file>', help: 'Report only findings not recorded in this baseline; list stale entries' },
  { name: 'write-baseline', type: 'string', value: '<file>', help: 'Record every current finding in a baseline file and exit 0' },
  { name: 'history', type: 'string', value: '[<rev-range>]', help: 'Also scan every commit reachable from the refs (or the range: A..B, or one revision)' },
  { name: 'diff', type: 'string', value: '[<base>]', help: 'Report only findings on lines changed since <base> (default: merge base with the default branch)' },
  { name: 'untrusted', type: 'boolean', default: false, help: 'Gate mode for code you do not trust (pull requests): read no config, ignore file or baseline from the scanned tree' },
  { name: 'stats', type: 'boolean', default: false, help: 'Also print what the scan did (files decoded, parsed and ms per kind) to standard error, as one JSON line' },
  { name: 'report-unused-disable-directives', type: 'boolean', default: false, help: 'Report disable directives that suppress nothing, and exit 1 if any' },
  { name: 'list-rules', type: 'boolean', default: false, help: 'List the rules (id, tier, description) and exit' },
  { name: 'explain', type: 'string', value: '<rule-id>', help: "Print a rule's documentation and exit" },
  { name: 'help', short: 'h', type: 'boolean', default: false, help: 'Show this help' },
  { name: 'version', short: 'v', type: 'boolean', default: false, help: 'Show the version and the policy date' },
];

function helpText(): string {
  const rows = OPTIONS.map((option) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}${option.display ?? `--${option.name}`}${option.value ? ` ${option.value}` : ''}`;
    return `  ${flag.padEnd(44)}${option.help}`;
  });
  return `Usage: claude-auth-lint [options] [paths...]

Finds code that uses Claude subscription (OAuth) credentials where an API key is required.
Scans the given files and directories (default: the current directory).

Options:
${rows.join('\n')}

Configuration: claude-auth-lint.config.json or a "claude-auth-lint" key in package.json
({ "ignores": [...], "rules": { "<rule-id>": "error" | "warn" | "off" }, "failOn": "red" | "yellow",
"roles": { "test" | "fixture" | "example" | "docs" | "generated": "error" | "warn" | "off" } });
paths in .claude-auth-lintignore (gitignore syntax) are not scanned.

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or internal error.
`;
}

/** Where the CLI reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Reads all of standard input, for `--stdin` (default: the process's). */
  readStdin?: () => Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  /** Where the progress line goes (standard error); shown only on a TTY and without `CI`. */
  progressStream?: ProgressStream;
}

/**
 * Options whose value may be left out: `--history` alone scans every ref, `--diff` alone compares
 * with the merge base of the default branch. parseArgs needs a value, so `--name [value]` is
 * rewritten as `--name=value` (`--name=` without one). The next argument is the value unless it
 * starts with `-` or names an existing file or directory (a path to scan): `--diff main .`,
 * `--history ../repo`; `--diff=docs` takes a base that is also a directory's name.
 */
const OPTIONAL_VALUES = new Set(['--history', '--diff']);

function withOptionalValues(argv: readonly string[], cwd: string): string[] {
  const rewritten: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--') {
      rewritten.push(...argv.slice(index));
      break;
    }
    if (!OPTIONAL_VALUES.has(argument)) {
      rewritten.push(argument);
      continue;
    }
    const next = argv[index + 1];
    const isValue = next !== undefined && !next.startsWith('-') && !existsSync(path.resolve(cwd, next));
    rewritten.push(`${argument}=${isValue ? next : ''}`);
    if (isValue) index += 1;
  }
  return rewritten;
}

function parse(argv: readonly string[]) {
  const options = Object.fromEntries(
    OPTIONS.map((option) => [
      option.name,
      { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.default !== undefined ? { default: option.default } : {}) },
    ]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, allowNegative: true, options });
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}

/** The settings a run needs, checked. */
interface RunSettings {
  format: FormatName;
  /** Undefined: standard output (`-o -` too). */
  outputFile: string | undefined;
  sarifFile: string | undefined;
  maxWarnings: number;
  failOn: FailOn | undefined;
  quiet: boolean;
  /** Undefined: decided by the terminal and NO_COLOR. */
  color: boolean | undefined;
  /** Set with --stdin: the path the text is classified and reported as. */
  stdinFilename: string | undefined;
  /** Per-file budget of CPU time (ms). */
  maxFileTimeMs: number;
  configFile: string | undefined;
  gitignore: boolean;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  reportUnusedDirectives: boolean;
  /** `--stats`: print the scan's counts to standard error. */
  stats: boolean;
  /** `--history`: the range, `''` for every ref; undefined without the option. */
  history: string | undefined;
  /** `--diff`: the base, `''` for the merge base with the default branch; undefined without the option. */
  diff: string | undefined;
  untrusted: boolean;
}

/** The lowest tier that fails a run, or `never`: findings never fail it (a usage or internal error still exits 2). */
type FailOn = Config['failOn'] | 'never';

/** @throws UsageError for an unknown format, a bad --max-warnings, --fail-on or --max-file-time */
function settingsOf(values: Record<string, string | boolean | undefined>): RunSettings {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const format = text('format') ?? 'stylish';
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (use one of: ${FORMAT_NAMES.join(', ')})`);
  const maxWarnings = Number(text('max-warnings'));
  if (!Number.isInteger(maxWarnings)) throw new UsageError(`--max-warnings needs a whole number, got "${text('max-warnings')}"`);
  const failOn = text('fail-on');
  if (failOn !== undefined && failOn !== 'red' && failOn !== 'yellow' && failOn !== 'never') throw new UsageError(`--fail-on needs red, yellow or never, got "${failOn}"`);
  if (text('history') !== undefined && text('diff') !== undefined) throw new UsageError('--history and --diff cannot be used together');
  const maxFileTime = text('max-file-time');
  const maxFileTimeMs = maxFileTime === undefined ? FILE_TIME_BUDGET_MS : Number(maxFileTime);
  if (!Number.isInteger(maxFileTimeMs) || maxFileTimeMs <= 0) throw new UsageError(`--max-file-time needs a positive whole number of ms, got "${maxFileTime}"`);
  if (values.stdin !== true && text('stdin-filename') !== undefined) throw new UsageError('--stdin-filename needs --stdin');
  const outputFile = text('output-file');
  return {
    format,
    outputFile: outputFile === '-' ? undefined : outputFile,
    sarifFile: text('sarif-file'),
    maxWarnings,
    failOn,
    quiet: values.quiet === true,
    color: typeof values.color === 'boolean' ? values.color : undefined,
    stdinFilename: values.stdin === true ? (text('stdin-filename') ?? '<text>') : undefined,
    maxFileTimeMs,
    configFile: text('config'),
    gitignore: values.gitignore !== false,
    baseline: text('baseline'),
    writeBaseline: text('write-baseline'),
    reportUnusedDirectives: values['report-unused-disable-directives'] === true,
    stats: values.stats === true,
    history: text('history'),
    diff: text('diff'),
    untrusted: values.untrusted === true,
  };
}

/** Keeps only errors, as ESLint's `--quiet` does. */
function onlyErrors(result: ScanResult): ScanResult {
  const reports = result.reports
    .map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === 2) }))
    .filter((report) => report.findings.length > 0 || report.diagnostics.length > 0);
  return { ...result, reports };
}

/** Drops `unused-directive` diagnostics: they are shown only with --report-unused-disable-directives. */
function withoutUnusedDirectives(result: ScanResult): ScanResult {
  const reports = result.reports
    .map((report) => ({ ...report, diagnostics: report.diagnostics.filter((diagnostic) => diagnostic.kind !== 'unused-directive') }))
    .filter((report) => report.findings.length > 0 || report.diagnostics.length > 0);
  return { ...result, reports };
}

/**
 * The exit code of a finished scan: 1 when it fails by tier, warning count or unused directives;
 * always 0 with `--fail-on never`. Taken before `--quiet`, which hides warnings from the report only.
 */
function exitCodeOf(result: ScanResult, settings: RunSettings, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const { errorCount, warningCount } = countBySeverity(result.reports.flatMap((report) => report.findings));
  const unusedDirectives = settings.reportUnusedDirectives
    ? result.reports.some((report) => report.diagnostics.some((diagnostic) => diagnostic.kind === 'unused-directive'))
    : false;
  const tooManyWarnings = (failOn === 'yellow' && warningCount > 0) || (settings.maxWarnings >= 0 && warningCount > settings.maxWarnings);
  return errorCount > 0 || tooManyWarnings || unusedDirectives ? 1 : 0;
}

function staleNotice(stale: readonly BaselineEntry[]): string {
  const lines = stale.map((entry) => `  ${entry.path}  ${entry.ruleId}  ${entry.fingerprint.slice(0, 12)}`);
  const count = stale.length === 1 ? '1 baseline entry matches' : `${stale.length} baseline entries match`;
  return `claude-auth-lint: ${count} no finding any more (fixed, moved or changed); run with --write-baseline to drop them:\n${lines.join('\n')}\n`;
}

/** The scanned paths as the baseline records them: relative to cwd, `/`-separated. */
function scannedPathsOf(io: CliIo, positionals: readonly string[]): string[] {
  return positionals.map((input) => path.relative(io.cwd, path.resolve(io.cwd, input)).split(path.sep).join('/') || '.');
}

function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** Scans, applies configuration, directives and baseline, prints or writes the report. */
async function run(io: CliIo, settings: RunSettings, positionals: string[]): Promise<number> {
  // The scan's worker starts first, so that its start-up overlaps reading the configuration.
  if (settings.untrusted) (await import('./untrusted.js')).checkTrustedInputs(io.cwd, positionals, settings);
  const pending = settings.stdinFilename === undefined
    ? (await import('./scan/isolated.js')).startScan(positionals, io.cwd)
    : await stdinScan(io, settings.stdinFilename);
  let result: ScanResult;
  let config: Config;
  let progress: ProgressLine | undefined;
  try {
    const [{ loadConfig, readIgnoreFile, validateConfig }, { createProgressLine }] = await Promise.all([import('./config.js'), import('./progress.js')]);
    // Gate mode reads the configuration only from --config, which checkTrustedInputs placed outside the scanned tree.
    const configFile = settings.configFile === undefined ? undefined : path.resolve(io.cwd, settings.configFile);
    ({ config } = settings.untrusted && configFile === undefined ? { config: validateConfig({}, '--untrusted') } : await loadConfig(io.cwd, configFile));
    const ignores = [...config.ignores, ...(settings.untrusted ? [] : await readIgnoreFile(io.cwd))];
    progress = io.progressStream ? createProgressLine(io.progressStream, { env: io.env }) : undefined;
    result = await pending.run({ gitignore: settings.gitignore, ignores, untrusted: settings.untrusted, onProgress: progress?.update, timeBudgetMs: settings.maxFileTimeMs });
    if (settings.history !== undefined) {
      const { scanHistory, withHistory } = await import('./scan/history/scan-history.js');
      result = withHistory(result, await scanHistory({ cwd: io.cwd, paths: positionals, range: settings.history, ignores, onProgress: progress?.update }));
    }
    if (settings.diff !== undefined) {
      result = await (await import('./scan/diff.js')).restrictToDiff(result, { cwd: io.cwd, paths: positionals, base: settings.diff });
    }
  } catch (error) {
    pending.cancel();
    throw error;
  } finally {
    progress?.clear();
  }
  // Counts and file kinds only: nothing from the scanned tree's text.
  if (settings.stats && result.stats) io.stderr(`claude-auth-lint stats: ${JSON.stringify(result.stats, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value) : value))}\n`);
  const [{ applyRuleSettings }, { applyBaseline, createBaseline, readBaseline, serializeBaseline }, { loadFormatter }, { displaySafeResult }, { writeOutputFile }] =
    await Promise.all([import('./config.js'), import('./scan/baseline.js'), import('./report/index.js'), import('./report/display-safe.js'), import('./report/write-output.js')]);
  // From here on every string from the scanned tree is redacted and escaped, once: the baseline and every formatter see only that.
  result = applyRuleSettings(displaySafeResult(result), config.rules);
  result = (await import('./scan/path-roles.js')).applyPathRoles(result, config.roles);
  if (!settings.reportUnusedDirectives) result = withoutUnusedDirectives(result);

  if (settings.writeBaseline) {
    const baseline = createBaseline(result);
    writeOutputFile(io.cwd, settings.writeBaseline, serializeBaseline(baseline));
    io.stdout(`claude-auth-lint: wrote ${baseline.entries.length} finding${baseline.entries.length === 1 ? '' : 's'} to ${displayText(settings.writeBaseline)}\n`);
    return 0;
  }
  if (settings.baseline) {
    const outcome = applyBaseline(result, await readBaseline(path.resolve(io.cwd, settings.baseline)), scannedPathsOf(io, positionals));
    result = outcome.result;
    if (outcome.stale.length > 0) io.stderr(staleNotice(outcome.stale));
  }
  const exitCode = exitCodeOf(result, settings, settings.failOn ?? config.failOn);
  if (settings.quiet) result = onlyErrors(result);
  result = (await import('./scan/group.js')).groupFindings(result);

  const color = settings.format === 'stylish' && (settings.color ?? (!settings.outputFile && io.isTTY && !io.env.NO_COLOR));
  const formatter = await loadFormatter(settings.format);
  const text = await formatter({ ...result, color });
  if (settings.sarifFile) writeOutputFile(io.cwd, settings.sarifFile, await (await loadFormatter('sarif'))({ ...result, color: false }));
  if (settings.outputFile) writeOutputFile(io.cwd, settings.outputFile, text);
  else io.stdout(text);
  return exitCode;
}

/** A scan of standard input's text as the file `filename` (relative to cwd), shaped as a pending scan. */
async function stdinScan(io: CliIo, filename: string): Promise<import('./scan/isolated.js').PendingScan> {
  const bytes = await (io.readStdin ?? readProcessStdin)();
  const { scanText } = await import('./scan/scan-text.js');
  return {
    run: (options = {}) => scanText(bytes, filename, { ...options, cwd: io.cwd }),
    cancel: () => undefined,
    inWorker: false,
  };
}

async function readProcessStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Runs the command line.
 *
 * @param argv - arguments after the program name
 * @param givenIo - where to read and write; whatever goes to standard error has its secrets redacted
 * @returns the exit code: 0, 1 or 2
 */
export async function main(argv: readonly string[], givenIo: CliIo): Promise<number> {
  // Error messages quote what was typed and what the tree holds (stale baseline paths, config errors):
  // no token whole, no control sequence, no workflow command reaches standard error.
  const io: CliIo = { ...givenIo, stderr: (text) => givenIo.stderr(displayLines(text)) };
  try {
    const { values, positionals } = parse(withOptionalValues(argv, givenIo.cwd));
    if (values.help) {
      io.stdout(helpText());
      return 0;
    }
    if (values.version) {
      io.stdout(`claude-auth-lint ${PACKAGE_INFO.version} (policy of ${POLICY_VERSION})\n`);
      return 0;
    }
    if (values['list-rules']) {
      const { listRules } = await import('./rule-docs.js');
      io.stdout(listRules());
      return 0;
    }
    if (typeof values.explain === 'string') {
      const { explainRule } = await import('./rule-docs.js');
      io.stdout(await explainRule(values.explain));
      return 0;
    }
    const settings = settingsOf(values);
    if (settings.stdinFilename !== undefined && positionals.length > 0) throw new UsageError('--stdin scans standard input: give no paths');
    return await run(io, settings, positionals.length > 0 ? positionals : ['.']);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`claude-auth-lint: ${(error as Error).message}\nRun claude-auth-lint --help for usage.\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'OutputRefused') {
      io.stderr(`claude-auth-lint: ${error.message}\n`);
      return 2;
    }
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`claude-auth-lint: internal error: ${reason.split('\n')[0]}\n`);
    return 2;
  }
}

/**
 * Whether this module is the program being run. npm starts bins through symbolic links
 * (`node_modules/.bin`, global installs, npx), so the paths are compared after resolving links.
 */
function isProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isProgram()) {
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    progressStream: process.stderr,
  });
}
