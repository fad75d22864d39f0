/**
 * Where a marker is decides whether it is a finding. A credential value (a real token) is a finding
 * wherever it is. Everything else a rule recognises (a path, the keychain name, the client id, a
 * header) is a finding only in code that does something with it, and never:
 *
 * - in an ignore file (`.gitignore`, `.dockerignore`, `.npmignore`, `.claude-auth-lintignore`, …):
 *   listing the stored login there keeps it out, which is good hygiene;
 * - in Claude Code's own configuration (`.claude/settings*.json`, `CLAUDE.md`, files under
 *   `.claude/`, a plugin's `hooks/hooks.json`): that is Claude Code configuring itself, not a client
 *   of it (a permission rule that denies reading the credential file names it);
 * - in recorded data (captures, logs, HAR, `*.jsonl`, JSON of recorded HTTP traffic): the headers
 *   and endpoints in it were sent by whoever was recorded; they are data, not impersonation;
 * - in a comment or documentation string, or a string that is only printed, logged, thrown as an
 *   error message or shown as help (src/detect/text-regions.ts).
 *
 * @packageDocumentation
 */
import { commentRanges, displayedText, insideAny, jsonProseRanges, lexText, type DisplayedText, type TextRange } from './text-regions.js';
import { findTokens } from './tokens.js';

/** Ignore files of git, Docker, npm, this tool and the many tools that copy their syntax. */
const IGNORE_FILE = /(?:^|\/)\.[\w.-]*ignore$/;
/** Claude Code's own configuration: settings, memory files, anything under `.claude/`, plugin hooks. */
const CLAUDE_CODE_CONFIG = /(?:^|\/)(?:\.claude\/(?:[^/]+\/)*[^/]+\.(?:json|md)|CLAUDE(?:\.local)?\.md|hooks\/hooks\.json)$/;
/** Files that are recordings by their extension. */
const RECORDED_EXTENSION = /\.(?:har|jsonl|ndjson|log)$/i;
/** Folders that hold recordings. */
const RECORDED_FOLDER = /(?:^|\/)(?:captures?|recordings?|recorded|cassettes?|traffic|har|logs?|dumps?)\//i;
/** A JSON file of recorded HTTP traffic: a `headers` object beside a method, status, URL, request or response. */
const RECORDED_TRAFFIC_KEYS = /"headers"\s*:\s*\{/;
const TRAFFIC_PARTNER_KEYS = /"(?:method|status|statusCode|status_code|url|request|response)"\s*:/;

/** What kind of place a file is, for the markers in it. */
export type PlaceKind = 'ignore-file' | 'claude-code-config' | 'recorded-data' | 'code';

/**
 * The kind of place a file is, from its path and (for JSON traffic recordings) its text.
 *
 * @param relativePath - `/`-separated path relative to the scan root
 * @param text - the file's text
 */
export function placeOf(relativePath: string, text: string): PlaceKind {
  if (IGNORE_FILE.test(relativePath)) return 'ignore-file';
  if (CLAUDE_CODE_CONFIG.test(relativePath)) return 'claude-code-config';
  if (RECORDED_EXTENSION.test(relativePath) || RECORDED_FOLDER.test(relativePath)) return 'recorded-data';
  if (/\.json$/i.test(relativePath) && RECORDED_TRAFFIC_KEYS.test(text) && TRAFFIC_PARTNER_KEYS.test(text)) return 'recorded-data';
  return 'code';
}

/** A finding's stretch of the file, and whether its rule reports a credential value. */
export interface PlacedMatch extends TextRange {
  /** True for the token rule's findings: a credential written out is one wherever it is. */
  credentialValue: boolean;
}

/**
 * Makes the test of one file: does a match at this place count as a finding? Lexes the file only
 * when a match that is not a credential value is asked about.
 *
 * @param text - the whole file
 * @param relativePath - `/`-separated path relative to the scan root
 * @returns a function that is true for a match to keep
 */
export function createPlacementTest(text: string, relativePath: string): (match: PlacedMatch) => boolean {
  const place = placeOf(relativePath, text);
  let talkedAbout: { comments: TextRange[]; displayed: TextRange[]; calls: DisplayedText['calls'] } | undefined;
  const regions = (): NonNullable<typeof talkedAbout> => {
    if (talkedAbout) return talkedAbout;
    const lexed = lexText(text, relativePath);
    const comments = commentRanges(text, relativePath);
    const displayed = displayedText(text, { comments, strings: lexed.strings });
    const prose = /\.json$/i.test(relativePath) ? jsonProseRanges(text, lexed) : [];
    talkedAbout = { comments, displayed: [...displayed.strings, ...prose].sort((a, b) => a.start - b.start), calls: displayed.calls };
    return talkedAbout;
  };
  return (match) => {
    if (place === 'ignore-file') return false;
    if (match.credentialValue || findTokens(text.slice(match.start, match.end)).length > 0) return true;
    if (place !== 'code') return false;
    const { comments, displayed, calls } = regions();
    if (insideAny(comments, match.start, match.end) || insideAny(displayed, match.start, match.end)) return false;
    // A check that reports the display call itself (`logger.info("… Claude Code-credentials")`, `new Error(…)`).
    return !calls.some((call) => call.start <= match.start && match.start < call.argumentsStart && match.end <= call.end);
  };
}
