import { describe, expect, it } from 'vitest';
import { analyzablePart } from '../../src/scan/analyzable-part.js';

const TABLE = `[\n${'  [1, 2, 3],\n'.repeat(400)}]`;

describe('analyzablePart', () => {
  it('blanks the insides of the largest blocks, keeping every offset and line break', () => {
    const text = `import { query } from '@anthropic-ai/claude-agent-sdk';\nexport const table = ${TABLE};\nexport const run = () => query({ prompt: 'hi' });\n`;
    const part = analyzablePart(text, 200);
    expect(part?.text).toHaveLength(text.length);
    expect(part?.text.split('\n').length).toBe(text.split('\n').length);
    expect(part?.text).toContain(`export const table = [${' '.repeat(TABLE.length - 2).replace(/ /g, (_, offset: number) => (TABLE[offset + 1] === '\n' ? '\n' : ' '))}];`);
    expect(part?.text).toContain("export const run = () => query({ prompt: 'hi' });");
    const tableAt = text.indexOf(TABLE);
    expect(part?.blankedAt(tableAt + 10)).toBe(true);
    expect(part?.blankedAt(text.indexOf('query({'))).toBe(false);
  });

  it('never empties an index (`a[…]`), and gives up when no block can bring the code under the limit', () => {
    const index = `const value = lookup[${'1 + '.repeat(600)}1];\n`;
    expect(analyzablePart(index, 200)).toBeUndefined();
    expect(analyzablePart(`const a = ${TABLE};\nconst b = ${TABLE};\n`, 10)).toBeUndefined();
  });
});
