import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Runs `inspect` on a parsed file inside a real ESLint lint (scope analysis included) and returns
 * what it returned. For testing src/js helpers without writing a rule per helper.
 */
export function withSourceCode<T>(code: string, inspect: (context: TSESLint.RuleContext<string, []>) => T, filename = 'file.ts'): T {
  let result: T | undefined;
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return { 'Program:exit': () => void (result = inspect(context)) };
    },
  };
  const linter = new Linter({ cwd: '/' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts', '**/*.js'], plugins: { test: { rules: { inspect: rule } } as never }, languageOptions: { parser: tsParser as Linter.Parser }, rules: { 'test/inspect': 'error' } }],
    { filename: `/${filename}` },
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId === 'test/inspect');
  if (fatal) throw new Error(fatal.message);
  return result as T;
}
