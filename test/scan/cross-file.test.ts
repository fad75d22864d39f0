import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { addCrossFileFindings, createModuleResolver, crossFileFindings, type FileFactsEntry } from '../../src/scan/cross-file.js';
import type { ModuleResolver } from '../../src/scan/module-resolution.js';
import type { FileReport } from '../../src/scan/finding.js';
import type { ImportUseFact } from '../../src/js/file-facts.js';
import type { EntryPoint, Sink } from '../../src/model/facts.js';
import { makeRepo } from '../helpers/temp-repo.js';

const site = (line: number, column: number, label = '`claude -p` (a child process)'): Sink => ({
  kind: 'claude-cli',
  label,
  location: { line, column, endLine: line, endColumn: column + 10 },
  apiKeyConfigured: false,
});
const surface = (kind: EntryPoint['kind'], label: string, line: number, uses: ImportUseFact[]) => ({
  entry: { kind, framework: label, label, location: { line, column: 1, endLine: line, endColumn: 2 } },
  uses,
});

/** Facts by repository path, written as a repository on disk (empty modules) so that module resolution finds them. */
async function inRepo(facts: Record<string, FileFactsEntry['facts']>): Promise<{ root: string; files: Map<string, FileFactsEntry>; resolve: ModuleResolver }> {
  const root = await makeRepo(Object.fromEntries(Object.keys(facts).map((relative) => [relative, 'export {};\n'])));
  const files = new Map(Object.entries(facts).map(([relative, fileFacts]) => [path.join(root, relative), { relativePath: relative, facts: fileFacts }]));
  return { root, files, resolve: createModuleResolver([root]) };
}

const at = (line: number, column: number) => ({ line, column, endLine: line, endColumn: column + 5 });

describe('crossFileFindings', () => {
  const facts: Record<string, FileFactsEntry['facts']> = {
    'src/bot.ts': { exports: [], surfaces: [surface('chat', 'Telegram `bot.command` handler', 7, [{ source: './ai/index.js', name: 'answer', location: at(9, 22) }])] },
    // A barrel that re-exports everything.
    'src/ai/index.ts': { exports: [{ name: '*', sites: [], uses: [{ source: './answer.js', name: '*' }] }], surfaces: [] },
    // `answer` calls `runClaude` of another module, which spawns claude.
    'src/ai/answer.ts': { exports: [{ name: 'answer', sites: [], uses: [{ source: '../claude.js', name: 'runClaude', location: at(4, 10) }] }, { name: 'unused', sites: [site(40, 3)], uses: [] }], surfaces: [] },
    'src/claude.ts': { exports: [{ name: 'runClaude', sites: [site(12, 9)], uses: [] }], surfaces: [] },
  };

  it('follows re-exports and calls across modules to the call site, and names the surface and the hops', async () => {
    const { root, files, resolve } = await inRepo(facts);
    const found = crossFileFindings(files, resolve);
    expect([...found.keys()]).toEqual([path.join(root, 'src/claude.ts'), path.join(root, 'src/bot.ts')]);
    // The handler is reported too, naming the call it reaches.
    const [atEntry] = found.get(path.join(root, 'src/bot.ts')) ?? [];
    expect(atEntry).toMatchObject({ tier: 'yellow', line: 7, column: 1 });
    expect(atEntry?.message).toContain('`claude -p` (a child process) in src/claude.ts:12');
    const [finding] = found.get(path.join(root, 'src/claude.ts')) ?? [];
    expect(finding).toMatchObject({ ruleId: 'claude-auth/no-multi-user-surface', tier: 'yellow', severity: 1, line: 12, column: 9 });
    expect(finding?.message).toContain('Telegram `bot.command` handler in src/bot.ts:7 → `answer` (src/bot.ts:9) → `runClaude` (src/ai/answer.ts:4)');
    // Both ends carry the whole path: entry point, each call, the Claude call.
    for (const end of [atEntry, finding]) {
      expect(end?.flow?.map((step) => `${step.relativePath}:${step.line}:${step.column} ${step.message}`)).toEqual([
        'src/bot.ts:7:1 Telegram `bot.command` handler',
        'src/bot.ts:9:22 calls `answer`',
        'src/ai/answer.ts:4:10 calls `runClaude`',
        'src/claude.ts:12:9 `claude -p` (a child process)',
      ]);
    }
  });

  it('does not report exports no surface uses', async () => {
    const { files, resolve } = await inRepo(facts);
    const lines = [...crossFileFindings(files, resolve).values()].flat().map((finding) => finding.line);
    expect(lines).not.toContain(40);
  });

  it('reaches only the export a handler names, not everything its module exports', async () => {
    // `module.exports = { testKey, runLogin }`: the object as a whole reaches the login, `testKey` does not.
    const { root, files, resolve } = await inRepo({
      'server.js': { exports: [], surfaces: [surface('http', 'express `POST /setup/test` handler', 4, [{ source: './lib/setup.js', name: 'testKey', location: at(5, 20) }])] },
      'lib/setup.js': { exports: [{ name: '*', sites: [site(30, 3)], uses: [] }, { name: 'default', sites: [site(30, 3)], uses: [] }, { name: 'testKey', sites: [], uses: [] }, { name: 'runLogin', sites: [site(30, 3)], uses: [] }], surfaces: [] },
      'admin.js': { exports: [], surfaces: [surface('http', 'express `POST /setup/login` handler', 8, [{ source: './lib/setup.js', name: 'runLogin', location: at(9, 5) }])] },
    });
    const found = crossFileFindings(files, resolve);
    expect([...found.keys()].sort()).toEqual([path.join(root, 'admin.js'), path.join(root, 'lib/setup.js')]);
    expect(found.get(path.join(root, 'lib/setup.js'))?.[0]?.message).toContain('express `POST /setup/login` handler in admin.js:8');
  });

  it('survives import cycles', async () => {
    const { files, resolve } = await inRepo({
      'a.ts': { exports: [{ name: 'f', sites: [], uses: [{ source: './b.js', name: 'g' }] }], surfaces: [surface('http', 'express `POST /x` handler', 3, [{ source: './b.js', name: 'g' }])] },
      'b.ts': { exports: [{ name: 'g', sites: [site(5, 1)], uses: [{ source: './a.js', name: 'f' }] }], surfaces: [] },
    });
    expect([...crossFileFindings(files, resolve).values()].flat().map((finding) => finding.line)).toEqual([5, 3]);
  });

  it('does not repeat a finding the per-file rule already made', async () => {
    const { root, files, resolve } = await inRepo({
      'bot.ts': { exports: [], surfaces: [surface('chat', 'Slack `app.message` handler', 2, [{ source: './claude.js', name: 'ask' }])] },
      'claude.ts': { exports: [{ name: 'ask', sites: [site(4, 5)], uses: [] }], surfaces: [surface('chat', 'Slack `app.event` handler', 9, [])] },
    });
    const claudeFile = path.join(root, 'claude.ts');
    const existing = crossFileFindings(files, resolve).get(claudeFile)?.[0];
    const reports: FileReport[] = [{ filePath: claudeFile, relativePath: 'claude.ts', findings: existing ? [{ ...existing, message: 'per-file' }] : [], diagnostics: [] }];
    addCrossFileFindings(reports, files, root, resolve);
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
