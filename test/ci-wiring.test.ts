/**
 * The ready-made CI wiring: the composite GitHub Action (action.yml) and the pre-commit hook
 * (.pre-commit-hooks.yaml). Parsed with `yaml`, checked against the package and the CLI, and the
 * action's shell steps run as GitHub runs them, with a stand-in `npx` that runs the local build.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli.js';

const root = path.resolve(import.meta.dirname, '..');

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
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

  it('runs this package through npx, with flags the CLI knows', async () => {
    const help = await cliHelp();
    const scripts = action.runs.steps.map((candidate) => candidate.run ?? '').join('\n');
    expect(step('scan').env?.CLAUDE_AUTH_LINT_PACKAGE).toBe(`${packageJson.name}@\${{ inputs.version }}`);
    expect(scripts).toMatch(/npx --yes "\$CLAUDE_AUTH_LINT_PACKAGE"/);
    const flags = new Set([...scripts.matchAll(/\s(--[a-z][a-z-]*)/g)].map((match) => match[1]));
    flags.delete('--yes');
    expect(flags.size).toBeGreaterThan(0);
    for (const flag of flags) expect(help, flag).toContain(flag);
  });

  it('writes SARIF and uploads it to code scanning only when asked', () => {
    expect(step('sarif').run).toMatch(/--format[= ]sarif\b/);
    expect(step('sarif').run).toContain('--output-file="$SARIF_FILE"');
    const upload = action.runs.steps.find((candidate) => candidate.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toBe("inputs.upload-sarif == 'true'");
    expect(upload?.with?.sarif_file).toBe('${{ steps.sarif.outputs.sarif-file }}');
    const order = action.runs.steps.map((candidate) => candidate.id ?? candidate.uses ?? candidate.name);
    expect(order.indexOf(upload?.uses)).toBeGreaterThan(order.indexOf('sarif'));
    expect(order.indexOf(upload?.uses)).toBeLessThan(order.indexOf('verdict'));
  });
});

describe('action.yml steps, run as GitHub runs them', () => {
  let work: string;
  let fakeBin: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-action-'));
    fakeBin = path.join(work, 'bin');
    await mkdir(fakeBin);
    const npx = path.join(fakeBin, 'npx');
    // Records its arguments; then exits with FAKE_NPX_EXIT, or runs the local build in place of the package.
    await writeFile(
      npx,
      [
        '#!/usr/bin/env bash',
        'printf "%s\\n" "$@" > "$NPX_ARGS_FILE"',
        'if [ -n "${FAKE_NPX_EXIT:-}" ]; then exit "$FAKE_NPX_EXIT"; fi',
        '[ "$1" = --yes ] && shift',
        'shift',
        `exec node ${JSON.stringify(path.join(root, 'dist/src/cli.js'))} "$@"`,
        '',
      ].join('\n'),
    );
    await chmod(npx, 0o755);
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  /** Runs one step's script with GitHub's `bash --noprofile --norc -eo pipefail`, its env filled in from `inputs`. */
  async function runStep(id: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
    const script = path.join(work, `${id}.sh`);
    await writeFile(script, step(id).run ?? '');
    const outputFile = path.join(work, `${id}.output`);
    const argsFile = path.join(work, `${id}.args`);
    await writeFile(outputFile, '');
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(step(id).env ?? {})) {
      env[name] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? '');
    }
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: `${fakeBin}:${process.env.PATH ?? ''}`, HOME: work, GITHUB_OUTPUT: outputFile, NPX_ARGS_FILE: argsFile, ...env, ...extraEnv },
    });
    const output = await readFile(outputFile, 'utf8');
    const args = existsSync(argsFile) ? (await readFile(argsFile, 'utf8')).split('\n').slice(0, -1) : [];
    return { status: result.status, stdout: result.stdout, output, args };
  }

  it('scans the given paths and records the exit code without failing the step', async () => {
    const run = await runStep('scan', { path: 'fixtures/repos/demo-app' });
    expect(run.status).toBe(0);
    expect(run.output).toBe('exit-code=1\n');
    expect(run.args).toEqual(['--yes', 'claude-auth-lint@latest', '--format=stylish', '--max-warnings=-1', '--', 'fixtures/repos/demo-app']);
    expect(run.stdout).toContain('claude-auth/no-embedded-token');
  });

  it('fails on any finding with fail-on: yellow, and takes several paths', async () => {
    const run = await runStep('scan', { path: 'fixtures/repos/demo-app/src\nfixtures/repos/demo-app/worker', 'fail-on': 'yellow', format: 'json' });
    expect(run.args.slice(2)).toEqual(['--format=json', '--max-warnings=0', '--', 'fixtures/repos/demo-app/src', 'fixtures/repos/demo-app/worker']);
    expect(run.output).toBe('exit-code=1\n');
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('rejects an unknown fail-on value', async () => {
    const run = await runStep('scan', { 'fail-on': 'orange' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('::error title=claude-auth-lint::fail-on must be red, yellow or never');
  });

  it('passes a hostile path as a path, not as shell code', async () => {
    const marker = path.join(work, 'pwned');
    const run = await runStep('scan', { path: `$(touch ${marker})` });
    expect(existsSync(marker)).toBe(false);
    expect(run.args.slice(-2)).toEqual(['$(touch', `${marker})`]);
    expect(run.output).toBe('exit-code=2\n');
  });

  it('writes SARIF even when there are findings, and fails on an internal error', async () => {
    const withFindings = await runStep('sarif', { path: 'src' }, { FAKE_NPX_EXIT: '1' });
    expect(withFindings.status).toBe(0);
    expect(withFindings.output).toBe('sarif-file=claude-auth-lint.sarif\n');
    expect(withFindings.args).toEqual(['--yes', 'claude-auth-lint@latest', '--format=sarif', '--output-file=claude-auth-lint.sarif', '--', 'src']);
    const broken = await runStep('sarif', {}, { FAKE_NPX_EXIT: '2' });
    expect(broken.status).toBe(2);
    expect(broken.output).toBe('');
  });

  it('decides the verdict from the exit code and fail-on', async () => {
    const verdict = async (exitCode: string, failOn: string) => (await runStep('verdict', { 'fail-on': failOn }, { EXIT_CODE: exitCode })).status;
    expect(await verdict('0', 'red')).toBe(0);
    expect(await verdict('1', 'red')).toBe(1);
    expect(await verdict('1', 'yellow')).toBe(1);
    expect(await verdict('1', 'never')).toBe(0);
    expect(await verdict('2', 'never')).toBe(2);
    expect(await verdict('', 'red')).toBe(2);
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
