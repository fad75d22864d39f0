/**
 * Language-independent markers: what can be recognised in any text file without parsing it. The
 * scanner runs them over files that have no analyzer of their own (shell, Ruby, YAML, JSON, …) and
 * over files an analyzer could not parse, so no kind of file is blind.
 *
 * Each marker reports under the rule id and messageId of the ESLint rule that catches the same
 * thing in JS/TS, so a finding reads the same whichever front end produced it.
 *
 * @packageDocumentation
 */
import { hasIssuedFormat, redactToken, tokenMatches, TOKEN_KIND_NAMES } from './tokens.js';
import { textMarkers } from './claude-code-markers.js';
import { CLAUDE_CONFIG_DIR_ENV, CLAUDE_DIR_NAME, CREDENTIALS_FILE_NAME, KEYCHAIN_SERVICE, STORED_LOGIN_KEY } from './credential-store.js';

/** A finding located by offsets in a text, before it is turned into lines and columns. */
export interface TextFinding {
  /** Rule name without the namespace, e.g. `no-embedded-token`. */
  ruleName: string;
  /** A messageId of that rule. */
  messageId: string;
  /** Values for the message's `{{placeholders}}`. Never a whole secret. */
  data?: Record<string, string>;
  /** 0-based offset of the first character (UTF-16 code units). */
  start: number;
  /** 0-based offset one past the last character. */
  end: number;
}

/** Which markers to run: prose (Markdown, text) only gets the token marker. */
export interface MarkerOptions {
  /**
   * Documentation: only look for credentials written out, not for paths or names (documentation
   * mentions those), and only for credentials of the full issued format.
   */
  tokensOnly?: boolean;
}

/** The `sk-ant-<type><nn>-` prefix of a credential. */
const TOKEN_PREFIX = /^sk-ant-[a-z]+\d{2}-/;

/** Every occurrence of `needle` in `text`, as offsets. */
function* occurrences(text: string, needle: string): Generator<number> {
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) {
    yield index;
  }
}

/**
 * Runs every language-independent marker over a text.
 *
 * - `no-embedded-token`: real subscription tokens (red) and API/admin keys (yellow), placeholders skipped;
 *   in prose only those of the full issued format.
 * - `no-credential-store-read`: `.credentials.json` in a file that also names `.claude` or
 *   `CLAUDE_CONFIG_DIR`; the keychain service `Claude Code-credentials`; the `claudeAiOauth` key.
 * - `no-claude-code-impersonation`: Claude Code's OAuth client id (also in base64), its OAuth
 *   endpoint URLs, its beta values, its system prompt, and `x-app: cli` / `User-Agent: claude-cli/…`
 *   headers ({@link findTextMarkers}).
 *
 * @param text - the whole file
 * @returns findings with offsets, in position order
 */
export function runMarkers(text: string, options: MarkerOptions = {}): TextFinding[] {
  return [...markerMatches(text, options)].sort((a, b) => a.start - b.start);
}

/**
 * {@link runMarkers}, found as they are asked for (in no particular order): a caller that keeps
 * only some holds only those, whatever the number of matches (src/scan/bounded-matches.ts).
 *
 * @param text - the whole file
 */
export function* markerMatches(text: string, options: MarkerOptions = {}): Generator<TextFinding> {
  for (const match of tokenMatches(text)) {
    // Documentation is held to the issued format: a hand-written key in a code block is an illustration.
    if (options.tokensOnly && !hasIssuedFormat(match.token.replace(TOKEN_PREFIX, ''))) continue;
    yield {
      ruleName: 'no-embedded-token',
      messageId: match.subscription ? 'subscriptionToken' : 'apiKey',
      data: { kind: TOKEN_KIND_NAMES[match.kind], redacted: redactToken(match.token) },
      start: match.start,
      end: match.end,
    };
  }
  if (options.tokensOnly) return;

  if (text.includes(CLAUDE_DIR_NAME) || text.includes(CLAUDE_CONFIG_DIR_ENV)) {
    for (const start of occurrences(text, CREDENTIALS_FILE_NAME)) {
      yield {
        ruleName: 'no-credential-store-read',
        messageId: 'credentialsFile',
        data: { path: `~/${CLAUDE_DIR_NAME}/${CREDENTIALS_FILE_NAME}` },
        start,
        end: start + CREDENTIALS_FILE_NAME.length,
      };
    }
  }
  for (const start of occurrences(text, KEYCHAIN_SERVICE)) {
    yield { ruleName: 'no-credential-store-read', messageId: 'keychain', start, end: start + KEYCHAIN_SERVICE.length };
  }
  for (const start of occurrences(text, STORED_LOGIN_KEY)) {
    yield { ruleName: 'no-credential-store-read', messageId: 'storedLoginKey', start, end: start + STORED_LOGIN_KEY.length };
  }
  for (const marker of textMarkers(text)) {
    yield { ruleName: 'no-claude-code-impersonation', messageId: marker.kind, ...(marker.data && { data: marker.data }), start: marker.start, end: marker.end };
  }
}
