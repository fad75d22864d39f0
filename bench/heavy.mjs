#!/usr/bin/env node
/**
 * `npm run bench:heavy`: times our scanner on trees where many files carry a trigger word and get
 * parsed (the real-world corpus's repositories that call Claude, gradio, medusa,
 * typescript-eslint + vite), against the synchronous Node floor, ripgrep, gitleaks and secretlint,
 * each tree scanned as one run of each tool, round-robin (run k of every tool on every tree before
 * run k + 1 of any). Prints a Markdown report (saved to bench/.corpus/heavy-results.json;
 * `--write` puts it into bench/README.md between the bench:heavy markers).
 *
 * Options: `--mirror <dir>` (the snapshots; default ../.mirror beside the checkout),
 * `--gitleaks <binary>` (default `gitleaks` on the PATH; left out when it does not run),
 * `--tree <name>` (repeatable: only these trees), `--write`.
 * Environment: BENCH_RUNS (default 3; medians), BENCH_SLOW_RUNS (runs of secretlint, default 1),
 * BENCH_TIMEOUT (seconds per run, default 600: a tool that misses it is reported as missing),
 * BENCH_SKIP (comma-separated tools to leave out: rg, gitleaks, secretlint).
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS } from './corpus.mjs';
import { buildHeavyCorpus, HEAVY } from './heavy-corpus.mjs';
import { renderHeavyReport } from './heavy-report.mjs';
import { parseStats } from './stats.mjs';
import { CLI, ROOT, SECRETLINT_VERSION, ensureTools, measureSteps, medianOf, timeTool, toolCommands, triggerWords, versionOf, writeReadmeSection } from './tools.mjs';

const { values } = parseArgs({
  options: {
    mirror: { type: 'string', default: path.resolve(ROOT, '..', '.mirror') },
    gitleaks: { type: 'string', default: 'gitleaks' },
    tree: { type: 'string', multiple: true },
    write: { type: 'boolean', default: false },
  },
});
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 1);
const TIMEOUT_SECONDS = Number(process.env.BENCH_TIMEOUT ?? 600);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

const available = ensureTools();
const gitleaksVersion = versionOf(values.gitleaks, ['version']);
const { trees, skipped } = await buildHeavyCorpus({ mirror: path.resolve(values.mirror), only: values.tree });
for (const reason of skipped) process.stderr.write(`bench:heavy: skipped ${reason}\n`);
if (trees.length === 0) {
  process.stderr.write('bench:heavy: no tree to measure (bench/README.md says how to get the snapshots)\n');
  process.exit(2);
}

// `--stats` (files walked, decoded, parsed) came with issue 18: a build without it is measured without it.
const help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
const withStats = help.includes('--stats');
const output = await mkdtemp(path.join(tmpdir(), 'bench-heavy-'));
const { tools: commands, env, cwd } = toolCommands({ output, words: await triggerWords(), oursArgs: withStats ? ['--stats'] : [], gitleaks: values.gitleaks });

const tools = [
  'ours', 'floor',
  ...(available.rg && !SKIP.has('rg') ? ['rg'] : []),
  ...(gitleaksVersion !== 'unavailable' && !SKIP.has('gitleaks') ? ['gitleaks'] : []),
  ...(available.secretlint && !SKIP.has('secretlint') ? ['secretlint'] : []),
];
/**
 * The steps of one run of a tool on a tree. secretlint 11's own profiler (@secretlint/profiler,
 * always on) searches every mark it has recorded for each new one: its time grows with the square
 * of the files in one run (two of the corpus's repositories together: 78 s; one after the other:
 * 32 s). On a root of many repositories it runs once per repository, which only makes it faster.
 */
function stepsOf(tool, tree) {
  if (tool === 'secretlint') return tree.repositoryDirectories.flatMap((directory) => commands.secretlint([directory]));
  return commands[tool](tree.directories);
}
const runsOf = (tool) => (tool === 'secretlint' ? Math.min(SLOW_RUNS, RUNS) : RUNS);

// Warm the page cache once: every tool then reads from memory.
await measureSteps(commands.floor(trees.flatMap((tree) => tree.directories)), { env });

const samples = trees.map(() => Object.fromEntries(tools.map((tool) => [tool, []])));
const stats = trees.map(() => undefined);
const failed = new Set();
for (let run = 0; run < RUNS; run += 1) {
  for (const [index, tree] of trees.entries()) {
    for (const tool of tools) {
      if (run >= runsOf(tool) || failed.has(`${index} ${tool}`)) continue;
      const result = await timeTool(tool, tree.directories, stepsOf(tool, tree), { base: HEAVY, cwd, env, timeoutSeconds: TIMEOUT_SECONDS, keepErrors: tool === 'ours' });
      if (!result) {
        failed.add(`${index} ${tool}`);
        continue;
      }
      if (tool === 'ours') {
        stats[index] ??= parseStats(result.errors);
        delete result.errors;
      }
      samples[index][tool].push(result);
    }
    await writeFile(path.join(CORPUS, 'heavy-results.partial.json'), `${JSON.stringify({ trees, samples }, null, 2)}\n`);
  }
}
await rm(output, { recursive: true, force: true });

const results = {
  date: new Date().toISOString(),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadAverage: loadavg().map((load) => Number(load.toFixed(1))), node: process.version },
  versions: { rg: versionOf('rg'), gitleaks: `${path.basename(values.gitleaks)} (${gitleaksVersion})`, secretlint: `secretlint ${SECRETLINT_VERSION}` },
  runs: RUNS,
  slowRuns: Math.min(SLOW_RUNS, RUNS),
  timeoutSeconds: TIMEOUT_SECONDS,
  skipped,
  trees: trees.map((tree, index) => ({
    ...tree,
    directories: tree.directories.map((directory) => path.relative(ROOT, directory)),
    stats: stats[index],
    tools: Object.fromEntries(tools.map((tool) => [tool, samples[index][tool].length > 0 && !failed.has(`${index} ${tool}`) ? medianOf(samples[index][tool]) : undefined])),
  })),
};
await writeFile(path.join(CORPUS, 'heavy-results.json'), `${JSON.stringify(results, null, 2)}\n`);
const report = renderHeavyReport(results);
process.stdout.write(report);
if (values.write) await writeReadmeSection('heavy', report);
