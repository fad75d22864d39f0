/**
 * What marks a program as Claude Code itself: its OAuth client, its OAuth endpoints, the beta
 * values and headers it sends, and the first sentence of its system prompt. Third-party code that
 * carries any of them poses as Claude Code (policy.md, "Claude Code's own OAuth client" and the
 * headers that mark Claude Code; observed from Claude Code's traffic, not officially documented).
 *
 * Two entry points share these facts: {@link findValueMarkers} for a string value that code builds
 * (the ESLint rule evaluates literals, templates, concatenations and base64 decoding first), and
 * {@link findTextMarkers} for any text file read as plain text, where the generic header names
 * (`x-app`, `user-agent`) count only in their header context.
 *
 * @packageDocumentation
 */
import { OAUTH_BETA } from './claude-entry-points.js';

/** Claude Code's OAuth client id. */
export const CLAUDE_CODE_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';

/** The client id, written with or without its dashes, in either case. */
const CLIENT_ID_PATTERN = /9d1c250a-?e61b-?44d9-?88ed-?5944d1962f5e/gi;

/**
 * The parts of any base64 (standard or URL-safe) encoding of a text that contains the client id,
 * one per alignment of the id within the encoded bytes: only characters that depend on the id's
 * bytes alone, so they appear whatever surrounds the id.
 */
export const CLIENT_ID_BASE64_FRAGMENTS: readonly string[] = base64Fragments(CLAUDE_CODE_CLIENT_ID);

function base64Fragments(value: string): string[] {
  const fragments = new Set<string>();
  for (let offset = 0; offset < 3; offset += 1) {
    const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(value, 'utf8')]);
    const wholeGroups = Math.floor(bytes.length / 3) * 4;
    const encoded = bytes.toString('base64').slice(Math.ceil((offset * 8) / 6), wholeGroups);
    fragments.add(encoded);
    fragments.add(encoded.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...fragments];
}

/** The Anthropic beta values that only Claude Code's own traffic sends, and what each one says. */
export const CLAUDE_CODE_BETAS: Readonly<Record<string, string>> = {
  'oauth-2025-04-20': 'authenticated with a Claude subscription’s OAuth token',
  'claude-code-20250219': 'sent by Claude Code itself',
};

/**
 * Where Claude Code's login happens, on Anthropic's hosts (`console.anthropic.com`,
 * `platform.claude.com`, `claude.ai`, `claude.com`, `api.anthropic.com`, …), by path: the token
 * endpoint, the authorize endpoint (also under a prefix, as `claude.com/cai/oauth/authorize`), the
 * page that shows the code to paste (`/oauth/code/callback`, the redirect URI registered for Claude
 * Code's client), and the `claude_cli` endpoints that mint keys and roles for the CLI's login.
 */
const ANTHROPIC_HOST = String.raw`(?:[\w-]+\.)*(?:anthropic\.com|claude\.ai|claude\.com)`;
const PORT = String.raw`(?::\d+)?`;
const TOKEN_PATH = '/v1/oauth/token';
const OAUTH_PATH = String.raw`/v1/oauth/token(?![\w-])|(?:/[\w-]+)?/oauth/authorize(?![\w-])|/oauth/code/(?:callback|success)(?![\w-])|/api/oauth/claude_cli/[\w/-]*[\w-]`;
/** A full URL of Claude Code's OAuth flow. */
const ENDPOINT = String.raw`https?://${ANTHROPIC_HOST}${PORT}(?:${OAUTH_PATH})`;
const ENDPOINT_PATTERN = new RegExp(ENDPOINT, 'g');
/**
 * The same paths after a host the evaluator could not know (`*`) or an environment variable
 * (`$NAME`), at the start of a value: a caller decides from names whether the host is Anthropic's.
 */
const UNKNOWN_HOST_ENDPOINT = new RegExp(String.raw`^(?:https?://)?(?:\*|\$(\w+))${PORT}(${OAUTH_PATH})`);
/** Names that say a value is Anthropic's or Claude's (`ANTHROPIC_CONSOLE`, `claudeBaseUrl`). */
export const ANTHROPIC_NAME_HINT = /anthropic|claude/i;

/**
 * Workload identity federation: the Anthropic SDK's own OAuth for organisations (the
 * `oidc-federation-…` beta, RFC 7523 jwt-bearer grants) posts to the API host's token endpoint
 * and sends `oauth-2025-04-20` with API-billed tokens. Code that does this is API authentication,
 * not a pose as Claude Code.
 */
const FEDERATION_SIGNAL = /oidc-federation-\d|grant-type:jwt-bearer/;
/** The token endpoint on the API host, which federation uses. */
const API_TOKEN_ENDPOINT = /^https?:\/\/api\.anthropic\.com(?::\d+)?\/v1\/oauth\/token/;

/**
 * What comes before a value on its line when code only tests an incoming value against it (a proxy
 * that receives Claude Code's requests): `==`, `!=`, `not in`, `if … in [`, `.includes(`, `.has(`,
 * `startswith(`, `case`, `when`.
 */
const COMPARED_BEFORE = /(?:[!=]==?|\bnot\s+in\b|\bif\b.*\bin\s*[[({]|\.(?:includes|has|startswith|startsWith|endswith|endsWith|indexOf|contains)\(|\bcase\b|\bwhen\b)[^;:=]*$/;

/** What follows a value on its line when it is tested: `"oauth-2025-04-20" in betas`, `… == beta`. */
const COMPARED_AFTER = /^[\w-]*['"`]?\s*(?:[!=]==?|(?:not\s+)?in\s+[\w.]+\s*(?:$|[:)&|]|and\b|or\b))/;


/** The first sentence of Claude Code's system prompt; apostrophe and spacing may vary. */
const SYSTEM_PROMPT_PATTERN = /You are Claude Code,\s+Anthropic['’‘`]?s official CLI for Claude/g;
/** A word of that sentence besides `Claude Code`: a text without it cannot hold the prompt (src/detect/triggers.ts). */
export const SYSTEM_PROMPT_COMPANION = 'official';

/** A `claude-cli/<version>` user-agent product in a value (the version may be unknown: `*`, `$V`). */
const USER_AGENT_VALUE = /(?<=^|\s)claude-cli\/(?:\d[\w.+-]*|\*|\$\w+)/g;
/**
 * A `User-Agent: claude-cli/…` header, in code of any language or a header line. The products before
 * `claude-cli/` are bounded (200 characters) and the header stays on its line, so each match attempt
 * costs a bounded amount: a megabyte of `user-agent:` lines is scanned in linear time.
 */
const USER_AGENT_HEADER = /user[-_ ]?agent['"]?\]?[ \t]*(?::|=>?|,)[ \t]*(?:[fbrFBR]{0,2}['"`])?(?:[^'"`\n]{0,200}\s)?(claude-cli\/[^\s'"`)]*)/gi;
/** An `x-app: cli` header (a header line, a dict/hash entry, a `set('x-app', 'cli')` call). */
const X_APP_HEADER = /\bx-app['"]?\]?\s*(?::|=>?|,)\s*(?:[fbrFBR]{0,2}['"`])?(cli)(?![\w/.-])/gi;
/** An `x-app: cli` header line inside a string value (`-H 'x-app: cli'`). */
const X_APP_HEADER_LINE = /\bx-app\s*:\s*(cli)(?![\w/.-])/gi;

/** Which kind of Claude Code marker a match is; each is a messageId of `no-claude-code-impersonation`. */
export type ClaudeCodeMarkerKind = 'clientId' | 'oauthEndpoint' | 'betaHeader' | 'cliHeader' | 'systemPrompt';

/** One marker found in a value or a text, with offsets into it (0-based, UTF-16 code units). */
export interface ClaudeCodeMarker {
  /** The messageId it reports under. */
  kind: ClaudeCodeMarkerKind;
  /** Values for the message's placeholders: `url`, `value` and `meaning`, or `header`. */
  data?: Record<string, string>;
  /** Offset of the first character. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

/** The client id, written out or inside base64; in position order per pattern. */
function* clientIdMarkers(text: string): Generator<ClaudeCodeMarker> {
  for (const match of text.matchAll(CLIENT_ID_PATTERN)) {
    yield { kind: 'clientId', start: match.index, end: match.index + match[0].length };
  }
  for (const fragment of CLIENT_ID_BASE64_FRAGMENTS) {
    for (let index = text.indexOf(fragment); index !== -1; index = text.indexOf(fragment, index + fragment.length)) {
      yield { kind: 'clientId', start: index, end: index + fragment.length };
    }
  }
}

/**
 * How much of the line on each side of a value {@link comparedOnly} looks at (characters). The
 * patterns are not linear in their input; cut to this length, each test costs a bounded amount, so
 * a minified line with thousands of values costs linear time, not cubic.
 */
const COMPARISON_CONTEXT = 400;

/** Tells whether the value from `start` to `end` is only compared with, judged from the rest of its line. */
function comparedOnly(text: string, start: number, end: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - COMPARISON_CONTEXT);
  const lineEnd = text.indexOf('\n', end);
  const after = Math.min(lineEnd === -1 ? text.length : lineEnd, end + COMPARISON_CONTEXT);
  return COMPARED_BEFORE.test(text.slice(lineStart, start)) || COMPARED_AFTER.test(text.slice(end, after));
}

/** Markers that are specific enough anywhere: client id, endpoints, beta values, system prompt. */
function* specificMarkers(text: string): Generator<ClaudeCodeMarker> {
  yield* clientIdMarkers(text);
  const federation = FEDERATION_SIGNAL.test(text);
  for (const match of text.matchAll(ENDPOINT_PATTERN)) {
    if (federation && API_TOKEN_ENDPOINT.test(match[0])) continue;
    yield { kind: 'oauthEndpoint', data: { url: match[0] }, start: match.index, end: match.index + match[0].length };
  }
  for (const [value, meaning] of Object.entries(CLAUDE_CODE_BETAS)) {
    if (value === OAUTH_BETA && federation) continue;
    for (let index = text.indexOf(value); index !== -1; index = text.indexOf(value, index + value.length)) {
      if (comparedOnly(text, index, index + value.length)) continue;
      yield { kind: 'betaHeader', data: { value, meaning }, start: index, end: index + value.length };
    }
  }
  for (const match of text.matchAll(SYSTEM_PROMPT_PATTERN)) {
    yield { kind: 'systemPrompt', start: match.index, end: match.index + match[0].length };
  }
}

function byStart(a: ClaudeCodeMarker, b: ClaudeCodeMarker): number {
  return a.start - b.start;
}

function headerMarker(match: RegExpExecArray, header: string): ClaudeCodeMarker {
  const value = match[1] ?? match[0];
  const start = match.index + match[0].length - value.length;
  return { kind: 'cliHeader', data: { header }, start, end: start + value.length };
}

/**
 * Claude Code markers in a string value that code builds: besides the specific markers, a
 * `claude-cli/<version>` user-agent product and an `x-app: cli` header line.
 *
 * @param value - a string as produced by a static evaluator (unknown parts `*`, env variables `$NAME`)
 * @returns markers with offsets into `value`, in order of position
 */
export function findValueMarkers(value: string): ClaudeCodeMarker[] {
  const found = [...specificMarkers(value)];
  for (const match of value.matchAll(USER_AGENT_VALUE)) {
    found.push({ kind: 'cliHeader', data: { header: `User-Agent: ${match[0]}` }, start: match.index, end: match.index + match[0].length });
  }
  for (const match of value.matchAll(X_APP_HEADER_LINE)) found.push(headerMarker(match, 'x-app: cli'));
  return found.sort(byStart);
}

/**
 * Claude Code markers in a text read without parsing (Python, shell, YAML, JSON, …). The generic
 * headers count only in their header context: `x-app` followed by the value `cli` in a file that
 * names Anthropic or Claude, and `claude-cli/…` as the value of a user-agent.
 *
 * @param text - a whole file
 * @returns markers with offsets into `text`, in order of position
 */
export function findTextMarkers(text: string): ClaudeCodeMarker[] {
  return [...textMarkers(text)].sort(byStart);
}

/**
 * {@link findTextMarkers}, found as they are asked for: in position order within each kind of
 * marker, not across them. A caller that keeps only the first matches holds only those, whatever
 * the number of matches in the text (src/detect/markers.ts).
 *
 * @param text - a whole file
 */
export function* textMarkers(text: string): Generator<ClaudeCodeMarker> {
  yield* specificMarkers(text);
  for (const match of text.matchAll(USER_AGENT_HEADER)) yield headerMarker(match, `User-Agent: ${match[1] ?? 'claude-cli'}`);
  if (ANTHROPIC_NAME_HINT.test(text)) {
    for (const match of text.matchAll(X_APP_HEADER)) yield headerMarker(match, 'x-app: cli');
  }
}

/**
 * The OAuth path of a value whose host is not known (`*` or `$BASE` before `/v1/oauth/token`),
 * and the environment variable it starts from, if any. A local route (`/v1/oauth/token`, no host
 * part before it) is not matched.
 *
 * @param value - a string as produced by a static evaluator
 */
export function unknownHostEndpoint(value: string): { path: string; envName?: string } | undefined {
  const match = UNKNOWN_HOST_ENDPOINT.exec(value);
  const path = match?.[2];
  if (path === undefined) return undefined;
  return match?.[1] === undefined ? { path } : { path, envName: match[1] };
}

/**
 * The Claude Code OAuth endpoint a host and a path make, as a URL, or undefined when they make none.
 *
 * @param host - a host name, possibly with a port (`console.anthropic.com`)
 * @param path - an absolute path, possibly with a query (`/v1/oauth/token?x=1`)
 */
export function claudeCodeEndpoint(host: string, path: string): string | undefined {
  return new RegExp(`^${ENDPOINT}`).exec(`https://${host.toLowerCase()}${path}`)?.[0];
}

/**
 * Tells whether a text does workload identity federation, whose token requests carry the OAuth beta
 * value legitimately.
 */
export function usesWorkloadIdentityFederation(text: string): boolean {
  return FEDERATION_SIGNAL.test(text);
}

/**
 * Tells whether a marker is what workload identity federation legitimately carries: the OAuth beta
 * value, or the token endpoint on the API host (`api.anthropic.com`, or a base URL that stands for it).
 */
export function isFederationMarker(marker: Pick<ClaudeCodeMarker, 'kind' | 'data'>): boolean {
  if (marker.kind === 'betaHeader') return marker.data?.value === OAUTH_BETA;
  const url = marker.data?.url;
  return marker.kind === 'oauthEndpoint' && url !== undefined && (API_TOKEN_ENDPOINT.test(url) || !url.startsWith('http')) && url.includes(TOKEN_PATH);
}

/** Tells whether a header name is `x-app` (any case). */
export function isXAppHeader(name: string): boolean {
  return name.trim().toLowerCase() === 'x-app';
}

/** Tells whether a header value is `cli`, the value Claude Code sends in `x-app`. */
export function isCliAppValue(value: string): boolean {
  return value.trim().toLowerCase() === 'cli';
}

/**
 * Words of which every file holding a marker contains at least one (for the rule's trigger list):
 * the client id's first group and its base64 fragments' beginnings, the endpoint paths, the beta
 * values, the header names in their usual spellings, and `Claude Code`.
 */
export const CLAUDE_CODE_TRIGGER_WORDS: readonly string[] = [
  CLAUDE_CODE_CLIENT_ID.slice(0, 8),
  CLAUDE_CODE_CLIENT_ID.slice(0, 8).toUpperCase(),
  ...new Set(CLIENT_ID_BASE64_FRAGMENTS.map((fragment) => fragment.slice(0, 8))),
  'oauth/token',
  'oauth/authorize',
  'oauth/code',
  'oauth/claude_cli',
  ...Object.keys(CLAUDE_CODE_BETAS),
  'x-app',
  'X-App',
  'X-APP',
  'claude-cli',
  'Claude Code',
];
