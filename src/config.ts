/**
 * The scanner's optional configuration: `claude-auth-lint.config.json`, or a `"claude-auth-lint"`
 * key in package.json, in the directory the scan runs from. It is data only (JSON, never
 * executed), checked strictly so that a typo is a usage error rather than a silently ignored
 * setting.
 *
 * ```json
 * {
 *   "ignores": ["fixtures/", "test/**\/__snapshots__/"],
 *   "rules": { "no-embedded-token": "warn", "no-multi-user-surface": "off" },
 *   "failOn": "red",
 *   "roles": { "test": "warn", "fixture": "off" }
 * }
 * ```
 *
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isKnownRuleName, ruleIdOf, ruleNameOf } from './rule-names.js';
import { boundedPatterns } from './scan/ignore-rules.js';
import { readBytes } from './scan/read.js';
import { IGNORE_FILE_NAME } from './scan/walk.js';
import type { ScanResult } from './scan/run.js';
import { UsageError } from './usage-error.js';
import type { Tier } from './detect/tier.js';
import { PATH_ROLES, type PathRole } from './scan/path-roles.js';

/** The configuration file's name. */
export const CONFIG_FILE_NAME = 'claude-auth-lint.config.json';
/** The key that holds the configuration inside package.json. */
export const PACKAGE_JSON_KEY = 'claude-auth-lint';

/** What a rule setting does: `error` fails the run, `warn` is reported, `off` drops the findings. */
export type RuleSetting = 'error' | 'warn' | 'off';

/** A checked configuration. */
export interface Config {
  /** Paths to leave out of directory walks, gitignore syntax, relative to the config's directory. */
  ignores: string[];
  /** Setting per rule id (`claude-auth/<rule-id>`); rules not named keep their tier's severity. */
  rules: Record<string, RuleSetting>;
  /** The lowest tier that fails the run: `red` (default: errors only) or `yellow` (warnings too). */
  failOn: Tier;
  /**
   * How the findings in files of each path role count (src/scan/path-roles.ts): `warn` makes them
   * warnings, `off` drops them, `error` (as unset) keeps the rule's severity.
   */
  roles: Partial<Record<PathRole, RuleSetting>>;
}

/** A configuration and the file it came from (undefined when there is none). */
export interface LoadedConfig {
  config: Config;
  source: string | undefined;
}

const DEFAULT_CONFIG: Config = { ignores: [], rules: {}, failOn: 'red', roles: {} };
const KEYS = new Set(['$schema', 'ignores', 'rules', 'failOn', 'roles']);
const SETTINGS: Readonly<Record<string, RuleSetting>> = { error: 'error', warn: 'warn', off: 'off', 2: 'error', 1: 'warn', 0: 'off' };

/**
 * Checks configuration data.
 *
 * @param data - the parsed JSON
 * @param source - where it came from, for messages
 * @throws UsageError naming the first problem: an unknown key, a wrong type, an unknown rule or
 *   setting, a `failOn` other than `red` / `yellow`
 */
export function validateConfig(data: unknown, source: string): Config {
  const fail = (problem: string): never => {
    throw new UsageError(`Invalid configuration in ${source}: ${problem}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('expected a JSON object.');
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KEYS.has(key)) fail(`unknown key "${key}" (known: ignores, rules, failOn, roles).`);
  }
  const config: Config = { ignores: [], rules: {}, failOn: 'red', roles: {} };
  if (record.ignores !== undefined) {
    if (!Array.isArray(record.ignores) || record.ignores.some((pattern) => typeof pattern !== 'string' || pattern.trim() === '')) {
      fail('"ignores" must be an array of non-empty strings (gitignore patterns).');
    }
    config.ignores = record.ignores as string[];
  }
  if (record.rules !== undefined) {
    if (record.rules === null || typeof record.rules !== 'object' || Array.isArray(record.rules)) fail('"rules" must be an object of rule ids to "error", "warn" or "off".');
    for (const [key, value] of Object.entries(record.rules as Record<string, unknown>)) {
      const name = ruleNameOf(key) ?? key;
      if (!isKnownRuleName(name)) fail(`unknown rule "${key}" in "rules" (run claude-auth-lint --list-rules).`);
      const setting = (typeof value === 'string' || typeof value === 'number') && Object.hasOwn(SETTINGS, value) ? SETTINGS[value] : undefined;
      if (!setting) fail(`the setting of "${key}" must be "error", "warn" or "off", got ${JSON.stringify(value)}.`);
      config.rules[ruleIdOf(name)] = setting as RuleSetting;
    }
  }
  if (record.roles !== undefined) {
    if (record.roles === null || typeof record.roles !== 'object' || Array.isArray(record.roles)) fail(`"roles" must be an object of path roles (${PATH_ROLES.join(', ')}) to "error", "warn" or "off".`);
    for (const [role, value] of Object.entries(record.roles as Record<string, unknown>)) {
      if (!(PATH_ROLES as readonly string[]).includes(role)) fail(`unknown path role "${role}" in "roles" (known: ${PATH_ROLES.join(', ')}).`);
      const setting = (typeof value === 'string' || typeof value === 'number') && Object.hasOwn(SETTINGS, value) ? SETTINGS[value] : undefined;
      if (!setting) fail(`the setting of role "${role}" must be "error", "warn" or "off", got ${JSON.stringify(value)}.`);
      config.roles[role as PathRole] = setting;
    }
  }
  if (record.failOn !== undefined) {
    if (record.failOn !== 'red' && record.failOn !== 'yellow') fail(`"failOn" must be "red" or "yellow", got ${JSON.stringify(record.failOn)}.`);
    config.failOn = record.failOn as Tier;
  }
  return config;
}

/** Largest configuration, package.json or ignore file read (bytes). */
const MAX_SETTINGS_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a settings file as UTF-8 when it is a regular file of at most 16 MiB: a repository may hold
 * a named pipe (a read would block for ever) or a link to /dev/zero (one would never end) by that name.
 *
 * @throws the stat error (ENOENT when it is missing); UsageError when it is not such a file
 */
async function readSettingsFile(file: string): Promise<string> {
  const stats = await stat(file);
  // The read opens without blocking and checks the type again: the file may be swapped for a pipe after the stat.
  const bytes = stats.isFile() ? readBytes(file, { maxBytes: MAX_SETTINGS_FILE_BYTES }).bytes : undefined;
  if (bytes === undefined) throw new UsageError(`${file} is not a regular file of at most 16 MiB.`);
  return bytes.toString('utf8');
}

async function readJson(file: string): Promise<unknown> {
  const text = await readSettingsFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Finds and checks the configuration: `file` when given; else `claude-auth-lint.config.json` in
 * `directory`; else the `"claude-auth-lint"` key of `directory`'s package.json; else defaults.
 *
 * @param directory - absolute path of the directory the scan runs from
 * @param file - an explicit config file (`--config`), absolute
 * @throws UsageError for a missing explicit file, bad JSON or an invalid configuration
 */
export async function loadConfig(directory: string, file?: string): Promise<LoadedConfig> {
  if (file !== undefined) {
    const data = await readJson(file).catch((error: unknown) => {
      if (isMissing(error)) throw new UsageError(`Cannot read the configuration file ${file}.`);
      throw error;
    });
    return { config: validateConfig(data, file), source: file };
  }
  const own = path.join(directory, CONFIG_FILE_NAME);
  try {
    return { config: validateConfig(await readJson(own), CONFIG_FILE_NAME), source: own };
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const manifest = path.join(directory, 'package.json');
  try {
    const data = (await readJson(manifest)) as Record<string, unknown> | null;
    if (data && typeof data === 'object' && PACKAGE_JSON_KEY in data) {
      return { config: validateConfig(data[PACKAGE_JSON_KEY], `package.json "${PACKAGE_JSON_KEY}"`), source: manifest };
    }
  } catch (error) {
    // A broken package.json is not ours to report unless it holds our key, which we cannot know.
    if (!isMissing(error) && !(error instanceof UsageError)) throw error;
  }
  return { config: { ...DEFAULT_CONFIG }, source: undefined };
}

/**
 * The patterns of `directory`'s `.claude-auth-lintignore` (none when it does not exist). The walk
 * honours the ignore files inside the walked directories itself; this one also applies when the
 * scan names a subdirectory.
 */
export async function readIgnoreFile(directory: string): Promise<string[]> {
  try {
    const text = await readSettingsFile(path.join(directory, IGNORE_FILE_NAME));
    return boundedPatterns(text);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/**
 * Applies per-rule settings: `off` drops a rule's findings, `warn` / `error` set their severity.
 * The tier is the policy's and stays as it is.
 *
 * @param result - the scan
 * @param rules - settings by rule id
 */
export function applyRuleSettings(result: ScanResult, rules: Readonly<Record<string, RuleSetting>>): ScanResult {
  if (Object.keys(rules).length === 0) return result;
  const reports = result.reports
    .map((report) => ({
      ...report,
      findings: report.findings
        .filter((finding) => rules[finding.ruleId] !== 'off')
        .map((finding) => {
          const setting = rules[finding.ruleId];
          return setting === undefined ? finding : { ...finding, severity: setting === 'error' ? (2 as const) : (1 as const) };
        }),
    }))
    .filter((report) => report.findings.length > 0 || report.diagnostics.length > 0);
  return { ...result, reports };
}
