import { ESLint, type Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/plugin.js';
import { fakeCredential } from './support/fake-credentials.js';

const token = fakeCredential('oat01');

/** One file per extension the configs promise to lint, each in syntax only that extension allows. */
const FILES: Record<string, string> = {
  'app.js': `export function Banner() { return <p>{'${token}'}</p>; }`,
  'server.mjs': `const token = '${token}';\nexport default token;`,
  'legacy.cjs': `const { Anthropic } = require('@anthropic-ai/sdk');\nmodule.exports = { Anthropic, token: '${token}' };`,
  'Banner.jsx': `export const Banner = () => <span title="${token}" />;`,
  // `<string>value` is a type assertion in .ts: it only parses with JSX off.
  'config.ts': `const raw: unknown = '${token}';\nexport const token = <string>raw;`,
  'config.mts': `interface Config { token: string }\nexport const config: Config = { token: '${token}' };`,
  'config.cts': `import type { Server } from 'node:http';\nexport const token: string = '${token}';\nexport type S = Server;`,
  'Page.tsx': `type Props<T> = { value: T };\nexport function Page<T,>({ value }: Props<T>) { return <div data-token="${token}">{String(value)}</div>; }`,
};

/** Lints each file of {@link FILES} with a config array, as ESLint would with that eslint.config.js. */
async function lintAll(config: Linter.Config[]): Promise<Map<string, Linter.LintMessage[]>> {
  const cwd = path.resolve('fixtures');
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
  const messages = new Map<string, Linter.LintMessage[]>();
  for (const [name, code] of Object.entries(FILES)) {
    const [result] = await eslint.lintText(code, { filePath: path.join(cwd, 'virtual', name) });
    messages.set(name, result?.messages ?? []);
  }
  return messages;
}

const { recommended, strict } = plugin.configs;
const tseslintRecommended = tseslint.configs.recommended as Linter.Config[];

describe('configs.recommended', () => {
  it('lints every JS and TS extension on its own, with no parse errors', async () => {
    const results = await lintAll([recommended]);
    for (const [name, messages] of results) {
      expect(messages.filter((message) => message.fatal), name).toEqual([]);
      expect(
        messages.map(({ ruleId, severity }) => ({ ruleId, severity })),
        name,
      ).toEqual([{ ruleId: 'claude-auth/no-embedded-token', severity: 2 }]);
    }
  });

  it.each([
    ['after typescript-eslint', () => [...tseslintRecommended, recommended]],
    ['before typescript-eslint', () => [recommended, ...tseslintRecommended]],
  ])('composes with typescript-eslint (%s)', async (_order, configOf) => {
    const results = await lintAll(configOf());
    for (const [name, messages] of results) {
      expect(messages.filter((message) => message.fatal), name).toEqual([]);
      expect(messages.filter((message) => message.ruleId?.startsWith('claude-auth/')).map((message) => message.severity), name).toEqual([2]);
    }
    // typescript-eslint's own rules still run next to ours.
    expect(results.get('legacy.cjs')?.map((message) => message.ruleId)).toContain('@typescript-eslint/no-require-imports');
  });

  it("lets a project's own parser for plain JS, listed after it, parse JS (our rules still run)", async () => {
    const parsedByProjectParser: string[] = [];
    const projectParser: Linter.Parser = {
      meta: { name: 'project-parser' },
      parseForESLint(code: string, options?: tsParser.ParserOptions) {
        parsedByProjectParser.push(path.basename(String(options?.filePath)));
        return tsParser.parseForESLint(code, options) as unknown as Linter.ESLintParseResult;
      },
    };
    const results = await lintAll([recommended, { files: ['**/*.js', '**/*.mjs'], languageOptions: { parser: projectParser } }]);
    expect(parsedByProjectParser.sort()).toEqual(['app.js', 'server.mjs']);
    expect(results.get('server.mjs')?.map((message) => message.ruleId)).toEqual(['claude-auth/no-embedded-token']);
  });
});

describe("configs.recommended's parser", () => {
  it('parses JS that espree rejects (type annotations in a .js file) with the TypeScript parser, and still reports', async () => {
    const cwd = path.resolve('fixtures');
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [recommended] });
    const code = `import type { Config } from './config';\nexport const settings: Config = {\n  token: '${token}',\n};\n`;
    const [result] = await eslint.lintText(code, { filePath: path.join(cwd, 'virtual', 'settings.js') });
    expect(result?.messages.map(({ ruleId, line, column, fatal }) => ({ ruleId, line, column, fatal }))).toEqual([
      { ruleId: 'claude-auth/no-embedded-token', line: 3, column: 11, fatal: undefined },
    ]);
  });

  it('reports a syntax error in JS at the line and column espree gives', async () => {
    const cwd = path.resolve('fixtures');
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [recommended] });
    const [result] = await eslint.lintText('const ok = 1;\nconst = 2;\n', { filePath: path.join(cwd, 'virtual', 'broken.js') });
    expect(result?.messages.map(({ line, column, fatal }) => ({ line, column, fatal }))).toEqual([{ line: 2, column: 7, fatal: true }]);
  });

  it('loads TypeScript only when a TS file is linted (a language server that opens a JS file never loads it)', () => {
    // A fresh process, as an editor's ESLint server starts: the built plugin, as it is published.
    const script = `
      import { createRequire } from 'node:module';
      import { ESLint } from 'eslint';
      import plugin from './dist/src/index.js';
      const require = createRequire(import.meta.url);
      const typescriptLoaded = () => Object.keys(require.cache).some((file) => /typescript.lib.typescript.js$/.test(file));
      const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
      const afterImport = typescriptLoaded();
      const [js] = await eslint.lintText("export const token = '${token}';", { filePath: 'virtual/app.js' });
      const afterJs = typescriptLoaded();
      const [ts] = await eslint.lintText("export const token: string = '${token}';", { filePath: 'virtual/app.ts' });
      console.log(JSON.stringify({ afterImport, afterJs, afterTs: typescriptLoaded(), js: js.messages.map((m) => m.ruleId), ts: ts.messages.map((m) => m.ruleId) }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve('.'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      afterImport: false,
      afterJs: false,
      afterTs: true,
      js: ['claude-auth/no-embedded-token'],
      ts: ['claude-auth/no-embedded-token'],
    });
  });
});

describe('configs.strict', () => {
  it('reports every finding as an error', async () => {
    const results = await lintAll([strict]);
    expect([...results.values()].flat().map((message) => message.severity)).toEqual(Array(Object.keys(FILES).length).fill(2));
  });

  it('turns on every rule of the registry', () => {
    const enabled = Object.keys(strict.rules ?? {});
    expect(enabled.sort()).toEqual(Object.keys(plugin.rules).map((name) => `claude-auth/${name}`).sort());
  });
});

describe('plugin.meta', () => {
  it('names the package, its version and the rule namespace', async () => {
    const { default: packageJson } = await import('../package.json', { with: { type: 'json' } });
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'claude-auth' });
  });
});
