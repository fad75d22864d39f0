/**
 * The `--history` parts of `--format stylish`: a note on each finding of the working tree that the
 * history already held, and a section that lists the findings only the history holds, grouped by
 * finding (rule and fingerprint, so a token that moved between files is one entry), each with the
 * oldest and newest commit that hold it and whether the working tree still has it.
 *
 * @packageDocumentation
 */
import type { FileReport, Finding, FindingHistory } from '../scan/finding.js';
import { printable } from './printable.js';

/** Paints text in a style of node:util's styleText, or leaves it plain. */
type Paint = (style: 'dim' | 'bold' | 'red' | 'yellow', text: string) => string;

const shortCommit = (commit: string): string => commit.slice(0, 10);
const day = (isoDate: string): string => isoDate.slice(0, 10);

/** Whether a finding is listed in the history section rather than under its file. */
export const isHistoryOnly = (finding: Finding): boolean => finding.history?.inWorkingTree === false;

/** ` (in history since 1a2b3c4d5e, 2026-01-05)` for a working-tree finding the history holds, else ''. */
export function historySuffix(finding: Finding): string {
  const history = finding.history;
  return history?.inWorkingTree ? ` (in history since ${shortCommit(history.commit)}, ${day(history.authorDate)})` : '';
}

/** Where one finding was, for its group. */
interface Place {
  relativePath: string;
  finding: Finding;
  history: FindingHistory;
}

/**
 * The history section's lines (empty when no finding is only in the history).
 *
 * @param reports - the scan's reports, history findings included
 */
export function historySection(reports: readonly FileReport[], paint: Paint): string[] {
  const groups = new Map<string, Place[]>();
  for (const report of reports) {
    for (const finding of report.findings) {
      if (!finding.history) continue;
      const key = `${finding.ruleId}\0${finding.fingerprint}`;
      groups.set(key, [...(groups.get(key) ?? []), { relativePath: report.relativePath, finding, history: finding.history }]);
    }
  }
  const shown = [...groups.values()].filter((places) => places.some((place) => !place.history.inWorkingTree));
  if (shown.length === 0) return [];
  const lines = ['', paint('bold', `History: ${shown.length} finding${shown.length === 1 ? '' : 's'} in commits, not (all) in the working tree`)];
  for (const places of shown) {
    places.sort((a, b) => a.history.authorDate.localeCompare(b.history.authorDate));
    const { finding } = places[0] as Place;
    const tier = finding.tier === 'red' ? paint('red', 'red   ') : paint('yellow', 'yellow');
    lines.push(`  ${tier}  ${printable(finding.message)}  ${paint('dim', finding.ruleId)}`);
    const width = Math.max(...places.map((place) => `${printable(place.relativePath)}:${place.finding.line}:${place.finding.column}`.length));
    for (const place of places) {
      const where = `${printable(place.relativePath)}:${place.finding.line}:${place.finding.column}`.padEnd(width);
      const { history } = place;
      const span = `first ${shortCommit(history.commit)} ${day(history.authorDate)}, last ${shortCommit(history.lastCommit)} ${day(history.lastAuthorDate)}`;
      lines.push(`          ${where}  ${paint('dim', span)}${history.inWorkingTree ? '  still in the working tree' : ''}`);
    }
    const current = places.some((place) => place.history.inWorkingTree);
    lines.push(`          ${current ? 'The working tree still has it.' : paint('bold', 'Not in the working tree any more, but still in every clone of the history: revoke it, then rewrite the history if it must go.')}`);
  }
  return lines;
}
