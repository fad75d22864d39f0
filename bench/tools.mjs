/**
 * The benchmark's tools and how one run of a command is measured.
 *
 * Tools that the project does not depend on are installed here, outside package.json: ripgrep from
 * Debian's packages (when running as root), secretlint (the last major that runs on Node 20) into
 * bench/.corpus/tools.
 *
 * @packageDocumentation
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS } from './corpus.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TOOLS = path.join(CORPUS, 'tools');
/** secretlint 12 and later need Node 22. */
export const SECRETLINT_VERSION = '11.7.1';
export const SECRETLINT_BIN = path.join(TOOLS, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
export const ESLINT_BIN = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');

/** Whether a command can be run. */
function runs(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the tools are there: builds the scanner, installs ripgrep and secretlint if missing.
 *
 * @returns which optional tools are available
 */
export function ensureTools() {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!runs('/usr/bin/time', ['-f', '', 'true']) && process.getuid?.() === 0) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'inherit' });
  }
  if (!runs('rg', ['--version']) && process.getuid?.() === 0) {
    process.stderr.write('bench: installing ripgrep (apt-get)\n');
    execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq ripgrep'], { stdio: 'inherit' });
  }
  if (!existsSync(SECRETLINT_BIN)) {
    process.stderr.write(`bench: installing secretlint@${SECRETLINT_VERSION} into ${TOOLS}\n`);
    execFileSync('npm', ['install', '--prefix', TOOLS, '--no-save', '--no-audit', '--no-fund',
      `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_VERSION}`], { stdio: 'inherit' });
  }
  return { rg: runs('rg', ['--version']), secretlint: existsSync(SECRETLINT_BIN), time: runs('/usr/bin/time', ['-f', '', 'true']) };
}

/** The version line of a tool, for the report. */
export function versionOf(command, args = ['--version']) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return 'unavailable';
  }
}

/**
 * @typedef {object} Measurement
 * @property {number} wall - seconds, from spawn to exit
 * @property {number} cpu - user + system seconds of the process and its children
 * @property {number} rss - peak resident set size of the largest process, MB
 * @property {number} code - exit code
 * @property {string} output - the first 2,000 characters of standard output
 * @property {string} [errors] - standard error (its first 1 MiB), when `keepErrors` was asked for
 */

/**
 * Runs a command once under GNU time and measures it. Standard output is kept (short) for sanity
 * checks; standard error is shown only when the command fails, or returned when `keepErrors` is set
 * (for a tool that reports on standard error, as our `--stats` does).
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, okCodes?: number[], timeoutSeconds?: number, keepErrors?: boolean }} options
 * @returns {Promise<Measurement>}
 * @throws Error when the command exits with a code not in okCodes (default 0 and 1) or times out
 */
export async function measure(command, args, options = {}) {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-'));
  const timeFile = path.join(directory, 'time');
  try {
    const started = process.hrtime.bigint();
    const { code, stdout, stderr } = await new Promise((resolve, reject) => {
      const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
        cwd: options.cwd ?? ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so that the time limit ends the tool too, not only GNU time (an
        // orphaned tool kept running and held the pipes open, and the bench waited for it).
        detached: true,
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => { if (out.length < 2000) out += chunk; });
      const errorLimit = options.keepErrors ? 1024 * 1024 : 4000;
      child.stderr.on('data', (chunk) => { if (err.length < errorLimit) err += chunk; });
      const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), (options.timeoutSeconds ?? 900) * 1000);
      child.on('error', reject);
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        resolve({ code: signal ? -1 : exitCode, stdout: out, stderr: signal ? `killed by ${signal} (time limit)` : err });
      });
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const okCodes = options.okCodes ?? [0, 1];
    if (!okCodes.includes(code)) {
      throw new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} … exited with ${code}: ${stderr.slice(0, 1000)}`);
    }
    const [user, system, rssKb] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1).split(' ').map(Number);
    return { wall, cpu: user + system, rss: rssKb / 1024, code, output: stdout, ...(options.keepErrors ? { errors: stderr } : {}) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Measures a command `runs` times and keeps the median of each quantity.
 *
 * @returns {Promise<Measurement & { runs: number }>}
 */
export async function measureMedian(runs, command, args, options) {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await measure(command, args, options));
  return medianOf(results);
}

/**
 * The median of each quantity of several measurements of one command.
 *
 * @param {Measurement[]} results - at least one
 * @returns {Measurement & { runs: number }}
 */
export function medianOf(results) {
  return {
    wall: median(results.map((result) => result.wall)),
    cpu: median(results.map((result) => result.cpu)),
    rss: median(results.map((result) => result.rss)),
    code: results[0].code,
    output: results[0].output,
    runs: results.length,
  };
}

/**
 * The scanner's prefilter words, read from the build (`RULE_TRIGGERS`): the floor looks for all of
 * them, ripgrep for the same words without a leading or trailing line break (ripgrep matches line
 * by line and refuses a line break in a pattern; the words it gets are a superset of the matches,
 * so it does no less work than the scanner's prefilter).
 *
 * @returns {Promise<{ words: string[], rgWords: string[] }>}
 */
export async function triggerWords() {
  const { RULE_TRIGGERS } = await import(path.join(ROOT, 'dist/src/detect/triggers.js'));
  const words = [...new Set(Object.values(RULE_TRIGGERS).flat())];
  const rgWords = [...new Set(words.map((word) => word.replace(/^[\r\n]+|[\r\n]+$/g, '')))];
  return { words, rgWords };
}

/**
 * @typedef {[command: string, args: string[], options?: { cwd?: string }][]} Steps - commands run one after the other as one
 *   run of a tool (gitleaks scans one directory per process)
 */

/** The deepest directory that holds every one of the directories. */
function commonAncestor(directories) {
  let ancestor = directories[0] ?? ROOT;
  while (!directories.every((directory) => directory === ancestor || directory.startsWith(ancestor + path.sep))) ancestor = path.dirname(ancestor);
  return ancestor;
}

/**
 * How each tool is run over a list of directories.
 *
 * @param {{ output: string, words: { words: string[], rgWords: string[] }, oursArgs?: string[], gitleaks?: string }} setup
 *   output: a directory for the tools' reports; oursArgs: extra options for our CLI; gitleaks: its binary
 * @returns {{ tools: Record<string, (directories: string[]) => Steps>, env: NodeJS.ProcessEnv, cwd: string }}
 *   the commands, the environment to run them in (the floor reads its words from it), and the
 *   directory to run them from: `output`, outside the project, whose own claude-auth-lint.config.json
 *   (it ignores `test/` and `fixtures/`) our CLI would otherwise read and apply to the scanned trees
 */
export function toolCommands({ output, words, oursArgs = [], gitleaks = 'gitleaks' }) {
  const bench = path.join(ROOT, 'bench');
  const tools = {
    ours: (directories) => [[process.execPath, [CLI, '--no-gitignore', ...oursArgs, '-f', 'json', '-o', path.join(output, 'ours.json'), ...directories]]],
    rg: (directories) => [['rg', ['-uu', '-l', '-F', ...words.rgWords.flatMap((word) => ['-e', word]), ...directories]]],
    floor: (directories) => [[process.execPath, [path.join(bench, 'floor.mjs'), ...directories]]],
    eslint: (directories) => [[process.execPath, [ESLINT_BIN, '--config', path.join(bench, 'eslint.config.mjs'), '--no-warn-ignored', '-f', 'json', '-o', path.join(output, 'eslint.json'), ...directories]]],
    // secretlint refuses paths outside its working directory; it reads no config of ours from there.
    secretlint: (directories) => [[process.execPath, [SECRETLINT_BIN, '--secretlintrc', path.join(bench, 'secretlintrc.json'), '--format', 'json', '--output', path.join(output, 'secretlint.json'), ...directories.map((directory) => `${directory}/**/*`)], { cwd: commonAncestor(directories) }]],
    gitleaks: (directories) => directories.map((directory, index) =>
      [gitleaks, ['detect', '--no-git', '--source', directory, '--no-banner', '--redact', '--report-format', 'json', '--report-path', path.join(output, `gitleaks-${index}.json`), '--exit-code', '0']]),
  };
  return { tools, env: { BENCH_TRIGGER_WORDS: JSON.stringify(words.words) }, cwd: output };
}

/**
 * Runs steps one after the other as one measurement: wall and CPU times add up, the peak RSS is
 * the largest of the steps'.
 *
 * @param {Steps} steps - at least one
 * @param {Parameters<typeof measure>[2]} options
 * @returns {Promise<Measurement>} with the first step's output and errors
 * @throws Error as {@link measure} does, at the first step that fails
 */
export async function measureSteps(steps, options) {
  const results = [];
  for (const [command, args, stepOptions] of steps) results.push(await measure(command, args, { ...options, ...stepOptions }));
  return {
    ...results[0],
    wall: results.reduce((sum, result) => sum + result.wall, 0),
    cpu: results.reduce((sum, result) => sum + result.cpu, 0),
    rss: Math.max(...results.map((result) => result.rss)),
  };
}

/**
 * Measures one run of a tool, saying so on standard error (`bench: <tool> on <dirs> … 1.23 s`).
 *
 * @param {string} tool - its name, for the progress line
 * @param {string[]} directories - what it scans, shown relative to `base`
 * @param {Steps} steps
 * @param {Parameters<typeof measure>[2] & { base: string }} options
 * @returns {Promise<Measurement | undefined>} undefined when the tool failed or missed the time limit
 */
export async function timeTool(tool, directories, steps, options) {
  process.stderr.write(`bench: ${tool} on ${directories.map((directory) => path.relative(options.base, directory)).join(' ')} …`);
  try {
    const result = await measureSteps(steps, options);
    process.stderr.write(` ${result.wall.toFixed(2)} s\n`);
    return result;
  } catch (error) {
    process.stderr.write(` failed: ${error.message.split('\n')[0]}\n`);
    return undefined;
  }
}

/**
 * Replaces the part of bench/README.md between `<!-- bench:NAME:start -->` and
 * `<!-- bench:NAME:end -->` with a report.
 *
 * @param {string} name - the markers' name
 * @param {string} report - Markdown, ending with a line break
 * @throws Error when the README has no such markers
 */
export async function writeReadmeSection(name, report) {
  const readmePath = path.join(ROOT, 'bench', 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`bench/README.md has no ${start} … ${end} markers`);
  await writeFile(readmePath, `${readme.slice(0, from + start.length)}\n${report}${readme.slice(to)}`);
}
