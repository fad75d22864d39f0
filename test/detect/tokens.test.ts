import { describe, expect, it } from 'vitest';
import { runMarkers } from '../../src/detect/markers.js';
import { findTokens, hasIssuedFormat, isRealTokenBody, redactSecrets, redactToken, shannonEntropy } from '../../src/detect/tokens.js';
import { FAKE_BODY, FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';

describe('findTokens', () => {
  it('finds every kind with its offsets', () => {
    const text = `a=sk-ant-oat01-${FAKE_BODY}\nb=sk-ant-ort01-${FAKE_BODY}\nc=sk-ant-sid01-${FAKE_BODY}\nd=sk-ant-api03-${FAKE_BODY}\ne=sk-ant-admin01-${FAKE_BODY}`;
    const found = findTokens(text);
    expect(found.map((m) => [m.kind, m.subscription])).toEqual([
      ['oauth-access', true],
      ['oauth-refresh', true],
      ['web-session', true],
      ['api-key', false],
      ['admin-key', false],
    ]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(`sk-ant-oat01-${FAKE_BODY}`);
  });

  it('accepts api04 keys', () => {
    expect(findTokens(`sk-ant-api04-${FAKE_BODY}`)).toHaveLength(1);
  });

  it.each([
    ['an ellipsis', 'sk-ant-oat01-...'],
    ['x placeholders', 'sk-ant-oat01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['a bare prefix', 'sk-ant-oat01-'],
    ['a short value', 'sk-ant-oat01-abc123'],
    ['placeholder words', 'sk-ant-api03-your-api-key-goes-here-0123456789abcdef'],
    ['a repeated character', `sk-ant-oat01-${'A'.repeat(95)}`],
    ['a truncated token', `sk-ant-oat01-${FAKE_BODY.slice(0, 20)}...`],
  ])('skips %s', (_name, text) => {
    expect(findTokens(text)).toEqual([]);
  });
});

describe('isRealTokenBody', () => {
  it('needs length, variety and no placeholder words', () => {
    expect(isRealTokenBody(FAKE_BODY)).toBe(true);
    expect(isRealTokenBody('0123456789')).toBe(false);
  });

  it('leaves out fakes with ordinary words, alphabet runs or low entropy (gitleaks: stopwords and entropy)', () => {
    const fill = (start: string): string => (start + FAKE_BODY).slice(0, 93) + 'AA';
    expect(isRealTokenBody(fill('ThisIsAFakeSecretForTheDocs'))).toBe(false);
    expect(isRealTokenBody(fill('Revoked-'))).toBe(false);
    expect(isRealTokenBody(fill('onlyTest'))).toBe(false);
    expect(isRealTokenBody(fill('abcdefgh'))).toBe(false);
    expect(isRealTokenBody(`${'AbCd1234'.repeat(11)}xyzAA`)).toBe(false);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy(FAKE_BODY)).toBeGreaterThan(5);
  });

  it('holds documentation to the issued format', () => {
    expect(hasIssuedFormat(FAKE_BODY)).toBe(true);
    expect(hasIssuedFormat(FAKE_BODY.slice(0, -2))).toBe(false);
    expect(hasIssuedFormat(`${FAKE_BODY.slice(0, -2)}Qz`)).toBe(false);
    const docs = (body: string): number => runMarkers(`Set \`CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-${body}\``, { tokensOnly: true }).length;
    expect(docs(FAKE_BODY)).toBe(1);
    expect(docs(FAKE_BODY.slice(4))).toBe(0);
    expect(runMarkers(`T=sk-ant-oat01-${FAKE_BODY.slice(4)}`)).toHaveLength(1);
  });
});

describe('redaction', () => {
  it('keeps the prefix and the last 4 characters only', () => {
    expect(redactToken(FAKE_OAUTH_TOKEN)).toBe('sk-ant-oat01-…FYAA');
  });

  it('redacts every credential in a text and leaves the rest', () => {
    const text = `Unexpected token near "${FAKE_OAUTH_TOKEN}" at 3:4`;
    expect(redactSecrets(text)).toBe('Unexpected token near "sk-ant-oat01-…FYAA" at 3:4');
  });
});
