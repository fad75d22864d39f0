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
    },
  },
  {
    // These rules' contracts include messageIds that only the scanner's non-JS checks report (GitHub
    // workflows; Dockerfiles and compose files), so the JS rule leaves them unused.
    files: ['rules/no-multi-user-surface.ts', 'rules/no-credential-mount.ts'],
    rules: { 'eslint-plugin/no-unused-message-ids': 'off' },
  },
];
