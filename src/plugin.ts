import type { ESLint, Linter, Rule } from 'eslint';
import { rules } from '../rules/index.js';
import type { RuleName } from './rule-names.js';
import { PLUGIN_NAMESPACE } from './policy.js';
import { severityOfTier } from './detect/tier.js';
import { docsOf, type ClaudeAuthRule } from './js/create-rule.js';
import { PACKAGE_INFO } from './package-info.js';
import { JS_EXTENSIONS } from './js/extensions.js';
import { configParser } from './js/config-parser.js';

const { name, version } = PACKAGE_INFO;

export { JS_EXTENSIONS } from './js/extensions.js';

/** `claude-auth/<rule-id>` for every rule. */
export type RuleId = `${typeof PLUGIN_NAMESPACE}/${RuleName}`;

/**
 * One flat-config object, typed with ESLint's own types (eslint is a peer dependency) so that
 * `defineConfig` from `eslint/config` accepts it as well as typescript-eslint's `config()`.
 */
export type PluginConfig = Linter.Config;

/** ESLint's rule severity, as the configs write it. */
type RuleSeverity = 'error' | 'warn';

/** The package's version, from its package.json. */
export const PACKAGE_VERSION = version;

/** The plugin object ESLint loads, typed as ESLint's `Plugin` so that TypeScript configs accept it. */
export interface ClaudeAuthPlugin extends ESLint.Plugin {
  /** Package name and version (ESLint uses them for caching and `--print-config`), and the rule namespace. */
  meta: { name: string; version: string; namespace: typeof PLUGIN_NAMESPACE };
  /** Rules by id without the namespace (typed as ESLint's rules; `rules/index.ts` has their own types). */
  rules: Record<RuleName, Rule.RuleModule>;
  /**
   * Flat configs, each one config object: ESLint 10 rejects an array nested in eslint.config.js's
   * array, and `export default [claudeAuth.configs.recommended]` is the documented use.
   */
  configs: { recommended: PluginConfig; strict: PluginConfig };
}

const plugin: ClaudeAuthPlugin = {
  meta: { name, version, namespace: PLUGIN_NAMESPACE },
  // typescript-eslint's RuleModule and ESLint's differ only in how their context is typed.
  rules: rules as unknown as Record<RuleName, Rule.RuleModule>,
  configs: { recommended: {}, strict: {} },
};

/**
 * Builds a config that turns rules on for every JS/TS extension. Its parser (src/js/config-parser.ts)
 * parses JS with ESLint's espree (JSX on, as before) and TS with `@typescript-eslint/parser`, loaded on
 * the first TS file: one config object cannot give different files different parsers, so the parser
 * chooses by extension. Like any parser in a flat config, it replaces the parser of configs before
 * it, so a project that parses JS with another parser (Babel) lists that config after this one.
 *
 * @param configName - the config's name, e.g. `recommended`
 * @param severityOf - the severity of a rule in this config, or undefined to leave it out
 */
function configOf(configName: string, severityOf: (rule: ClaudeAuthRule) => RuleSeverity | undefined): PluginConfig {
  const ruleEntries: [string, RuleSeverity][] = [];
  for (const [id, rule] of Object.entries(rules) as [string, ClaudeAuthRule][]) {
    const severity = severityOf(rule);
    if (severity !== undefined) ruleEntries.push([`${PLUGIN_NAMESPACE}/${id}`, severity]);
  }
  return {
    name: `${PLUGIN_NAMESPACE}/${configName}`,
    files: JS_EXTENSIONS.map((extension) => `**/*${extension}`),
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    languageOptions: { parser: configParser },
    rules: Object.fromEntries(ruleEntries),
  };
}

/** ESLint's severity for a tier: red rules are errors, yellow ones warnings. */
function severityOfRule(rule: ClaudeAuthRule): RuleSeverity {
  return severityOfTier(docsOf(rule).tier) === 2 ? 'error' : 'warn';
}

plugin.configs.recommended = configOf('recommended', (rule) => (docsOf(rule).recommended ? severityOfRule(rule) : undefined));
plugin.configs.strict = configOf('strict', () => 'error');

/**
 * The ESLint plugin: `meta`, `rules` (ids without the `claude-auth/` namespace) and flat
 * `configs.recommended` (red rules as errors, yellow as warnings) and `configs.strict` (every rule an
 * error). Both configs bring their own `files` patterns and parse JS with espree and TypeScript with
 * `@typescript-eslint/parser` (src/js/config-parser.ts); no rule needs type information.
 */
export default plugin;
