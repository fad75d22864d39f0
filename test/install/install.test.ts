/**
 * Every install path the README names, run as a user runs it, from a clone of this repository's
 * HEAD, with the npm registry as the only network: the GitHub Action's steps in full (install and
 * build at the action's own ref, then the scan, over a checkout and a home directory with hostile
 * npm configuration), `npm install -g git+file://…` of a release ref into a scratch prefix, `npm pack`
 * installed into a scratch project and run with `npx`, and `pre-commit try-repo` (Debian's
 * pre-commit, which .ci/run installs). Minutes long: `npm run test:install`, not part of `npm test`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAMMARS } from '../../src/files/grammars.js';
import { runAction } from '../helpers/action-runner.js';
import { fakeCredential } from '../support/fake-credentials.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const token = fakeCredential('oat01', 51);
/** A file with a red finding, and the same file fixed. */
const PLANTED = `export const claudeToken = '${token}';\n`;
const FIXED = 'export const claudeToken = process.env.ANTHROPIC_API_KEY;\n';

let work: string;
/** A clone of HEAD with node_modules linked in and a `release` branch made by scripts/release-branch.sh. */
let clone: string;

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Runs a command that must succeed; its output, or an error that shows it. */
function ok(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = sh(command, args, cwd, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

/** A scratch git repository holding `app.ts`. */
async function scratchRepository(text: string): Promise<string> {
  const repository = await mkdtemp(path.join(work, 'repository-'));
  ok('git', ['init', '-q'], repository);
  await writeFile(path.join(repository, 'app.ts'), text);
  ok('git', ['add', 'app.ts'], repository);
  return repository;
}

/** The size of a directory tree in bytes (du's apparent size). */
function sizeOf(directory: string): number {
  return Number(ok('du', ['-s', '--apparent-size', '--block-size=1', directory], directory).split('\t')[0]);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-install-'));
  clone = path.join(work, 'clone');
  ok('git', ['clone', '-q', root, clone], work);
  await symlink(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
  ok('bash', ['scripts/release-branch.sh'], clone, { GIT_AUTHOR_NAME: 'release', GIT_AUTHOR_EMAIL: 'release@example.invalid', GIT_COMMITTER_NAME: 'release', GIT_COMMITTER_EMAIL: 'release@example.invalid' });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the GitHub Action, installed at its own ref', () => {
  it('installs and builds in its own directory, then fails or passes by fail-on; hostile npm configuration changes nothing', async () => {
    const actionPath = path.join(work, 'action');
    ok('git', ['clone', '-q', root, actionPath], work);
    const workspace = await scratchRepository(PLANTED);
    const home = await mkdtemp(path.join(work, 'home-'));
    const marker = path.join(work, 'hostile-ran');
    for (const directory of [workspace, home]) {
      await writeFile(path.join(directory, '.npmrc'), `node-options=--require ${path.join(directory, 'evil.cjs')}\nscript-shell=${path.join(directory, 'hook.sh')}\nregistry=http://127.0.0.1:9/\nignore-scripts=false\n`);
      await writeFile(path.join(directory, 'evil.cjs'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'node-options');\n`);
      await writeFile(path.join(directory, 'hook.sh'), `#!/bin/sh\necho script-shell > ${JSON.stringify(marker)}\n`);
      await chmod(path.join(directory, 'hook.sh'), 0o755);
    }
    const red = await runAction({ actionPath, workspace, inputs: { 'fail-on': 'red' }, env: { HOME: home } });
    expect(red.steps.map((step) => `${step.id}:${step.status}`), red.steps.map((step) => step.stdout + step.stderr).join('\n')).toEqual(['install:0', 'scan:0', 'step-2:skipped', 'verdict:1']);
    expect(red.status).toBe(1);
    expect(red.log).toContain('claude-auth/no-embedded-token');
    expect(existsSync(path.join(workspace, 'claude-auth-lint.sarif'))).toBe(true);
    const never = await runAction({ actionPath, workspace, inputs: { 'fail-on': 'never' }, env: { HOME: home }, skip: ['install'] });
    expect(never.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
    // Nothing was installed in the checkout.
    expect(await readdir(workspace)).not.toContain('node_modules');
  });
});

describe('npm installs of the package', () => {
  it('npm install -g and npx from a git URL of a release ref install the build, with no install script, and scan', async () => {
    const prefix = path.join(work, 'prefix');
    // --install-links: npm links a git+file:// dependency of a global install to a clone it then deletes; remote git URLs need no flag.
    const output = ok('npm', ['install', '-g', '--install-links', `git+file://${clone}#release`, '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline'], work);
    expect(output).not.toMatch(/install-scripts|allowScripts/);
    const repository = await scratchRepository(PLANTED);
    const scan = sh(path.join(prefix, 'bin', 'claude-auth-lint'), ['.'], repository);
    expect(scan.stdout).toContain('claude-auth/no-embedded-token');
    expect(scan.status).toBe(1);
    const npx = sh('npx', ['--yes', `git+file://${clone}#release`, '.'], repository);
    expect(npx.stderr).not.toMatch(/install-scripts|allowScripts/);
    expect(npx.stdout).toContain('claude-auth/no-embedded-token');
    expect(npx.status).toBe(1);
  });

  it('the tarball carries the build and its grammars, installs with no install-script warning, and npx runs it', async () => {
    const packed = JSON.parse(ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], clone)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]?.files.map((file) => file.path) ?? [];
    const grammars = Object.values(GRAMMARS).map(({ wasmFile }) => `dist/grammars/${path.posix.basename(wasmFile)}`);
    expect(files).toEqual(expect.arrayContaining(['dist/src/cli.js', ...grammars, 'dist/grammars/tree-sitter-python.LICENSE']));
    const project = await scratchRepository(PLANTED);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    // A Go module whose handler calls Claude with a subscription token: its grammar comes from the package's dist/grammars/.
    await cp(path.join(root, 'fixtures', 'repos', 'go-gateway'), path.join(project, 'gateway'), { recursive: true });
    const output = ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(work, packed[0]?.filename ?? '')], project);
    expect(output).not.toMatch(/install-scripts|allowScripts/);
    // The grammars' packages are the build's, not the user's: only their .wasm files are shipped.
    for (const { packageName } of Object.values(GRAMMARS)) expect(existsSync(path.join(project, 'node_modules', packageName)), packageName).toBe(false);
    const scan = sh('npx', ['--no-install', 'claude-auth-lint', 'app.ts'], project);
    expect(scan.stdout).toContain('claude-auth/no-embedded-token');
    expect(scan.status).toBe(1);
    const go = sh('npx', ['--no-install', 'claude-auth-lint', 'gateway'], project);
    expect(go.stdout + go.stderr).toContain('claude-auth/no-oauth-token-proxy');
    expect(go.stdout + go.stderr).not.toMatch(/analyzer failed|not fully analyzed/i);
    expect(go.status).toBe(1);
    console.log(`install size of the tarball with its dependencies: ${(sizeOf(path.join(project, 'node_modules')) / 1e6).toFixed(1)} MB`);
  });
});

describe('the pre-commit hook', () => {
  it('pre-commit try-repo fails on a staged finding and passes once it is fixed', async () => {
    const repository = await scratchRepository(PLANTED);
    const env = { PRE_COMMIT_HOME: path.join(work, 'pre-commit-home') };
    const failed = sh('pre-commit', ['try-repo', clone, 'claude-auth-lint', '--ref', 'release', '--all-files'], repository, env);
    if (failed.error) throw new Error(`pre-commit is not installed (apt-get install pre-commit): ${failed.error.message}`);
    expect(failed.stdout).toContain('claude-auth/no-embedded-token');
    expect(failed.status).toBe(1);
    await writeFile(path.join(repository, 'app.ts'), FIXED);
    ok('git', ['add', 'app.ts'], repository);
    const passed = sh('pre-commit', ['try-repo', clone, 'claude-auth-lint', '--ref', 'release', '--all-files'], repository, env);
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
  });
});
