/**
 * Renders bench/run.mjs's results as Markdown. Re-render saved results with
 * `node bench/report.mjs` (reads bench/.corpus/results.json).
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The tools' names in reports. */
export const TOOL_NAMES = { ours: 'claude-auth-lint', rg: 'ripgrep', floor: 'Node floor', eslint: 'eslint + our plugin', secretlint: 'secretlint', gitleaks: 'gitleaks' };

/** Seconds with two decimals, `–` when not measured. */
export const seconds = (value) => (value === undefined ? '–' : `${value.toFixed(2)} s`);
/** A ratio (`1.5×`, `12×`), `–` when a side was not measured. */
export const times = (value) => (value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(value >= 10 ? 0 : 1)}×`);

/** One line per tool: wall, CPU, peak RSS, files/s. */
function toolRows(files, tools) {
  return Object.entries(tools).filter(([, result]) => result).map(([tool, result]) =>
    `| ${TOOL_NAMES[tool] ?? tool} | ${seconds(result.wall)} | ${seconds(result.cpu)} | ${Math.round(result.rss)} MB | ${Math.round(files / result.wall).toLocaleString('en-US')} |`);
}

/** Cost per file between two fractions, in ms. */
function costPerFile(from, to, tool) {
  const a = from.tools[tool];
  const b = to.tools[tool];
  if (!a || !b) return undefined;
  return ((b.wall - a.wall) / (to.files - from.files)) * 1000;
}

/**
 * Renders the report.
 *
 * @param {object} results - as bench/run.mjs saves them
 * @returns {string} Markdown
 */
export function renderReport(results) {
  const lines = [];
  const { machine } = results;
  lines.push(`Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cores} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')} at the end (other jobs were running: wall times are noisy, CPU times less so). Medians of ${results.runs} runs (ESLint and secretlint: ${results.slowRuns}); page cache warm. ${results.versions.rg}; eslint ${results.versions.eslint.replace(/^v/, '')}; ${results.versions.secretlint}.`);
  lines.push('');

  lines.push('### Whole tree, by fraction');
  lines.push('');
  lines.push('| fraction | files | tool | wall | CPU | peak RSS | files/s | ours/rg | ours/floor |');
  lines.push('|---|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const row of results.tree) {
    const ours = row.tools.ours;
    for (const [tool, result] of Object.entries(row.tools).filter(([, measured]) => measured)) {
      const ratios = tool === 'ours'
        ? [times(ours.wall / row.tools.rg?.wall), times(ours.wall / row.tools.floor?.wall)]
        : ['', ''];
      lines.push(`| ${row.label} | ${row.files.toLocaleString('en-US')} | ${TOOL_NAMES[tool] ?? tool} | ${seconds(result.wall)} | ${seconds(result.cpu)} | ${Math.round(result.rss)} MB | ${Math.round(row.files / result.wall).toLocaleString('en-US')} | ${ratios.join(' | ')} |`);
    }
  }
  lines.push('');

  const [tenth, , third, whole] = results.tree;
  lines.push('### Linearity: wall-clock cost per file');
  lines.push('');
  lines.push('| tool | 10 %→30 % | 30 %→100 % | ratio (target ≤ 1.25) |');
  lines.push('|---|---:|---:|---:|');
  for (const tool of Object.keys(whole.tools)) {
    const early = costPerFile(tenth, third, tool);
    const late = costPerFile(third, whole, tool);
    if (early === undefined || late === undefined) continue;
    lines.push(`| ${TOOL_NAMES[tool] ?? tool} | ${early.toFixed(3)} ms | ${late.toFixed(3)} ms | ${(late / early).toFixed(2)} |`);
  }
  lines.push('');

  const { subset } = results;
  const ours = subset.tools.ours;
  lines.push(`### ${subset.label.replace('subset', 'Subset')} files, ${results.jsFilesInSubset.toLocaleString('en-US')} of them JS/TS: ESLint and secretlint`);
  lines.push('');
  lines.push('ESLint parses every JS/TS file, minified bundles included, so it is timed on a fixed subset of the tree (the first files of the same shuffled order), and the ratios compare it with our scanner on that same subset. On subsets our start-up is a larger share than on big trees.');
  lines.push('');
  lines.push('| tool | wall | CPU | peak RSS | files/s |');
  lines.push('|---|---:|---:|---:|---:|');
  lines.push(...toolRows(subset.files, subset.tools));
  lines.push('');
  const ratioLines = [
    ['eslint/ours', subset.tools.eslint?.wall / ours.wall],
    ['secretlint/ours', subset.tools.secretlint?.wall / ours.wall],
    ['ours/rg', ours.wall / subset.tools.rg?.wall],
    ['ours/floor', ours.wall / subset.tools.floor?.wall],
  ];
  lines.push(`Ratios on the subset (wall): ${ratioLines.map(([name, value]) => `${name} ${times(value)}`).join(', ')}.`);
  lines.push('');

  lines.push('### Start-up');
  lines.push('');
  lines.push('Medians of 10 runs. `node -e 0` is Node\'s own start-up on the same machine at the same moment: the difference is ours.');
  lines.push('');
  lines.push('| command | wall | CPU | peak RSS |');
  lines.push('|---|---:|---:|---:|');
  if (results.startup.node) lines.push(`| \`node -e 0\` | ${(results.startup.node.wall * 1000).toFixed(0)} ms | ${(results.startup.node.cpu * 1000).toFixed(0)} ms | ${Math.round(results.startup.node.rss)} MB |`);
  for (const [command, result] of [['claude-auth-lint --version', results.startup.version], ['claude-auth-lint <empty dir>', results.startup.empty]]) {
    lines.push(`| \`${command}\` | ${(result.wall * 1000).toFixed(0)} ms | ${(result.cpu * 1000).toFixed(0)} ms | ${Math.round(result.rss)} MB |`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(await readFile(fileURLToPath(new URL('.corpus/results.json', import.meta.url)), 'utf8'));
  process.stdout.write(renderReport(results));
}
