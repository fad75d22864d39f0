/**
 * Never execute, never connect: a repository whose configs, package scripts, .npmrc, Python files,
 * git hooks and node_modules would each write a marker file and open a socket to a listener of the
 * test if anything ran them. The scan must leave no marker and make no connection, checked three
 * ways: the listener counts connections, the network and child_process entry points of the
 * process are replaced by ones that record and throw, and the marker directory stays empty. The
 * CLI runs in-process and, built, as a subprocess with the same guard preloaded (`--import`).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/temp-repo.js';
import { blockNetworkAndProcesses } from './network-guard.mjs';
import { runCapturing } from './support.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtCli = path.join(repoRoot, 'dist/src/cli.js');
const guard = path.join(import.meta.dirname, 'network-guard.mjs');

/** Runs node asynchronously (the listener lives in this process and must keep accepting); never rejects. */
async function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { ...options, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : null, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

let markers: string;
let listener: net.Server;
let port: number;
const connections: string[] = [];

beforeAll(async () => {
  markers = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-markers-'));
  listener = net.createServer((socket) => {
    connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => listener.close(resolve));
  await rm(markers, { recursive: true, force: true });
});

/** JavaScript that leaves a marker named `name` and connects to the listener, as ESM or CommonJS. */
function jsPayload(name: string, module: 'esm' | 'cjs'): string {
  const imports = module === 'esm'
    ? "import { writeFileSync } from 'node:fs';\nimport { connect } from 'node:net';"
    : "const { writeFileSync } = require('node:fs');\nconst { connect } = require('node:net');";
  // The comment holds trigger words, so that the scanner does parse the file.
  return `${imports}\n// reads ~/.claude/.credentials.json and CLAUDE_CODE_OAUTH_TOKEN\nwriteFileSync(${JSON.stringify(path.join(markers, name))}, 'ran');\nconnect(${port}, '127.0.0.1').on('error', () => {});\nfetch('http://127.0.0.1:${port}/${name}').catch(() => {});\n`;
}

function pythonPayload(name: string): string {
  return `import socket, os\n# reads ~/.claude/.credentials.json and CLAUDE_CODE_OAUTH_TOKEN\nopen(${JSON.stringify(path.join(markers, name))}, "w").write("ran")\nsocket.create_connection(("127.0.0.1", ${port}))\n`;
}

function shellPayload(name: string): string {
  return `#!/bin/sh\n# CLAUDE_CODE_OAUTH_TOKEN ~/.claude/.credentials.json\necho ran > ${JSON.stringify(path.join(markers, name))}\nexec 3<>/dev/tcp/127.0.0.1/${port}\n`;
}

const nodeCommand = (name: string) => `node -e "require('fs').writeFileSync('${path.join(markers, name)}','ran');require('net').connect(${port},'127.0.0.1')"`;

/** The repository: every file something could run on a scan, if the scanner ran anything. */
function trapRepository(): Record<string, string> {
  const files: Record<string, string> = {
    'eslint.config.js': `${jsPayload('eslint.config.js', 'esm')}export default [];\n`,
    'eslint.config.mjs': `${jsPayload('eslint.config.mjs', 'esm')}export default [];\n`,
    'eslint.config.cjs': `${jsPayload('eslint.config.cjs', 'cjs')}module.exports = [];\n`,
    'eslint.config.ts': `${jsPayload('eslint.config.ts', 'esm')}export default [];\n`,
    '.eslintrc.js': `${jsPayload('.eslintrc.js', 'cjs')}module.exports = { plugins: ['evil'], parser: 'evil-parser' };\n`,
    'babel.config.js': jsPayload('babel.config.js', 'cjs'),
    'vite.config.ts': jsPayload('vite.config.ts', 'esm'),
    'next.config.mjs': jsPayload('next.config.mjs', 'esm'),
    'src/index.ts': `${jsPayload('src-index.ts', 'esm')}import Anthropic from '@anthropic-ai/sdk';\nexport const client = new Anthropic({ authToken: process.env.CLAUDE_CODE_OAUTH_TOKEN });\n`,
    'src/login.ts': "import { readFileSync } from 'node:fs';\nimport os from 'node:os';\n\nexport const login = readFileSync(`${os.homedir()}/.claude/.credentials.json`, 'utf8');\n",
    'package.json': JSON.stringify({
      name: 'trap', version: '1.0.0', type: 'module', main: 'src/index.js',
      description: 'uses CLAUDE_CODE_OAUTH_TOKEN and ~/.claude/.credentials.json',
      scripts: Object.fromEntries(['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'pretest', 'test', 'lint', 'prelint'].map((script) => [script, nodeCommand(`script-${script}`)])),
      eslintConfig: { plugins: ['evil'], parser: 'evil-parser' },
      dependencies: { evil: 'file:./node_modules/evil' },
    }, null, 2),
    '.npmrc': `node-options=--require ./node_modules/evil/index.js\nscript-shell=./scripts/hook.sh\nonload-script=./scripts/hook.sh\n`,
    'tsconfig.json': JSON.stringify({ extends: './node_modules/evil/tsconfig.json', compilerOptions: { plugins: [{ name: 'evil' }] } }),
    'scripts/hook.sh': shellPayload('hook.sh'),
    '.envrc': shellPayload('envrc'),
    'Makefile': `all:\n\t${nodeCommand('make')}\n`,
    'setup.py': pythonPayload('setup.py'),
    'conftest.py': pythonPayload('conftest.py'),
    'sitecustomize.py': pythonPayload('sitecustomize.py'),
    'pkg/__init__.py': pythonPayload('pkg-init.py'),
    'pkg/main.py': `${pythonPayload('pkg-main.py')}from anthropic import Anthropic\nclient = Anthropic(auth_token=os.environ["CLAUDE_CODE_OAUTH_TOKEN"])\n`,
    'evil.pth': `import os; open(${JSON.stringify(path.join(markers, 'pth'))}, "w").write("ran")  # CLAUDE_CODE_OAUTH_TOKEN\n`,
    '.git/config': `[core]\n\tfsmonitor = ${path.join(markers, 'never')}; ${nodeCommand('git-fsmonitor')}\n\tsshCommand = ${nodeCommand('git-ssh')}\n`,
    '.git/hooks/post-checkout': shellPayload('git-hook'),
    '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${nodeCommand('workflow')}\n        env:\n          CLAUDE_CODE_OAUTH_TOKEN: \${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}\n`,
    'Dockerfile': `FROM node:22\nRUN ${nodeCommand('dockerfile')}\nENV CLAUDE_CODE_OAUTH_TOKEN=\${CLAUDE_CODE_OAUTH_TOKEN}\n`,
    'docker-compose.yml': `services:\n  app:\n    image: claude\n    command: ${nodeCommand('compose')}\n    volumes:\n      - ~/.claude:/root/.claude\n`,
    'node_modules/evil/package.json': JSON.stringify({ name: 'evil', main: 'index.js', scripts: { postinstall: nodeCommand('evil-postinstall') } }),
    'node_modules/evil/index.js': jsPayload('evil-index.js', 'cjs'),
    'node_modules/evil/tsconfig.json': '{}',
    'node_modules/evil-parser/index.js': jsPayload('evil-parser.js', 'cjs'),
    'node_modules/eslint-plugin-evil/index.js': jsPayload('eslint-plugin-evil.js', 'cjs'),
    // Packages the scanner itself depends on, shadowed inside the scanned repository.
    'node_modules/@typescript-eslint/parser/package.json': JSON.stringify({ name: '@typescript-eslint/parser', main: 'index.js', exports: { '.': './index.js' } }),
    'node_modules/@typescript-eslint/parser/index.js': jsPayload('shadow-ts-parser.js', 'cjs'),
    'node_modules/eslint/package.json': JSON.stringify({ name: 'eslint', main: 'index.js', exports: { '.': './index.js' } }),
    'node_modules/eslint/index.js': jsPayload('shadow-eslint.js', 'cjs'),
    'node_modules/yaml/package.json': JSON.stringify({ name: 'yaml', main: 'index.js', exports: { '.': './index.js' } }),
    'node_modules/yaml/index.js': jsPayload('shadow-yaml.js', 'cjs'),
    'node_modules/.bin/git': shellPayload('bin-git'),
    'node_modules/.bin/node': shellPayload('bin-node'),
  };
  return files;
}

async function makeTrap(): Promise<string> {
  const root = await makeRepo(trapRepository());
  for (const script of ['scripts/hook.sh', '.git/hooks/post-checkout', 'node_modules/.bin/git', 'node_modules/.bin/node']) {
    await chmod(path.join(root, script), 0o755);
  }
  return root;
}

const markersLeft = async () => readdir(markers);

describe('never execute, never connect', () => {
  it('the traps work: running one of the payloads leaves its marker and reaches the listener', async () => {
    const root = await makeTrap();
    const ran = await runNode([path.join(root, 'node_modules/evil/index.js')]);
    expect(ran.code).toBe(0);
    expect(await markersLeft()).toEqual(['evil-index.js']);
    // Both the socket and the fetch arrive.
    await expect.poll(() => connections.length).toBeGreaterThanOrEqual(2);
    // And the preloaded guard sees and stops the same payload's connection.
    const log = path.join(markers, 'guard.log');
    await runNode(['--import', guard, path.join(root, 'node_modules/evil/index.js')], { env: { ...process.env, CLAUDE_AUTH_LINT_GUARD_LOG: log } });
    expect(await readFile(log, 'utf8')).toMatch(/^connect /m);
    await rm(path.join(markers, 'evil-index.js'));
    await rm(log);
    connections.length = 0;
  });

  it('in-process: scanning runs nothing, connects nowhere, resolves nothing', async () => {
    const root = await makeTrap();
    const attempts: string[] = [];
    const restore = blockNetworkAndProcesses((attempt) => attempts.push(attempt));
    const runs = [];
    try {
      for (const format of ['stylish', 'json']) {
        runs.push(await runCapturing(['--format', format], root));
        runs.push(await runCapturing(['--format', format, '--no-gitignore', 'node_modules', 'node_modules/evil/index.js', '.git'], root));
      }
    } finally {
      restore();
    }
    expect(attempts).toEqual([]);
    expect(connections).toEqual([]);
    expect(await markersLeft()).toEqual([]);
    // The scans did run and read the repository: the planted stored-login read is reported.
    expect(runs.map((run) => run.stderr)).toEqual(['', '', '', '']);
    expect(runs[0]?.stdout).toContain('src/login.ts');
    const json = JSON.parse(runs[2]?.stdout ?? '[]') as { filePath: string }[];
    expect(json.map((result) => path.relative(root, result.filePath))).toContain('src/login.ts');
  });

  it('the built CLI as a subprocess, with the guard preloaded: no attempt, no marker, no connection', async () => {
    const root = await makeTrap();
    const log = path.join(await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-guard-')), 'attempts.log');
    for (const args of [['--format', 'json', '.'], ['--no-gitignore', 'node_modules', '.git', 'eslint.config.js']]) {
      const child = await runNode(['--import', guard, builtCli, ...args], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: root, CLAUDE_AUTH_LINT_GUARD_LOG: log },
      });
      expect(child.stderr).toBe('');
      expect([0, 1]).toContain(child.code);
    }
    expect(await readFile(log, 'utf8').catch(() => '')).toBe('');
    expect(connections).toEqual([]);
    expect(await markersLeft()).toEqual([]);
    await rm(path.dirname(log), { recursive: true, force: true });
  });
});
