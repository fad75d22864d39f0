import { ESLint } from 'eslint';
import path from 'node:path';
import { expect, it } from 'vitest';

// The project's own eslint.config.js: eslint-plugin-eslint-plugin over rules/ (same as `npm run lint`).
it('the plugin’s rules pass eslint-plugin-eslint-plugin', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const config = (await eslint.calculateConfigForFile('rules/no-embedded-token.ts')) as { rules: Record<string, unknown> };
  expect(Object.keys(config.rules)).toContain('eslint-plugin/require-meta-docs-description');

  const results = await eslint.lintFiles(['rules', 'src']);
  expect(results.map((result) => path.relative(process.cwd(), result.filePath))).toContain(path.join('rules', 'no-embedded-token.ts'));
  const problems = results.flatMap((result) =>
    result.messages.map((message) => `${path.relative(process.cwd(), result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`),
  );
  expect(problems).toEqual([]);
});
