#!/usr/bin/env node
/**
 * `npm run fuzz [-- --seconds 60] [--iterations N] [--seed S] [--repro-dir DIR]`: fuzzes the built
 * analyzers (dist/) with inputs generated from the fixtures. Prints a summary; on failures, writes
 * each failing input and its details to the reproducer directory and exits 1.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, loadSeeds } from './engine.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    iterations: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'repro-dir': { type: 'string' },
  },
});
const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
const seed = Number(values.seed);
if ([seconds, iterations, seed].some((value) => value !== undefined && !(Number.isFinite(value) && value >= 0))) {
  console.error('fuzz: --seconds, --iterations and --seed take non-negative numbers');
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '../..');
const { analyzeText } = await import(path.join(root, 'dist/src/scan/analyze.js'));
const { classify } = await import(path.join(root, 'dist/src/scan/classify.js'));
const { findTokens } = await import(path.join(root, 'dist/src/detect/tokens.js'));
const files = await import(path.join(root, 'dist/src/files/index.js'));
// Analyzers that load a parser first (Python's WebAssembly grammar) are made ready once.
await Promise.all(Object.values(files.ANALYZER_SETUP ?? {}).map((setup) => setup()));

const seeds = await loadSeeds(path.join(root, 'fixtures'), classify);
const reproDir = values['repro-dir'] ?? (await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-fuzz-')));
const result = await fuzz({
  analyze: analyzeText,
  seeds,
  findTokens,
  seed,
  seconds: seconds ?? (iterations === undefined ? 60 : Infinity),
  iterations: iterations ?? Infinity,
  reproDir,
});
console.log(`fuzz: seed ${seed}, ${result.iterations} inputs from ${seeds.length} fixtures, ${result.failures.length} failures; slowest input ${result.slowest.ms} ms (iteration ${result.slowest.iteration}, ${result.slowest.length} characters)`);
for (const failure of result.failures) console.log(`  iteration ${failure.iteration} (${failure.relativePath}): ${failure.reason}\n    reproducer: ${failure.reproducer}`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
