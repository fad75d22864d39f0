/**
 * The package as a user gets it: `npm pack`, installed with `eslint` into a scratch project, linted by
 * the real `eslint` CLI with an eslint.config.js that uses `configs.recommended`. This is what an
 * editor's ESLint extension loads. Packs the dist/ that `npm test` has just built (with
 * --ignore-scripts, so that no rebuild races the other test files that read dist/).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCredential } from './support/fake-credentials.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const INSTALL_TIMEOUT_MS = 300_000;
/** The lower bound of the package's `eslint` peer range, e.g. `9.15.0` from `^9.15.0 || ^10.0.0`. */
/** A TypeScript release before 5.6 (no string export names in .d.ts files). */
const OLD_TYPESCRIPT = '5.5.4';
const OLDEST_ESLINT = /\d+\.\d+\.\d+/.exec((require('../package.json') as { peerDependencies: { eslint: string } }).peerDependencies.eslint)?.[0] ?? 'unknown';
const LINT_TIMEOUT_MS = 120_000;

/** The versions this repository tests with, so that the install can come from npm's cache. */
const versionOf = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

const token = fakeCredential('oat01', 3);

/** Scratch project files: JS with JSX, TS, TSX and CommonJS, each with findings of the two implemented rules. */
const SOURCES: Record<string, string> = {
  'src/app.js': `import { readFileSync } from 'node:fs';
export const login = readFileSync(\`\${process.env.HOME}/.claude/.credentials.json\`, 'utf8');
export function Banner() {
  return <p title="${token}">hi</p>;
}
`,
  'src/server.ts': `import os from 'node:os';
import path from 'node:path';
const credentialsPath: string = path.join(os.homedir(), '.claude', '.credentials.json');
export const accessToken = <string>JSON.parse(credentialsPath).claudeAiOauth.accessToken;
`,
  'src/Page.tsx': `type Props<T> = { value: T };
export function Page<T,>({ value }: Props<T>) {
  return <div data-token="${token}">{String(value)}</div>;
}
`,
  'src/legacy.cjs': `const { execFileSync } = require('node:child_process');
module.exports = execFileSync('security', ['find-generic-password', '-s', 'Claude Code-credentials', '-w']);
`,
  // Green: an API key from the environment.
  'src/client.mts': `import Anthropic from '@anthropic-ai/sdk';
export const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
`,
};

/** What `configs.recommended` must report per file: rule id, severity, line. */
const EXPECTED: Record<string, string[]> = {
  'src/app.js': ['claude-auth/no-credential-store-read 2 @2', 'claude-auth/no-embedded-token 2 @4'],
  'src/server.ts': ['claude-auth/no-credential-store-read 2 @3', 'claude-auth/no-credential-store-read 2 @4'],
  'src/Page.tsx': ['claude-auth/no-embedded-token 2 @3'],
  'src/legacy.cjs': ['claude-auth/no-credential-store-read 2 @2'],
  'src/client.mts': [],
};

const CONFIGS: Record<string, string> = {
  'eslint.config.js': `import claudeAuth from 'claude-auth-lint';
export default [claudeAuth.configs.recommended];
`,
  'tseslint-first.config.js': `import tseslint from 'typescript-eslint';
import claudeAuth from 'claude-auth-lint';
export default [...tseslint.configs.recommended, claudeAuth.configs.recommended];
`,
  'tseslint-last.config.js': `import tseslint from 'typescript-eslint';
import claudeAuth from 'claude-auth-lint';
export default [claudeAuth.configs.recommended, ...tseslint.configs.recommended];
`,
  'commonjs.config.cjs': `const claudeAuth = require('claude-auth-lint');
module.exports = [claudeAuth.configs.recommended];
`,
};

/** Checked with tsc: the package's types must fit ESLint's own config types and typescript-eslint's. */
const TYPED_CONFIG: Record<string, string> = {
  'typed.config.ts': `import claudeAuth, { POLICY_VERSION, type RuleId } from 'claude-auth-lint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const ruleId: RuleId = 'claude-auth/no-embedded-token';
export const alone = defineConfig([claudeAuth.configs.recommended]);
export const composed = defineConfig(tseslint.configs.recommended, claudeAuth.configs.strict, { rules: { [ruleId]: 'warn' } });
export const withTseslint = tseslint.config(...tseslint.configs.recommended, claudeAuth.configs.recommended);
export const extended = defineConfig({ files: ['**/*.ts'], plugins: { 'claude-auth': claudeAuth }, extends: ['claude-auth/recommended'] });
export const policyVersion: string = POLICY_VERSION;
`,
  // typescript-eslint supports TypeScript releases this old: the package's .d.ts must parse there too.
  'old-typescript.ts': `import claudeAuth, { POLICY_VERSION } from 'claude-auth-lint';
export const recommended: object = claudeAuth.configs.recommended;
export const ruleNames: string[] = Object.keys(claudeAuth.rules).concat(POLICY_VERSION);
`,
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; fatal?: boolean; message: string }[];
}

/** Packs the package into a directory; returns the tarball's path after checking what it holds. */
async function pack(destination: string): Promise<string> {
  const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', destination]);
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed no result: ${stdout}`);
  const packedFiles = packed.files.map((file) => file.path);
  expect(packedFiles).toEqual(expect.arrayContaining(['dist/src/index.js', 'dist/src/index.d.ts', 'dist/rules/index.js', 'docs/rules/no-embedded-token.md']));
  expect(packedFiles.filter((file) => file.startsWith('test/') || file.endsWith('.map') || file.startsWith('src/'))).toEqual([]);
  return path.join(destination, packed.filename);
}

/** A scratch project with the tarball and the given packages installed, and the files above written. */
async function createScratchProject(packages: string[]): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'claude-auth-lint-consumer-'));
  const tarball = await pack(scratch);
  await writeFile(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...packages], { cwd: scratch });
  for (const [name, text] of Object.entries({ ...SOURCES, ...CONFIGS, ...TYPED_CONFIG })) {
    await mkdir(path.dirname(path.join(scratch, name)), { recursive: true });
    await writeFile(path.join(scratch, name), text);
  }
  return scratch;
}

/** Runs a scratch project's `eslint` CLI on src/ with one config file; exit code 1 means errors were found. */
async function eslintCli(scratch: string, configFile: string): Promise<LintResult[]> {
  const cli = path.join(scratch, 'node_modules/eslint/bin/eslint.js');
  const outcome = await run(process.execPath, [cli, '--config', configFile, '--format', 'json', 'src'], { cwd: scratch }).then(
    ({ stdout }) => ({ stdout, code: 0, stderr: '' }),
    (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? '', code: error.code, stderr: error.stderr ?? '' }),
  );
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(1);
  return JSON.parse(outcome.stdout) as LintResult[];
}

/** Our findings per file as `ruleId severity @line`, plus any parse error. */
function claudeAuthFindings(scratch: string, results: LintResult[]): Record<string, string[]> {
  return Object.fromEntries(
    results.map((result) => [
      path.relative(scratch, result.filePath),
      result.messages
        .filter((message) => message.fatal || message.ruleId?.startsWith('claude-auth/'))
        .map((message) => (message.fatal ? `fatal: ${message.message}` : `${message.ruleId} ${message.severity} @${message.line}`)),
    ]),
  );
}

/** Type-checks one file of a scratch project with its own TypeScript; returns tsc's complaints. */
async function typeCheck(scratch: string, file: string): Promise<string> {
  const tsc = path.join(scratch, 'node_modules/typescript/bin/tsc');
  const flags = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'];
  return run(process.execPath, [tsc, ...flags, file], { cwd: scratch }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? 'tsc failed',
  );
}

describe('the packed plugin with the ESLint version this repository tests with', () => {
  let scratch = '';
  beforeAll(async () => {
    expect(existsSync('dist/src/index.js'), 'dist/ is built (npm test builds it first)').toBe(true);
    scratch = await createScratchProject([
      `eslint@${versionOf('eslint')}`,
      `typescript-eslint@${versionOf('typescript-eslint')}`,
      `typescript@${versionOf('typescript')}`,
    ]);
  }, INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('reports with configs.recommended alone, on JS, JSX, TS, TSX and CommonJS', async () => {
    expect(claudeAuthFindings(scratch, await eslintCli(scratch, 'eslint.config.js'))).toEqual(EXPECTED);
  }, LINT_TIMEOUT_MS);

  it.each(['tseslint-first.config.js', 'tseslint-last.config.js'])('composes with typescript-eslint (%s)', async (configFile) => {
    const results = await eslintCli(scratch, configFile);
    expect(claudeAuthFindings(scratch, results)).toEqual(EXPECTED);
    const legacy = results.find((result) => result.filePath.endsWith('legacy.cjs'));
    expect(legacy?.messages.map((message) => message.ruleId)).toContain('@typescript-eslint/no-require-imports');
  }, LINT_TIMEOUT_MS);

  it('loads from a CommonJS config with require()', async () => {
    expect(claudeAuthFindings(scratch, await eslintCli(scratch, 'commonjs.config.cjs'))).toEqual(EXPECTED);
  }, LINT_TIMEOUT_MS);

  it("type-checks in a TypeScript config with eslint's defineConfig and typescript-eslint's config()", async () => {
    expect(await typeCheck(scratch, 'typed.config.ts')).toBe('');
  }, LINT_TIMEOUT_MS);
});

describe('the packed plugin with the oldest ESLint its peer range allows', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await createScratchProject([`eslint@${OLDEST_ESLINT}`, `typescript@${OLD_TYPESCRIPT}`]);
  }, INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(`reports with configs.recommended on ESLint ${OLDEST_ESLINT}`, async () => {
    expect(claudeAuthFindings(scratch, await eslintCli(scratch, 'eslint.config.js'))).toEqual(EXPECTED);
  }, LINT_TIMEOUT_MS);

  it(`has types that TypeScript ${OLD_TYPESCRIPT} can read`, async () => {
    expect(await typeCheck(scratch, 'old-typescript.ts')).toBe('');
  }, LINT_TIMEOUT_MS);
});
