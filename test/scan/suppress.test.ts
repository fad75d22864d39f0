import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZER_SETUP } from '../../src/files/index.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { classify } from '../../src/scan/classify.js';
import { parseDirectives } from '../../src/scan/suppress.js';
import { plantToken } from '../helpers/scan-helpers.js';

// The grammars load once, asynchronously, as the scanner does before a file of their language.
beforeAll(() => Promise.all(Object.values(ANALYZER_SETUP).map((setup) => setup())));

const token = plantToken('oat01', 1);
const analyze = (relativePath: string, text: string) => analyzeText(text, relativePath, classify(relativePath));
const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('ESLint directives in JS/TS (through Linter)', () => {
  it('eslint-disable-next-line with our rule id suppresses the next line only', () => {
    const result = analyze('src/config.ts', lines(
      '// eslint-disable-next-line claude-auth/no-embedded-token -- revoked token kept for the parser tests',
      `export const revoked = '${token}';`,
      `export const live = '${token}';`,
    ));
    expect(result.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['claude-auth/no-embedded-token', 3]]);
    expect(result.diagnostics).toEqual([]);
  });

  it('eslint-disable / eslint-enable blocks suppress what lies between them', () => {
    const result = analyze('src/config.js', lines(
      '/* eslint-disable claude-auth/no-embedded-token */',
      `const a = '${token}';`,
      '/* eslint-enable claude-auth/no-embedded-token */',
      `const b = '${token}';`,
    ));
    expect(result.findings.map((finding) => finding.line)).toEqual([4]);
  });

  it('blanket directives with no rule list (generated and vendored code) do not hide our findings', () => {
    const result = analyze('src/generated/client.js', lines(
      '/* eslint-disable */',
      `const a = '${token}';`,
      `const b = '${token}'; // eslint-disable-line`,
      '// eslint-disable-next-line -- generated',
      `const c = '${token}';`,
      '/* eslint-disable-next-line */',
      `const d = '${token}';`,
    ));
    expect(result.findings.map((finding) => [finding.line, finding.column])).toEqual([[2, 12], [3, 12], [5, 12], [7, 12]]);
    expect(result.diagnostics).toEqual([]);
  });

  it('a directive for another rule does not hide ours', () => {
    const result = analyze('src/config.ts', lines('// eslint-disable-next-line no-console', `const a = '${token}';`));
    expect(result.findings.map((finding) => finding.line)).toEqual([2]);
    expect(result.diagnostics).toEqual([]);
  });

  it('an unused eslint-disable naming our rule becomes an unused-directive diagnostic; other rules are not ours to report', () => {
    const result = analyze('src/app.ts', lines(
      '// eslint-disable-next-line claude-auth/no-embedded-token, no-console',
      "console.log('claude');",
      '// eslint-disable-next-line no-console',
      "console.log('claude');",
    ));
    expect(result.diagnostics).toEqual([
      { kind: 'unused-directive', message: "Unused eslint-disable directive (no problems were reported from 'claude-auth/no-embedded-token').", line: 1, column: 1 },
    ]);
  });

  it('a misspelt claude-auth rule in a directive is an invalid-directive diagnostic, not a crash', () => {
    const result = analyze('src/app.ts', lines('// eslint-disable-next-line claude-auth/no-embeded-token', `const a = '${token}';`));
    expect(result.diagnostics).toMatchObject([{ kind: 'invalid-directive', line: 1, message: expect.stringContaining('claude-auth/no-embeded-token') }]);
    expect(result.findings.map((finding) => finding.line)).toEqual([2]);
  });
});

describe('ESLint directives are read from comment tokens', () => {
  it('a string that looks like a blanket directive neither breaks the parse nor hides anything', () => {
    const result = analyze('src/lint-help.ts', lines(
      "import os from 'node:os';",
      "import path from 'node:path';",
      "export const hint = 'Add // eslint-disable-next-line -- generated above the line';",
      "export const login = path.join(os.homedir(), '.claude', '.credentials.json');",
    ));
    expect(result.diagnostics).toEqual([]);
    expect(result.findings.map((finding) => [finding.line, finding.ruleId])).toEqual([[4, 'claude-auth/no-credential-store-read']]);
  });

  it('our keyword inside a string is not a directive; in a comment it is, on its own line too', () => {
    const inString = analyze('src/a.ts', lines(`const note = " // claude-auth-lint-disable-next-line no-embedded-token -- x";`, `export const a = '${token}';`));
    expect(inString.findings.map((finding) => finding.line)).toEqual([2]);
    const sameLine = analyze('src/a.ts', lines(`export const a = '${token}'; // claude-auth-lint-disable-line no-embedded-token -- revoked`, `export const b = '${token}';`));
    expect(sameLine.findings.map((finding) => finding.line)).toEqual([2]);
    expect(sameLine.diagnostics).toEqual([]);
  });

  it('inline rule configuration in the scanned file cannot turn a rule off', () => {
    const result = analyze('src/a.ts', lines('/* eslint claude-auth/no-embedded-token: off */', `export const a = '${token}';`));
    expect(result.findings.map((finding) => finding.line)).toEqual([2]);
  });

  it('an unused eslint-enable naming our rule is reported as ESLint reports it', () => {
    const result = analyze('src/a.ts', lines('/* eslint-enable claude-auth/no-embedded-token */', 'export const a = 1;'));
    expect(result.diagnostics).toEqual([
      { kind: 'unused-directive', message: "Unused eslint-enable directive (no matching eslint-disable directives were found for 'claude-auth/no-embedded-token').", line: 1, column: 1 },
    ]);
  });
});

describe('claude-auth-lint-disable-line and -disable/-enable blocks in every kind of file', () => {
  it.each([
    ['shell', 'scripts/deploy.sh', '# '],
    ['Python', 'worker/job.py', '# '],
    ['YAML', 'config/app.yaml', '# '],
    ['Markdown', 'docs/setup.md', '<!-- '],
    ['TypeScript', 'src/config.ts', '// '],
  ])('%s: -disable-line suppresses its own line', (_language, file, opener) => {
    const close = opener.startsWith('<!--') ? ' -->' : '';
    const value = file.endsWith('.ts') ? `export const A = '${token}';` : file.endsWith('.py') ? `A = "${token}"` : `A=${token}`;
    const result = analyze(file, lines(`${value} ${opener}claude-auth-lint-disable-line no-embedded-token -- revoked 2026-11-01${close}`, value));
    expect(result.findings.map((finding) => finding.line)).toEqual([2]);
    expect(result.diagnostics).toEqual([]);
  });

  it('a block suppresses what lies between -disable and -enable, and runs to the end without -enable', () => {
    const closed = analyze('scripts/seed.sh', lines(
      '# claude-auth-lint-disable no-embedded-token -- revoked fixtures, 2026-11-01',
      `A=${token}`,
      `B=${token}`,
      '# claude-auth-lint-enable no-embedded-token',
      `C=${token}`,
    ));
    expect(closed.findings.map((finding) => finding.line)).toEqual([5]);
    expect(closed.diagnostics).toEqual([]);
    const open = analyze('worker/seed.py', lines(`A = "${token}"`, '# claude-auth-lint-disable no-embedded-token -- revoked fixtures', `B = "${token}"`, `C = "${token}"`));
    expect(open.findings.map((finding) => finding.line)).toEqual([1]);
  });

  it('reports blocks and same-line directives that suppress nothing, and enables that close nothing', () => {
    const result = analyze('scripts/seed.sh', lines(
      '# claude-auth-lint-disable no-credential-mount -- no mounts here',
      'echo hello # claude-auth-lint-disable-line no-embedded-token -- nothing',
      '# claude-auth-lint-enable no-credential-mount',
      '# claude-auth-lint-enable no-embedded-token',
    ));
    expect(result.diagnostics).toEqual([
      { kind: 'unused-directive', message: 'Unused claude-auth-lint-disable directive (no claude-auth/no-credential-mount problem in its block).', line: 1, column: 3 },
      { kind: 'unused-directive', message: 'Unused claude-auth-lint-disable-line directive (no claude-auth/no-embedded-token problem on line 2).', line: 2, column: 14 },
      { kind: 'unused-directive', message: "Unused claude-auth-lint-enable directive (no matching claude-auth-lint-disable directives were found for 'claude-auth/no-embedded-token').", line: 4, column: 3 },
    ]);
  });

  it('a block needs a rule and a reason, as the next-line form does', () => {
    const result = analyze('scripts/seed.sh', lines('# claude-auth-lint-disable no-embedded-token', `A=${token}`));
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toMatchObject([{ kind: 'invalid-directive', line: 1, message: expect.stringContaining('gives no reason') }]);
  });
});

describe('claude-auth-lint-disable-next-line in other files', () => {
  const cases: [string, string, string][] = [
    ['shell', 'scripts/deploy.sh', '# claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
    ['YAML', 'config/app.yaml', '  # claude-auth-lint-disable-next-line claude-auth/no-embedded-token -- revoked on 2026-11-01'],
    ['Python', 'worker/job.py', '    # claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
    ['.env', '.env.test', '# claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
    ['Markdown', 'docs/setup.md', '<!-- claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01 -->'],
    ['SQL', 'db/seed.sql', '-- claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
    ['INI', 'settings.ini', '; claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
    ['TOML', 'settings.toml', '# claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
    ['Go', 'cmd/main.go', '\t// claude-auth-lint-disable-next-line no-embedded-token -- revoked on 2026-11-01'],
  ];
  it.each(cases)('%s: suppresses the next line and nothing else', (_language, file, directive) => {
    const result = analyze(file, lines(directive, `TOKEN=${token}`, `OTHER=${token}`));
    expect(result.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['claude-auth/no-embedded-token', 3]]);
    expect(result.diagnostics).toEqual([]);
  });

  it('also holds in files npm would publish (findings are marked as published before suppression)', () => {
    const published = (text: string) => analyzeText(text, 'config/settings.txt', 'text', false, { publishedIn: 'app@1.0.0' }).findings;
    expect(published(lines(`TOKEN=${token}`)).map((finding) => [finding.messageId, finding.publishedIn])).toEqual([['publishedToken', 'app@1.0.0']]);
    expect(published(lines('# claude-auth-lint-disable-next-line no-embedded-token -- revoked 2026-11-01', `TOKEN=${token}`))).toEqual([]);
  });

  it('a directive without a reason suppresses nothing and is reported', () => {
    const result = analyze('scripts/deploy.sh', lines('# claude-auth-lint-disable-next-line no-embedded-token', `TOKEN=${token}`));
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toMatchObject([{ kind: 'invalid-directive', line: 1, column: 3, message: expect.stringContaining('gives no reason') }]);
  });

  it('a directive without a rule id suppresses nothing and is reported', () => {
    const result = analyze('config/app.yml', lines('# claude-auth-lint-disable-next-line -- it is fine', `token: ${token}`));
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toMatchObject([{ kind: 'invalid-directive', message: expect.stringContaining('names no rule') }]);
  });

  it('a directive with an unknown rule suppresses nothing and is reported', () => {
    const result = analyze('config/app.yml', lines('# claude-auth-lint-disable-next-line no-tokens -- fine', `token: ${token}`));
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toMatchObject([{ kind: 'invalid-directive', message: expect.stringContaining('unknown rule (no-tokens)') }]);
  });

  it('a directive for another rule leaves the finding and is reported as unused', () => {
    const result = analyze('scripts/deploy.sh', lines('# claude-auth-lint-disable-next-line no-credential-mount -- not a mount', `TOKEN=${token}`));
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toEqual([
      { kind: 'unused-directive', message: 'Unused claude-auth-lint-disable-next-line directive (no claude-auth/no-credential-mount problem on line 2).', line: 1, column: 3 },
    ]);
  });

  it('counts only the comment syntax of the file\'s language', () => {
    const directive = 'claude-auth-lint-disable-next-line no-embedded-token -- revoked';
    expect(analyze('src/a.ts', lines(`// ${directive}`, `const a = '${token}';`)).findings).toEqual([]);
    // Not a comment in TypeScript: no directive (and a syntax error, which no-unanalyzed-code reports too).
    expect(analyze('src/a.ts', lines(` * # ${directive}`, `const a = '${token}';`)).findings.map((finding) => finding.ruleId)).toEqual(['claude-auth/no-unanalyzed-code', 'claude-auth/no-embedded-token']);
    expect(analyze('docs/a.md', lines(`# ${directive}`, `TOKEN=${token}`)).findings).toHaveLength(1);
    // `//` is not Python: the line is no directive (and a syntax error, which no-unanalyzed-code reports too).
    expect(analyze('worker/a.py', lines(`// ${directive}`, `TOKEN = "${token}"`)).findings.map((finding) => finding.ruleId)).toEqual(['claude-auth/no-unanalyzed-code', 'claude-auth/no-embedded-token']);
  });

  it('the keyword inside a string or URL is not a directive', () => {
    expect(parseDirectives('echo "see claude-auth-lint-disable-next-line docs"\nurl=https://x.test/#claude-auth-lint-disable-next-line\n')).toEqual([]);
  });

  it('parses several rules, with or without the namespace, and the reason', () => {
    expect(parseDirectives('# claude-auth-lint-disable-next-line no-embedded-token, claude-auth/no-credential-store-read -- demo data\n')).toEqual([
      {
        keyword: 'claude-auth-lint-disable-next-line',
        type: 'disable-next-line',
        line: 1,
        column: 3,
        endLine: 1,
        ruleIds: ['claude-auth/no-embedded-token', 'claude-auth/no-credential-store-read'],
        reason: 'demo data',
      },
    ]);
  });
});
