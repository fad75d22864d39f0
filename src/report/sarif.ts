/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the
 * driver lists every rule (so `ruleIndex` is stable), each result points at a region relative to
 * the `%SRCROOT%` base (the directory the scan ran in), and carries a partial fingerprint that
 * survives edits elsewhere in the file; a finding reached across files carries the path from the
 * entry point to the Claude call as a `codeFlow` and as `relatedLocations`. Files that could not be
 * fully analyzed and disable directives that need attention become tool execution notifications. With `--history`, the run
 * has `versionControlProvenance` and each result its commits (properties, and `partialFingerprints`).
 *
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html; GitHub's subset:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { docsOf } from '../js/create-rule.js';
import { PACKAGE_INFO } from '../package-info.js';
import { POLICY_VERSION } from '../policy.js';
import { ruleByName } from '../rule-info.js';
import { KNOWN_RULE_NAMES, ruleIdOf } from '../rule-names.js';
import { hashParts } from '../scan/fingerprint.js';
import type { Diagnostic, Finding, FileReport, FlowStep } from '../scan/finding.js';
import { placesOf } from '../scan/group.js';
import type { FormatInput } from './types.js';
import type { HistorySummary } from '../scan/history/scan-history.js';

/** The `uriBaseId` every location is relative to: the directory the scan ran in. */
export const SRCROOT = '%SRCROOT%';
/** The name of our entry in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'claudeAuthLint/v1';
/** With `--history`: the entry in `partialFingerprints` that holds the oldest commit with the finding. */
export const COMMIT_KEY = 'claudeAuthLintCommit/v1';

/**
 * GitHub ranks security alerts by `security-severity` (0–10): red findings are bannable (high),
 * yellow ones grey or a leaked API key (medium).
 */
const SECURITY_SEVERITY = { red: '8.0', yellow: '5.0' } as const;

const levelOf = (severity: 1 | 2): Sarif.Result.level => (severity === 2 ? 'error' : 'warning');

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(name: string): Sarif.ReportingDescriptor {
  const rule = ruleByName(name);
  const docs = docsOf(rule);
  const helpUri = rule.meta.docs?.url ?? '';
  const otherTiers = Object.entries(docs.messageTiers ?? {}).map(([messageId, tier]) => `${messageId}: ${tier}`);
  return {
    id: ruleIdOf(name),
    name,
    shortDescription: { text: docs.description },
    fullDescription: { text: `${docs.description}. ${docs.fixHint}` },
    help: { text: `${docs.fixHint} See ${helpUri}`, markdown: `${docs.fixHint}\n\n[Rule documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: levelOf(docs.tier === 'red' ? 2 : 1) },
    properties: {
      tier: docs.tier,
      ...(otherTiers.length > 0 ? { messageTiers: docs.messageTiers } : {}),
      tags: ['security', 'claude', 'credentials', `tier-${docs.tier}`],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[docs.tier],
    },
  };
}

function region(start: { line: number; column: number }, end?: { line: number; column: number }): Sarif.Region {
  return {
    startLine: Math.max(start.line, 1),
    startColumn: Math.max(start.column, 1),
    ...(end ? { endLine: Math.max(end.line, 1), endColumn: Math.max(end.column, 1) } : {}),
  };
}

/**
 * Where a file is: relative to {@link SRCROOT} when it is under the directory the scan ran in,
 * otherwise an absolute `file:` URI (a `../` reference would climb out of the checkout that code
 * scanning resolves it against).
 */
function artifactOf(report: Pick<FileReport, 'filePath' | 'relativePath'>): Sarif.ArtifactLocation {
  const outside = report.relativePath === '..' || report.relativePath.startsWith('../') || path.isAbsolute(report.relativePath);
  return outside ? { uri: pathToFileURL(report.filePath).href } : { uri: uriOf(report.relativePath), uriBaseId: SRCROOT };
}

function locationOf(report: Pick<FileReport, 'filePath' | 'relativePath'>, where?: Sarif.Region): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: artifactOf(report),
      ...(where ? { region: where } : {}),
    },
  };
}

/** A flow step's place (in the result's own file unless it names another), with its message. */
function stepLocationOf(step: FlowStep, report: FileReport): Sarif.Location {
  const { filePath, relativePath } = step;
  const file = filePath !== undefined && relativePath !== undefined ? { filePath, relativePath } : report;
  return { ...locationOf(file, region(step, { line: step.endLine, column: step.endColumn })), message: { text: step.message } };
}

/**
 * The path from an entry point to a Claude call as a SARIF code flow (§3.36): one thread flow whose
 * locations are the entry point, each call in between and the Claude call, each with its message.
 */
function codeFlowOf(flow: readonly FlowStep[], report: FileReport): Sarif.CodeFlow {
  return {
    message: { text: 'From the entry point to the Claude call' },
    threadFlows: [{ locations: flow.map((step, index) => ({ location: stepLocationOf(step, report), executionOrder: index + 1, nestingLevel: 0 })) }],
  };
}

/**
 * The places shown beside a result: the other places of the same fact, then the path from the entry
 * point to the Claude call (viewers that do not show code flows, such as GitHub's, show these).
 */
function relatedLocationsOf(report: FileReport, finding: Finding): Sarif.Location[] {
  const repeats = (finding.occurrences ?? []).map((place) => ({
    ...locationOf(report, region(place, { line: place.endLine, column: place.endColumn })),
    message: { text: 'The same finding again.' },
  }));
  return [...repeats, ...(finding.flow ?? []).map((step) => stepLocationOf(step, report))].map((location, index) => ({ id: index + 1, ...location }));
}

function resultOf(report: FileReport, finding: Finding, ruleIndex: number): Sarif.Result {
  const related = relatedLocationsOf(report, finding);
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: levelOf(finding.severity),
    message: { text: finding.message },
    locations: [
      locationOf(report, region(finding, { line: finding.endLine, column: finding.endColumn })),
    ],
    // The other places of the same fact (one alert, its repeats shown beside it), and the path that reaches it.
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    ...(finding.flow?.length ? { codeFlows: [codeFlowOf(finding.flow, report)] } : {}),
    // The path joins the in-file fingerprint: the same token in two files is two alerts. A finding
    // only the history holds is also told apart by the commit it came in with.
    partialFingerprints: {
      [FINGERPRINT_KEY]: hashParts(finding.history?.inWorkingTree === false ? [report.relativePath, finding.fingerprint, finding.history.commit] : [report.relativePath, finding.fingerprint]),
      ...(finding.history ? { [COMMIT_KEY]: finding.history.commit } : {}),
    },
    properties: {
      tier: finding.tier,
      messageId: finding.messageId,
      ...(finding.occurrences?.length ? { count: placesOf(finding) } : {}),
      ...(report.role === undefined ? {} : { role: report.role }),
      ...(finding.history ?? {}),
    },
  };
}

/** With `--history`: the repository and the commit HEAD pointed at (`run.versionControlProvenance`). */
function provenanceOf(history: HistorySummary): Sarif.VersionControlDetails[] {
  return [{
    repositoryUri: history.repositoryUri ?? pathToFileURL(history.top).href,
    ...(history.head ? { revisionId: history.head } : {}),
    properties: { commitsScanned: history.commits, blobsScanned: history.blobs, ...(history.range ? { range: history.range } : {}) },
  }];
}

function notificationOf(report: FileReport, diagnostic: Diagnostic): Sarif.Notification {
  const where = diagnostic.line === undefined ? undefined : region({ line: diagnostic.line, column: diagnostic.column ?? 1 });
  return {
    descriptor: { id: diagnostic.kind },
    level: diagnostic.kind === 'invalid-directive' || diagnostic.kind === 'unused-directive' ? 'warning' : 'note',
    message: { text: diagnostic.message },
    locations: [locationOf(report, where)],
  };
}

export const formatSarif = ({ reports, history }: FormatInput): string => {
  const ruleIndexes = new Map(KNOWN_RULE_NAMES.map((name, index) => [ruleIdOf(name), index]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PACKAGE_INFO.name,
            version: PACKAGE_INFO.version,
            semanticVersion: PACKAGE_INFO.version,
            ...(PACKAGE_INFO.homepage ? { informationUri: PACKAGE_INFO.homepage } : {}),
            rules: KNOWN_RULE_NAMES.map(ruleDescriptor),
            properties: { policyVersion: POLICY_VERSION },
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: reports.flatMap((report) => report.diagnostics.map((diagnostic) => notificationOf(report, diagnostic))),
          },
        ],
        ...(history ? { versionControlProvenance: provenanceOf(history) } : {}),
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.findings.map((finding) => resultOf(report, finding, ruleIndexes.get(finding.ruleId) ?? -1)),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
