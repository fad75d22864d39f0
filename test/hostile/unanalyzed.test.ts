/**
 * "One byte turns off the analysis of a whole file" (issue #17, item 7): an Express route that runs
 * the Agent SDK on the OAuth token, with each trick that once switched its analysis off. Every
 * variant must end as the red finding of the clean file (the trick no longer works) or, where the
 * scanner still cannot analyze the file, a yellow `no-unanalyzed-code` finding that says why: never
 * as a diagnostic alone. A file with the same trick and no trigger word keeps the diagnostic only.
 */
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/temp-repo.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { scan } from '../../src/scan/run.js';
import type { FileReport } from '../../src/scan/finding.js';

const ROUTE = [
  "import express from 'express';",
  "import { query } from '@anthropic-ai/claude-agent-sdk';",
  '',
  'const app = express();',
  'app.use(express.json());',
  '',
  "app.post('/ask', async (req, res) => {",
  '  const run = query({ prompt: req.body.question, options: { env: { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: process.env.CLAUDE_CODE_OAUTH_TOKEN } } });',
  "  for await (const message of run) if (message.type === 'result') res.json({ answer: message.result });",
  '});',
  '',
  'app.listen(3000);',
  '',
].join('\n');
/** Where the clean route's finding is: the line that hands `CLAUDE_CODE_OAUTH_TOKEN` to `query`. */
const RED_LINE = 8;
/** Where the first trigger word of every variant is: the Agent SDK import, on line 2 of ROUTE. */
const TRIGGER_LINE = 2;

/** ROUTE with `extra` put before the app (a line of its own), as JS text or bytes. */
function withBefore(extra: string | Buffer): Buffer {
  const [head, tail] = [ROUTE.slice(0, ROUTE.indexOf('const app')), ROUTE.slice(ROUTE.indexOf('const app'))];
  return Buffer.concat([Buffer.from(head), Buffer.from(extra as string), Buffer.from('\n'), Buffer.from(tail)]);
}

/** The same route, hidden each way. */
const TRICKS: Record<string, Buffer> = {
  'nul-in-comment.js': withBefore(Buffer.concat([Buffer.from('// '), Buffer.alloc(1), Buffer.from(' end')])),
  'invalid-utf8-in-comment.js': withBefore(Buffer.from([0x2f, 0x2f, 0x20, 0xff, 0xfe, 0x20, 0x78])),
  'long-comment-line.js': withBefore(`// ${'x'.repeat(20_001)}`),
  'brackets-in-comment.js': withBefore(`/* ${'('.repeat(501)} */`),
  'comment-padding.js': withBefore(`// padding\n`.repeat(110_000)),
  'string-padding.js': withBefore(`const padding = '${'a'.repeat(1_100_000)}';`),
  // Still kept from the analyzer: each must come out yellow.
  'nul-padding.js': withBefore(Buffer.concat([Buffer.from('/* '), Buffer.alloc(800), Buffer.from(' */')])),
  'deep-code.js': withBefore(`const nested = ${'['.repeat(501)}1${']'.repeat(501)};`),
  'minified-code.js': withBefore(`const table = [${'1,'.repeat(10_001)}];`),
  'code-padding.js': withBefore(`const table = [\n${'1,\n'.repeat(600_000)}];`),
  'concat-chain.js': withBefore(`const label = ${"'a' + ".repeat(100_000)}'a';`),
  'syntax-error.js': withBefore('const = ;'),
};
/** What each trick still keeps from the analyzer: the messageId of its yellow finding. */
const STILL_UNANALYZED: Record<string, string> = {
  'nul-padding.js': 'binary',
  'deep-code.js': 'tooDeep',
  'minified-code.js': 'minified',
  'code-padding.js': 'tooLarge',
  'concat-chain.js': 'minified',
  'syntax-error.js': 'parseError',
};

const summary = (report: FileReport | undefined): string[] =>
  (report?.findings ?? []).map((finding) => `${finding.ruleId} ${finding.line}${finding.ruleId.endsWith('no-unanalyzed-code') ? ` ${finding.messageId} ${finding.tier}` : ''}`);

describe('a file that names Claude and cannot be analyzed', () => {
  it('is analyzed despite the trick, or gets a yellow no-unanalyzed-code finding naming why', async () => {
    const repo = await makeRepo({ 'clean.js': ROUTE, ...Object.fromEntries(Object.entries(TRICKS).map(([name, content]) => [`hidden/${name}`, content])) });
    const { reports } = await scan(['.'], { cwd: repo });
    const byPath = new Map(reports.map((report) => [report.relativePath, report]));
    expect(summary(byPath.get('clean.js'))).toEqual([`claude-auth/no-oauth-token-proxy ${RED_LINE}`]);
    for (const name of Object.keys(TRICKS)) {
      const report = byPath.get(`hidden/${name}`);
      const messageId = STILL_UNANALYZED[name];
      // The route moved down by the lines the trick added.
      const added = TRICKS[name]!.toString('latin1').split('\n').length - ROUTE.split('\n').length;
      const red = `claude-auth/no-oauth-token-proxy ${RED_LINE + added}`;
      if (messageId === undefined) {
        expect(summary(report), name).toEqual([red]);
        expect(report?.diagnostics ?? [], name).toEqual([]);
        continue;
      }
      // At the syntax error; at the start of a file that was not decoded.
      const line = { 'syntax-error.js': 4, 'nul-padding.js': 1 }[name] ?? TRIGGER_LINE;
      const yellow = `claude-auth/no-unanalyzed-code ${line} ${messageId} yellow`;
      // Too much code: the route is parsed all the same, the largest block is left to the markers.
      expect(summary(report), name).toEqual(name === 'code-padding.js' ? [yellow, red] : [yellow]);
      const finding = report?.findings.find((candidate) => candidate.messageId === messageId);
      expect(finding?.message, name).toMatch(/could not be analyzed: .+\. (The text markers still ran|Nothing in it was checked)/);
    }
  });

  it('keeps the diagnostic alone when the file has no trigger word', async () => {
    const plain = ROUTE.replace("import { query } from '@anthropic-ai/claude-agent-sdk';\n", '').replace(/query\(\{.*\}\);/, 'Promise.resolve([]);').replaceAll('CLAUDE_CODE_OAUTH_TOKEN', 'TOKEN');
    const deep = `const nested = ${'['.repeat(501)}1${']'.repeat(501)};\n`;
    const repo = await makeRepo({
      'binary.js': Buffer.concat([Buffer.from(plain), Buffer.alloc(800)]),
      'big.js': `${plain}${'// padding\n'.repeat(200)}`,
      'hidden/big.js': `${ROUTE}${'// padding\n'.repeat(200)}`,
    });
    const { reports } = await scan(['.'], { cwd: repo, maxFileBytes: 2048 });
    expect(reports.map((report) => [report.relativePath, report.findings.map((finding) => finding.messageId), report.diagnostics.map((diagnostic) => diagnostic.kind)])).toEqual([
      ['big.js', [], ['too-large']],
      ['binary.js', [], ['binary']],
      ['hidden/big.js', ['tooLargeToRead'], ['too-large']],
    ]);
    // The prefilter sends no such file to a parser; given one anyway, the analysis adds no finding either.
    expect(analyzeText(`${plain}${deep}`, 'deep.js', 'js')).toMatchObject({ findings: [], diagnostics: [expect.objectContaining({ kind: 'too-deep' })] });
    expect(analyzeText(`${ROUTE}${deep}`, 'deep.js', 'js').findings.map((finding) => finding.messageId)).toEqual(['tooDeep']);
  });

  it('is suppressed by a directive with a reason, and its fingerprint ignores edits elsewhere', async () => {
    const deep = `const nested = ${'['.repeat(501)}1${']'.repeat(501)};\n`;
    const directive = '// claude-auth-lint-disable-next-line no-unanalyzed-code -- generated table, reviewed\n';
    const repo = await makeRepo({
      'a.js': `${ROUTE}${deep}`,
      'b.js': `// a comment moves every line\n\n${ROUTE}${deep}`,
      'c.js': ROUTE.replace("import { query }", `${directive}import { query }`) + deep,
    });
    const { reports } = await scan(['.'], { cwd: repo });
    const unanalyzed = (file: string) => reports.find((report) => report.relativePath === file)?.findings.filter((finding) => finding.messageId === 'tooDeep') ?? [];
    expect(unanalyzed('a.js')).toHaveLength(1);
    expect(unanalyzed('b.js').map((finding) => finding.fingerprint)).toEqual(unanalyzed('a.js').map((finding) => finding.fingerprint));
    expect(unanalyzed('c.js')).toEqual([]);
  });
});
