/**
 * What a process start does, whichever language starts it (Go `exec.Command`, Ruby backticks and
 * `system`, a shell command): runs the `claude` CLI (a sink), reads Claude Code's keychain item, or
 * hands a subscription token to a container. The front ends give the argument vector or the command
 * line as far as they can evaluate it (unknown parts `*`); this module reads it with the shared
 * command-line reader (src/detect/command-line.ts) and the model's tables.
 *
 * @packageDocumentation
 */
import { claudeInArgv, claudeInCommandLine, programName, splitWords, type ClaudeCommand } from '../detect/command-line.js';
import { KEYCHAIN_SERVICE } from '../detect/credential-store.js';
import { API_KEY_ENV, AUTH_TOKEN_ENV, CLOUD_PROVIDER_ENV, OAUTH_TOKEN_ENV, type CredentialSource } from '../model/index.js';

/** A process start as a front end could evaluate it. */
export type Started = { argv: readonly string[]; complete: boolean } | { commandLine: string };

/** Environment variables that carry a subscription token, and how messages name them. */
export const SUBSCRIPTION_ENV: readonly string[] = [OAUTH_TOKEN_ENV, AUTH_TOKEN_ENV];

/** The credential source of a subscription token variable. */
export function oauthEnvSource(name: string): CredentialSource {
  return { origin: 'subscription', kind: 'oauth-env', label: name };
}

/** A `claude` run in a process start, with the environment changes made for it. */
export interface ClaudeStart {
  label: string;
  command: ClaudeCommand;
  /** The subscription token variable set for it, if any. */
  tokenEnv?: string;
  apiKeyRemoved: boolean;
  apiKeyConfigured: boolean;
}

/** Words of a program that, written into code, name the `claude` CLI: `claudePath`, `cfg.ClaudeBin`, `$CLAUDE_CLI`. Two linear tests, not one backtracking pattern. */
const isClaudeProgramWord = (word: string): boolean => /^[\w.$]+$/.test(word) && /claude/i.test(word);

function argvOf(started: Started): string[] {
  return 'argv' in started ? [...started.argv] : splitWords(started.commandLine);
}

/**
 * The `claude` run a process start makes: by the shared reader, or (over-approximated, see the rule
 * docs) a program given by a name that says Claude (`claudePath`, `c.ClaudeBin`).
 *
 * @param started - the process start
 * @param programExpression - the source text of the program argument when it is not a literal
 */
export function claudeStart(started: Started, programExpression?: string): ClaudeStart | undefined {
  let command = 'argv' in started ? claudeInArgv(started.argv, started.complete) : claudeInCommandLine(started.commandLine);
  if (!command && programExpression !== undefined && isClaudeProgramWord(programExpression.trim())) {
    command = { print: 'unknown', envSet: {}, envUnset: [] };
  }
  if (!command) return undefined;
  const tokenEnv = SUBSCRIPTION_ENV.find((name) => name in command.envSet);
  const apiKeyConfigured = API_KEY_ENV in command.envSet || CLOUD_PROVIDER_ENV.some((name) => name in command.envSet);
  return {
    label: command.print === 'yes' ? '`claude -p` (a child process)' : 'the `claude` CLI (a child process)',
    command,
    tokenEnv,
    apiKeyRemoved: command.envUnset.includes(API_KEY_ENV),
    apiKeyConfigured,
  };
}

/** `security` subcommands that read a keychain item's secret (`-w`, `-g`) or dump the keychain. */
const KEYCHAIN_READS = new Set(['find-generic-password', 'find-internet-password', 'dump-keychain']);

/**
 * Tells whether a process start reads Claude Code's keychain item with macOS `security`: the
 * service named in the command, or (the service passed in a variable) in a file that names it.
 *
 * @param started - the process start
 * @param fileNamesService - the file names the keychain service somewhere
 */
export function readsClaudeKeychain(started: Started, fileNamesService: boolean): boolean {
  const segments = 'argv' in started ? [argvOf(started)] : started.commandLine.split(/;|&&|\|\||\||\n|\$\(|`/).map((segment) => splitWords(segment.trim()));
  return segments.some((words) => {
    const index = words.findIndex((word) => programName(word) === 'security');
    if (index === -1 || !KEYCHAIN_READS.has(words[index + 1] ?? '')) return false;
    const rest = words.slice(index + 2);
    const service = rest[rest.indexOf('-s') + 1];
    if (rest.includes('-s') && service !== undefined && service.includes(KEYCHAIN_SERVICE)) return true;
    return fileNamesService && (words[index + 1] === 'dump-keychain' || !rest.includes('-s') || !/^[\w .-]+$/.test(service ?? ''));
  });
}

/** Container engines whose `run`/`exec`/`create` start or enter a container. */
const CONTAINER_ENGINES = /^(?:docker|podman|nerdctl|finch)(?:\.exe)?$/;

/**
 * The subscription token variable a process start hands to a container (`docker run -e
 * CLAUDE_CODE_OAUTH_TOKEN=…`, `docker exec c bash -c "export CLAUDE_CODE_OAUTH_TOKEN=… >> ~/.bashrc"`).
 *
 * @param started - the process start
 * @returns the variable's name, or undefined
 */
export function tokenIntoContainer(started: Started): string | undefined {
  const words = argvOf(started);
  const engine = words.findIndex((word) => CONTAINER_ENGINES.test(programName(word)));
  if (engine === -1 || !['run', 'exec', 'create'].includes(words[engine + 1] ?? '')) return undefined;
  const rest = words.slice(engine + 2).join(' ');
  return SUBSCRIPTION_ENV.find((name) => new RegExp(String.raw`(?:^|[\s'"-])(?:export\s+)?${name}(?:=|\s|$)`).test(rest));
}
