import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/scan/analyze.js';
import { createSnippetMaker, SNIPPET_MAX_LINE_LENGTH } from '../../src/scan/snippet.js';
import { fakeCredential } from '../support/fake-credentials.js';

describe('createSnippetMaker', () => {
  const text = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', ''].join('\n');

  it('gives the finding line with two lines either side, numbered from 1', () => {
    expect(createSnippetMaker(text)(4, 1)).toEqual([
      { line: 2, text: 'two' },
      { line: 3, text: 'three' },
      { line: 4, text: 'four' },
      { line: 5, text: 'five' },
      { line: 6, text: 'six' },
    ]);
  });

  it('stops at the start and the end of the file (the final newline starts no line)', () => {
    expect(createSnippetMaker(text)(1, 1).map((line) => line.line)).toEqual([1, 2, 3]);
    expect(createSnippetMaker(text)(7, 1).map((line) => line.line)).toEqual([5, 6, 7]);
  });

  it('drops the carriage return of CRLF lines', () => {
    expect(createSnippetMaker('a\r\nb\r\n')(1, 1)).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
    ]);
  });

  it('redacts every credential on every line of the excerpt', () => {
    const access = fakeCredential('oat01');
    const key = fakeCredential('api03');
    const snippet = createSnippetMaker(`const a = '${access}';\nconst b = '${key}';\n`)(1, 12);
    const joined = snippet.map((line) => line.text).join('\n');
    expect(joined).not.toContain(access);
    expect(joined).not.toContain(key);
    expect(joined).toContain(`sk-ant-oat01-…${access.slice(-4)}`);
    expect(joined).toContain(`sk-ant-api03-…${key.slice(-4)}`);
  });

  it('cuts a long line around the finding and marks the cuts, never keeping part of a credential', () => {
    const token = fakeCredential('oat01');
    const column = 5002;
    const line = `${'x'.repeat(column - 2)}'${token}'${'y'.repeat(5000)}`;
    const [only] = createSnippetMaker(line)(1, column);
    expect(only?.text.startsWith('…')).toBe(true);
    expect(only?.text.endsWith('…')).toBe(true);
    expect(only?.text.length).toBeLessThanOrEqual(SNIPPET_MAX_LINE_LENGTH + 2);
    expect(only?.text).toContain(`sk-ant-oat01-…${token.slice(-4)}`);
    expect(only?.text).not.toContain(token.slice(20, 40));
  });

  it('keeps the start of other long lines', () => {
    const snippet = createSnippetMaker(`${'a'.repeat(300)}\nfinding\n`)(2, 1);
    expect(snippet[0]?.text).toBe(`${'a'.repeat(SNIPPET_MAX_LINE_LENGTH)}…`);
  });
});

describe('analyzeText snippets', () => {
  it('attaches a redacted excerpt to each finding', () => {
    const token = fakeCredential('oat01');
    const text = `# settings\nPORT=8080\nCLAUDE_TOKEN=${token}\nDEBUG=0\n`;
    const { findings } = analyzeText(text, '.env', 'dotenv');
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.snippet?.map((line) => line.line)).toEqual([1, 2, 3, 4]);
      expect(JSON.stringify(finding.snippet)).not.toContain(token);
    }
    expect(findings[0]?.snippet?.[2]?.text).toBe(`CLAUDE_TOKEN=sk-ant-oat01-…${token.slice(-4)}`);
  });
});
