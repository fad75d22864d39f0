/**
 * The part of `npm run bench:rules` that measures our rules on the files they exist for: the JS/TS
 * files of the real-world corpus (repositories that call Claude, extracted by
 * ../shared/corpus/materialize.sh into `${TMPDIR:-/tmp}/real-corpus`). Not in `npm test` or CI:
 * without the corpus it reports that it skipped.
 *
 * ESLint's own measure (`stats: true`, what `--stats` prints) with the plugin's `configs.recommended`
 * and nothing else: one pass over every file ranks them by our rules' time; the candidates are then
 * linted again, round-robin, and the medians of those runs give the table of the heaviest files.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import plugin from '../dist/src/index.js';

/** Where materialize.sh extracts the corpus; BENCH_RULES_CORPUS overrides it. */
export const CORPUS_DIR = process.env.BENCH_RULES_CORPUS ?? path.join(tmpdir(), 'real-corpus');
/** Our rules may add at most this share of ESLint's parse time on each of the heaviest files (issue 18). */
export const HEAVY_TARGET = 0.3;
/** How many files the table shows. */
const SHOWN = 5;
/** How many files of the first pass are measured again (the ranking of one cold pass is noisy). */
const CANDIDATES = 12;
/** Runs per candidate after the first pass (BENCH_RULES_RUNS). */
const RUNS = Number(process.env.BENCH_RULES_RUNS ?? 5);

const PREFIX = `${plugin.meta.namespace}/`;

/** Parse time and our rules' times (ms) of one lint result, from ESLint's stats. */
function timesOf(result) {
  let parse = 0;
  const rules = new Map();
  for (const pass of result.stats?.times?.passes ?? []) {
    parse += pass.parse?.total ?? 0;
    for (const [ruleId, timing] of Object.entries(pass.rules ?? {})) {
      if (ruleId.startsWith(PREFIX)) rules.set(ruleId, (rules.get(ruleId) ?? 0) + timing.total);
    }
  }
  let ours = 0;
  for (const time of rules.values()) ours += time;
  return { parse, ours, rules };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Measures the heaviest files of the corpus.
 *
 * @returns undefined when the corpus is missing, else `{ report, worst }`: the Markdown table and the
 *   largest share of parse time (a fraction) among the files shown
 */
export async function measureCorpusHeaviest() {
  if (!existsSync(CORPUS_DIR)) {
    process.stderr.write(`bench:rules: no real-world corpus at ${CORPUS_DIR} (../shared/corpus/materialize.sh makes it): the heaviest files are not measured.\n`);
    return undefined;
  }
  const eslint = new ESLint({ cwd: CORPUS_DIR, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended], stats: true, warnIgnored: false });
  process.stderr.write(`bench:rules: every JS/TS file of ${CORPUS_DIR} once …\n`);
  const all = await eslint.lintFiles(['.']);
  const ranked = all.map((result) => ({ file: result.filePath, ...timesOf(result) })).sort((a, b) => b.ours - a.ours);
  const candidates = ranked.slice(0, CANDIDATES).map(({ file }) => ({ file, runs: [] }));
  process.stderr.write(`bench:rules: the ${candidates.length} heaviest of ${all.length} files, ${RUNS} runs each, round-robin …\n`);
  for (let run = 0; run < RUNS; run += 1) {
    for (const candidate of candidates) {
      const [result] = await eslint.lintFiles([candidate.file]);
      candidate.runs.push(timesOf(result));
    }
  }
  const measured = await Promise.all(
    candidates.map(async ({ file, runs }) => {
      const ruleIds = new Set(runs.flatMap((run) => [...run.rules.keys()]));
      const rules = [...ruleIds].map((ruleId) => [ruleId, median(runs.map((run) => run.rules.get(ruleId) ?? 0))]).sort((a, b) => b[1] - a[1]);
      const lines = (await readFile(file, 'utf8')).split('\n').length;
      return { file: path.relative(CORPUS_DIR, file), lines, parse: median(runs.map((run) => run.parse)), ours: median(runs.map((run) => run.ours)), rules };
    }),
  );
  const shown = measured.sort((a, b) => b.ours - a.ours).slice(0, SHOWN);
  const worst = Math.max(...shown.map(({ ours, parse }) => ours / parse));
  const lines = [
    `The ${shown.length} JS/TS files of the real-world corpus (${all.length} files) where our rules take longest, medians of ${RUNS} runs (ESLint \`stats\`, \`configs.recommended\`):`,
    '',
    '| file | lines | parse | our rules | share of parse | heaviest rules |',
    '|---|---:|---:|---:|---:|---|',
    ...shown.map(
      ({ file, lines: count, parse, ours, rules }) =>
        `| ${file} | ${count.toLocaleString('en-US')} | ${parse.toFixed(1)} ms | ${ours.toFixed(1)} ms | ${((ours / parse) * 100).toFixed(1)} % | ${rules
          .slice(0, 2)
          .map(([ruleId, time]) => `${ruleId.slice(PREFIX.length)} ${time.toFixed(1)} ms`)
          .join(', ')} |`,
    ),
    '',
    `Worst share: ${(worst * 100).toFixed(1)} % (target ≤ ${HEAVY_TARGET * 100} % on each file).`,
    '',
  ];
  return { report: `${lines.join('\n')}\n`, worst };
}
