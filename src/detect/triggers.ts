/**
 * Trigger words: a file that contains none of a rule's trigger words cannot produce a finding of
 * that rule. Each rule gates itself on its own list (cheap in the editor), and the scanner's
 * prefilter joins all lists into one regular expression so that most files stop after one pass.
 *
 * @packageDocumentation
 */
import { CLAUDE_CODE_TRIGGER_WORDS } from './claude-code-markers.js';
import { KEYCHAIN_SERVICE, STORED_LOGIN_KEY } from './credential-store.js';

/** The stored login's file name up to its extension: what every way of writing it contains. */
const CREDENTIALS_STEM = '.credentials';

/**
 * Module specifiers as they appear in `import … from 'x'` and `require("x")`: short framework names
 * such as `express` or `koa` are common words, their quoted forms are not.
 */
function quotedModuleNames(names: readonly string[]): string[] {
  return names.flatMap((name) => [`'${name}'`, `"${name}"`]);
}

/** Trigger words per rule name (rule id without the namespace). Case-sensitive substrings. */
export const RULE_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  // The last word is `sk-ant` in base64, for tokens decoded at start-up.
  'no-embedded-token': ['sk-ant', 'oat01', 'ort01', 'sid01', 'api03', 'api04', 'admin01', 'c2stYW50'],
  // `.credentials` also catches a file name split as '.credentials' + '.json'; plain `credentials`
  // would send most OAuth and cloud SDK code to the parser for nothing.
  'no-credential-store-read': [CREDENTIALS_STEM, KEYCHAIN_SERVICE.split('-')[0] ?? KEYCHAIN_SERVICE, STORED_LOGIN_KEY],
  // Also the client id's base64 forms, for ids decoded at start-up.
  'no-claude-code-impersonation': CLAUDE_CODE_TRIGGER_WORDS,
  // A credential a handler can use: an OAuth variable, a token or its prefix, the OAuth beta, the
  // stored login (file, key, keychain), a bearer slot of the Anthropic SDK, Anthropic's API host.
  'no-oauth-token-proxy': ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN', 'sk-ant-', 'oauth-2025-04-20', CREDENTIALS_STEM, STORED_LOGIN_KEY, KEYCHAIN_SERVICE.split('-')[0] ?? KEYCHAIN_SERVICE, 'authToken', 'anthropic.com'],
  // Every Agent SDK module and claude command line contains `claude`; `authToken`/`auth_token` for the
  // Anthropic SDKs; the variable for code that sets it.
  'no-agent-sdk-subscription-auth': ['claude', 'authToken', 'auth_token', 'CLAUDE_CODE_OAUTH_TOKEN'],
  // `claude` for every call site; the bot and web frameworks so that the scanner learns what a handler
  // file imports (src/scan/cross-file.ts) even when the file never names Claude.
  'no-multi-user-surface': [
    'claude', 'CLAUDE_CODE_OAUTH_TOKEN', 'claude_code_oauth_token',
    '@slack/bolt', 'discord.js', 'telegraf', 'grammy', 'node-telegram-bot-api',
    ...quotedModuleNames(['express', 'fastify', 'hono', 'koa']), 'createServer', 'next/server',
  ],
  'no-credential-mount': ['.claude', CREDENTIALS_STEM, 'CLAUDE_CODE_OAUTH_TOKEN'],
};

/**
 * Tells whether a text contains any of the words.
 *
 * @param text - the file's text
 * @param words - trigger words (substrings)
 */
export function containsAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}

/** Escapes a string for use inside a regular expression. */
function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One regular expression that matches any trigger word of any of the given rules.
 *
 * @param ruleNames - rule names to include (default: all)
 */
export function combinedTrigger(ruleNames: readonly string[] = Object.keys(RULE_TRIGGERS)): RegExp {
  const words = new Set(ruleNames.flatMap((name) => RULE_TRIGGERS[name] ?? []));
  return new RegExp([...words].map(escapeRegExp).join('|'));
}
