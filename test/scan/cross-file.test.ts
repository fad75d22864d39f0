import { describe, expect, it } from 'vitest';
import { addCrossFileFindings, crossFileFindings, resolveRelativeImport, type FileFactsEntry } from '../../src/scan/cross-file.js';
import type { FileReport } from '../../src/scan/finding.js';
import type { EntryPoint, Sink } from '../../src/model/facts.js';
import { makeRepo } from '../helpers/temp-repo.js';

const site = (line: number, column: number, label = '`claude -p` (a child process)'): Sink => ({
  kind: 'claude-cli',
  label,
  location: { line, column, endLine: line, endColumn: column + 10 },
  apiKeyConfigured: false,
});
const surface = (kind: EntryPoint['kind'], label: string, line: number, uses: Array<{ source: string; name: string }>) => ({
  entry: { kind, framework: label, label, location: { line, column: 1, endLine: line, endColumn: 2 } },
  uses,
});

describe('resolveRelativeImport', () => {
  const known = new Set(['/repo/lib/claude.ts', '/repo/lib/agents/index.ts', '/repo/util.mjs']);
  it('maps a .js specifier to its TypeScript source', () => {
    expect(resolveRelativeImport('/repo/bot.ts', './lib/claude.js', known)).toBe('/repo/lib/claude.ts');
  });
  it('adds extensions and index files', () => {
    expect(resolveRelativeImport('/repo/bot.ts', './lib/claude', known)).toBe('/repo/lib/claude.ts');
    expect(resolveRelativeImport('/repo/lib/claude.ts', './agents', known)).toBe('/repo/lib/agents/index.ts');
    expect(resolveRelativeImport('/repo/lib/claude.ts', '../util.mjs', known)).toBe('/repo/util.mjs');
  });
  it('finds nothing for files that were not analyzed', () => {
    expect(resolveRelativeImport('/repo/bot.ts', './lib/slack', known)).toBeUndefined();
  });
});

describe('crossFileFindings', () => {
  const files = new Map<string, FileFactsEntry>([
    ['/repo/src/bot.ts', {
      relativePath: 'src/bot.ts',
      facts: { exports: [], surfaces: [surface('chat', 'Telegram `bot.command` handler', 7, [{ source: './ai/index.js', name: 'answer' }])] },
    }],
    // A barrel that re-exports everything.
    ['/repo/src/ai/index.ts', { relativePath: 'src/ai/index.ts', facts: { exports: [{ name: '*', sites: [], uses: [{ source: './answer.js', name: '*' }] }], surfaces: [] } }],
    // `answer` calls `runClaude` of another module, which spawns claude.
    ['/repo/src/ai/answer.ts', {
      relativePath: 'src/ai/answer.ts',
      facts: { exports: [{ name: 'answer', sites: [], uses: [{ source: '../claude.js', name: 'runClaude' }] }, { name: 'unused', sites: [site(40, 3)], uses: [] }], surfaces: [] },
    }],
    ['/repo/src/claude.ts', { relativePath: 'src/claude.ts', facts: { exports: [{ name: 'runClaude', sites: [site(12, 9)], uses: [] }], surfaces: [] } }],
  ]);

  it('follows re-exports and calls across modules to the call site, and names the surface', () => {
    const found = crossFileFindings(files);
    expect([...found.keys()]).toEqual(['/repo/src/claude.ts', '/repo/src/bot.ts']);
    // The handler is reported too, naming the call it reaches.
    expect(found.get('/repo/src/bot.ts')?.[0]).toMatchObject({ tier: 'yellow', line: 7, column: 1 });
    expect(found.get('/repo/src/bot.ts')?.[0]?.message).toContain('`claude -p` (a child process) in src/claude.ts:12');
    const [finding] = found.get('/repo/src/claude.ts') ?? [];
    expect(finding).toMatchObject({ ruleId: 'claude-auth/no-multi-user-surface', tier: 'yellow', severity: 1, line: 12, column: 9 });
    expect(finding?.message).toContain('Telegram `bot.command` handler in src/bot.ts:7');
  });

  it('does not report exports no surface uses', () => {
    const lines = [...crossFileFindings(files).values()].flat().map((finding) => finding.line);
    expect(lines).not.toContain(40);
  });

  it('survives import cycles', () => {
    const cyclic = new Map<string, FileFactsEntry>([
      ['/r/a.ts', { relativePath: 'a.ts', facts: { exports: [{ name: 'f', sites: [], uses: [{ source: './b.js', name: 'g' }] }], surfaces: [surface('http', 'express `POST /x` handler', 3, [{ source: './b.js', name: 'g' }])] } }],
      ['/r/b.ts', { relativePath: 'b.ts', facts: { exports: [{ name: 'g', sites: [site(5, 1)], uses: [{ source: './a.js', name: 'f' }] }], surfaces: [] } }],
    ]);
    expect([...crossFileFindings(cyclic).values()].flat().map((finding) => finding.line)).toEqual([5, 3]);
  });

  it('does not repeat a finding the per-file rule already made', () => {
    const sameFile = new Map<string, FileFactsEntry>([
      ['/r/bot.ts', { relativePath: 'bot.ts', facts: { exports: [], surfaces: [surface('chat', 'Slack `app.message` handler', 2, [{ source: './claude.js', name: 'ask' }])] } }],
      ['/r/claude.ts', { relativePath: 'claude.ts', facts: { exports: [{ name: 'ask', sites: [site(4, 5)], uses: [] }], surfaces: [surface('chat', 'Slack `app.event` handler', 9, [])] } }],
    ]);
    const existing = crossFileFindings(sameFile).get('/r/claude.ts')?.[0];
    const reports: FileReport[] = [{ filePath: '/r/claude.ts', relativePath: 'claude.ts', findings: existing ? [{ ...existing, message: 'per-file' }] : [], diagnostics: [] }];
    addCrossFileFindings(reports, sameFile, '/r');
    expect(reports[0]?.findings.map((finding) => finding.message)).toEqual(['per-file']);
  });
});

describe('files that only name a framework, in a scan', () => {
  const handler = "import express from 'express';\nimport { answer } from './claude.js';\nconst app = express();\napp.post('/ask', async (req, res) => res.send(await answer(req.body.q)));\n";
  const claude = "import { execFileSync } from 'node:child_process';\nexport function answer(q) {\n  return execFileSync('claude', ['-p', q]).toString();\n}\n";
  // Broken on purpose: a parse gives it a diagnostic, so the report shows whether it was parsed.
  const brokenServer = "import http from 'node:http';\nhttp.createServer((req, res) => { res.end('ok') ;\n";

  it('are parsed when a Claude call exists for their handlers to reach', async () => {
    const { scan } = await import('../../src/scan/run.js');
    const cwd = await makeRepo({ 'src/server.js': handler, 'src/claude.js': claude, 'src/health.js': brokenServer });
    const { reports } = await scan(['.'], { cwd });
    expect(reports.map((report) => [report.relativePath, report.findings.map((f) => `${f.line}:${f.column} ${f.messageId}`), report.diagnostics.map((d) => d.kind)])).toEqual([
      ['src/claude.js', ['3:10 servesFromSubscription'], []],
      ['src/health.js', [], ['parse-error']],
      ['src/server.js', ['4:1 servesFromSubscription'], []],
    ]);
  });

  it('are not parsed in a repository without one', async () => {
    const { scan } = await import('../../src/scan/run.js');
    const cwd = await makeRepo({ 'src/server.js': handler.replace("import { answer } from './claude.js';\n", ''), 'src/health.js': brokenServer });
    expect((await scan(['.'], { cwd })).reports).toEqual([]);
  });
});
