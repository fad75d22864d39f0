/**
 * Which copies and mounts put Claude Code's stored login into a container: shared by the
 * Dockerfile and compose analyzers and the JS side of `no-credential-mount`. Paths are as written
 * (`~/.claude`, `$HOME/.claude`, `${HOME}/.claude`, `/root/.claude`) or as the static evaluators
 * render them (`~` for the home directory, `$NAME` for an environment variable).
 *
 * @packageDocumentation
 */
import { CLAUDE_CONFIG_DIR_ENV, CLAUDE_DIR_NAME, CREDENTIALS_FILE_NAME, isCredentialsPath } from './credential-store.js';

/** Functions that start a process, by the name they are called with: child_process, execa, zx, Bun, Deno (`no-credential-mount` reads their container command lines). */
export const PROCESS_LAUNCHER_NAMES: readonly string[] = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync', 'Command', '$'];
/** testcontainers methods whose objects carry `source` and `target`. */
export const TESTCONTAINERS_MOUNT_METHODS: readonly string[] = ['withBindMounts', 'withCopyFilesToContainer', 'withCopyDirectoriesToContainer'];
/** Docker Engine API (dockerode) properties that list a container's mounts. */
export const ENGINE_MOUNT_PROPERTIES: readonly string[] = ['Binds', 'Mounts'];

/** A home directory however it is written: `~`, `$HOME`, `${HOME}`, `${HOME:-/root}`, `/root`, `/home/x`, `/Users/x`, `%USERPROFILE%`. */
const HOME = String.raw`(?:~|\$HOME|\$\{HOME(?:[:-][^}]*)?\}|\$\{?USERPROFILE\}?|%USERPROFILE%|/root|/home/[^/\\]+|/Users/[^/\\]+|[A-Za-z]:\\Users\\[^/\\]+)`;
/** The Claude config directory in a home directory, or `$CLAUDE_CONFIG_DIR`, with or without a trailing slash. */
const CONFIG_DIRECTORY = new RegExp(String.raw`^(?:${HOME}[/\\]\.claude|\$\{?${CLAUDE_CONFIG_DIR_ENV}\}?)[/\\]?$`);

/** Normalises `${HOME}`-style variables and `$CLAUDE_CONFIG_DIR` braces so that {@link isCredentialsPath} sees them. */
function normalise(path: string): string {
  return path.trim().replace(/^\$\{HOME(?:[:-][^}]*)?\}/, '~').replace(/^\$HOME\b/, '~').replace(/^\$\{(\w+)\}/, '$$$1');
}

/** The last segment of a path, without trailing separators. */
function baseName(path: string): string {
  return path.replace(/[/\\]+$/, '').split(/[/\\]/).at(-1) ?? '';
}

/**
 * Tells whether a path is the Claude config directory of a home directory (`~/.claude`,
 * `/root/.claude`, `$CLAUDE_CONFIG_DIR`), which holds the stored login on Linux and Windows.
 */
export function isHomeClaudeDirectory(path: string): boolean {
  return CONFIG_DIRECTORY.test(path.trim());
}

/** Tells whether a path is the stored login itself or the directory that holds it. */
export function isStoredLoginPath(path: string): boolean {
  return isHomeClaudeDirectory(path) || isCredentialsPath(normalise(path));
}

/**
 * Tells whether copying or mounting `source` to `target` puts a Claude Code login into the
 * container:
 * - the source is the stored login or its directory (`~/.claude`, `~/.claude/.credentials.json`);
 * - the source is a file named `.credentials.json` (Claude Code's name for it), wherever it goes;
 * - the source is some `.claude` directory and the target is a home's Claude config directory
 *   (`COPY .claude /root/.claude`: a login copied into the build context first).
 * A project's own `.claude` directory (settings, commands) copied elsewhere, a named volume, or a
 * directory made for the container's own login is not a copy of the stored login.
 *
 * @param source - host or build-context path, as written
 * @param target - container path, when known
 */
export function copiesStoredLogin(source: string, target?: string): boolean {
  const name = baseName(source);
  if (isStoredLoginPath(source) || name === CREDENTIALS_FILE_NAME) return true;
  return target !== undefined && name === CLAUDE_DIR_NAME && isHomeClaudeDirectory(target);
}

/** A volume's host side and container side. */
export interface Mount {
  source: string;
  target?: string;
}

/**
 * Splits a short-syntax volume (`~/.claude:/root/.claude:ro`, `${HOME:-/root}/.claude:/x`,
 * `C:\Users\me\.claude:/x`) at the colons that separate its parts: not inside `${…}`, not after a
 * drive letter.
 */
export function parseVolume(spec: string): Mount {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < spec.length; index += 1) {
    const char = spec[index];
    if (char === '{' && spec[index - 1] === '$') depth += 1;
    else if (char === '}' && depth > 0) depth -= 1;
    else if (char === ':' && depth === 0 && !(index === start + 1 && /[A-Za-z]/.test(spec[start] ?? '') && /[\\/]/.test(spec[index + 1] ?? ''))) {
      parts.push(spec.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(spec.slice(start));
  return parts.length === 1 ? { source: '', target: parts[0] } : { source: parts[0] ?? '', target: parts[1] };
}

/**
 * Reads a `docker run --mount` value (`type=bind,source=~/.claude,target=/root/.claude,readonly`);
 * `src`, `destination` and `dst` are accepted as Docker accepts them.
 *
 * @returns the mount, or undefined when it names no source (a tmpfs, a bare volume)
 */
export function parseMountOption(spec: string): Mount | undefined {
  const fields = new Map(
    spec.split(',').map((field) => {
      const equals = field.indexOf('=');
      return equals === -1 ? [field.trim().toLowerCase(), ''] : [field.slice(0, equals).trim().toLowerCase(), field.slice(equals + 1).trim()];
    }),
  );
  const source = fields.get('source') ?? fields.get('src');
  return source === undefined ? undefined : { source, target: fields.get('target') ?? fields.get('destination') ?? fields.get('dst') };
}
