/**
 * Reads what our CLI's `--stats` says about a scan: one line on standard error,
 * `claude-auth-lint stats: {json}`, with at least `filesWalked`, `filesDecoded` (files that passed
 * the prefilter and were decoded), `filesParsed` (per kind: `js`, `python`, `go`, `ruby`,
 * `shell`, …) and `workers`.
 *
 * @packageDocumentation
 */

const STATS_LINE = /^claude-auth-lint stats: (\{.*\})\s*$/m;

/**
 * @typedef {object} ScanStats
 * @property {number} filesWalked - files the walk yielded (and the scan read)
 * @property {number} filesDecoded - files that passed the prefilter and were decoded
 * @property {Record<string, number>} filesParsed - files parsed, by kind
 * @property {number} workers - parse worker threads started
 */

/**
 * The stats of a scan from its standard error.
 *
 * @param {string | undefined} errors - the CLI's standard error
 * @returns {ScanStats & Record<string, unknown> | undefined} undefined when there is no stats line
 * @throws SyntaxError when the line is there but its JSON is not valid
 */
export function parseStats(errors) {
  const match = STATS_LINE.exec(errors ?? '');
  return match ? JSON.parse(match[1]) : undefined;
}

/**
 * Files parsed, all kinds together.
 *
 * @param {ScanStats} stats
 * @returns {number}
 */
export function parsedFiles(stats) {
  return Object.values(stats.filesParsed ?? {}).reduce((sum, count) => sum + count, 0);
}
