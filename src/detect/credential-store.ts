/**
 * Where Claude Code keeps its stored login, per the Claude Code "Authentication" page
 * (https://code.claude.com/docs/en/authentication) and policy.md:
 * - `~/.claude/.credentials.json` (Linux, Windows `%USERPROFILE%\.claude\.credentials.json`, macOS
 *   fallback) or `$CLAUDE_CONFIG_DIR/.credentials.json`, a JSON object whose top-level `claudeAiOauth`
 *   holds `accessToken`, `refreshToken`, `expiresAt`, `scopes`, `subscriptionType`;
 * - on macOS, the keychain generic-password item with service `Claude Code-credentials`.
 *
 * Reading Claude Code's usage logs (`~/.claude/projects/**\/*.jsonl`) is not a credential read.
 *
 * @packageDocumentation
 */

/** File name of the stored login inside the Claude config directory. */
export const CREDENTIALS_FILE_NAME = '.credentials.json';
/** Claude Code's config directory name under the home directory. */
export const CLAUDE_DIR_NAME = '.claude';
/** Environment variable that moves the Claude config directory. */
export const CLAUDE_CONFIG_DIR_ENV = 'CLAUDE_CONFIG_DIR';
/** macOS keychain service name of the stored login. */
export const KEYCHAIN_SERVICE = 'Claude Code-credentials';
/** Top-level key of the stored login's JSON. */
export const STORED_LOGIN_KEY = 'claudeAiOauth';

/**
 * How the static evaluators render values they cannot know, so that path checks can still see the
 * shape: the home directory is `~`, an environment variable `$NAME`, anything else `*`.
 */
export const UNKNOWN_PART = '*';

/**
 * Tells whether a (possibly partly unknown) path names Claude Code's stored login file: its last
 * segment is `.credentials.json` and either an earlier segment is `.claude` or it starts from
 * `$CLAUDE_CONFIG_DIR`. Separators `/` and `\` are both accepted.
 *
 * @param path - a path as produced by a static evaluator (`~/.claude/.credentials.json`,
 *   `$CLAUDE_CONFIG_DIR/.credentials.json`, `C:\Users\me\.claude\.credentials.json`)
 * @returns true when the path is the stored login
 */
export function isCredentialsPath(path: string): boolean {
  if (!path.includes(CREDENTIALS_FILE_NAME)) return false;
  const segments = path.split(/[\\/]+/).filter(Boolean);
  if (segments.at(-1) !== CREDENTIALS_FILE_NAME) return false;
  const before = segments.slice(0, -1);
  if (before.length === 0) return false;
  return before.includes(CLAUDE_DIR_NAME) || before[0] === `$${CLAUDE_CONFIG_DIR_ENV}`;
}

/**
 * Tells whether a value names the keychain item of the stored login.
 *
 * @param value - a string, for example a command line or a keytar service argument
 */
export function mentionsKeychainService(value: string): boolean {
  return value.includes(KEYCHAIN_SERVICE);
}
