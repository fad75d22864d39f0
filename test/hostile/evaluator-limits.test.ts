/**
 * The static evaluator on hostile code: a chain of concatenations must not build a longer string
 * at every step (a megabyte file of `p1 = p0 + '…'` lines did minutes of work, mostly garbage
 * collection), so values over the evaluator's length limit are unknown.
 */
import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { createStaticEvaluator } from '../../src/js/static-string.js';

/** Every `const` initialiser's value, by the name it is bound to. */
function valuesOf(code: string): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  const probe: Rule.RuleModule = {
    create(context) {
      const evaluator = createStaticEvaluator(context.sourceCode as unknown as TSESLint.SourceCode);
      return {
        VariableDeclarator(node) {
          const declarator = node as unknown as TSESTree.VariableDeclarator;
          if (declarator.id.type === 'Identifier') values.set(declarator.id.name, evaluator.string(declarator.init));
        },
      };
    },
  };
  new Linter().verify(code, [
    { plugins: { probe: { rules: { value: probe } } }, languageOptions: { parser: tsParser as Linter.Parser }, rules: { 'probe/value': 'error' } },
  ]);
  return values;
}

describe('evaluator limits', () => {
  it('gives up on a value once it is over 16 KiB, and starts again from the unknown part', () => {
    const steps = 2000;
    const lines = ["const p0 = '~/.claude';"];
    for (let step = 1; step <= steps; step += 1) lines.push(`const p${step} = p${step - 1} + '/0123456789';`);
    const values = valuesOf(lines.join('\n'));
    const lengths = [...values.values()].map((value) => value?.length ?? 0);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(16 * 1024);
    expect(values.get('p10')).toBe(`~/.claude${'/0123456789'.repeat(10)}`);
    expect([...values.values()].filter((value) => value === undefined).length).toBeGreaterThan(0);
    expect(values.get(`p${steps}`)).toMatch(/^\*(\/0123456789)+$/);
  });
});
