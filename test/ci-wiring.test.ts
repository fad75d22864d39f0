/**
 * The ready-made CI wiring: the composite GitHub Action (action.yml) and the pre-commit hook
 * (.pre-commit-hooks.yaml). Parsed with `yaml`, checked against the package and the CLI, and the
 * action's steps run as a GitHub runner runs them (test/helpers/action-runner.ts) over checkouts
 * with a hostile .npmrc, with this built checkout as the action's directory. The install step's
 * real run is in test/install/.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli.js';
import { runAction, type ActionDefinition, type ActionStep } from './helpers/action-runner.js';
import { buildRepository } from './history/git-fixture.js';
import { fakeCredential } from './support/fake-credentials.js';

const root = path.resolve(import.meta.dirname, '..');

interface Action extends ActionDefinition {
  name: string;
}
interface PreCommitHook {
  id: string;
  entry: string;
  language: string;
  types?: string[];
}

const actionText = await readFile(path.join(root, 'action.yml'), 'utf8');
const action = parse(actionText) as Action;
const hooks = parse(await readFile(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as PreCommitHook[];
const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { name: string; bin: Record<string, string> };

function step(id: string): ActionStep {
  const found = action.runs.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`action.yml has no step with id ${id}`);
  return found;
}

async function cliHelp(): Promise<string> {
  let help = '';
  await main(['--help'], { cwd: root, stdout: (text) => (help += text), stderr: () => undefined, isTTY: false, env: {} });
  return help;
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    for (const input of ['path', 'format', 'fail-on', 'max-warnings', 'upload-sarif', 'sarif-file']) {
      expect(action.inputs[input]?.description, input).toBeTruthy();
    }
    expect(action.inputs['upload-sarif']?.default).toBe('false');
    expect(action.inputs['fail-on']?.default).toBe('red');
  });

  it('only refers to inputs and step outputs that exist', () => {
    for (const [, name] of actionText.matchAll(/\$\{\{\s*inputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
    const ids = action.runs.steps.map((candidate) => candidate.id).filter(Boolean);
    for (const [, id] of actionText.matchAll(/steps\.([\w-]+)\.outputs/g)) expect(ids).toContain(id);
  });

  it('never pastes an expression into a shell script (no script injection)', () => {
    for (const candidate of action.runs.steps.filter((s) => s.run !== undefined)) {
      expect(candidate.run, candidate.name).not.toContain('${{');
      expect(candidate.shell).toBe('bash');
    }
  });

  it('runs the code at its own ref: npm only in the action directory, with its own configuration; the scan with node', async () => {
    const help = await cliHelp();
    const install = step('install');
    expect(install.env?.ACTION_PATH).toBe('${{ github.action_path }}');
    expect(install.run).toContain('cd "$ACTION_PATH"');
    expect(install.run).toMatch(/npm ci --userconfig="\$NPM_CONFIG_DIR\/user\.npmrc" --globalconfig="\$NPM_CONFIG_DIR\/global\.npmrc" \\\s+--ignore-scripts/);
    const scan = step('scan').run ?? '';
    expect(scan).not.toMatch(/\bnpx?\b/);
    expect(scan).toContain('node "$ACTION_PATH/dist/src/cli.js"');
    expect(actionText).not.toMatch(/claude-auth-lint@|inputs\.version/);
    // Every flag the script gives the scanner is one the CLI knows (git's own flags aside).
    const scannerLines = scan.split('\n').filter((line) => !/^\s*git /.test(line)).join('\n');
    const flags = new Set([...scannerLines.matchAll(/\s(--[a-z][a-z-]*)/g)].map((match) => match[1]));
    expect(flags.size).toBeGreaterThan(0);
    for (const flag of flags) expect(help, flag).toContain(flag);
    // Where flags that depend on the event go.
    expect(scan).toContain('event_args=()');
  });

  it('uploads the SARIF of the scan to code scanning only when asked, before the verdict', () => {
    const upload = action.runs.steps.find((candidate) => candidate.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toBe("inputs.upload-sarif == 'true' && steps.scan.outputs.sarif-file != ''");
    expect(upload?.with?.sarif_file).toBe('${{ steps.scan.outputs.sarif-file }}');
    const order = action.runs.steps.map((candidate) => candidate.id ?? candidate.uses ?? candidate.name);
    expect(order.indexOf(upload?.uses)).toBeGreaterThan(order.indexOf('scan'));
    expect(order.indexOf(upload?.uses)).toBeLessThan(order.indexOf('verdict'));
  });
});

describe('action.yml steps, run as a GitHub runner runs them (action directory: this built checkout)', () => {
  const token = fakeCredential('oat01', 41);
  const apiKey = fakeCredential('api03', 42);
  let work: string;

  /**
   * A checked-out repository with a hostile .npmrc: were npm run in it, `node-options` would load
   * evil.cjs, `script-shell` would run hook.sh (each leaves a marker) and `registry` would point
   * at nothing.
   */
  async function checkout(files: Record<string, string>): Promise<string> {
    const workspace = await mkdtemp(path.join(work, 'workspace-'));
    await mkdir(path.join(workspace, '.git'));
    const hostile: Record<string, string> = {
      '.npmrc': `node-options=--require ./evil.cjs\nscript-shell=./hook.sh\nregistry=http://127.0.0.1:9/\n`,
      'evil.cjs': `require('node:fs').writeFileSync(${JSON.stringify(path.join(work, 'evil-ran'))}, 'x');\n`,
      'hook.sh': `#!/bin/sh\ntouch ${JSON.stringify(path.join(work, 'hook-ran'))}\n`,
      'package.json': JSON.stringify({ name: 'support-bot', version: '1.0.0', private: true, scripts: { build: 'tsc' } }),
    };
    for (const [name, text] of Object.entries({ ...hostile, ...files })) {
      await mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
      await writeFile(path.join(workspace, name), text);
    }
    await chmod(path.join(workspace, 'hook.sh'), 0o755);
    return workspace;
  }
  // JavaScript, not TypeScript: each scan then parses with espree and never loads TypeScript (a second of CPU time).
  const redRepository = { 'src/claude.js': `import { query } from '@anthropic-ai/claude-agent-sdk';\nexport const run = (prompt) => query({ prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: '${token}' } } });\n` };
  const yellowRepository = { 'src/client.js': `import Anthropic from '@anthropic-ai/sdk';\nexport const client = new Anthropic({ apiKey: '${apiKey}' });\n` };
  const run = (workspace: string, inputs: Record<string, string> = {}) => runAction({ actionPath: root, workspace, inputs, skip: ['install'] });
  const hostileRan = () => existsSync(path.join(work, 'evil-ran')) || existsSync(path.join(work, 'hook-ran'));

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-action-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('fails on red findings, prints the log format and writes SARIF of the same scan', async () => {
    const workspace = await checkout(redRepository);
    const outcome = await run(workspace, { format: 'github' });
    expect(outcome.status).toBe(1);
    expect(outcome.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'claude-auth-lint.sarif' });
    expect(outcome.log).toMatch(/::error file=src\/claude\.js,line=2,.*claude-auth\/no-embedded-token/);
    const sarif = JSON.parse(await readFile(path.join(workspace, 'claude-auth-lint.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const logged = [...outcome.log.matchAll(/::error file=([^,]+),.*?(claude-auth\/[a-z-]+)/g)].map((match) => `${match[1]} ${match[2]}`).sort();
    const sarifResults = (sarif.runs[0]?.results ?? []).map((result) => `${result.locations[0]?.physicalLocation.artifactLocation.uri} ${result.ruleId}`).sort();
    expect(sarifResults).toEqual(logged);
    expect(outcome.steps.map((step) => `${step.id}:${step.status}`)).toEqual(['install:skipped', 'scan:0', 'step-2:skipped', 'verdict:1']);
    expect(hostileRan()).toBe(false);
  });

  it('passes with fail-on: never, and fails on yellow findings only with fail-on: yellow', async () => {
    const red = await checkout(redRepository);
    const never = await run(red, { 'fail-on': 'never', 'upload-sarif': 'true' });
    expect(never.status).toBe(0);
    expect(never.outputs['exit-code']).toBe('0');
    expect(never.log).toContain('claude-auth/no-embedded-token');
    expect(never.steps.map((step) => `${step.id}:${step.status}`)).toEqual(['install:skipped', 'scan:0', 'step-2:uses', 'verdict:0']);
    const yellow = await checkout(yellowRepository);
    expect((await run(yellow)).status).toBe(0);
    expect((await run(yellow, { 'fail-on': 'yellow' })).status).toBe(1);
    expect((await run(yellow, { 'fail-on': 'red', 'max-warnings': '0' })).status).toBe(1);
    expect(hostileRan()).toBe(false);
  });

  it('scans the paths given, made absolute, and reads a hostile path as a path, not as shell code', async () => {
    const workspace = await checkout({ ...redRepository, ...{ 'docs/notes.md': 'Nothing here.\n' } });
    expect((await run(workspace, { path: 'docs' })).status).toBe(0);
    expect((await run(workspace, { path: 'docs\nsrc' })).status).toBe(1);
    const marker = path.join(work, 'pwned');
    const hostile = await run(workspace, { path: `$(touch ${marker})` });
    expect(existsSync(marker)).toBe(false);
    expect(hostile.status).toBe(2);
    expect(hostile.outputs['exit-code']).toBe('2');
  });

  it('on a pull_request event reports only what the pull request changes, unless diff-on-pull-request is false', async () => {
    const base = { message: 'Bot', date: '2026-11-02T10:00:00Z', files: redRepository };
    const head = { message: 'Admin client', date: '2026-11-03T10:00:00Z', files: { 'src/admin.js': `export const adminToken = '${token}';\n` } };
    const { root: workspace, commits } = await buildRepository([base, head]);
    const event = { pull_request: { base: { sha: commits[0] } } };
    const outcome = await runAction({ actionPath: root, workspace, inputs: { format: 'github' }, eventName: 'pull_request', event, skip: ['install'] });
    expect(outcome.status).toBe(1);
    const files = [...outcome.log.matchAll(/::error file=([^,]+),/g)].map((match) => match[1]);
    expect(files).toEqual(['src/admin.js']);
    // Gate mode: the pull request's own ignore file does not hide what it adds.
    await writeFile(path.join(workspace, '.claude-auth-lintignore'), 'src/admin.js\n');
    const ignored = await runAction({ actionPath: root, workspace, inputs: { format: 'github' }, eventName: 'pull_request', event, skip: ['install'] });
    expect([...ignored.log.matchAll(/::error file=([^,]+),/g)].map((match) => match[1])).toEqual(['src/admin.js']);
    expect((await run(workspace, { format: 'github' })).log).not.toContain('src/admin.js');
    const everything = await runAction({ actionPath: root, workspace, inputs: { format: 'github', 'diff-on-pull-request': 'false' }, eventName: 'pull_request', event, skip: ['install'] });
    expect(new Set([...everything.log.matchAll(/::error file=([^,]+),/g)].map((match) => match[1]))).toEqual(new Set(['src/admin.js', 'src/claude.js']));
  });

  it('rejects an unknown fail-on value with exit code 2', async () => {
    const outcome = await run(await checkout(redRepository), { 'fail-on': 'orange' });
    expect(outcome.status).toBe(2);
    expect(outcome.log).toContain("::error title=claude-auth-lint::fail-on must be red, yellow or never, not 'orange'");
  });

  it('turns an install failure into exit code 2 with a clear message, and scans nothing', async () => {
    const actionPath = await mkdtemp(path.join(work, 'action-'));
    await writeFile(path.join(actionPath, 'action.yml'), actionText);
    await writeFile(path.join(actionPath, 'package.json'), JSON.stringify({ name: 'claude-auth-lint', version: '0.0.0' }));
    await writeFile(path.join(actionPath, 'package-lock.json'), '{ "broken": ');
    const outcome = await runAction({ actionPath, workspace: await checkout(redRepository) });
    expect(outcome.status).toBe(2);
    expect(outcome.log).toMatch(/::error title=claude-auth-lint::Could not install claude-auth-lint in .*nothing was scanned/);
    expect(outcome.steps.map((step) => `${step.id}:${step.status}`)).toEqual(['install:2', 'scan:skipped', 'step-2:skipped', 'verdict:skipped']);
    expect(outcome.outputs['exit-code']).toBe('');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares one node hook whose entry is the package’s command', () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook?.id).toBe(packageJson.name);
    expect(hook?.language).toBe('node');
    expect(hook?.entry).toBe('claude-auth-lint');
    expect(Object.keys(packageJson.bin)).toContain(hook?.entry);
    expect(hook?.types).toEqual(['text']);
  });
});

describe('the claude-auth-lint command', () => {
  it('runs when started through a symbolic link, as npx, npm scripts and pre-commit start it', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-bin-'));
    try {
      const link = path.join(work, packageJson.name);
      await symlink(path.join(root, packageJson.bin['claude-auth-lint'] ?? ''), link);
      const result = spawnSync(process.execPath, [link, '--format', 'json', 'fixtures/repos/demo-app'], { cwd: root, encoding: 'utf8' });
      expect(result.status).toBe(1);
      const files = JSON.parse(result.stdout) as { messages: unknown[] }[];
      expect(files.flatMap((file) => file.messages).length).toBeGreaterThan(0);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
