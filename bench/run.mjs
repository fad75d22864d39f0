#!/usr/bin/env node
/**
 * `npm run bench`: times our scanner against ripgrep, a plain Node read-and-regex floor, ESLint with
 * our plugin and secretlint, on the same trees in the same run, and prints a Markdown report (also
 * saved to bench/.corpus/results.json; `--write` puts it into bench/README.md).
 *
 * Environment: BENCH_RUNS (runs per measurement, default 3; medians are reported),
 * BENCH_SLOW_RUNS (runs of ESLint and secretlint, default 1: minutes each on 2 cores),
 * BENCH_SKIP (comma-separated tools to leave out: eslint, secretlint, rg).
 *
 * @packageDocumentation
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildCorpus, CORPUS, SLICES, SLICE_FILES, SUBSET, SUBSET_FILES, TREE } from './corpus.mjs';
import { CLI, ESLINT_BIN, SECRETLINT_VERSION, ensureTools, measureMedian, measureSteps, medianOf, timeTool as timeSteps, toolCommands, triggerWords, versionOf, writeReadmeSection } from './tools.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 1);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

const words = await triggerWords();

/** Slices 0 … n-1 of the tree: 10 % of the tree per slice. */
function slices(count) {
  return Array.from({ length: count }, (_, index) => path.join(TREE, `slice-${index}`));
}

const output = await mkdtemp(path.join(tmpdir(), 'bench-out-'));
const { tools: TOOL_COMMANDS, env: ENV, cwd: CWD } = toolCommands({ output, words });

/** Per-run time limit: a tool that takes longer is reported as timed out, not waited for. */
const TIMEOUT_SECONDS = Number(process.env.BENCH_TIMEOUT ?? 600);

/** Measures one tool on one set of directories (median of `runs` runs); undefined when it failed or timed out. */
async function timeTool(tool, directories, runs = RUNS) {
  const samples = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await timeSteps(tool, directories, TOOL_COMMANDS[tool](directories), { base: CORPUS, cwd: CWD, env: ENV, timeoutSeconds: TIMEOUT_SECONDS });
    if (!result) return undefined;
    samples.push(result);
  }
  return medianOf(samples);
}

/** Saves what has been measured so far, in case a later tool is interrupted. */
async function saveProgress(partial) {
  await writeFile(path.join(CORPUS, 'results.partial.json'), `${JSON.stringify(partial, null, 2)}\n`);
}

await buildCorpus();
const available = ensureTools();
const tools = ['ours', 'floor', ...(available.rg && !SKIP.has('rg') ? ['rg'] : [])];
const slowTools = [...(SKIP.has('eslint') ? [] : ['eslint']), ...(available.secretlint && !SKIP.has('secretlint') ? ['secretlint'] : [])];

// Warm the page cache once: every tool then reads from memory, as on a second run in CI.
await measureSteps(TOOL_COMMANDS.floor(slices(SLICES)), { env: ENV });

/** Fractions of the tree: the files they hold and the slices that make them. */
const FRACTIONS = [
  { label: '10 %', files: SLICE_FILES, directories: slices(1) },
  { label: '20 % (10k)', files: 2 * SLICE_FILES, directories: slices(2) },
  { label: '30 %', files: 3 * SLICE_FILES, directories: slices(3) },
  { label: '100 % (50k)', files: SLICES * SLICE_FILES, directories: slices(SLICES) },
];

// Round-robin: run k of every tool on every fraction before run k + 1 of any, so that the shared
// machine's swings in load spread over all the figures instead of landing on one fraction's runs
// (which the linearity ratio, a difference of differences, magnifies).
const samples = FRACTIONS.map(() => Object.fromEntries(tools.map((tool) => [tool, []])));
const failed = new Set();
for (let run = 0; run < RUNS; run += 1) {
  for (const [index, fraction] of FRACTIONS.entries()) {
    for (const tool of tools) {
      if (failed.has(`${index} ${tool}`)) continue;
      const result = await timeTool(tool, fraction.directories, 1);
      if (result) samples[index][tool].push(result);
      else failed.add(`${index} ${tool}`);
    }
  }
}
const tree = FRACTIONS.map((fraction, index) => ({
  label: fraction.label,
  files: fraction.files,
  tools: Object.fromEntries(tools.map((tool) => [tool, failed.has(`${index} ${tool}`) ? undefined : medianOf(samples[index][tool])])),
}));
await saveProgress({ tree });

// ESLint parses every JS/TS file (minified bundles included): timed on the subset only, with ours beside it.
// secretlint takes minutes per few thousand files here (more on the tree's multi-megabyte bundles): subset only.
const subset = { label: `subset (${SUBSET_FILES})`, files: SUBSET_FILES, tools: {} };
for (const tool of tools) subset.tools[tool] = await timeTool(tool, [SUBSET]);
for (const tool of slowTools) {
  subset.tools[tool] = await timeTool(tool, [SUBSET], SLOW_RUNS);
  await saveProgress({ tree, subset });
}
const jsFilesInSubset = JSON.parse(await readFile(path.join(output, 'eslint.json'), 'utf8').catch(() => '[]')).length;

const emptyDirectory = path.join(output, 'empty');
await mkdir(emptyDirectory);
const startup = {
  node: await measureMedian(Math.max(RUNS, 5) * 2, process.execPath, ['-e', '0']),
  version: await measureMedian(Math.max(RUNS, 5) * 2, process.execPath, [CLI, '--version']),
  empty: await measureMedian(Math.max(RUNS, 5) * 2, process.execPath, [CLI, emptyDirectory]),
};
await rm(output, { recursive: true, force: true });

const results = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadAverage: loadavg().map((load) => Number(load.toFixed(1))), node: process.version },
  versions: {
    rg: versionOf('rg'),
    eslint: versionOf(process.execPath, [ESLINT_BIN, '--version']),
    secretlint: `secretlint ${SECRETLINT_VERSION}`,
  },
  runs: RUNS,
  slowRuns: SLOW_RUNS,
  triggerWords: words.words,
  tree,
  subset,
  jsFilesInSubset,
  startup,
};
await writeFile(path.join(CORPUS, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const { renderReport } = await import('./report.mjs');
const report = renderReport(results);
process.stdout.write(report);
if (process.argv.includes('--write')) await writeReadmeSection('results', report);
