import { describe, expect, it } from 'vitest';
import { MAX_PARSE_NESTING, analyzeText } from '../../src/scan/analyze.js';
import { nestingOver } from '../../src/scan/nesting.js';

const nested = (depth: number) => `${'[\n'.repeat(depth)}1${'\n]'.repeat(depth)}`;

describe('nesting limit', () => {
  it('measures the deepest nesting of brackets of any kind, closing ones included', () => {
    expect(nestingOver('({[]})', 3)).toBe(false);
    expect(nestingOver('({[]})', 2)).toBe(true);
    expect(nestingOver('()'.repeat(10_000), 1)).toBe(false);
    expect(nestingOver(')))(((', 3)).toBe(false);
  });

  it('still parses code nested to the limit, and gives deeper code the markers only', () => {
    const code = (depth: number) => `import { readFileSync } from 'node:fs';\nexport const data = ${nested(depth)};\nreadFileSync('/root/.claude/.credentials.json');\n`;
    const atLimit = analyzeText(code(MAX_PARSE_NESTING - 1), 'a.js', 'js');
    expect(atLimit.diagnostics).toEqual([]);
    expect(atLimit.findings.map((f) => f.messageId)).toEqual(['credentialsFile']);
    const over = analyzeText(code(MAX_PARSE_NESTING + 1), 'a.js', 'js');
    expect(over.diagnostics.map((d) => d.kind)).toEqual(['too-deep']);
    // The file names the stored login: the part left unparsed is a yellow no-unanalyzed-code finding too.
    expect(over.findings.map((f) => f.messageId)).toEqual(['tooDeep', 'credentialsFile']);
  });
});
