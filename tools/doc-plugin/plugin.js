/**
 * The built plugin, renamed for eslint-doc-generator only. The generator derives the rule prefix from
 * `meta.name` (eslint-plugin-foo → foo: eslint-community/eslint-doc-generator#610) and would look for
 * `claude-auth-lint/…` rules in the configs; users write `claude-auth/…` (`meta.namespace`). ESLint wants
 * `meta.name` to be the npm package name, so the rename lives here and not in the plugin.
 */
import plugin from '../../dist/src/index.js';

export default { ...plugin, meta: { ...plugin.meta, name: `eslint-plugin-${plugin.meta.namespace}` } };
