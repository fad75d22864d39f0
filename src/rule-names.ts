/**
 * The plugin's rule names and ids, apart from the rules themselves: the configuration, the
 * disable directives and `--help` check names without loading a rule (and, through the rules,
 * typescript-eslint). rules/index.ts maps every name here to its rule, and the type checker
 * keeps the two lists equal.
 *
 * @packageDocumentation
 */
import { PLUGIN_NAMESPACE } from './policy.js';

/** All rule names (ids without the namespace), in registry order: each is a file name in `rules/`. */
export const RULE_NAMES = [
  'no-agent-sdk-subscription-auth',
  'no-claude-code-impersonation',
  'no-credential-mount',
  'no-credential-store-read',
  'no-embedded-token',
  'no-multi-user-surface',
  'no-oauth-token-proxy',
] as const;

/** A rule id without the plugin namespace, e.g. `no-embedded-token`. */
export type RuleName = (typeof RULE_NAMES)[number];

/** Whether a string is one of {@link RULE_NAMES}. */
export function isRuleName(name: string): name is RuleName {
  return (RULE_NAMES as readonly string[]).includes(name);
}

/**
 * Rules of the scanner alone, with no ESLint rule behind them (src/scanner-rules.ts): what they
 * report, ESLint cannot see (a file the scanner could not analyze). They have ids, tiers, messages
 * and docs pages like the others, and go through configuration, directives, baselines and every
 * format, but not through the plugin.
 */
export const SCANNER_RULE_NAMES = ['no-unanalyzed-code'] as const;

/** A scanner-only rule id without the namespace. */
export type ScannerRuleName = (typeof SCANNER_RULE_NAMES)[number];

/** Every rule id the scanner can report, without the namespace: the plugin's, then the scanner's own. */
export const KNOWN_RULE_NAMES: readonly (RuleName | ScannerRuleName)[] = [...RULE_NAMES, ...SCANNER_RULE_NAMES];

/** Whether a string is one of {@link KNOWN_RULE_NAMES}: what configuration and disable directives may name. */
export function isKnownRuleName(name: string): name is RuleName | ScannerRuleName {
  return (KNOWN_RULE_NAMES as readonly string[]).includes(name);
}

/** `claude-auth/<name>`. */
export function ruleIdOf(name: string): string {
  return `${PLUGIN_NAMESPACE}/${name}`;
}

/** The rule name of a `claude-auth/<name>` id, or undefined for another plugin's rule. */
export function ruleNameOf(ruleId: string | null | undefined): string | undefined {
  const prefix = `${PLUGIN_NAMESPACE}/`;
  return ruleId?.startsWith(prefix) ? ruleId.slice(prefix.length) : undefined;
}
