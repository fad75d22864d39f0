/**
 * The part of `npm run bench:rules` that measures an editor's first validation: what ESLint's
 * language server does when a file is opened. A fresh Node process imports ESLint and the plugin,
 * makes `new ESLint({ overrideConfig: configs.recommended })` and lints one small file with
 * `lintText`; the figure is the wall time from the first import to the result, median of
 * BENCH_RULES_RUNS processes, for a JS and for a TS file.
 *
 * @packageDocumentation
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from './tools.mjs';

const RUNS = Number(process.env.BENCH_RULES_RUNS ?? 5);

/** The file a developer opens: a small module that calls Claude (the rules run, and report). */
const SOURCE = [
  "import Anthropic from '@anthropic-ai/sdk';",
  'const client = new Anthropic({ authToken: process.env.CLAUDE_CODE_OAUTH_TOKEN });',
  'export async function ask(question) {',
  "  return client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: question }] });",
  '}',
  '',
].join('\n');

/** Run in the fresh process: prints the milliseconds to import and to lint, and the findings. */
const SCRIPT = `
const started = performance.now();
const { ESLint } = await import('eslint');
const { default: plugin } = await import('./dist/src/index.js');
const imported = performance.now();
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
const [result] = await eslint.lintText(process.env.SOURCE, { filePath: process.env.FILE });
const linted = performance.now();
console.log(JSON.stringify({ imports: imported - started, lint: linted - imported, findings: result.messages.map((message) => message.ruleId) }));
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Lints the file once in a fresh process. */
function firstLint(file) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT, env: { ...process.env, SOURCE, FILE: file }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`first lint of ${file} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * Measures the first validation of a JS and of a TS file.
 *
 * @returns the Markdown table
 */
export function measureFirstLint() {
  const rows = [];
  for (const file of ['virtual/ask.js', 'virtual/ask.ts']) {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(firstLint(file));
    const imports = median(runs.map((run) => run.imports));
    const lint = median(runs.map((run) => run.lint));
    rows.push(`| ${file.slice(file.lastIndexOf('.'))} | ${imports.toFixed(0)} ms | ${lint.toFixed(0)} ms | ${median(runs.map((run) => run.imports + run.lint)).toFixed(0)} ms | ${runs[0].findings.join(', ')} |`);
  }
  return [
    `First validation in a fresh process (import ESLint and the plugin, \`new ESLint\`, \`lintText\` of one small file), medians of ${RUNS}:`,
    '',
    '| file | imports | first lint | in all | findings |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}
