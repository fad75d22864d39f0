/**
 * Trigger words: a file that contains none of a rule's trigger words cannot produce a finding of
 * that rule. Each rule gates itself on its own list (cheap in the editor), and the scanner's
 * prefilter joins all lists into one regular expression so that most files stop after one pass.
 *
 * @packageDocumentation
 */
import { CLAUDE_CODE_TRIGGER_WORDS, SYSTEM_PROMPT_COMPANION } from './claude-code-markers.js';
import { PROCESS_STARTERS } from './claude-entry-points.js';
import { KEYCHAIN_SERVICE, STORED_LOGIN_KEY } from './credential-store.js';
import { createWordMatcher, type WordMatcher } from './word-matcher.js';
import { ENGINE_MOUNT_PROPERTIES, PROCESS_LAUNCHER_NAMES, TESTCONTAINERS_MOUNT_METHODS } from './mounts.js';
import { AGENT_SDK_PACKAGES, ANTHROPIC_SDK_PACKAGES, CLAUDE_CLI_PACKAGES, CLAUDE_CLI_TRIGGERS, ENDPOINT_SINKS, ENTRY_POINT_FRAMEWORKS, TERMINAL_MODULES } from '../model/tables.js';

/**
 * The stored login's file name up to its extension, as a path or string starts it: after a quote,
 * a separator, a space, `=`, `:` or `,` (`'.credentials' + '.json'`, `~/.claude/.credentials.json`,
 * `COPY .credentials.json`). Bare `.credentials` is every `options.credentials` and
 * `this.credentials` of fetch, cloud and OAuth SDK code.
 */
const CREDENTIALS_FILE_WORDS = ["'", '"', '`', '/', '\\', ' ', '\t', '\n', '=', ':', ','].map((before) => `${before}.credentials`);

/** The keychain service's first word (`Claude Code`), which code may join to the rest (`-credentials`). */
const KEYCHAIN_WORD = KEYCHAIN_SERVICE.split('-')[0] ?? KEYCHAIN_SERVICE;

/**
 * `claude` as code runs it, and the Claude sinks by package: the model's tables
 * (src/model/tables.ts: Agent SDK and Anthropic SDK packages, CLI binaries and wrappers, API and
 * OAuth endpoints). Bare `claude` would match every model name (`claude-sonnet-4-5`) in every
 * codebase that calls the API.
 */
const CLAUDE_RUN_WORDS: readonly string[] = [...CLAUDE_CLI_TRIGGERS, ...AGENT_SDK_PACKAGES.flatMap((sink) => sink.triggers), ...ENDPOINT_SINKS.flatMap((endpoint) => endpoint.triggers)];

/**
 * The Anthropic SDKs: only their credential options matter (no-agent-sdk-subscription-auth), never a
 * surface reaching them. The scanner reads files that name them, but the rule runs only when another
 * of its words (`authToken`, `anthropic.com`, …) is there too: an SDK import alone cannot be a finding.
 */
export const ANTHROPIC_SDK_WORDS: readonly string[] = ANTHROPIC_SDK_PACKAGES.flatMap((sink) => sink.triggers);

/**
 * Entry-point frameworks (bot, web, file-routed), from the model's table. Alone they make no
 * finding: a file that names one of them but nothing else of any rule's list matters only to the
 * scanner's cross-file pass, as the surface of a Claude call made in another file.
 */
export const SURFACE_FRAMEWORK_WORDS: readonly string[] = [...new Set(ENTRY_POINT_FRAMEWORKS.flatMap((framework) => framework.triggers))];

/**
 * A credential code can use, hand on or hand back: an OAuth variable, a token or its prefix, the
 * OAuth beta, the stored login (file, key, keychain), a bearer slot of the Anthropic SDK.
 */
export const CREDENTIAL_WORDS: readonly string[] = [
  'CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN', 'sk-ant-', 'oauth-2025-04-20', ...CREDENTIALS_FILE_WORDS, STORED_LOGIN_KEY,
  KEYCHAIN_WORD, 'authToken',
];

/** Trigger words per rule name (rule id without the namespace). Case-sensitive substrings. */
export const RULE_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  // The last word is `sk-ant` in base64, for tokens decoded at start-up.
  'no-embedded-token': ['sk-ant', 'oat01', 'ort01', 'sid01', 'api03', 'api04', 'admin01', 'c2stYW50'],
  // `.credentials` also catches a file name split as '.credentials' + '.json'; plain `credentials`
  // would send most OAuth and cloud SDK code to the parser for nothing.
  'no-credential-store-read': [...CREDENTIALS_FILE_WORDS, KEYCHAIN_WORD, STORED_LOGIN_KEY],
  // Also the client id's base64 forms, for ids decoded at start-up.
  'no-claude-code-impersonation': CLAUDE_CODE_TRIGGER_WORDS,
  // A credential a handler can use: an OAuth variable, a token or its prefix, the OAuth beta, the
  // stored login (file, key, keychain), a bearer slot of the Anthropic SDK, Anthropic's API host.
  // And `claude` as run: a request handler that reaches it on the machine's login.
  'no-oauth-token-proxy': [...CREDENTIAL_WORDS, ...CLAUDE_RUN_WORDS],
  // Every Agent SDK module and claude command line; `authToken`/`auth_token` for the
  // Anthropic SDKs; the variable for code that sets it.
  'no-agent-sdk-subscription-auth': [...CLAUDE_RUN_WORDS, ...ANTHROPIC_SDK_WORDS, 'authToken', 'auth_token', 'CLAUDE_CODE_OAUTH_TOKEN'],
  // `claude` as run, for every call site; the bot and web frameworks so that the scanner learns what a handler
  // file imports (src/scan/cross-file.ts) even when the file never names Claude.
  'no-multi-user-surface': [...CLAUDE_RUN_WORDS, 'CLAUDE_CODE_OAUTH_TOKEN', 'claude_code_oauth_token', ...SURFACE_FRAMEWORK_WORDS],
  // The directory as a path ends it (`~/.claude:/root/.claude`, `'.claude'`, a YAML value at the end
  // of its line); Bedrock model ids (`anthropic.claude-3-…`) do not.
  'no-credential-mount': [...['/', ':', "'", '"', '`', '\\', '\n', '\r', ' ', ',', ']', ')', '}'].map((end) => `.claude${end}`), ...CREDENTIALS_FILE_WORDS, 'CLAUDE_CODE_OAUTH_TOKEN'],
};

/**
 * What JS/TS code that starts a process names: the modules and globals of the process starters
 * (src/detect/claude-entry-points.ts; zx's and Bun's `$` as the tagged template it is), and the
 * pseudo-terminal modules a command line is written into. A CLI sink is a call of one of them.
 */
const PROCESS_WORDS: readonly string[] = [
  ...Object.keys(PROCESS_STARTERS).filter((module) => module !== '<global>'),
  ...Object.keys(PROCESS_STARTERS['<global>'] ?? {}).map(asCalled),
  ...TERMINAL_MODULES,
  ...PROCESS_LAUNCHER_NAMES.filter((name) => name !== '$'),
];

/** A process starter's name as a call of it is written: zx's and Bun's `$` only as a tagged template (`$` alone is in every template literal). */
function asCalled(name: string): string {
  return name.endsWith('$') ? `${name}\`` : name;
}

/** One trigger word (or several) that opens its rule only beside one of its companion words. */
export interface CompanionGate {
  words: readonly string[];
  companions: readonly string[];
}

/**
 * `authToken` / `auth_token` are the Anthropic SDKs' bearer slot only in a file that names Anthropic
 * or Claude (npm's, Hugging Face's and every other library's auth tokens are not). In every kind of
 * file: the scanner's prefilter (src/scan/prefilter.ts) leaves a file whose only trigger words these
 * are undecoded.
 */
export const BEARER_SLOT_GATE: CompanionGate = {
  words: ['authToken', 'auth_token'],
  companions: [...ANTHROPIC_SDK_WORDS, 'anthropic', 'Anthropic', 'ANTHROPIC', 'claude', 'Claude', 'CLAUDE'],
};

/**
 * The second, cheap text test of the JS/TS rules (issue 18): trigger words that, alone, say too
 * little for the rule to report anything, each with the words the rule's only ways of reporting it
 * need in the same file. `claude` as a command (`/claude`, `'claude'`, `CLAUDE_BIN`) is a Claude call
 * only where a process is started; `Claude Code` is the keychain service only beside `credentials`
 * and the system prompt only beside `official`; `.claude/` is mounted into a container only through a
 * process launcher, testcontainers or the Docker Engine API; `authToken` is the Anthropic SDK's only
 * beside a word that names Anthropic or Claude. Like every trigger word, a companion
 * split across a concatenation (`'chi' + 'ld_process'`) is not seen: the rule docs say so.
 */
const COMPANION_GATES: Readonly<Record<string, readonly CompanionGate[]>> = (() => {
  const cliCommandWords = CLAUDE_CLI_TRIGGERS.filter((word) => !CLAUDE_CLI_PACKAGES.includes(word));
  const runsClaude: CompanionGate = { words: cliCommandWords, companions: PROCESS_WORDS };
  const keychain: CompanionGate = { words: [KEYCHAIN_WORD], companions: [KEYCHAIN_SERVICE.slice(KEYCHAIN_WORD.length + 1)] };
  const mountWords = (RULE_TRIGGERS['no-credential-mount'] ?? []).filter((word) => word.startsWith('.claude'));
  return {
    'no-oauth-token-proxy': [runsClaude, keychain, BEARER_SLOT_GATE],
    // An Anthropic SDK import alone is no finding: only its credential options are (ANTHROPIC_SDK_WORDS).
    'no-agent-sdk-subscription-auth': [runsClaude, BEARER_SLOT_GATE, { words: ANTHROPIC_SDK_WORDS, companions: [] }],
    'no-multi-user-surface': [runsClaude],
    'no-credential-store-read': [keychain],
    'no-claude-code-impersonation': [{ words: ['Claude Code'], companions: [SYSTEM_PROMPT_COMPANION] }],
    'no-credential-mount': [{ words: mountWords, companions: [...PROCESS_LAUNCHER_NAMES.map(asCalled), ...TESTCONTAINERS_MOUNT_METHODS, ...ENGINE_MOUNT_PROPERTIES] }],
  };
})();

/**
 * Whether a JS/TS rule can report anything in a text: one of its trigger words is there, and a word
 * that needs a companion ({@link COMPANION_GATES}) has one. Each rule gates itself on this, and the
 * scanner parses a JS/TS file only when some rule's gate opens: the parse would find nothing else.
 *
 * @param ruleName - rule id without the namespace
 * @param text - the file's text
 */
export function ruleGateOpens(ruleName: string, text: string): boolean {
  const gates = COMPANION_GATES[ruleName] ?? [];
  const present = triggerWordsIn(text);
  return (RULE_TRIGGERS[ruleName] ?? []).some((word) => {
    if (!present.has(word)) return false;
    const gate = gates.find((candidate) => candidate.words.includes(word));
    return gate === undefined || containsAny(text, gate.companions);
  });
}

/** Every rule's trigger words, searched for at once. Built on first use: the editor may never need it. */
let triggerMatcher: WordMatcher | undefined;
/** The last text searched and the words found in it: every rule asks about the same file in turn. */
let lastSearch: { text: string; words: ReadonlySet<string> } | undefined;

/**
 * The trigger words a text contains, found in one pass ({@link createWordMatcher}) over its Latin-1
 * bytes (a character above U+00FF is cut to its low byte and could, crafted, spell a word: it would
 * only open a gate).
 */
function triggerWordsIn(text: string): ReadonlySet<string> {
  if (lastSearch?.text !== text) {
    triggerMatcher ??= createWordMatcher(triggerWordsOf());
    lastSearch = { text, words: triggerMatcher.wordsIn(Buffer.from(text, 'latin1')) };
  }
  return lastSearch.words;
}

/**
 * Tells whether a text contains any of the words.
 *
 * @param text - the file's text
 * @param words - trigger words (substrings)
 */
export function containsAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}

/**
 * The trigger words of the given rules, each once.
 *
 * @param ruleNames - rule names to include (default: all)
 */
export function triggerWordsOf(ruleNames: readonly string[] = Object.keys(RULE_TRIGGERS)): string[] {
  return [...new Set(ruleNames.flatMap((name) => RULE_TRIGGERS[name] ?? []))];
}
