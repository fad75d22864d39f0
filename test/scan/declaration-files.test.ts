import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/scan/analyze.js';
import { isDeclarationFile } from '../../src/scan/classify.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';

describe('declaration files', () => {
  it('are recognised by their double extension only', () => {
    expect(['index.d.ts', 'types/api.d.mts', 'lib/x.D.cts'].map(isDeclarationFile)).toEqual([true, true, true]);
    expect(['index.ts', 'd.ts', 'load.dts', 'index.d.tsx', 'a.d.js'].map(isDeclarationFile)).toEqual([false, false, false, false, false]);
  });

  it('get the text markers and no parse: no parse error even where the code is not TypeScript', () => {
    const text = `declare const token: string = '${FAKE_OAUTH_TOKEN}' +++ ;\n`;
    const analysis = analyzeText(text, 'types/index.d.ts', 'js');
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.findings.map((finding) => [finding.ruleId, finding.messageId, finding.line])).toEqual([
      ['claude-auth/no-embedded-token', 'subscriptionToken', 1],
    ]);
  });
});
