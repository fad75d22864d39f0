/**
 * How JavaScript code reaches Claude, as names: the SDK packages, the Agent SDK's entry points, the
 * ways to start a process, the `claude` CLI's print flags, and the environment variables that decide
 * which credential Claude Code uses (policy.md, "Facts a detector needs"; the precedence is from the
 * Claude Code "Authentication" page, https://code.claude.com/docs/en/authentication).
 *
 * @packageDocumentation
 */
import {
  AGENT_SDK_PACKAGES,
  ANTHROPIC_API_HOST,
  ANTHROPIC_SDK_PACKAGES,
  API_KEY_ENV,
  API_KEY_HELPER_SETTING,
  AUTH_TOKEN_ENV,
  CLAUDE_BINARIES,
  CLAUDE_CLI_PACKAGES,
  CLAUDE_PRINT_FLAGS,
  CLOUD_PROVIDER_ENV,
  OAUTH_TOKEN_ENV,
  PROGRAM_WRAPPERS,
} from '../model/tables.js';

/** Packages whose `query()` runs Claude Code: the Agent SDK and its older name (the model's npm sink table). */
export const AGENT_SDK_MODULES: readonly string[] = AGENT_SDK_PACKAGES.filter((sink) => sink.ecosystem === 'npm').flatMap((sink) => sink.packages);

/**
 * Agent SDK functions that start Claude Code, with where their options object is: `query({ prompt,
 * options })` keeps it under `options` of the first argument; the v2 preview functions take it as an
 * argument (`unstable_v2_prompt(prompt, options)`, `unstable_v2_createSession(options)`,
 * `unstable_v2_resumeSession(id, options)`).
 */
export const AGENT_SDK_FUNCTIONS: Readonly<Record<string, { argument: number; property?: string }>> = {
  query: { argument: 0, property: 'options' },
  unstable_v2_prompt: { argument: 1 },
  unstable_v2_createSession: { argument: 0 },
  unstable_v2_resumeSession: { argument: 1 },
};

/** Packages whose default or `Anthropic` export is the Messages API client (the model's npm sink table). */
export const ANTHROPIC_SDK_MODULES: readonly string[] = ANTHROPIC_SDK_PACKAGES.filter((sink) => sink.ecosystem === 'npm').flatMap((sink) => sink.packages);

/** How a process-starting function takes its command. */
export type CommandShape =
  /** `(file, args?, options?)`: spawn, execFile, execa, cross-spawn. */
  | 'file'
  /** `(commandLine, options?)`: exec, execSync, execaCommand. */
  | 'command'
  /** `(argv[] | { cmd: argv[] }, options?)`: Bun.spawn. */
  | 'argv'
  /** A tagged template: execa's and zx's `$`, `Bun.$`. */
  | 'template';

/**
 * Process-starting functions per module, by export path (`default` stripped). `<global>` holds
 * `Bun.*`, which needs no import.
 */
export const PROCESS_STARTERS: Readonly<Record<string, Readonly<Record<string, CommandShape>>>> = {
  child_process: { spawn: 'file', spawnSync: 'file', execFile: 'file', execFileSync: 'file', exec: 'command', execSync: 'command' },
  execa: { '': 'file', sync: 'file', command: 'command', commandSync: 'command', execa: 'file', execaSync: 'file', execaCommand: 'command', execaCommandSync: 'command', $: 'template' },
  zx: { $: 'template' },
  'cross-spawn': { '': 'file', sync: 'file', spawn: 'file' },
  bun: { spawn: 'argv', spawnSync: 'argv', $: 'template' },
  // `$` without an import: a zx script's global (only ever matched as a tagged template).
  '<global>': { 'Bun.spawn': 'argv', 'Bun.spawnSync': 'argv', 'Bun.$': 'template', $: 'template' },
};

/** Module names that are the same module under another spelling. */
export const MODULE_ALIASES: Readonly<Record<string, string>> = {
  'node:child_process': 'child_process',
};

export { API_KEY_ENV, API_KEY_HELPER_SETTING, AUTH_TOKEN_ENV, CLAUDE_BINARIES, CLAUDE_CLI_PACKAGES, CLAUDE_PRINT_FLAGS, CLOUD_PROVIDER_ENV, OAUTH_TOKEN_ENV };

/** Shells whose `-c` script may run `claude` (the model's program wrappers that take a script). */
export const SHELLS: readonly string[] = PROGRAM_WRAPPERS.filter((wrapper) => wrapper.takes === 'script' && wrapper.program !== 'script').map((wrapper) => wrapper.program);

/** The `anthropic-beta` value that subscription (OAuth) bearer tokens are sent with. */
export const OAUTH_BETA = 'oauth-2025-04-20';

/**
 * True when an `anthropic-beta` header value marks a subscription bearer token: it has the OAuth
 * beta, and not the workload identity federation beta (`oidc-federation-…`), whose API-billed tokens
 * are sent with the same OAuth beta.
 */
export function isSubscriptionBeta(value: string): boolean {
  return value.includes(OAUTH_BETA) && !/oidc-federation-\d/.test(value);
}
export { ANTHROPIC_API_HOST };
