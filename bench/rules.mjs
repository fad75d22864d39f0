#!/usr/bin/env node
/**
 * `npm run bench:rules`: what our rules cost in the editor. Runs the real `eslint` CLI with our
 * plugin's recommended config over the JS/TS files of the benchmark subset, with `--stats` (ESLint's
 * per-file parse and per-rule times) and `TIMING=all` (its rule table), and compares the plugin's
 * total rule time with ESLint's parse time for the same files. Target: at most 10 %. Then, when the
 * real-world corpus is there, the five files of it where our rules take longest (bench/rules-corpus.mjs).
 * Target: at most 30 % of parse time on each. Last, an editor's first validation of a JS and a TS file
 * (bench/first-lint.mjs).
 *
 * `--write` puts the tables into bench/README.md; `--corpus-only` measures the real-world corpus alone.
 * Exits 1 when a target is missed, so it can guard a merge of new rules. Rerun it after rules
 * change; it reads the rules from the build (dist/).
 *
 * Environment: BENCH_RULES_DIR (default: the benchmark subset, bench/.corpus/subset),
 * BENCH_RULES_CORPUS (default: `${TMPDIR:-/tmp}/real-corpus`), BENCH_RULES_RUNS (default 5).
 *
 * @packageDocumentation
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCorpus, CORPUS, SUBSET } from './corpus.mjs';
import { ESLINT_BIN, ROOT, writeReadmeSection } from './tools.mjs';
import { HEAVY_TARGET, measureCorpusHeaviest } from './rules-corpus.mjs';
import { measureFirstLint } from './first-lint.mjs';

const TARGET = 0.1;

/** Puts a report between its markers in bench/README.md, with `--write`. */
async function writeSection(name, report) {
  if (process.argv.includes('--write')) await writeReadmeSection(name, report);
}

/** The clean subset: all our rules against ESLint's parse time. Returns true when the target holds. */
async function measureSubset() {
  const directory = process.env.BENCH_RULES_DIR ?? SUBSET;
  if (!process.env.BENCH_RULES_DIR) await buildCorpus();

  const output = await mkdtemp(path.join(tmpdir(), 'bench-rules-'));
  const resultsFile = path.join(output, 'eslint.json');
  process.stderr.write(`bench:rules: eslint --stats over ${directory} …\n`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--config', path.join(ROOT, 'bench', 'eslint.config.mjs'), '--no-warn-ignored', '--stats', '-f', 'json', '-o', resultsFile, directory], {
    cwd: ROOT,
    env: { ...process.env, TIMING: 'all' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    process.exit(2);
  }
  const results = JSON.parse(await readFile(resultsFile, 'utf8'));
  await rm(output, { recursive: true, force: true });

  let parse = 0;
  let allRules = 0;
  const perRule = new Map();
  for (const result of results) {
    for (const pass of result.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [ruleId, timing] of Object.entries(pass.rules ?? {})) {
        allRules += timing.total;
        perRule.set(ruleId, (perRule.get(ruleId) ?? 0) + timing.total);
      }
    }
  }
  const ours = [...perRule].filter(([ruleId]) => ruleId.startsWith('claude-auth/')).sort((a, b) => b[1] - a[1]);
  const oursTotal = ours.reduce((sum, [, time]) => sum + time, 0);
  const share = oursTotal / parse;

  const lines = [
    `ESLint over ${results.length.toLocaleString('en-US')} JS/TS files of ${path.relative(ROOT, directory) || directory}: ${wall.toFixed(1)} s wall, parse ${(parse / 1000).toFixed(2)} s (sum of --stats parse times).`,
    '',
    '| rule | time | share of parse |',
    '|---|---:|---:|',
    ...ours.map(([ruleId, time]) => `| ${ruleId} | ${time.toFixed(1)} ms | ${((time / parse) * 100).toFixed(2)} % |`),
    `| **all our rules** | **${oursTotal.toFixed(1)} ms** | **${(share * 100).toFixed(2)} %** (target ≤ ${TARGET * 100} %) |`,
    '',
  ];
  const report = `${lines.join('\n')}\n`;
  process.stdout.write(report);
  process.stdout.write(`ESLint's TIMING=all table:\n${run.stdout}\n`);
  await writeFile(path.join(CORPUS, 'rules.md'), report);
  await writeSection('rules', report);
  return share <= TARGET;
}

let met = true;
if (!process.argv.includes('--corpus-only')) met = await measureSubset();
const heaviest = await measureCorpusHeaviest();
if (heaviest) {
  process.stdout.write(heaviest.report);
  await writeSection('rules-corpus', heaviest.report);
  met &&= heaviest.worst <= HEAVY_TARGET;
}
const firstLint = `${measureFirstLint()}\n`;
process.stdout.write(firstLint);
await writeSection('rules-first-lint', firstLint);
process.exitCode = met ? 0 : 1;
