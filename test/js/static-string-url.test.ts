import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { createStaticEvaluator } from '../../src/js/static-string.js';

/** The evaluator's value of the initialiser of `const result = …` in `code`. */
function resultOf(code: string): string | undefined {
  let value: string | undefined;
  const probe: Rule.RuleModule = {
    create(context) {
      const evaluator = createStaticEvaluator(context.sourceCode as unknown as TSESLint.SourceCode);
      return {
        VariableDeclarator(node) {
          const declarator = node as unknown as TSESTree.VariableDeclarator;
          if (declarator.id.type === 'Identifier' && declarator.id.name === 'result') value = evaluator.string(declarator.init);
        },
      };
    },
  };
  const messages = new Linter().verify(code, [
    { plugins: { probe: { rules: { value: probe } } }, languageOptions: { parser: tsParser as Linter.Parser }, rules: { 'probe/value': 'error' } },
  ]);
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return value;
}

describe('static evaluation of new URL()', () => {
  it('resolves a path against a known base', () => {
    expect(resultOf(`const BASE = 'https://console.anthropic.com';\nconst result = new URL('/v1/oauth/token', BASE);`)).toBe('https://console.anthropic.com/v1/oauth/token');
    expect(resultOf(`const result = new URL('oauth/authorize', 'https://claude.ai/app/');`)).toBe('https://claude.ai/app/oauth/authorize');
    expect(resultOf(`const result = new URL('https://claude.ai/oauth/authorize').href;`)).toBe('https://claude.ai/oauth/authorize');
  });

  it('keeps the shape when the base is unknown', () => {
    expect(resultOf(`const result = new URL('/v1/oauth/token', process.env.ANTHROPIC_BASE_URL);`)).toBe('$ANTHROPIC_BASE_URL/v1/oauth/token');
    expect(resultOf(`const result = new URL('/v1/oauth/token', import.meta.url);`)).toBe('*/v1/oauth/token');
    expect(resultOf(`const result = new URL('token', \`https://\${host}/v1/oauth/\`);`)).toBe('https://*/v1/oauth/token');
  });

  it('follows a URL through a constant to its href, and leaves other objects alone', () => {
    expect(resultOf(`const u = new URL('/x', 'https://a.dev');\nconst result = u.href;`)).toBe('https://a.dev/x');
    expect(resultOf(`const result = new URL(path, 'https://a.dev');`)).toBeUndefined();
    expect(resultOf(`const page = { title: 't' };\nconst result = page.href;`)).toBeUndefined();
  });
});
