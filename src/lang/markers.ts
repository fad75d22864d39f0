/**
 * The language-independent markers (src/detect/markers.ts), told where they are: a marker inside a
 * comment names a credential (documentation, a note on what the code avoids), it does not use one,
 * so only a credential value (a real token) is reported there. This is the hook a front end with a
 * parser gives the marker layer: the comment ranges of its file.
 *
 * @packageDocumentation
 */
import { runMarkers, type TextFinding } from '../detect/markers.js';
import type { OffsetRange } from '../files/analyzer.js';

/** Markers that hold wherever they are written: a credential value is a credential in a comment too. */
const VALUE_RULES = new Set(['no-embedded-token']);

/** True when `range` lies within one of the sorted, disjoint `ranges` (binary search). */
export function insideAny(range: OffsetRange, ranges: readonly OffsetRange[]): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = ranges[middle] as OffsetRange;
    if (candidate.end <= range.start) low = middle + 1;
    else if (candidate.start > range.start) high = middle - 1;
    else return range.end <= candidate.end;
  }
  return false;
}

/**
 * The text markers of a file, less those that only name a credential inside a comment.
 *
 * @param text - the whole file
 * @param comments - the file's comments, in source order, not overlapping
 * @returns findings with offsets, in no particular order
 */
export function markersOutsideComments(text: string, comments: readonly OffsetRange[]): TextFinding[] {
  return runMarkers(text).filter((marker) => VALUE_RULES.has(marker.ruleName) || !insideAny(marker, comments));
}

/** True when two offset ranges share at least one character. */
function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * A front end's own findings plus the markers outside comments, one finding per place and rule: a
 * marker that overlaps a finding of the front end under the same rule is left out, and so is the
 * same finding found twice.
 *
 * @param text - the whole file
 * @param own - the front end's findings
 * @param comments - the file's comments, in source order
 */
export function withCodeMarkers(text: string, own: readonly TextFinding[], comments: readonly OffsetRange[]): TextFinding[] {
  const seen = new Set<string>();
  const unique = own.filter((finding) => {
    const key = `${finding.ruleName}:${finding.messageId}:${finding.start}:${finding.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const markers = markersOutsideComments(text, comments).filter((marker) => !unique.some((finding) => finding.ruleName === marker.ruleName && overlaps(finding, marker)));
  return [...unique, ...markers];
}
