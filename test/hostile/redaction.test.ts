/** Redaction of tokens quoted in other letter cases, as parsers sometimes quote source. */
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactToken } from '../../src/detect/tokens.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { FAKE_API_KEY } from '../helpers/temp-repo.js';

describe('redaction in any letter case', () => {
  it('redacts an upper-cased token to its prefix and last 4 characters', () => {
    const shouted = FAKE_API_KEY.toUpperCase();
    expect(redactToken(shouted)).toBe(`SK-ANT-API03-…${shouted.slice(-4)}`);
    expect(redactSecrets(`unknown instruction "${shouted.slice(0, 40)}"`)).toBe(`unknown instruction "SK-ANT-API03-…${shouted.slice(36, 40)}"`);
  });

  it('keeps the body of a token out of the diagnostic of a Dockerfile whose line starts with one', () => {
    const { diagnostics } = analyzeText(`${FAKE_API_KEY}\nFROM node:22\nENV CLAUDE_CODE_OAUTH_TOKEN=x\n`, 'Dockerfile', 'dockerfile');
    const body = FAKE_API_KEY.slice('sk-ant-api03-'.length).toUpperCase();
    for (const diagnostic of diagnostics) expect(diagnostic.message.toUpperCase()).not.toContain(body.slice(0, 12));
  });
});

describe('diagnostics stay on one line', () => {
  it('escapes the line break that espree quotes as the character it stopped at', () => {
    const { diagnostics } = analyzeText("const where = '.claude/.credentials.json';\nconst x = #\n;\n", 'a.cjs', 'js');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).not.toMatch(/[\r\n]/);
  });
});
