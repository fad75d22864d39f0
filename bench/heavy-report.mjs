/**
 * Renders bench/heavy.mjs's results as Markdown. Re-render saved results with
 * `node bench/heavy-report.mjs` (reads bench/.corpus/heavy-results.json).
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { seconds, times, TOOL_NAMES } from './report.mjs';
import { totals } from './stats.mjs';

/**
 * Issue 18's targets ("Done when"), by the kind of tree: a label, the figure it reads (a ratio of
 * wall times, or our peak RSS in MB), and the bound it must keep (`max`: at most; `over`: more than;
 * `min`: at least).
 */
const TARGETS = {
  claude: [
    ['ours ≤ 5× floor', 'oursFloor', 'max', 5],
    ['faster than gitleaks', 'gitleaksOurs', 'over', 1],
    ['faster than secretlint', 'secretlintOurs', 'over', 1],
    ['peak RSS ≤ 250 MB', 'rss', 'max', 250],
  ],
  floor: [
    ['ours ≤ 1.5× floor', 'oursFloor', 'max', 1.5],
    ['≥ 5× faster than gitleaks', 'gitleaksOurs', 'min', 5],
    ['peak RSS ≤ 200 MB', 'rss', 'max', 200],
  ],
  rg: [
    ['ours ≤ 5× ripgrep', 'oursRg', 'max', 5],
    ['≥ 5× faster than gitleaks', 'gitleaksOurs', 'min', 5],
    ['peak RSS ≤ 200 MB', 'rss', 'max', 200],
  ],
};

const BOUNDS = { max: (value, bound) => value <= bound, over: (value, bound) => value > bound, min: (value, bound) => value >= bound };

/** A tree's ratios of wall times; NaN where a tool was not measured. */
function ratios(tools) {
  const wall = (tool) => tools[tool]?.wall ?? Number.NaN;
  return {
    oursFloor: wall('ours') / wall('floor'),
    oursRg: wall('ours') / wall('rg'),
    gitleaksOurs: wall('gitleaks') / wall('ours'),
    secretlintOurs: wall('secretlint') / wall('ours'),
    rss: tools.ours?.rss ?? Number.NaN,
  };
}

/** `label ✓`, `label ✗`, or `label ?` when the figure it reads was not measured. */
function verdicts(kind, measured) {
  return TARGETS[kind].map(([label, figure, bound, limit]) => {
    const value = measured[figure];
    return `${label} ${Number.isNaN(value) ? '?' : BOUNDS[bound](value, limit) ? '✓' : '✗'}`;
  }).join(', ');
}

const megabytes = (bytes) => `${Math.round(bytes / 1e6)} MB`;
const count = (value) => (value === undefined ? '–' : value.toLocaleString('en-US'));
const milliseconds = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');

/**
 * Renders the report.
 *
 * @param {object} results - as bench/heavy.mjs saves them
 * @returns {string} Markdown
 */
export function renderHeavyReport(results) {
  const { machine } = results;
  const lines = [
    `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC, commit ${results.commit}, on ${machine.cores} × ${machine.cpu}, Node ${machine.node}; load average ${machine.loadAverage.join(' / ')} at the end (a shared machine: wall times are noisy, CPU times less so). Medians of ${results.runs} run(s) (secretlint: ${results.slowRuns}), round-robin, page cache warm; a run over ${results.timeoutSeconds} s counts as missing (–). ${results.versions.rg}; ${results.versions.gitleaks}; ${results.versions.secretlint}.`,
    '',
    ...results.skipped.map((reason) => `Skipped: ${reason}.`),
    ...(results.skipped.length > 0 ? [''] : []),
    '| tree | files | size | tool | wall | CPU | peak RSS |',
    '|---|---:|---:|---|---:|---:|---:|',
  ];
  for (const tree of results.trees) {
    for (const [tool, result] of Object.entries(tree.tools)) {
      lines.push(`| ${tree.name} | ${count(tree.files)} | ${megabytes(tree.bytes)} | ${TOOL_NAMES[tool]} | ${seconds(result?.wall)} | ${seconds(result?.cpu)} | ${result ? `${Math.round(result.rss)} MB` : '–'} |`);
    }
  }
  lines.push('', '### Ratios (wall time) and issue 18\'s targets', '');
  lines.push('| tree | ours/floor | ours/rg | gitleaks/ours | secretlint/ours | targets |');
  lines.push('|---|---:|---:|---:|---:|---|');
  for (const tree of results.trees) {
    const measured = ratios(tree.tools);
    lines.push(`| ${tree.name} | ${times(measured.oursFloor)} | ${times(measured.oursRg)} | ${times(measured.gitleaksOurs)} | ${times(measured.secretlintOurs)} | ${verdicts(tree.targets, measured)} |`);
  }
  lines.push('', '### What our scanner did (`--stats`)', '');
  lines.push('Files walked (and read), decoded (passed the prefilter) and parsed, and how many were analyzed in a parse worker; per kind, the files parsed of those analyzed and the analysis time per analyzed file (parse, rules and markers, in the thread that ran them); the cross-file passes. "Per parsed file": all analysis time divided by the files parsed, and our CPU time beyond the floor\'s (the walk and the reads) divided by them.');
  lines.push('');
  lines.push('| tree | files walked | decoded | parsed | in workers | by kind: parsed / analyzed (ms each) | passes | per parsed file: analysis | per parsed file: CPU over the floor |');
  lines.push('|---|---:|---:|---:|---:|---|---|---:|---:|');
  for (const tree of results.trees) {
    const { stats, tools } = tree;
    if (!stats) {
      lines.push(`| ${tree.name} | – | – | – | – | (no --stats) | – | – | – |`);
      continue;
    }
    const all = totals(stats);
    const kinds = Object.entries(stats.byKind ?? {}).sort((a, b) => b[1].ms - a[1].ms)
      .map(([kind, counts]) => `${kind} ${count(counts.parsed)} / ${count(counts.files)} (${milliseconds(counts.ms / counts.files)})`).join(', ');
    const passes = Object.entries(stats.passesMs ?? {}).filter(([, ms]) => ms >= 10).map(([pass, ms]) => `${pass} ${seconds(ms / 1000)}`).join(', ');
    const cpuPerFile = (((tools.ours?.cpu ?? Number.NaN) - (tools.floor?.cpu ?? Number.NaN)) * 1000) / all.parsed;
    lines.push(`| ${tree.name} | ${count(stats.filesWalked)} | ${count(stats.filesDecoded)} | ${count(all.parsed)} | ${count(stats.filesInWorkers)} | ${kinds || '–'} | ${passes || '–'} | ${milliseconds(all.ms / all.parsed)} | ${milliseconds(cpuPerFile)} |`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(await readFile(fileURLToPath(new URL('.corpus/heavy-results.json', import.meta.url)), 'utf8'));
  process.stdout.write(renderHeavyReport(results));
}
