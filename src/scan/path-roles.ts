/**
 * Path roles: what part of a repository a file plays besides production code. Tests, fixtures,
 * examples, documentation and generated files are labelled and reported after production code in
 * every format; a configuration may change how their findings count (`"roles": { "test": "warn" }`,
 * in the manner of ESLint's per-glob overrides). By default a role changes nothing but the label
 * and the order: a real token in a test file stays red.
 *
 * @packageDocumentation
 */
import type { FileReport, Finding } from './finding.js';
import type { ScanResult } from './run.js';

/** The roles a path can have, in the order reports show them (after production code). */
export const PATH_ROLES = ['test', 'fixture', 'example', 'docs', 'generated'] as const;

/** One of {@link PATH_ROLES}. */
export type PathRole = (typeof PATH_ROLES)[number];

/** How a team counts a role's findings: as the rule says (`error`), as warnings, or not at all. */
export type RoleSetting = 'error' | 'warn' | 'off';

/**
 * Each role's path patterns, tried in this order (a fixture under `test/` is a fixture). Names follow
 * the conventions of the ecosystems the scanner reads: `*.test.ts`, `*_test.go`, `test_*.py`,
 * `*_spec.rb`, `FooTests.swift`, `__mocks__/`, `testdata/`, VCR cassettes, `dist/`, `*_pb2.py`.
 */
const ROLE_PATTERNS: readonly (readonly [PathRole, RegExp])[] = [
  ['generated', /(?:^|\/)(?:dist|build|out|generated|__generated__|\.next|coverage)\/|\.min\.[cm]?js$|\.generated\.\w+$|_pb2(?:_grpc)?\.pyi?$|\.pb\.go$|\.d\.[cm]?ts$/i],
  ['fixture', /(?:^|\/)(?:fixtures?|__fixtures__|testdata|test-data|test_data|mocks?|__mocks__|stubs?|captures?|recordings?|cassettes?|snapshots?|__snapshots__)\//i],
  [
    'test',
    /(?:^|\/)(?:tests?|__tests__|specs?|e2e|integration-tests?|[\w-]+Tests|[\w-]+UITests)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$|_(?:test|spec)\.(?:go|py|rb|exs|rs)$|(?:^|\/)test_[^/]*\.py$|(?:^|\/)conftest\.py$|Tests?\.(?:swift|kt|java|cs)$/,
  ],
  ['example', /(?:^|\/)(?:examples?|samples?|demos?|playground|cookbook)\/|\.example$|\.sample$/i],
  ['docs', /(?:^|\/)(?:docs?|documentation|website)\/|\.(?:md|mdx|markdown|rst|adoc|txt)$/i],
];

/**
 * The role of a path, or undefined for production code.
 *
 * @param relativePath - `/`-separated path relative to the scan root
 */
export function roleOf(relativePath: string): PathRole | undefined {
  return ROLE_PATTERNS.find(([, pattern]) => pattern.test(relativePath))?.[0];
}

/** Where a report goes in the order: production code first, then each role in {@link PATH_ROLES} order. */
function rank(report: FileReport): number {
  return report.role === undefined ? -1 : PATH_ROLES.indexOf(report.role);
}

function withSetting(finding: Finding, setting: RoleSetting | undefined): Finding | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'warn') return { ...finding, severity: 1 };
  return finding;
}

/**
 * Labels each report with its path's role, applies the configured role settings (`warn` makes the
 * role's findings warnings, `off` drops them; the tier is the policy's and stays), and orders the
 * reports: production code first, then tests, fixtures, examples, docs, generated files, each in
 * path order.
 *
 * @param result - a scan
 * @param settings - per-role settings from the configuration (none: labels and order only)
 */
export function applyPathRoles(result: ScanResult, settings: Readonly<Partial<Record<PathRole, RoleSetting>>> = {}): ScanResult {
  const reports = result.reports
    .map((report): FileReport => {
      const role = roleOf(report.relativePath);
      if (role === undefined) return report;
      const findings = report.findings.map((finding) => withSetting(finding, settings[role])).filter((finding): finding is Finding => finding !== undefined);
      return { ...report, role, findings };
    })
    .filter((report) => report.findings.length > 0 || report.diagnostics.length > 0);
  // Array.prototype.sort is stable: within a role, the scan's path order stays.
  return { ...result, reports: reports.sort((a, b) => rank(a) - rank(b)) };
}
