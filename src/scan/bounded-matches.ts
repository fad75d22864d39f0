/**
 * A bound on the text-marker matches of one file that become findings. A 60 MB file of Claude
 * Code's client id has over a million matches; each finding carries a message, a fingerprint and
 * copies on its way through suppression, and memory grew with them (1.4 GB) although at most
 * {@link MAX_FINDINGS_PER_RULE} per rule are listed. Only the first matches of each rule, in
 * position order, go on; the others are counted, for the `too-many-findings` diagnostic.
 *
 * The bound leaves room above the listing cap for the matches that the placement filter or a
 * disable directive then drops. Past it, matches are counted without being looked at: a file with
 * more than {@link MAX_MATCHES_PER_RULE} matches of one rule, nearly all in comments or suppressed
 * one by one, may list fewer than it could, and counts those it did not examine as not listed.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import { ruleIdOf } from '../rule-names.js';

/** How many findings of one rule a file lists; the rest are counted in a `too-many-findings` diagnostic. */
export const MAX_FINDINGS_PER_RULE = 100;

/** How many marker matches of one rule in a file become findings (10 times what is listed). */
export const MAX_MATCHES_PER_RULE = 10 * MAX_FINDINGS_PER_RULE;

/** The matches that go on, and how many of each rule did not (by rule id, `claude-auth/<name>`). */
export interface BoundedMatches {
  kept: TextFinding[];
  unlisted: Map<string, number>;
}

/**
 * Keeps the first `limit` matches of each rule, by position, and counts the others. Never holds
 * more than twice `limit` matches of a rule at once, whatever the number of matches and their order.
 *
 * @param matches - a file's marker matches, in any order (src/detect/markers.ts: markerMatches)
 * @param limit - matches kept per rule
 * @returns the kept matches, in position order
 */
export function boundMatches(matches: Iterable<TextFinding>, limit: number = MAX_MATCHES_PER_RULE): BoundedMatches {
  const byRule = new Map<string, TextFinding[]>();
  const totals = new Map<string, number>();
  const firstOnes = (list: TextFinding[]): void => {
    list.sort((a, b) => a.start - b.start);
    if (list.length > limit) list.length = limit;
  };
  for (const match of matches) {
    totals.set(match.ruleName, (totals.get(match.ruleName) ?? 0) + 1);
    let list = byRule.get(match.ruleName);
    if (list === undefined) byRule.set(match.ruleName, (list = []));
    list.push(match);
    // Sorting and cutting at twice the limit costs O(n log limit) over the file, and memory of at most 2 × limit.
    if (list.length > 2 * limit) firstOnes(list);
  }
  for (const list of byRule.values()) firstOnes(list);
  const unlisted = new Map([...totals].filter(([, total]) => total > limit).map(([ruleName, total]) => [ruleIdOf(ruleName), total - limit]));
  return { kept: [...byRule.values()].flat().sort((a, b) => a.start - b.start), unlisted };
}
