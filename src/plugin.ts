import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { rules, type RuleName } from '../rules/index.js';
import { PLUGIN_NAMESPACE } from './policy.js';
import { severityOfTier } from './detect/tier.js';
import { docsOf, type ClaudeAuthRule } from './js/create-rule.js';
import { PACKAGE_INFO } from './package-info.js';

const { name, version } = PACKAGE_INFO;

/** The file extensions the plugin's configs lint, and the scanner hands to ESLint. */
export const JS_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

/** `claude-auth/<rule-id>` for every rule. */
export type RuleId = `${typeof PLUGIN_NAMESPACE}/${RuleName}`;

/** The plugin's flat-config shape: one config object. */
export type PluginConfig = TSESLint.FlatConfig.Config;

/** The package's version, from its package.json. */
export const PACKAGE_VERSION = version;

const plugin = {
  meta: { name, version, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as { recommended: PluginConfig; strict: PluginConfig },
};

/** Builds a config that turns every rule on, at the severity `severityOf` gives it. */
function configOf(configName: string, severityOf: (rule: ClaudeAuthRule) => 1 | 2): PluginConfig {
  return {
    name: `${PLUGIN_NAMESPACE}/${configName}`,
    files: JS_EXTENSIONS.map((extension) => `**/*${extension}`),
    plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => docsOf(rule).recommended)
        .map(([id, rule]) => [`${PLUGIN_NAMESPACE}/${id}`, severityOf(rule)]),
    ),
  };
}

plugin.configs.recommended = configOf('recommended', (rule) => severityOfTier(docsOf(rule).tier));
plugin.configs.strict = configOf('strict', () => 2);

/**
 * The ESLint plugin: `meta`, `rules` (ids without the `claude-auth/` namespace) and flat
 * `configs.recommended` (red rules as errors, yellow as warnings) and `configs.strict` (all errors).
 */
export default plugin;
