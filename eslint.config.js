// Lints the plugin's own rules with eslint-plugin-eslint-plugin (`npm run lint`, also run by the tests).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  { ignores: ['dist/', 'fixtures/', 'coverage/'] },
  {
    files: ['rules/**/*.ts', 'src/**/*.ts'],
    languageOptions: { parser: tsParser },
    rules: {
      // The package's main entry loads ESLint's CLI class and the scope manager (~200 ms at start-up):
      // values come from its subpaths and @typescript-eslint/types; types are free.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@typescript-eslint/utils', allowTypeImports: true, message: 'Import values from @typescript-eslint/types or @typescript-eslint/utils/<subpath>.' }] },
      ],
    },
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
