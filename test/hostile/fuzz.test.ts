/**
 * A short, bounded run of the fuzzer (tools/fuzz/engine.mjs) over the analyzers from source: a
 * few hundred generated and mutated inputs of every kind, with fixed seeds. `npm run fuzz` runs the
 * same fuzzer for longer, with a seed of its own.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTokens } from '../../src/detect/tokens.js';
import * as fileAnalyzers from '../../src/files/index.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { classify, type FileKind } from '../../src/scan/classify.js';
import { createRng, fuzz, loadSeeds, type FuzzSeed } from '../../tools/fuzz/engine.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let seeds: FuzzSeed[];

beforeAll(async () => {
  // Analyzers that load a parser first (a WebAssembly grammar) are made ready once, where they exist.
  const setups = (fileAnalyzers as { ANALYZER_SETUP?: Record<string, () => Promise<void>> }).ANALYZER_SETUP ?? {};
  await Promise.all(Object.values(setups).map((setup) => setup()));
  seeds = await loadSeeds(path.join(repoRoot, 'fixtures'), classify);
});

describe('fuzzing the analyzers', () => {
  it('starts from fixtures of every kind that has an analyzer', () => {
    const kinds = new Set(seeds.map((seed) => seed.kind));
    for (const kind of ['js', 'text', ...Object.keys(fileAnalyzers.FILE_ANALYZERS)]) expect(kinds, kind).toContain(kind);
  });

  for (const seed of [11, 12]) {
    it(`keeps every invariant over 200 inputs (seed ${seed})`, async () => {
      const reproDir = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-fuzz-test-'));
      const analyze = (text: string, relativePath: string, kind: string) => analyzeText(text, relativePath, kind as FileKind);
      const result = await fuzz({ analyze, seeds, findTokens, seed, iterations: 200, reproDir });
      expect(result.iterations).toBe(200);
      expect(result.failures).toEqual([]);
    });
  }

  it('catches what it is there to catch: a throw, a position out of range, a quoted token', async () => {
    const token = `sk-ant-oat01-${'Zq7LmW2xR9tKbVn4HcJ8pYs3FgD6wEa1Uo5Ti0Nk_Ml-ByCrXvQeGhSjPzIfOdAuWZq7LmW2xR9tKbVn4HcJ8pYs3FgD6wAA'}`;
    const broken = [
      () => { throw new Error('boom'); },
      () => ({ findings: [{ ruleId: 'r', messageId: 'm', message: 'x', line: 99_999, column: 1, endLine: 99_999, endColumn: 2 }], diagnostics: [] }),
      (text: string) => ({ findings: [{ ruleId: 'r', messageId: 'm', message: text.slice(text.indexOf('sk-ant-') + 20, text.indexOf('sk-ant-') + 40) || 'none', line: 1, column: 1, endLine: 1, endColumn: 2 }], diagnostics: [] }),
    ];
    const reasons = [];
    for (const analyze of broken) {
      const result = await fuzz({ analyze, seeds: [{ relativePath: 'a.ts', kind: 'js', text: `const t = '${token}';\n` }], findTokens, iterations: 300, maxFailures: 1 });
      reasons.push(result.failures[0]?.reason.replace(/\(.*/, ''));
    }
    expect(reasons).toEqual(['threw: Error: boom', 'line out of range ', 'a message quotes 12+ characters of a token body ']);
  });

  it('replays: the same seed gives the same inputs', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});
