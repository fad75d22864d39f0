import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { createRequire } from 'node:module';
import { rules, type RuleName } from '../rules/index.js';
import { PLUGIN_NAMESPACE } from './policy.js';
import { severityOfTier } from './detect/tier.js';
import { docsOf, type ClaudeAuthRule } from './js/create-rule.js';

// The package's own name resolves through its `exports` from src/ (tests) and dist/src/ (published) alike.
const { name, version } = createRequire(import.meta.url)('claude-auth-lint/package.json') as { name: string; version: string };

/** The file extensions the plugin's configs lint, and the scanner hands to ESLint. */
export const JS_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

/** Extensions that ESLint's default parser (espree) cannot read: the configs parse them with `@typescript-eslint/parser`. */
const TYPESCRIPT_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx'] as const;

/**
 * Plain-JS extensions parsed with JSX on. React projects write JSX in `.js` as well as `.jsx`; JSX
 * syntax is a superset of JS for expressions, so turning it on never breaks a JS file.
 */
const JSX_JAVASCRIPT_EXTENSIONS = ['.js', '.jsx'] as const;

/** `claude-auth/<rule-id>` for every rule. */
export type RuleId = `${typeof PLUGIN_NAMESPACE}/${RuleName}`;

/** One flat-config object. */
export type PluginConfig = TSESLint.FlatConfig.Config;

/** ESLint's rule severity, as the configs write it. */
type RuleSeverity = 'error' | 'warn';

/** The package's version, from its package.json. */
export const PACKAGE_VERSION = version;

/** The plugin object ESLint loads. */
export interface ClaudeAuthPlugin {
  /** Package name and version (ESLint uses them for caching and `--print-config`), and the rule namespace. */
  meta: { name: string; version: string; namespace: typeof PLUGIN_NAMESPACE };
  /** Rules by id without the namespace. */
  rules: typeof rules;
  /**
   * Flat configs. Each is an array (ESLint flattens nested arrays, so `[claudeAuth.configs.recommended]`
   * works, as does spreading it or naming it in `extends`).
   */
  configs: { recommended: PluginConfig[]; strict: PluginConfig[] };
}

const plugin: ClaudeAuthPlugin = {
  meta: { name, version, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: { recommended: [], strict: [] },
};

/** `**` globs for the given extensions. */
function globsOf(extensions: readonly string[]): string[] {
  return extensions.map((extension) => `**/*${extension}`);
}

/**
 * Builds a config that turns rules on. Only TypeScript files get a parser: for plain JS the project's
 * own parser (espree by default, or e.g. Babel) is left alone, since a flat config's later parser
 * replaces an earlier one for every rule of every plugin.
 *
 * @param configName - the config's name, e.g. `recommended`
 * @param severityOf - the severity of a rule in this config, or undefined to leave it out
 */
function configOf(configName: string, severityOf: (rule: ClaudeAuthRule) => RuleSeverity | undefined): PluginConfig[] {
  const ruleEntries: [string, RuleSeverity][] = [];
  for (const [id, rule] of Object.entries(rules) as [string, ClaudeAuthRule][]) {
    const severity = severityOf(rule);
    if (severity !== undefined) ruleEntries.push([`${PLUGIN_NAMESPACE}/${id}`, severity]);
  }
  const qualifiedName = `${PLUGIN_NAMESPACE}/${configName}`;
  return [
    {
      name: qualifiedName,
      files: globsOf(JS_EXTENSIONS),
      plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
      rules: Object.fromEntries(ruleEntries),
    },
    {
      name: `${qualifiedName}/jsx-in-js`,
      files: globsOf(JSX_JAVASCRIPT_EXTENSIONS),
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    {
      // @typescript-eslint/parser reads JSX in .tsx (and never in .ts) from the extension alone.
      name: `${qualifiedName}/typescript`,
      files: globsOf(TYPESCRIPT_EXTENSIONS),
      languageOptions: { parser: tsParser },
    },
  ];
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
 * error). Both configs bring their own `files` patterns and parse TypeScript with `@typescript-eslint/parser`;
 * no rule needs type information.
 */
export default plugin;
