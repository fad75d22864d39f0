/**
 * Baselines, for adopting the scanner on a repository that already has findings: record them once
 * (`--write-baseline FILE`), then report only what is new (`--baseline FILE`). Applied once, after
 * the scan and the inline directives.
 *
 * An entry is keyed by rule id, path and the finding's fingerprint (a hash of the normalised
 * matched text and its occurrence index, never a line number), so lines inserted or removed above a
 * finding keep it known. The file holds no matched text, only hashes.
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import type { Finding, FileReport } from './finding.js';
import type { ScanResult } from './run.js';
import { UsageError } from '../usage-error.js';

/** The format version written to and expected in a baseline file. */
export const BASELINE_VERSION = 1;

/** One known finding. */
export interface BaselineEntry {
  /** `claude-auth/<rule-id>`. */
  ruleId: string;
  /** `/`-separated path relative to the directory the scan ran in. */
  path: string;
  /** {@link Finding.fingerprint}. */
  fingerprint: string;
}

/** A baseline file's content. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** Sorted by path, rule id, fingerprint. */
  entries: BaselineEntry[];
}

const keyOf = (entry: BaselineEntry): string => `${entry.path}\0${entry.ruleId}\0${entry.fingerprint}`;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint);
}

function entryOf(report: FileReport, finding: Finding): BaselineEntry {
  return { ruleId: finding.ruleId, path: report.relativePath, fingerprint: finding.fingerprint };
}

/**
 * Builds the baseline of a scan: every finding, sorted.
 *
 * @param result - the scan (after inline directives and configuration)
 */
export function createBaseline(result: ScanResult): Baseline {
  const entries = result.reports.flatMap((report) => report.findings.map((finding) => entryOf(report, finding)));
  const unique = new Map(entries.map((entry) => [keyOf(entry), entry]));
  return { version: BASELINE_VERSION, entries: [...unique.values()].sort(compareEntries) };
}

/** A baseline as text: two-space indented JSON, one entry per line group, ending in a newline. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * Reads and checks a baseline file.
 *
 * @param file - absolute path
 * @throws UsageError when it cannot be read, is not JSON, or has another version or shape
 */
export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The baseline ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const candidate = data as Partial<Baseline> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.version !== BASELINE_VERSION || !Array.isArray(candidate.entries)) {
    throw new UsageError(`The baseline ${file} is not a version ${BASELINE_VERSION} claude-auth-lint baseline (expected { "version": ${BASELINE_VERSION}, "entries": [...] }).`);
  }
  const entries = candidate.entries as unknown[];
  const bad = entries.findIndex(
    (entry) =>
      entry === null ||
      typeof entry !== 'object' ||
      !['ruleId', 'path', 'fingerprint'].every((key) => typeof (entry as Record<string, unknown>)[key] === 'string'),
  );
  if (bad !== -1) throw new UsageError(`The baseline ${file} has a malformed entry at index ${bad} (needs string ruleId, path and fingerprint).`);
  return { version: BASELINE_VERSION, entries: entries as BaselineEntry[] };
}

/** A scan with the baseline's findings taken out, and the entries that matched nothing. */
export interface BaselineOutcome {
  result: ScanResult;
  /** Entries with no finding in this scan (fixed, moved or changed), sorted. */
  stale: BaselineEntry[];
  /** How many findings the baseline hid. */
  known: number;
}

/**
 * Removes the findings a baseline knows.
 *
 * @param result - the scan
 * @param baseline - the recorded findings
 * @param scannedPaths - the paths the scan covered, `/`-separated and relative to the same
 *   directory as the entries (`.` for all): entries outside them are not called stale
 */
export function applyBaseline(result: ScanResult, baseline: Baseline, scannedPaths: readonly string[] = ['.']): BaselineOutcome {
  const knownKeys = new Set(baseline.entries.map(keyOf));
  const remaining = new Set(knownKeys);
  let known = 0;
  const reports = result.reports
    .map((report) => ({
      ...report,
      findings: report.findings.filter((finding) => {
        const key = keyOf(entryOf(report, finding));
        if (!knownKeys.has(key)) return true;
        remaining.delete(key);
        known += 1;
        return false;
      }),
    }))
    .filter((report) => report.findings.length > 0 || report.diagnostics.length > 0);
  const covered = (entryPath: string): boolean =>
    scannedPaths.some((scanned) => scanned === '.' || scanned === '' || entryPath === scanned || entryPath.startsWith(`${scanned.replace(/\/$/, '')}/`));
  const stale = baseline.entries.filter((entry) => remaining.has(keyOf(entry)) && covered(entry.path)).sort(compareEntries);
  return { result: { ...result, reports }, stale, known };
}
