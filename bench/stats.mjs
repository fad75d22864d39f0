/**
 * Reads what our CLI's `--stats` says about a scan: one line on standard error,
 * `claude-auth-lint stats: {json}`, the scan's counts (src/scan/stats.ts `ScanStats`): files
 * walked and decoded, per kind of file the files analyzed, parsed and the ms their analyses took,
 * files analyzed in parse workers, the cross-file passes' ms.
 *
 * @packageDocumentation
 */

const STATS_LINE = /^claude-auth-lint stats: (\{.*\})\s*$/m;

/**
 * @typedef {object} ScanStats - the fields of src/scan/stats.ts that the bench reads
 * @property {number} filesWalked - files the walk listed
 * @property {number} filesDecoded - files that passed the prefilter and were decoded
 * @property {Record<string, { files: number, parsed: number, ms: number }>} byKind - per kind of
 *   file: analyzed, parsed, and the analyses' time in ms (in the thread that ran them)
 * @property {number} filesInWorkers - files analyzed in a parse worker
 * @property {Record<string, number>} passesMs - the cross-file passes, ms
 */

/**
 * The stats of a scan from its standard error.
 *
 * @param {string | undefined} errors - the CLI's standard error
 * @returns {ScanStats | undefined} undefined when there is no stats line
 * @throws SyntaxError when the line is there but its JSON is not valid
 */
export function parseStats(errors) {
  const match = STATS_LINE.exec(errors ?? '');
  return match ? JSON.parse(match[1]) : undefined;
}

/**
 * Totals over every kind of file.
 *
 * @param {ScanStats} stats
 * @returns {{ analyzed: number, parsed: number, ms: number }} files analyzed, files parsed, analysis ms
 */
export function totals(stats) {
  const kinds = Object.values(stats.byKind ?? {});
  return {
    analyzed: kinds.reduce((sum, kind) => sum + kind.files, 0),
    parsed: kinds.reduce((sum, kind) => sum + kind.parsed, 0),
    ms: kinds.reduce((sum, kind) => sum + kind.ms, 0),
  };
}
