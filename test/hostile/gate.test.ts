/**
 * A hostile pull request against the gate (issue 17): each `describe` is one way the scanner was
 * slipped past, broken or taken over, built as an attacker would at test time (symbolic links
 * shipped in the tree, named pipes, tokens in file names and directives, control sequences and
 * workflow commands in names, bytes and comments that used to switch the analysis off, inline
 * configuration, ignore files and baselines in the tree, code in components and notebooks).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/temp-repo.js';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { redactExcerptMapped } from '../../src/detect/tokens.js';
import { decodeCall } from '../../src/js/decoders.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { boundedPatterns, MAX_IGNORE_PATTERNS } from '../../src/scan/ignore-rules.js';
import { createSnippetMaker } from '../../src/scan/snippet.js';
import { decode } from '../../src/scan/read.js';
import { scan } from '../../src/scan/run.js';
import { FORMAT_NAMES } from '../../src/report/format-names.js';
import { createRng, findLeaks, generateToken, runCapturing } from './support.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const rng = createRng(17);
const oauth = generateToken(rng, 'oat01');

/** An Express route that runs the Agent SDK on the OAuth token: red only through the AST rules (no text marker sees it). */
const PROXY_ROUTE = `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';
const app = express();
app.post('/ask', async (req, res) => {
  for await (const m of query({ prompt: req.body.q, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: process.env.CLAUDE_CODE_OAUTH_TOKEN } } })) res.write(String(m));
  res.end();
});
`;
const PROXY_RULE = 'claude-auth/no-oauth-token-proxy';
const rulesOf = (text: string, relativePath = 'server.js') => analyzeText(text, relativePath, 'js').findings.map((finding) => finding.ruleId);

/** A sibling directory outside the scanned tree, holding a file a hostile link points at. */
async function outsideVictim(): Promise<{ directory: string; file: string }> {
  const directory = await mkdtemp(path.join(tmpdir(), 'cal-victim-'));
  const file = path.join(directory, 'profile.sh');
  await writeFile(file, '# my shell profile\n');
  return { directory, file };
}

describe('2. writes never follow a symbolic link the tree ships', () => {
  it('refuses -o onto a link to a file outside the tree, and leaves that file alone', async () => {
    const victim = await outsideVictim();
    const cwd = await makeRepo({ 'src/a.ts': `export const t = '${oauth.token}';\n` });
    await symlink(victim.file, path.join(cwd, 'report.txt'));
    const run = await runCapturing(['-o', 'report.txt', '.'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('symbolic link');
    expect(await readFile(victim.file, 'utf8')).toBe('# my shell profile\n');
  });

  it('refuses --write-baseline through a linked directory, so no baseline lands outside the tree', async () => {
    const victim = await outsideVictim();
    const cwd = await makeRepo({ 'x/$(touch pwned)/y.py': `TOKEN = '${oauth.token}'\n` });
    await symlink(victim.directory, path.join(cwd, 'reports'));
    const run = await runCapturing(['--write-baseline', 'reports/baseline.json', '.'], cwd);
    expect(run.code).toBe(2);
    expect(await readdir(victim.directory)).toEqual(['profile.sh']);
  });

  it('still writes a baseline into a real directory it creates, paths as JSON data', async () => {
    const cwd = await makeRepo({ 'x/$(touch pwned)/y.py': `TOKEN = '${oauth.token}'\n` });
    const run = await runCapturing(['--write-baseline', 'out/baseline.json', '.'], cwd);
    expect(run.code).toBe(0);
    const baseline = JSON.parse(await readFile(path.join(cwd, 'out/baseline.json'), 'utf8')) as { entries: { path: string }[] };
    expect(baseline.entries.map((entry) => entry.path)).toEqual(['x/$(touch pwned)/y.py']);
    expect(existsSync(path.join(cwd, 'pwned'))).toBe(false);
  });
});

describe('3. no whole secret in any output, file names and directive text included', () => {
  it('redacts a token in a disable directive and in a file name, in every format, stderr and the baseline', async () => {
    const named = generateToken(rng, 'ort01');
    const cwd = await makeRepo({
      'src/key.ts': `/* claude-auth-lint-disable-next-line no-embedded-token */ const k = "${oauth.token}";\n`,
      [`src/${named.token}.ts`]: `export const k = "${oauth.token}";\n`,
    });
    const outputs: string[] = [];
    for (const format of FORMAT_NAMES) {
      const run = await runCapturing(['--format', format, '--report-unused-disable-directives', '.'], cwd);
      outputs.push(run.stdout, run.stderr);
    }
    const baselineRun = await runCapturing(['--write-baseline', 'baseline.json', '.'], cwd);
    outputs.push(baselineRun.stdout, baselineRun.stderr, await readFile(path.join(cwd, 'baseline.json'), 'utf8'));
    expect(outputs.join('\n')).toContain('claude-auth');
    expect(findLeaks(outputs.join('\n'), [oauth, named], 'outputs')).toEqual([]);
  });
});

describe('5. no hang on a named pipe', () => {
  const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

  it.runIf(hasMkfifo)('refuses -o onto a named pipe instead of blocking', async () => {
    const cwd = await makeRepo({ 'a.ts': `export const t = '${oauth.token}';\n` });
    expect(spawnSync('mkfifo', [path.join(cwd, 'out.json')]).status).toBe(0);
    const run = await runCapturing(['-o', 'out.json', '--format', 'json', '.'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a regular file');
  });

  it.runIf(hasMkfifo)('reads a file swapped for a named pipe after the walk as unreadable, without blocking', () => {
    // In a child process: before the fix the synchronous open blocked for ever, and a blocked test cannot fail.
    const cwd = spawnSync('mktemp', ['-d']).stdout.toString().trim();
    const fifo = path.join(cwd, 'swapped.js');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const script = `import { readText } from ${JSON.stringify(path.join(repoRoot, 'dist/src/scan/read.js'))};
      process.stdout.write(JSON.stringify(readText(${JSON.stringify(fifo)}, { maxBytes: 1024 }).diagnostics));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(JSON.parse(child.stdout.toString())).toEqual([{ kind: 'unreadable', message: 'Not read: not a regular file.' }]);
  });
});

describe('6. printed names and strings cannot drive a terminal or the Actions runner', () => {
  const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  /** A line that the runner would take for a workflow command, other than our own github-format annotations. */
  const injected = (line: string) => /^\s*(::|##\[)/.test(line) && !/^::(error|warning|notice) file=/.test(line);

  it('escapes OSC, bidi and workflow commands in findings, directive diagnostics, stale baseline paths and config errors', async () => {
    const evil = '::stop-commands::x\u001b]52;c;ZWNobyBwd25lZA==\u0007\u202egnp.js';
    const cwd = await makeRepo({
      [`${evil}`]: `// claude-auth-lint-disable-next-line ::add-mask::\u001b[2J✔ No problems found -- x\nconst k = "${oauth.token}";\n`,
      'baseline.json': JSON.stringify({ version: 1, entries: [{ ruleId: 'claude-auth/no-embedded-token', path: '::error title=pwned::\u001b]8;;http://evil\u0007x', fingerprint: 'f'.repeat(64) }] }),
      'bad-config.json': JSON.stringify({ rules: { '\u001b]0;owned\u0007::add-mask::x': 'off' } }),
    });
    const runs = [
      ...(await Promise.all(['stylish', 'github'].map((format) => runCapturing(['--format', format, '--baseline', 'baseline.json', '--report-unused-disable-directives', '.'], cwd)))),
      await runCapturing(['--config', 'bad-config.json', '.'], cwd),
    ];
    expect(runs[0]?.stdout).toContain('Disable directives');
    expect(runs[0]?.stderr).toContain('baseline entr');
    expect(runs[2]?.code).toBe(2);
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toMatch(controls);
      expect((run.stdout + run.stderr).split('\n').filter(injected)).toEqual([]);
    }
  });
});

describe('7. no single byte switches the analysis of a file off', () => {
  it('analyzes a file with a NUL byte in a comment', () => {
    const read = decode(Buffer.from(`// build \u0000 marker\n${PROXY_ROUTE}`));
    expect(read.diagnostics).toEqual([]);
    expect(rulesOf(read.text ?? '')).toContain(PROXY_RULE);
  });

  it('analyzes a file with an invalid UTF-8 byte in a comment, lines kept', () => {
    const read = decode(Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${PROXY_ROUTE}`)]));
    expect(read.diagnostics).toEqual([]);
    const findings = analyzeText(read.text ?? '', 'server.js', 'js').findings;
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toContain(`6 ${PROXY_RULE}`);
  });

  it('decides "minified", "too deep" and the parse size from code, not comments', () => {
    expect(rulesOf(`// ${'x'.repeat(20_001)}\n${PROXY_ROUTE}`)).toContain(PROXY_RULE);
    expect(rulesOf(`/* ${'('.repeat(501)} */\n${PROXY_ROUTE}`)).toContain(PROXY_RULE);
    expect(rulesOf(`${PROXY_ROUTE}${'// padding\n'.repeat(100_000)}`)).toContain(PROXY_RULE);
    // Real code that nests too deep is still refused.
    expect(analyzeText(`${PROXY_ROUTE}const a = ${'['.repeat(600)}${']'.repeat(600)};\n`, 'server.js', 'js').diagnostics.map((d) => d.kind)).toContain('too-deep');
  });

  it('reads UTF-16 without a byte order mark', () => {
    const read = decode(Buffer.from(`CLAUDE_CODE_OAUTH_TOKEN=${oauth.token}\n`, 'utf16le'));
    expect(read.text).toContain(oauth.token);
  });
});

describe('8. the scanned tree cannot configure, narrow or excuse its own scan', () => {
  it('ignores inline configuration of our rules and blanket disables written with commas', () => {
    expect(rulesOf(`/* eslint ${PROXY_RULE}: off */\n${PROXY_ROUTE}`)).toContain(PROXY_RULE);
    expect(rulesOf(`/* eslint-disable , */\n${PROXY_ROUTE}`)).toContain(PROXY_RULE);
    expect(rulesOf(PROXY_ROUTE.replace('  for await', '  // eslint-disable-next-line ,\n  for await'))).toContain(PROXY_RULE);
  });

  it('does not let U+2028 put a token under a directive on the same visual line', () => {
    const text = `// eslint-disable-next-line claude-auth/no-embedded-token -- fixture\u2028const k = "${oauth.token}";\n`;
    expect(rulesOf(text, 'key.js')).toContain('claude-auth/no-embedded-token');
  });

  it('with --untrusted, reads no config, ignore file or package.json key from the tree, and refuses a baseline in it', async () => {
    const cwd = await makeRepo({
      'claude-auth-lint.config.json': JSON.stringify({ ignores: ['**'], rules: { 'no-oauth-token-proxy': 'off' } }),
      'package.json': JSON.stringify({ name: 'x', 'claude-auth-lint': { ignores: ['**'] } }),
      '.claude-auth-lintignore': '*\n',
      '.gitignore': '*\n',
      'src/server.js': PROXY_ROUTE,
      'baseline.json': JSON.stringify({ version: 1, entries: [] }),
    });
    expect((await runCapturing(['.'], cwd)).code).toBe(0);
    const gated = await runCapturing(['--untrusted', '--format', 'json', '.'], cwd);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain(PROXY_RULE);
    const baseline = await runCapturing(['--untrusted', '--baseline', 'baseline.json', '.'], cwd);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('outside the scanned paths');
  });

  it('with --untrusted, a disable directive for our rules needs a reason', async () => {
    const cwd = await makeRepo({ 'src/server.js': PROXY_ROUTE.replace('  for await', `  // eslint-disable-next-line ${PROXY_RULE}\n  for await`) });
    expect((await runCapturing(['.'], cwd)).code).toBe(0);
    expect((await runCapturing(['--untrusted', '.'], cwd)).code).toBe(1);
  });

  const hasGit = spawnSync('git', ['--version']).status === 0;
  it.runIf(hasGit)('walks build-like folders that git tracks, in every mode', async () => {
    const cwd = await makeRepo({ 'dist/server.js': PROXY_ROUTE, 'build/untracked.js': PROXY_ROUTE, 'README.md': '# x\n' });
    const git = (...args: string[]) => expect(spawnSync('git', args, { cwd }).status).toBe(0);
    git('init', '-q');
    git('add', 'dist/server.js', 'README.md');
    const { reports } = await scan(['.'], { cwd, threads: 0 });
    expect(reports.map((report) => report.relativePath)).toEqual(['dist/server.js']);
  });
});

describe('9. every file that holds code gets its analyzer', () => {
  it('analyzes the <script> blocks of Vue, Svelte and Astro components, at their own lines', () => {
    for (const [name, text] of [
      ['App.vue', `<template>\n  <div>{{ x }}</div>\n</template>\n<script setup lang="ts">\n${PROXY_ROUTE}</script>\n`],
      ['Page.svelte', `<h1>hi</h1>\n<p>x</p>\n<div></div>\n<script>\n${PROXY_ROUTE}</script>\n`],
      ['page.astro', `---\nconst title = 'x';\nconst y = 1;\nconst z = 2;\n${PROXY_ROUTE}---\n<h1>{title}</h1>\n`],
    ] as const) {
      const findings = analyzeText(text, name, 'js').findings;
      expect(findings.map((finding) => `${finding.line} ${finding.ruleId}`), name).toContain(`9 ${PROXY_RULE}`);
    }
  });

  it('analyzes notebook code cells, at the lines of the notebook, and Python by shebang or .pyw', async () => {
    const cell = ['import os\n', 'import anthropic\n', "client = anthropic.Anthropic(auth_token=os.environ['CLAUDE_CODE_OAUTH_TOKEN'])\n"];
    const notebook = JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['# Notes\n'] }, { cell_type: 'code', source: ['%pip install anthropic\n', ...cell] }], nbformat: 4 }, null, 1);
    const python = cell.join('');
    const cwd = await makeRepo({ 'analysis.ipynb': notebook, 'tool.pyw': python, 'deploy.sh': `#!/usr/bin/env python3\n${python}` });
    const { reports } = await scan(['.'], { cwd, threads: 0 });
    const byFile = Object.fromEntries(reports.map((report) => [report.relativePath, report.findings.map((finding) => `${finding.line} ${finding.ruleId}`)]));
    const callLine = notebook.split('\n').findIndex((line) => line.includes('auth_token')) + 1;
    expect(byFile['analysis.ipynb']).toContain(`${callLine} claude-auth/no-agent-sdk-subscription-auth`);
    expect(byFile['tool.pyw']).toContain('3 claude-auth/no-agent-sdk-subscription-auth');
    expect(byFile['deploy.sh']).toContain('4 claude-auth/no-agent-sdk-subscription-auth');
  });

  it('reports a file whose name is not valid UTF-8 instead of skipping it silently', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'cal-names-'));
    await mkdir(path.join(cwd, 'src'));
    // A Latin-1 name: fs accepts the raw bytes as a Buffer path.
    await writeFile(Buffer.from(`${cwd}/src/caf\xe9.js`, 'latin1'), PROXY_ROUTE);
    const { reports } = await scan(['.'], { cwd, threads: 0 });
    const report = reports.find((candidate) => candidate.relativePath.startsWith('src/caf'));
    expect(report?.diagnostics.map((diagnostic) => diagnostic.message).join(' ')).toContain('not valid UTF-8');
  });
});

describe('4. bounded work per file and per scan', () => {
  const CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';

  it('lists at most 100 findings of a rule per file and counts the rest', () => {
    const text = `CLIENT_ID = '${CLIENT_ID}'\n`.repeat(5_000);
    const { findings, diagnostics } = analyzeText(text, 'ids.py', 'python');
    expect(findings.length).toBeLessThanOrEqual(100);
    expect(findings.length).toBeGreaterThan(0);
    expect(diagnostics.find((diagnostic) => diagnostic.kind === 'too-many-findings')?.message).toMatch(/^4900 more claude-auth\/no-claude-code-impersonation findings/);
  });

  it('builds excerpts of a long line from one redaction, each focused on its finding', () => {
    const line = `${'x'.repeat(300)}${oauth.token} ${'y'.repeat(300)}'${CLIENT_ID}' ${'z'.repeat(300)}`;
    const { text, offsetOf } = redactExcerptMapped(line);
    expect(text).not.toContain(oauth.body.slice(0, 12));
    // Only credential values are masked (issue 13): the client id is public evidence and stays readable.
    expect(text.slice(offsetOf(line.indexOf(CLIENT_ID)))).toMatch(new RegExp(`^${CLIENT_ID}' z`));
    expect(offsetOf(line.indexOf(' yyy'))).toBe(text.indexOf(' yyy'));
    const snippet = createSnippetMaker(line)(1, line.indexOf(CLIENT_ID) + 1);
    expect(snippet[0]?.text).toContain(CLIENT_ID);
    expect(snippet[0]?.text).not.toContain(oauth.body.slice(0, 12));
  });

  it('honours no ignore pattern whose regular expression backtracks, and at most 5,000 patterns a file', () => {
    expect(boundedPatterns('dist/\na/**/a/**/a/**/a/**/b\n**/cache/**\n')).toEqual(['dist/', '**/cache/**']);
    expect(boundedPatterns(Array.from({ length: 100_000 }, (_, index) => `generated-${index}.js`).join('\n'))).toHaveLength(MAX_IGNORE_PATTERNS);
  });

  it('walks a deep tree under a backtracking ignore line', async () => {
    const deep = Array(40).fill('a').join('/');
    const cwd = await makeRepo({ '.claude-auth-lintignore': 'a/**/a/**/a/**/a/**/a/**/a/**/b\n', [`${deep}/c/key.ts`]: `export const t = '${oauth.token}';\n` });
    const { reports } = await scan(['.'], { cwd, threads: 0 });
    expect(reports.map((report) => report.relativePath)).toEqual([`${deep}/c/key.ts`]);
  });
});

describe('10. values hidden behind YAML anchors, aliases and merge keys', () => {
  it('follows a merge key that brings a ~/.claude mount into a service that serves others', () => {
    const compose = [
      'x-base: &base',
      '  image: node:22',
      '  volumes:',
      '    - ~/.claude:/root/.claude',
      'services:',
      '  api:',
      '    <<: *base',
      '    ports:',
      '      - "8080:8080"',
      '',
    ].join('\n');
    const findings = analyzeText(compose, 'compose.yaml', 'compose').findings;
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId} ${finding.messageId}`)).toContain('4 claude-auth/no-credential-mount mountCredentials');
  });

  it('follows an alias that gives a service its whole volume list', () => {
    const compose = ['x-volumes: &volumes', '  - ~/.claude:/home/node/.claude', 'services:', '  bot:', '    image: bot', '    ports: ["80:80"]', '    volumes: *volumes', ''].join('\n');
    const findings = analyzeText(compose, 'docker-compose.yml', 'compose').findings;
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toContain('2 claude-auth/no-credential-mount');
  });
});

describe('10. encodings that hide a value from the static evaluation', () => {
  const withEnv = (name: string) => `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic({ authToken: process.env[${name}] });\n`;
  const codes = [...'CLAUDE_CODE_OAUTH_TOKEN'].map((character) => character.charCodeAt(0)).join(', ');

  it('reads an env name built from pieces or character codes', () => {
    for (const name of ["'CLAUDE_' + 'CODE_OAUTH_TOKEN'", `String.fromCharCode(${codes})`]) {
      expect(rulesOf(withEnv(name), 'client.js'), name).toContain('claude-auth/no-agent-sdk-subscription-auth');
    }
  });

  it('decodes character codes, hex buffers, percent-encoding, reversal and string replacement', () => {
    const value = '/.claude/.credentials.json';
    const hex = Buffer.from(value).toString('hex');
    const expressions = [
      `String.fromCharCode(${[...value].map((character) => character.charCodeAt(0)).join(', ')})`,
      `Buffer.from('${hex}', 'hex')`,
      `decodeURIComponent('${encodeURIComponent(value)}')`,
      `'${[...value].reverse().join('')}'.split('').reverse().join('')`,
      `'${value.replaceAll('.', '#')}'.replaceAll('#', '.')`,
    ];
    for (const expression of expressions) {
      const program = parse(`(${expression});`);
      const statement = program.body[0];
      const call = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
      expect(call?.type, expression).toBe('CallExpression');
      expect(decodeCall(call as TSESTree.CallExpression, literalValue), expression).toBe(value);
    }
  });
});

/** A literal's value, or a call decoded: the least of an evaluator, for the decoders' own tests. */
function literalValue(node: TSESTree.Node | null | undefined): string | undefined {
  if (node?.type === 'Literal') return typeof node.value === 'string' || typeof node.value === 'number' ? String(node.value) : undefined;
  return node?.type === 'CallExpression' ? decodeCall(node, literalValue) : undefined;
}

describe('10. os.environ reached without its name, in Python', () => {
  it('reads getattr(os, "environ") and __import__("os").environ as os.environ', async () => {
    const cwd = await makeRepo({
      'getattr_client.py': "import os\nimport anthropic\nclient = anthropic.Anthropic(auth_token=getattr(os, 'environ')['CLAUDE_CODE_OAUTH_TOKEN'])\n",
      'import_client.py': "import anthropic\nclient = anthropic.Anthropic(auth_token=__import__('os').environ['CLAUDE_CODE_OAUTH_TOKEN'])\n",
    });
    const { reports } = await scan(['.'], { cwd, threads: 0 });
    const found = reports.flatMap((report) => report.findings.map((finding) => `${report.relativePath}:${finding.line} ${finding.ruleId}`));
    expect(found).toEqual(expect.arrayContaining(['getattr_client.py:3 claude-auth/no-agent-sdk-subscription-auth', 'import_client.py:2 claude-auth/no-agent-sdk-subscription-auth']));
  });
});
