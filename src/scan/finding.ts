/**
 * What a scan produces: findings (rule violations) and diagnostics (files that could not be fully
 * analyzed), grouped per file. Positions are 1-based lines and columns, end exclusive, as in ESLint.
 *
 * @packageDocumentation
 */
import type { Severity, Tier } from '../detect/tier.js';
import type { TextFinding } from '../detect/markers.js';
import { docsUrlOf, messageOf, tierOf } from '../rule-info.js';
import { ruleIdOf } from '../rule-names.js';
import { severityOfTier } from '../detect/tier.js';
import { redactSecrets } from '../detect/tokens.js';
import type { SnippetLine } from './snippet.js';
import type { PathRole } from './path-roles.js';

/** One rule violation. Contains no whole secret: messages carry redacted tokens only. */
export interface Finding {
  /** `claude-auth/<rule-id>`. */
  ruleId: string;
  messageId: string;
  message: string;
  tier: Tier;
  /** 2 for red (error), 1 for yellow (warning). */
  severity: Severity;
  /** 1-based line of the first character. */
  line: number;
  /** 1-based column of the first character. */
  column: number;
  /** 1-based line of the end. */
  endLine: number;
  /** 1-based column one past the last character. */
  endColumn: number;
  /** The rule's docs page. */
  docsUrl: string;
  /**
   * Identity of the finding within its file that survives edits elsewhere: a hash of the rule,
   * message, normalised matched text and occurrence index (see `fingerprintsOf` in
   * fingerprint.ts). Never reveals the matched text.
   */
  fingerprint: string;
  /** `name@version` of the npm package that would publish this file (`npm pack`), when one would. */
  publishedIn?: string;
  /** Up to 5 lines of code around the finding, secrets redacted, long lines cut (set by the scanner). */
  snippet?: SnippetLine[];
  /**
   * The other places of the same fact in this file (same rule, message and tier), in position order;
   * set when findings are grouped (src/scan/group.ts). The finding's own position is the first place.
   */
  occurrences?: Occurrence[];
  /**
   * The 1-based line of the function (or file-level block) the finding sits in, 0 at file level
   * (src/scan/fact-scope.ts): places of one fact are grouped within a scope only.
   */
  factScope?: number;
  /** With `--history`: the commits that hold it, and whether the working tree still does. */
  history?: FindingHistory;
  /**
   * For a finding reached across files: the path from the entry point to the Claude call, first to
   * last (the entry point, each call in between, the call), for SARIF `codeFlows` and JSON `flow`.
   */
  flow?: FlowStep[];
}

/** One place on the path from an entry point to a Claude call: a file, its 1-based range, and what happens there. */
export interface FlowStep {
  /** Absolute path of the file; absent for a place in the finding's own file. */
  filePath?: string;
  /** The file as reports show it (relative to the scan's cwd, `/`-separated); absent with `filePath`. */
  relativePath?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `express \`POST /ask\` handler`, "calls `runAgent`", "the Agent SDK’s `query()`". */
  message: string;
}

/** Another place of a grouped finding: its 1-based range and its own fingerprint. */
export interface Occurrence {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The fingerprint this place has on its own (what a baseline records). */
  fingerprint: string;
}

/** Where a finding is in the repository's history (`--history`, src/scan/history/). */
export interface FindingHistory {
  /** The oldest commit that holds it, by author date (40 hex digits). */
  commit: string;
  /** That commit's author date, ISO 8601 in UTC. */
  authorDate: string;
  /** The newest commit that holds it. */
  lastCommit: string;
  /** That commit's author date, ISO 8601 in UTC. */
  lastAuthorDate: string;
  /** Whether the working tree still has it: the same file, rule and fingerprint. */
  inWorkingTree: boolean;
}

/** A finding as an analyzer produces it, before the scanner fingerprints it. */
export type LocatedFinding = Omit<Finding, 'fingerprint'>;

/** Why a file was not (fully) analyzed. */
export type DiagnosticKind =
  | 'parse-error'
  | 'binary'
  | 'too-large'
  | 'too-deep'
  | 'minified'
  | 'not-utf8'
  | 'unreadable'
  | 'symlink-outside'
  | 'analyzer-error'
  /** The parse and the rules ran out of the per-file time budget. */
  | 'timeout'
  /** A disable directive that names no rule, an unknown rule, or gives no reason; it suppresses nothing. */
  | 'invalid-directive'
  /** A disable directive that suppressed nothing (shown with `--report-unused-disable-directives`). */
  | 'unused-directive'
  /** The git history could not be read in full (`--history`, `--diff`): a shallow clone, missing or corrupt objects. */
  | 'history'
  /** More findings of one rule in the file than are listed; the diagnostic counts the rest. */
  | 'too-many-findings';

/**
 * A problem with a file, not with the code in it. Diagnostics never change the exit code, except
 * `unused-directive` ones under `--report-unused-disable-directives` (as in ESLint).
 */
export interface Diagnostic {
  kind: DiagnosticKind;
  /** One line; secrets redacted. */
  message: string;
  /**
   * What kept the file from its analyzer, as a clause (`binary content`, `a syntax error (…)`): set
   * by the diagnostics that skip one, for the `no-unanalyzed-code` finding (src/scan/unanalyzed.ts).
   */
  reason?: string;
  /** 1-based, when the problem has a position (parse errors). */
  line?: number;
  column?: number;
}

/** Everything found in one file. */
export interface FileReport {
  /** Absolute path. */
  filePath: string;
  /** Path relative to the scan root, with `/` separators. */
  relativePath: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** What the file is besides production code (a test, a fixture, …), set by src/scan/path-roles.ts. */
  role?: PathRole;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Makes a converter from 0-based offsets in `text` to 1-based lines and columns.
 *
 * @param text - the file's text
 * @returns a function of an offset (UTF-16 code units); offsets past the end clamp to the end
 */
export function createLocator(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: Math.min(offset, text.length) - (lineStarts[low] ?? 0) + 1 };
  };
}

/**
 * Builds the finding for a marker's match, with the rule's own message text.
 *
 * @param match - rule, messageId, data and offsets
 * @param locate - the file's locator ({@link createLocator})
 */
export function findingFromText(match: TextFinding, locate: (offset: number) => Position): LocatedFinding {
  const tier = tierOf(match.ruleName, match.messageId);
  const start = locate(match.start);
  const end = locate(match.end);
  return {
    ruleId: ruleIdOf(match.ruleName),
    messageId: match.messageId,
    // Analyzers redact what they quote; this is the net under them (an action name, a path built from a token).
    message: redactSecrets(messageOf(match.ruleName, match.messageId, match.data)),
    tier,
    severity: severityOfTier(tier),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    docsUrl: docsUrlOf(match.ruleName),
  };
}

/** Orders findings by position, then rule id. */
export function compareFindings(a: LocatedFinding, b: LocatedFinding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
