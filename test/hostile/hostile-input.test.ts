/**
 * Broken and hostile repositories: every file that cannot be analyzed becomes a diagnostic (or
 * nothing), never a stack trace or a hang, and the genuine findings planted beside them are all
 * still reported. Everything is generated at test time in a temp directory.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_API_KEY, FAKE_OAUTH_TOKEN, makeRepo } from '../helpers/temp-repo.js';
import { FILE_ANALYZERS } from '../../src/files/index.js';
import { classify } from '../../src/scan/classify.js';
import { scan } from '../../src/scan/run.js';
import type { FileReport } from '../../src/scan/finding.js';
import { createRng, runCapturing, STACK_FRAME } from './support.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtCli = path.join(repoRoot, 'dist/src/cli.js');
const DEPTH = 10_000;

/** One finding as `path:line rule messageId`, for comparing whole lists. */
const keyed = (reports: FileReport[]) =>
  reports.flatMap((report) => report.findings.map((f) => `${report.relativePath}:${f.line} ${f.ruleId} ${f.messageId}`));
const diagnosticsOf = (reports: FileReport[], relativePath: string) =>
  reports.find((report) => report.relativePath === relativePath)?.diagnostics.map((d) => d.kind) ?? [];

/** Ordinary files with genuine findings, planted beside the hostile ones. */
const GENUINE: Record<string, string> = {
  'src/config.ts': `export const token = '${FAKE_OAUTH_TOKEN}';\n`,
  'src/login.js': "import { readFileSync } from 'node:fs';\nimport os from 'node:os';\n\nexport const login = JSON.parse(readFileSync(`${os.homedir()}/.claude/.credentials.json`, 'utf8'));\n",
  'scripts/deploy.sh': `export ANTHROPIC_API_KEY=${FAKE_API_KEY}\n`,
};
const GENUINE_FINDINGS = [
  'scripts/deploy.sh:1 claude-auth/no-embedded-token apiKey',
  'src/config.ts:1 claude-auth/no-embedded-token subscriptionToken',
  'src/login.js:4 claude-auth/no-credential-store-read credentialsFile',
];

/** `depth` levels of nesting, one opener per line so that the minified-line limit does not stop the parse. */
const nested = (open: string, middle: string, close: string, depth = DEPTH) => `${open}\n`.repeat(depth) + middle + `\n${close}`.repeat(depth);

function randomBytes(seed: number, length: number): Buffer {
  const rng = createRng(seed);
  return Buffer.from(Array.from({ length }, () => rng.int(256)));
}

/** A YAML "billion laughs": nine levels of aliases, each nine times the one before. */
function aliasBomb(trigger: string): string {
  const lines = [`# ${trigger}`, 'a0: &a0 ["lol"]'];
  for (let level = 1; level < 10; level += 1) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nservices:\n  app:\n    image: *a9\n    environment:\n      - CLAUDE_CODE_OAUTH_TOKEN\n`;
}

// Cut inside the template literal, after the stored login's name: a rule could report here, so the file is parsed (and fails).
const truncatedSource = GENUINE['src/login.js']!.slice(0, -13);
const credentialsTrigger = "const where = '.claude/.credentials.json';";

/** Every hostile file of the big repository, path → content. */
const HOSTILE: Record<string, string | Buffer> = {
  'junk/random.js': randomBytes(1, 4096),
  'junk/random.py': randomBytes(2, 4096),
  'junk/random.yml': randomBytes(3, 4096),
  'junk/random-with-trigger.ts': Buffer.concat([randomBytes(4, 2048).filter((byte) => byte !== 0), Buffer.from(credentialsTrigger)]),
  'junk/truncated.js': truncatedSource,
  'junk/syntax-error.ts': `${credentialsTrigger}\nlet a = ;\n`,
  'junk/truncated.py': 'import json\nwith open(os.path.expanduser("~/.claude/.credentials.json")) as f:\n    data = json.lo',
  'junk/truncated-package/package.json': '{"name": "x", "scripts": {"start": "claude --credentials',
  'junk/latin1.js': Buffer.concat([Buffer.from('// caf\xe9 \xff\xfe\n', 'latin1'), Buffer.from(`const t = '${FAKE_OAUTH_TOKEN}';\n`)]),
  'junk/utf16le.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`export const t = '${FAKE_OAUTH_TOKEN}';\n`, 'utf16le')]),
  'junk/utf16be.ts': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`export const t = '${FAKE_OAUTH_TOKEN}';\n`, 'utf16le').swap16()]),
  'junk/nul.js': Buffer.alloc(64 * 1024),
  'junk/nul-after-text.py': Buffer.concat([Buffer.from(`TOKEN = "${FAKE_OAUTH_TOKEN}"\n`), Buffer.alloc(1024)]),
  'deep/array.js': `${credentialsTrigger}\nexport const deep = ${nested('[', '1', ']')};\n`,
  'deep/functions.ts': `${credentialsTrigger}\n${nested('function f() {', 'return 1;', '}')}\n`,
  'deep/concat.js': `const t = 'sk-ant-oat01-' ${'+ "Ab3"\n'.repeat(DEPTH)};\n`,
  'deep/objects.json': `{"CLAUDE_CODE_OAUTH_TOKEN": ${nested('{"a":', '1', '}')}}\n`,
  'deep/package.json': `{"name": "deep", "CLAUDE_CODE_OAUTH_TOKEN": ${nested('[', '1', ']')}}\n`,
  'deep/deep.py': `import os\nwhere = "~/.claude/.credentials.json"\nx = ${nested('[', '1', ']')}\n`,
  'deep/calls.py': `where = "~/.claude/.credentials.json"\nx = ${nested('f(', '1', ')')}\n`,
  'deep/docker-compose.yml': `services:\n  app:\n    image: "claude"\n    x: ${nested('[', '1', ']')}\n`,
  'bombs/docker-compose.yml': aliasBomb('claude'),
  'bombs/.github/workflows/bomb.yml': aliasBomb('claude'),
  'bombs/manifest.yaml': aliasBomb('.claude credentials'),
  'strings/one-line.js': `const big = "${'x'.repeat(1024 * 1024)}"; const where = '.claude/.credentials.json';\n`,
  'strings/template.js': `const big = \`${'x'.repeat(99) + '\n'}${'y'.repeat(99).concat('\n').repeat(9000)}\`;\n${credentialsTrigger}\n`,
  'strings/unterminated.ts': `${credentialsTrigger}\nconst s = "${'z'.repeat(200_000)}\n`,
};

/** File names that terminals, shells and report formats find awkward, each holding a real token. */
const AWKWARD_NAMES = [
  'names/new\nline.ts',
  'names/with space.ts',
  `names/"double" and 'single' quotes.ts`,
  'names/ünïcödé-名前.ts',
  'names/escape-\u001b[31m-red.ts',
  'names/right-to-left-\u202eexe.ts',
];

let root: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-hostile-'));
  outside = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-outside-'));
  const files: Record<string, string | Buffer> = { ...GENUINE, ...HOSTILE };
  for (const name of AWKWARD_NAMES) files[name] = `export const token = '${FAKE_OAUTH_TOKEN}';\n`;
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  // Links: a loop, a link to itself, and links out of the tree to files with findings.
  await writeFile(path.join(outside, 'secret.ts'), `export const token = '${FAKE_OAUTH_TOKEN}';\n`);
  await mkdir(path.join(root, 'links'));
  await symlink('loop-b', path.join(root, 'links/loop-a'));
  await symlink('loop-a', path.join(root, 'links/loop-b'));
  await symlink('.', path.join(root, 'links/self'));
  await symlink('..', path.join(root, 'links/parent'));
  await symlink(outside, path.join(root, 'links/outside-dir'));
  await symlink(path.join(outside, 'secret.ts'), path.join(root, 'links/outside-file.ts'));
  await symlink('/dev/zero', path.join(root, 'links/dev-zero.js'));
  // A named pipe: reading it would block for ever, so the walk must not hand it to the reader.
  expect(spawnSync('mkfifo', [path.join(root, 'junk/pipe.js')]).status).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('a repository of hostile and broken files', () => {
  it('reports every genuine finding, the tokens in decodable files and awkward names, and no file twice', async () => {
    const result = await scan(['.'], { cwd: root });
    const found = keyed(result.reports);
    for (const finding of GENUINE_FINDINGS) expect(found).toContain(finding);
    for (const name of AWKWARD_NAMES) expect(found).toContain(`${name}:1 claude-auth/no-embedded-token subscriptionToken`);
    // Tokens in text that is not UTF-8, or UTF-16 with a BOM, are still seen.
    for (const file of ['junk/latin1.js:2', 'junk/utf16le.ts:1', 'junk/utf16be.ts:1']) {
      expect(found).toContain(`${file} claude-auth/no-embedded-token subscriptionToken`);
    }
    expect(new Set(result.reports.map((report) => report.filePath)).size).toBe(result.reports.length);
  });

  it('gives each file that cannot be analyzed a diagnostic of its own, and positions that exist', async () => {
    const { reports } = await scan(['.'], { cwd: root });
    // Invalid UTF-8 bytes read as U+FFFD: the file is analyzed in full, with no diagnostic.
    expect(diagnosticsOf(reports, 'junk/latin1.js')).toEqual([]);
    expect(diagnosticsOf(reports, 'junk/nul.js')).toEqual(['binary']);
    expect(diagnosticsOf(reports, 'junk/nul-after-text.py')).toEqual(['binary']);
    expect(diagnosticsOf(reports, 'junk/truncated.js')).toEqual(['parse-error']);
    // A megabyte in one string literal is one token: the parse limits do not count it, and the file is parsed.
    expect(diagnosticsOf(reports, 'strings/one-line.js')).toEqual([]);
    // Its 200,000 characters are one (unterminated) string, not a minified line: it is parsed, and fails.
    expect(diagnosticsOf(reports, 'strings/unterminated.ts')).toEqual(['parse-error']);
    // Deep brackets are refused before any parser (of any kind that has one) sees them; a deep chain
    // of operators overflows the parser's stack, which is a parse error like any other.
    for (const file of Object.keys(HOSTILE).filter((name) => name.startsWith('deep/'))) {
      const kind = classify(file);
      const expected = file === 'deep/concat.js' ? ['parse-error'] : kind === 'js' || FILE_ANALYZERS[kind] ? ['too-deep'] : [];
      expect(diagnosticsOf(reports, file), file).toEqual(expected);
    }
    const syntaxError = reports.find((report) => report.relativePath === 'junk/syntax-error.ts')?.diagnostics;
    expect(syntaxError).toEqual([expect.objectContaining({ kind: 'parse-error', line: 2, column: 'let a = '.length + 1 })]);
    const texts = new Map(Object.entries({ ...GENUINE, ...HOSTILE }).map(([name, content]) => [name, content.toString()]));
    for (const report of reports) {
      const lineCount = (texts.get(report.relativePath) ?? '\n').split('\n').length;
      for (const item of [...report.findings, ...report.diagnostics]) {
        if (item.line === undefined) continue;
        expect(item.line, report.relativePath).toBeGreaterThanOrEqual(1);
        expect(item.line, report.relativePath).toBeLessThanOrEqual(lineCount);
        expect(item.column, report.relativePath).toBeGreaterThanOrEqual(1);
      }
      for (const diagnostic of report.diagnostics) expect(diagnostic.message, report.relativePath).not.toMatch(/\n/);
    }
  });

  it('never follows a symbolic link (no loop, nothing from outside the tree) and never opens a named pipe', async () => {
    const { reports } = await scan(['.'], { cwd: root });
    expect(reports.filter((report) => report.relativePath.startsWith('links/') || report.relativePath === 'junk/pipe.js')).toEqual([]);
    expect(reports.every((report) => report.filePath.startsWith(root))).toBe(true);
  });

  it('gives a named pipe named on the command line a diagnostic instead of blocking on it', async () => {
    const { reports } = await scan(['junk/pipe.js'], { cwd: root });
    expect(reports.map((report) => [report.relativePath, report.diagnostics.map((d) => d.message)])).toEqual([['junk/pipe.js', ['Not read: not a regular file.']]]);
  });

  it('prints every format without a stack trace, a raw control character or a broken line, and exits 1', async () => {
    const { FORMAT_NAMES } = await import('../../src/report/index.js');
    for (const format of FORMAT_NAMES) {
      const run = await runCapturing(['--format', format], root);
      expect(run.code, format).toBe(1);
      expect(run.stderr, format).toBe('');
      // The progress line's own "carriage return, erase line" is the one control sequence allowed.
      for (const output of [run.stdout, run.progress.replaceAll('\r\u001b[2K', '')]) {
        expect(output, format).not.toMatch(STACK_FRAME);
        // ESC and the other C0 controls but tab and newline: JSON and SARIF escape them too.
        expect(output, format).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
      }
      if (format === 'stylish' || format === 'github') {
        // What a terminal or a CI log shows: also no DEL, C1 controls or bidirectional overrides.
        expect(run.stdout, format).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }
      if (format === 'stylish') {
        expect(run.stdout).toContain('names/new\\nline.ts');
        expect(run.stdout.split('\n')).not.toContain('line.ts');
      }
    }
  });

  it('runs the built CLI to the end: exit 1, no stack trace on either stream', () => {
    const child = spawnSync(process.execPath, [builtCli, '--format', 'json', root], { encoding: 'utf8', timeout: 120_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).not.toMatch(STACK_FRAME);
    expect(child.status).toBe(1);
    expect(JSON.parse(child.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ filePath: path.join(root, 'src/config.ts') })]));
  });
});

describe('edge repositories', () => {
  it('scans an empty repository, and one with only an empty .git, to exit 0', async () => {
    const empty = await makeRepo({});
    const emptyGit = await makeRepo({ '.git/HEAD': 'ref: refs/heads/main\n' });
    for (const directory of [empty, emptyGit]) {
      const run = await runCapturing([], directory);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/No problems found \(0 files scanned/);
    }
  });

  it('reads a 50 MB single-line bundle once, gives it the markers only, and still finds the token at its end', async () => {
    const repo = await makeRepo({ 'src/app.ts': GENUINE['src/config.ts']! });
    const bundle = path.join(repo, 'public/bundle.min.js');
    await mkdir(path.dirname(bundle));
    const stream = createWriteStream(bundle);
    const rng = createRng(50);
    const chunk = Array.from({ length: 1024 * 1024 }, () => 'abcdefghij;(){}=+,.'[rng.int(19)]).join('');
    for (let mebibyte = 0; mebibyte < 50; mebibyte += 1) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end(`;var t="${FAKE_OAUTH_TOKEN}";`);
    await once(stream, 'close');

    const { reports } = await scan(['.'], { cwd: repo });
    const report = reports.find((r) => r.relativePath === 'public/bundle.min.js');
    expect(report?.diagnostics.map((d) => d.kind)).toEqual(['too-large']);
    const tokenAt = `1:${50 * 1024 * 1024 + ';var t="'.length + 1}`;
    // The markers read all of it; the rest is not analyzed, and a yellow finding says so.
    expect(report?.findings.map((f) => `${f.line}:${f.column} ${f.messageId}`)).toEqual([`${tokenAt} subscriptionToken`, `${tokenAt} tooLarge`]);
    expect(keyed(reports)).toContain('src/app.ts:1 claude-auth/no-embedded-token subscriptionToken');
  });

  it('does not read a file over the size limit whole; one that names a credential past the first chunk gets a yellow finding', async () => {
    const padding = '// x\n'.repeat(300_000);
    const repo = await makeRepo({ 'big.js': `${padding}const t = '${FAKE_OAUTH_TOKEN}';\n`, 'plain.js': padding });
    const { reports } = await scan(['.'], { cwd: repo, maxFileBytes: 1024 });
    const tooLarge = [expect.objectContaining({ kind: 'too-large' })];
    expect(reports).toEqual([
      expect.objectContaining({ relativePath: 'big.js', findings: [expect.objectContaining({ ruleId: 'claude-auth/no-unanalyzed-code', messageId: 'tooLargeToRead', line: 1 })], diagnostics: tooLarge }),
      expect.objectContaining({ relativePath: 'plain.js', findings: [], diagnostics: tooLarge }),
    ]);
  });
});

describe('exit codes and one-line reasons', () => {
  it('exits 2 with one line for a path that does not exist, an unknown format and an unknown option', async () => {
    const repo = await makeRepo({ 'a.ts': 'export {};\n' });
    for (const argv of [['no/such/dir'], ['--format', 'nope'], ['--no-such-option']]) {
      const run = await runCapturing(argv, repo);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr, argv.join(' ')).toMatch(/^claude-auth-lint: [^\n]+\n(Run claude-auth-lint --help for usage\.\n)?$/);
    }
  });

  it('exits 2 with a one-line reason, not a stack trace, when the report cannot be written', async () => {
    const repo = await makeRepo({ 'a.ts': 'export {};\n', 'file-not-dir': '' });
    const run = await runCapturing(['-o', 'file-not-dir/report.txt'], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^claude-auth-lint: [^\n]+\n$/);
  });
});

describe('unreadable directories and files', () => {
  const isRoot = process.getuid?.() === 0;
  const unprivileged = 65_534;
  // As root the check runs the built CLI as "nobody", which needs to reach it: a checkout inside a
  // private directory (mktemp -d is 0700) cannot be run by another user at all.
  const nobodyCanRunCli = isRoot
    && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(builtCli)}, require('fs').constants.R_OK)`], {
      uid: unprivileged, gid: unprivileged, timeout: 30_000,
    }).status === 0;
  if (isRoot && !nobodyCanRunCli) {
    console.warn(`skipped: the unprivileged user cannot read ${builtCli} (the checkout sits in a private directory)`);
  }

  it.skipIf(isRoot && !nobodyCanRunCli)('reports a directory and a file it may not read, still finding the rest', async () => {
    const repo = await makeRepo({ ...GENUINE, 'locked/inner.ts': GENUINE['src/config.ts']!, 'sealed.ts': GENUINE['src/config.ts']! });
    await chmod(path.join(repo, 'locked'), 0o000);
    await chmod(path.join(repo, 'sealed.ts'), 0o000);
    try {
      let json: string;
      if (isRoot) {
        // Permissions do not stop root: run the built CLI as the unprivileged "nobody" instead.
        await chmod(repo, 0o755);
        const child = spawnSync(process.execPath, [builtCli, '--format', 'json', '.'], {
          cwd: repo, uid: unprivileged, gid: unprivileged, encoding: 'utf8', timeout: 60_000,
        });
        expect(child.stderr).toBe('');
        expect(child.status).toBe(1);
        json = child.stdout;
      } else {
        const run = await runCapturing(['--format', 'json', '.'], repo);
        expect(run.stderr).toBe('');
        json = run.stdout;
      }
      const results = JSON.parse(json) as { filePath: string; messages: unknown[]; diagnostics: { kind: string }[] }[];
      const byPath = new Map(results.map((result) => [path.relative(repo, result.filePath), result]));
      expect([...byPath.keys()].sort()).toEqual(['locked', 'scripts/deploy.sh', 'sealed.ts', 'src/config.ts', 'src/login.js']);
      expect(byPath.get('sealed.ts')?.diagnostics.map((d) => d.kind)).toEqual(['unreadable']);
      expect(byPath.get('locked')?.diagnostics.map((d) => d.kind)).toEqual(['unreadable']);
    } finally {
      await chmod(path.join(repo, 'locked'), 0o755);
    }
  });
});
