#!/usr/bin/env node
/**
 * `npm run bench:profile`: where our scan's time goes. Runs the CLI once under
 * `node --cpu-prof` (every thread writes a profile: the main thread, the scan's worker, the parse
 * workers) and prints a Markdown summary of all the profiles together: each thread's busy, idle and
 * garbage-collection time, then the modules and the functions with the most self time.
 *
 * Usage: `npm run bench:profile -- [--tree <name>] [--mirror <dir>] [--top <n>] [--write] [<dir>…]`;
 * without directories it profiles a tree of the parse-heavy corpus (default `claude`, extracted as
 * `npm run bench:heavy` does). `--write` puts the summary into bench/README.md between the
 * bench:profile markers.
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildHeavyCorpus } from './heavy-corpus.mjs';
import { CLI, ROOT, measure, writeReadmeSection } from './tools.mjs';

/** Nodes of a profile that are not JavaScript of any module: V8's own categories. */
const IDLE = '(idle)';
const GC = '(garbage collector)';
const PROGRAM = '(program)';
const ROOT_NODE = '(root)';

/**
 * The module a profile node's code belongs to: an npm package, a file of our build, Node's own
 * internals, WebAssembly, or V8's builtins and native code.
 *
 * @param {string} url - the call frame's URL
 * @returns {string}
 */
export function moduleOf(url) {
  if (url === '') return 'native (V8 builtins, Node bindings)';
  if (url.startsWith('node:')) return 'Node internals';
  if (url.startsWith('wasm://')) return 'WebAssembly';
  const inPackage = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return inPackage[1];
  const inBuild = /\/dist\/(.*)$/.exec(url);
  return inBuild ? inBuild[1] : path.basename(url);
}

/**
 * @typedef {object} ProfileSummary
 * @property {{ thread: string, sampled: number, idle: number, gc: number, program: number }[]} threads - ms
 * @property {Map<string, number>} modules - self ms by module, all threads (V8's categories left out)
 * @property {Map<string, number>} functions - self ms by `function (module:line)`, all threads
 */

/**
 * Sums the self time of every node of every `.cpuprofile` in a directory.
 *
 * @param {string} directory - where `node --cpu-prof-dir` wrote the profiles
 * @returns {ProfileSummary}
 */
export function summarizeProfiles(directory) {
  const threads = [];
  const modules = new Map();
  const functions = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile')).sort()) {
    const profile = JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
    const selfMs = new Map();
    profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
    // CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile: thread 0 is the main thread.
    const threadId = Number(file.split('.').at(-3));
    const thread = { thread: threadId === 0 ? 'main' : `worker ${threadId}`, sampled: 0, idle: 0, gc: 0, program: 0 };
    for (const node of profile.nodes) {
      const ms = selfMs.get(node.id) ?? 0;
      if (ms === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      thread.sampled += ms;
      if (functionName === IDLE) thread.idle += ms;
      else if (functionName === GC) thread.gc += ms;
      else if (functionName === PROGRAM) thread.program += ms;
      else if (functionName !== ROOT_NODE) {
        const module = moduleOf(url);
        add(modules, module, ms);
        add(functions, `${functionName || '(anonymous)'} (${module}${url && !url.startsWith('wasm://') ? `:${lineNumber + 1}` : ''})`, ms);
      }
    }
    threads.push(thread);
  }
  return { threads, modules, functions };
}

/**
 * Renders a summary as Markdown.
 *
 * @param {ProfileSummary} summary
 * @param {number} top - rows of modules and of functions
 * @returns {string[]} lines
 */
export function renderProfile({ threads, modules, functions }, top) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const busy = threads.reduce((sum, thread) => sum + thread.sampled - thread.idle, 0);
  const share = (ms) => `${((ms / busy) * 100).toFixed(1)} %`;
  const ranked = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    '| thread | sampled | busy | of which GC | of which V8 outside JS | idle |',
    '|---|---:|---:|---:|---:|---:|',
    ...threads.map((thread) => `| ${thread.thread} | ${s(thread.sampled)} | ${s(thread.sampled - thread.idle)} | ${s(thread.gc)} | ${s(thread.program)} | ${s(thread.idle)} |`),
    '',
    `| module (self time, all threads) | self | share of busy (${s(busy)}) |`,
    '|---|---:|---:|',
    ...ranked(modules).map(([module, ms]) => `| ${module} | ${s(ms)} | ${share(ms)} |`),
    '',
    '| function (module:line) | self | share of busy |',
    '|---|---:|---:|',
    ...ranked(functions).map(([name, ms]) => `| \`${name}\` | ${s(ms)} | ${share(ms)} |`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tree: { type: 'string', default: 'claude' },
      mirror: { type: 'string', default: path.resolve(ROOT, '..', '.mirror') },
      top: { type: 'string', default: '10' },
      write: { type: 'boolean', default: false },
    },
  });
  let directories = positionals.map((directory) => path.resolve(directory));
  if (directories.length === 0) {
    const { trees, skipped } = await buildHeavyCorpus({ mirror: path.resolve(values.mirror), only: [values.tree] });
    if (trees.length === 0) {
      process.stderr.write(`bench:profile: no tree ${values.tree}${skipped.length > 0 ? ` (${skipped.join('; ')})` : ''}\n`);
      process.exit(2);
    }
    directories = trees[0].directories;
  }
  // Run from outside the project: our CLI would read the project's own config (it ignores `test/`).
  const output = await mkdtemp(path.join(tmpdir(), 'bench-profile-'));
  try {
    process.stderr.write(`bench:profile: node --cpu-prof ${path.relative(ROOT, CLI)} on ${directories.map((directory) => path.relative(ROOT, directory)).join(' ')} …\n`);
    const run = await measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', output, CLI, '--no-gitignore', '-f', 'json', '-o', path.join(output, 'ours.json'), ...directories], { cwd: output, timeoutSeconds: 1800 });
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const lines = [
      `One scan of ${directories.map((directory) => `\`${path.relative(ROOT, directory)}\``).join(' + ')} under \`node --cpu-prof\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, load average ${loadavg()[0].toFixed(1)}: ${run.wall.toFixed(1)} s wall, ${run.cpu.toFixed(1)} s CPU, ${Math.round(run.rss)} MB peak RSS (the profiler adds to all three). Self time summed over every thread's profile; busy = sampled − idle.`,
      '',
      ...renderProfile(summarizeProfiles(output), Number(values.top)),
      '',
    ];
    const report = `${lines.join('\n')}\n`;
    process.stdout.write(report);
    if (values.write) await writeReadmeSection('profile', report);
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}
