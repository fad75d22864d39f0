/**
 * What marks Claude Code's own traffic (policy.md, "Facts a detector needs"; observed, not
 * officially documented): its OAuth client id and endpoints, the beta values sent with
 * subscription bearer tokens, its CLI headers and its system prompt. Third-party code that sends
 * them poses as Claude Code.
 *
 * @packageDocumentation
 */

/** Claude Code's OAuth client id. */
export const CLAUDE_CODE_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';

/** Claude Code's OAuth endpoints, without scheme (token: old and new host; authorize). */
export const CLAUDE_CODE_OAUTH_ENDPOINTS = [
  'console.anthropic.com/v1/oauth/token',
  'platform.claude.com/v1/oauth/token',
  'claude.ai/oauth/authorize',
] as const;

/** `anthropic-beta` values that mark subscription or Claude Code traffic, and what they mean. */
export const IMPERSONATING_BETA_VALUES: Readonly<Record<string, string>> = {
  'oauth-2025-04-20': 'Claude subscription (OAuth) traffic',
  'claude-code-20250219': 'coming from Claude Code itself',
};

/** The start of Claude Code's system prompt. */
export const CLAUDE_CODE_SYSTEM_PROMPT = "You are Claude Code, Anthropic's official CLI for Claude";

/** The user agent prefix of the Claude Code CLI (`claude-cli/<version>`). */
export const CLAUDE_CLI_USER_AGENT = 'claude-cli/';
