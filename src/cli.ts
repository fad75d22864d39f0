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
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { PACKAGE_INFO } from './package-info.js';
import { POLICY_VERSION } from './policy.js';
import { FORMAT_NAMES, type FormatName } from './report/format-names.js';
import { countBySeverity } from './report/counts.js';
import { redactSecrets } from './detect/tokens.js';
import type { ProgressLine, ProgressStream } from './progress.js';
import type { ScanResult } from './scan/run.js';
import type { BaselineEntry } from './scan/baseline.js';
import type { Config } from './config.js';
import { UsageError } from './usage-error.js';

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
  { name: 'output-file', short: 'o', type: 'string', value: '<file>', help: 'Write the report to a file instead of standard output' },
  { name: 'max-warnings', type: 'string', value: '<n>', default: '-1', help: 'Exit 1 when there are more than n warnings (default: -1, no limit)' },
  { name: 'fail-on', type: 'string', value: '<tier>', help: 'Lowest tier that fails the run: red (default) or yellow (overrides the config)' },
  { name: 'quiet', type: 'boolean', default: false, help: 'Report errors (red) only' },
  { name: 'config', short: 'c', type: 'string', value: '<file>', help: 'Read this config file instead of claude-auth-lint.config.json / package.json' },
  { name: 'gitignore', type: 'boolean', default: true, display: '--no-gitignore', help: 'Also scan files that .gitignore excludes' },
  { name: 'baseline', type: 'string', value: '<file>', help: 'Report only findings not recorded in this baseline; list stale entries' },
  { name: 'write-baseline', type: 'string', value: '<file>', help: 'Record every current finding in a baseline file and exit 0' },
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
  env: NodeJS.ProcessEnv;
  /** Where the progress line goes (standard error); shown only on a TTY and without `CI`. */
  progressStream?: ProgressStream;
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
  outputFile: string | undefined;
  maxWarnings: number;
  failOn: Config['failOn'] | undefined;
  quiet: boolean;
  configFile: string | undefined;
  gitignore: boolean;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  reportUnusedDirectives: boolean;
}

/** @throws UsageError for an unknown format, a bad --max-warnings or --fail-on */
function settingsOf(values: Record<string, string | boolean | undefined>): RunSettings {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const format = text('format') ?? 'stylish';
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (use one of: ${FORMAT_NAMES.join(', ')})`);
  const maxWarnings = Number(text('max-warnings'));
  if (!Number.isInteger(maxWarnings)) throw new UsageError(`--max-warnings needs a whole number, got "${text('max-warnings')}"`);
  const failOn = text('fail-on');
  if (failOn !== undefined && failOn !== 'red' && failOn !== 'yellow') throw new UsageError(`--fail-on needs red or yellow, got "${failOn}"`);
  return {
    format,
    outputFile: text('output-file'),
    maxWarnings,
    failOn,
    quiet: values.quiet === true,
    configFile: text('config'),
    gitignore: values.gitignore !== false,
    baseline: text('baseline'),
    writeBaseline: text('write-baseline'),
    reportUnusedDirectives: values['report-unused-disable-directives'] === true,
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

/** The exit code of a finished scan: 1 when it fails by tier, warning count or unused directives. */
function exitCodeOf(result: ScanResult, settings: RunSettings, failOn: Config['failOn']): 0 | 1 {
  const { errorCount, warningCount } = countBySeverity(result.reports.flatMap((report) => report.findings));
  const unusedDirectives = settings.reportUnusedDirectives
    ? result.reports.some((report) => report.diagnostics.some((diagnostic) => diagnostic.kind === 'unused-directive'))
    : false;
  const tooManyWarnings = (failOn === 'yellow' && warningCount > 0) || (settings.maxWarnings >= 0 && warningCount > settings.maxWarnings);
  return errorCount > 0 || tooManyWarnings || unusedDirectives ? 1 : 0;
}

async function writeOutput(io: CliIo, file: string, text: string): Promise<void> {
  const target = path.resolve(io.cwd, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
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
  const pending = (await import('./scan/isolated.js')).startScan(positionals, io.cwd);
  let result: ScanResult;
  let config: Config;
  let progress: ProgressLine | undefined;
  try {
    const [{ loadConfig, readIgnoreFile }, { createProgressLine }] = await Promise.all([import('./config.js'), import('./progress.js')]);
    ({ config } = await loadConfig(io.cwd, settings.configFile === undefined ? undefined : path.resolve(io.cwd, settings.configFile)));
    const ignores = [...config.ignores, ...(await readIgnoreFile(io.cwd))];
    progress = io.progressStream ? createProgressLine(io.progressStream, { env: io.env }) : undefined;
    result = await pending.run({ gitignore: settings.gitignore, ignores, onProgress: progress?.update });
  } catch (error) {
    pending.cancel();
    throw error;
  } finally {
    progress?.clear();
  }
  const [{ applyRuleSettings }, { applyBaseline, createBaseline, readBaseline, serializeBaseline }, { loadFormatter }] =
    await Promise.all([import('./config.js'), import('./scan/baseline.js'), import('./report/index.js')]);
  result = applyRuleSettings(result, config.rules);
  result = (await import('./scan/path-roles.js')).applyPathRoles(result, config.roles);
  if (!settings.reportUnusedDirectives) result = withoutUnusedDirectives(result);

  if (settings.writeBaseline) {
    const baseline = createBaseline(result);
    await writeOutput(io, settings.writeBaseline, serializeBaseline(baseline));
    io.stdout(`claude-auth-lint: wrote ${baseline.entries.length} finding${baseline.entries.length === 1 ? '' : 's'} to ${settings.writeBaseline}\n`);
    return 0;
  }
  if (settings.baseline) {
    const outcome = applyBaseline(result, await readBaseline(path.resolve(io.cwd, settings.baseline)), scannedPathsOf(io, positionals));
    result = outcome.result;
    if (outcome.stale.length > 0) io.stderr(staleNotice(outcome.stale));
  }
  if (settings.quiet) result = onlyErrors(result);
  result = (await import('./scan/group.js')).groupFindings(result);

  const color = !settings.outputFile && io.isTTY && !io.env.NO_COLOR && settings.format === 'stylish';
  const formatter = await loadFormatter(settings.format);
  const text = await formatter({ ...result, color });
  if (settings.outputFile) await writeOutput(io, settings.outputFile, text);
  else io.stdout(text);
  return exitCodeOf(result, settings, settings.failOn ?? config.failOn);
}

/**
 * Runs the command line.
 *
 * @param argv - arguments after the program name
 * @param givenIo - where to read and write; whatever goes to standard error has its secrets redacted
 * @returns the exit code: 0, 1 or 2
 */
export async function main(argv: readonly string[], givenIo: CliIo): Promise<number> {
  // Error messages quote what was typed, and a token pasted as an argument must not be echoed whole.
  const io: CliIo = { ...givenIo, stderr: (text) => givenIo.stderr(redactSecrets(text)) };
  try {
    const { values, positionals } = parse(argv);
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
    return await run(io, settingsOf(values), positionals.length > 0 ? positionals : ['.']);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`claude-auth-lint: ${(error as Error).message}\nRun claude-auth-lint --help for usage.\n`);
      return 2;
    }
    const reason = redactSecrets(error instanceof Error ? error.message : String(error));
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
