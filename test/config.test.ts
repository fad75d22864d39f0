import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../src/config.js';
import { UsageError } from '../src/usage-error.js';
import { runCli } from './helpers/run-cli.js';
import { plantToken, tempDir } from './helpers/scan-helpers.js';

const subscriptionToken = plantToken('oat01', 5);
const apiKey = plantToken('api03', 6);

/** A small repository: a subscription token (red), an API key (yellow), a fixture and a gitignored file. */
async function project(files: Record<string, string> = {}): Promise<string> {
  const root = await tempDir();
  const all: Record<string, string> = {
    'src/config.ts': `export const token = '${subscriptionToken}';\n`,
    'scripts/deploy.sh': `export ANTHROPIC_API_KEY=${apiKey}\n`,
    'fixtures/leak/app.py': `TOKEN = "${subscriptionToken}"\n`,
    '.gitignore': 'build-output/\n',
    'build-output/bundle.js': `const t = "${subscriptionToken}";\n`,
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

/** The files and rule ids a JSON report lists, relative to `root`. */
async function findingsOf(root: string, ...argv: string[]): Promise<{ code: number; found: string[]; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['--format', 'json', ...argv], root);
  const reports = (stdout ? JSON.parse(stdout) : []) as { filePath: string; messages: { ruleId: string; severity: number }[] }[];
  const found = reports.flatMap((report) => report.messages.map((message) => `${path.relative(root, report.filePath)} ${message.ruleId} ${message.severity}`));
  return { code, found: found.sort(), stderr };
}

describe('ignores', () => {
  it('scans fixtures but not gitignored files by default; --no-gitignore scans those too', async () => {
    const root = await project();
    const { found } = await findingsOf(root);
    expect(found).toEqual([
      'fixtures/leak/app.py claude-auth/no-embedded-token 2',
      'scripts/deploy.sh claude-auth/no-embedded-token 1',
      'src/config.ts claude-auth/no-embedded-token 2',
    ]);
    expect((await findingsOf(root, '--no-gitignore')).found).toContain('build-output/bundle.js claude-auth/no-embedded-token 2');
  });

  it('.claude-auth-lintignore (gitignore syntax) leaves paths out, also when a subdirectory is scanned', async () => {
    const root = await project({ '.claude-auth-lintignore': '# test data\nfixtures/\n*.sh\n' });
    expect((await findingsOf(root)).found).toEqual(['src/config.ts claude-auth/no-embedded-token 2']);
    expect((await findingsOf(root, 'scripts')).found).toEqual([]);
  });

  it('a nested .claude-auth-lintignore applies to its own directory', async () => {
    const root = await project({ 'fixtures/.claude-auth-lintignore': 'leak/\n' });
    expect((await findingsOf(root)).found).not.toContain('fixtures/leak/app.py claude-auth/no-embedded-token 2');
  });

  it('config "ignores" leave paths out of directory walks; a file or directory named explicitly is still scanned', async () => {
    const root = await project({
      'claude-auth-lint.config.json': JSON.stringify({ ignores: ['fixtures/', 'scripts/*.sh', '*.generated.py'] }),
      'fixtures/leak/app.generated.py': `TOKEN = "${subscriptionToken}"\n`,
    });
    expect((await findingsOf(root)).found).toEqual(['src/config.ts claude-auth/no-embedded-token 2']);
    expect((await findingsOf(root, 'fixtures/leak/app.py')).found).toEqual(['fixtures/leak/app.py claude-auth/no-embedded-token 2']);
    // The pattern that ignores the named directory is set aside; the others still apply beneath it.
    expect((await findingsOf(root, 'fixtures/leak')).found).toEqual(['fixtures/leak/app.py claude-auth/no-embedded-token 2']);
  });
});

describe('rules and failOn', () => {
  it('"off" drops a rule, "warn" makes its findings warnings (exit 0), "error" makes warnings fail', async () => {
    const root = await project({
      'claude-auth-lint.config.json': JSON.stringify({ ignores: ['fixtures/'], rules: { 'no-embedded-token': 'warn' } }),
    });
    const warned = await findingsOf(root);
    expect(warned.found).toEqual(['scripts/deploy.sh claude-auth/no-embedded-token 1', 'src/config.ts claude-auth/no-embedded-token 1']);
    expect(warned.code).toBe(0);

    await writeFile(path.join(root, 'claude-auth-lint.config.json'), JSON.stringify({ rules: { 'claude-auth/no-embedded-token': 'off' } }));
    expect(await findingsOf(root)).toMatchObject({ code: 0, found: [] });

    await writeFile(path.join(root, 'claude-auth-lint.config.json'), JSON.stringify({ ignores: ['fixtures/', 'src/'], rules: { 'no-embedded-token': 'error' } }));
    expect(await findingsOf(root)).toMatchObject({ code: 1, found: ['scripts/deploy.sh claude-auth/no-embedded-token 2'] });
  });

  it('failOn "yellow" (config or --fail-on) makes warnings fail the run', async () => {
    const root = await project({ 'claude-auth-lint.config.json': JSON.stringify({ ignores: ['fixtures/', 'src/'] }) });
    expect((await findingsOf(root)).code).toBe(0);
    expect((await findingsOf(root, '--fail-on', 'yellow')).code).toBe(1);
    await writeFile(path.join(root, 'claude-auth-lint.config.json'), JSON.stringify({ ignores: ['fixtures/', 'src/'], failOn: 'yellow' }));
    expect((await findingsOf(root)).code).toBe(1);
    expect((await findingsOf(root, '--fail-on', 'red')).code).toBe(0);
  });

  it('reads the "claude-auth-lint" key of package.json when there is no config file', async () => {
    const root = await project({ 'package.json': JSON.stringify({ name: 'app', 'claude-auth-lint': { ignores: ['fixtures/', 'scripts/'] } }) });
    expect((await findingsOf(root)).found).toEqual(['src/config.ts claude-auth/no-embedded-token 2']);
  });

  it('--config names another file', async () => {
    const root = await project({ 'ci/scan.json': JSON.stringify({ ignores: ['fixtures/', 'src/'] }) });
    expect((await findingsOf(root, '--config', 'ci/scan.json')).found).toEqual(['scripts/deploy.sh claude-auth/no-embedded-token 1']);
  });
});

describe('bad configuration is a usage error (exit 2) that says what is wrong', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', ['fixtures/'], 'expected a JSON object'],
    ['an unknown key', { ignore: ['x'] }, 'unknown key "ignore"'],
    ['ignores not strings', { ignores: 'fixtures/' }, '"ignores" must be an array'],
    ['an unknown rule', { rules: { 'no-tokens': 'off' } }, 'unknown rule "no-tokens"'],
    ['a bad setting', { rules: { 'no-embedded-token': 'warning' } }, 'the setting of "no-embedded-token" must be "error", "warn" or "off", got "warning"'],
    ['an inherited property name as setting', { rules: { 'no-embedded-token': 'constructor' } }, 'the setting of "no-embedded-token" must be "error", "warn" or "off", got "constructor"'],
    ['a bad failOn', { failOn: 'green' }, '"failOn" must be "red" or "yellow"'],
  ];
  it.each(cases)('%s', async (_name, data, message) => {
    expect(() => validateConfig(data, 'x.json')).toThrow(UsageError);
    expect(() => validateConfig(data, 'x.json')).toThrow(message);
    const root = await project({ 'claude-auth-lint.config.json': JSON.stringify(data) });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid configuration in claude-auth-lint.config.json: ${message}`);
  });

  it('invalid JSON and a missing --config file', async () => {
    const root = await project({ 'claude-auth-lint.config.json': '{ "ignores": [' });
    expect(await runCli([], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not valid JSON') });
    expect(await runCli(['--config', 'nope.json'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read the configuration file') });
  });

  it('accepts numeric settings as ESLint does', () => {
    expect(validateConfig({ rules: { 'no-embedded-token': 0, 'no-credential-mount': 1 } }, 'x').rules).toEqual({
      'claude-auth/no-embedded-token': 'off',
      'claude-auth/no-credential-mount': 'warn',
    });
  });
});
