// Lints the plugin's own rules with eslint-plugin-eslint-plugin (`npm run lint`, also run by the tests).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  { ignores: ['dist/', 'fixtures/', 'coverage/'] },
  {
    files: ['rules/**/*.ts', 'src/**/*.ts'],
    languageOptions: { parser: tsParser },
  },
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce) ' }],
      // createRule (src/js/create-rule.ts) derives the URL from the rule's name, which this rule cannot
      // see; test/meta.test.ts checks every rule's URL instead.
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-schema': 'error',
      'eslint-plugin/require-meta-type': 'error',
    },
  },
];
