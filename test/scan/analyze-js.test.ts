import { describe, expect, it } from 'vitest';
import { analyzeJs } from '../../src/scan/analyze-js.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';

const TOKEN_LINE = `const token = '${FAKE_OAUTH_TOKEN}';`;
const findingsOf = (text: string, relativePath: string) => {
  const result = analyzeJs(text, relativePath);
  return { parsed: result.parsed, found: result.findings.map((finding) => [finding.messageId, finding.line]) };
};

describe('analyzeJs parsers', () => {
  it('parses JS modules, JSX and CommonJS with top-level return', () => {
    for (const extension of ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']) {
      expect(findingsOf(`${TOKEN_LINE}\n`, `src/token${extension}`)).toEqual({ parsed: true, found: [['subscriptionToken', 1]] });
    }
    expect(findingsOf(`import x from 'x';\n${TOKEN_LINE}\nexport const App = () => <div>{token}</div>;\n`, 'src/app.jsx'))
      .toEqual({ parsed: true, found: [['subscriptionToken', 2]] });
    expect(findingsOf(`if (!module.parent) return;\n${TOKEN_LINE}\nmodule.exports = token;\n`, 'lib/index.cjs'))
      .toEqual({ parsed: true, found: [['subscriptionToken', 2]] });
  });

  it('falls back to the TypeScript parser for JS that ESLint\u2019s parser rejects', () => {
    // `with` is an error in a module; type annotations are not JS.
    expect(findingsOf(`with (Math) { max(1, 2); }\n${TOKEN_LINE}\n`, 'legacy.js'))
      .toEqual({ parsed: true, found: [['subscriptionToken', 2]] });
    expect(findingsOf(`const port: number = 3000;\n${TOKEN_LINE}\n`, 'server.js'))
      .toEqual({ parsed: true, found: [['subscriptionToken', 2]] });
  });

  it('parses TypeScript with type assertions, and TSX with JSX', () => {
    expect(findingsOf(`const t = <string>process.env.X;\n${TOKEN_LINE}\n`, 'a.ts')).toEqual({ parsed: true, found: [['subscriptionToken', 2]] });
    expect(findingsOf(`${TOKEN_LINE}\nexport const A = (p: { n: number }) => <b>{p.n}</b>;\n`, 'a.tsx')).toEqual({ parsed: true, found: [['subscriptionToken', 1]] });
  });

  it('reports a parse error when neither parser can read the file', () => {
    const result = analyzeJs(`const = ;\n${TOKEN_LINE}\n`, 'broken.js');
    expect(result.parsed).toBe(false);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.kind, diagnostic.line])).toEqual([['parse-error', 1]]);
  });
});
