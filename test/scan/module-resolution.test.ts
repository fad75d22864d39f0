import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/scan/module-resolution.js';
import { makeRepo } from '../helpers/temp-repo.js';

const module = 'export const x = 1;\n';

describe('createModuleResolver', () => {
  it('resolves relative imports as TypeScript does: .js specifiers of .ts sources, extensions, index files', async () => {
    const root = await makeRepo({ 'bot.ts': module, 'lib/claude.ts': module, 'lib/agents/index.ts': module, 'util.mjs': module });
    const resolve = createModuleResolver([root]);
    expect(resolve(path.join(root, 'bot.ts'), './lib/claude.js')).toBe(path.join(root, 'lib/claude.ts'));
    expect(resolve(path.join(root, 'bot.ts'), './lib/claude')).toBe(path.join(root, 'lib/claude.ts'));
    expect(resolve(path.join(root, 'lib/claude.ts'), './agents')).toBe(path.join(root, 'lib/agents/index.ts'));
    expect(resolve(path.join(root, 'lib/claude.ts'), '../util.mjs')).toBe(path.join(root, 'util.mjs'));
    expect(resolve(path.join(root, 'bot.ts'), './lib/slack')).toBeUndefined();
  });

  it('resolves tsconfig `paths` (with `extends`), and workspace packages by their package.json name', async () => {
    const root = await makeRepo({
      'package.json': JSON.stringify({ private: true, workspaces: { packages: ['packages/*'] } }),
      'pnpm-workspace.yaml': 'packages:\n  - "tools/**"\n',
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/lib/*': ['src/lib/*'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      'src/lib/claude.ts': module,
      'src/server.ts': module,
      'packages/agent/package.json': JSON.stringify({ name: '@acme/agent', exports: { '.': './src/index.ts', './tools': './src/tools.ts' } }),
      'packages/agent/src/index.ts': module,
      'packages/agent/src/tools.ts': module,
      'tools/gen/cli/package.json': JSON.stringify({ name: 'acme-gen', main: 'main.js' }),
      'tools/gen/cli/main.js': module,
    });
    const resolve = createModuleResolver([root]);
    const server = path.join(root, 'src/server.ts');
    expect(resolve(server, '@/lib/claude')).toBe(path.join(root, 'src/lib/claude.ts'));
    expect(resolve(server, '@acme/agent')).toBe(path.join(root, 'packages/agent/src/index.ts'));
    expect(resolve(server, '@acme/agent/tools')).toBe(path.join(root, 'packages/agent/src/tools.ts'));
    expect(resolve(server, 'acme-gen')).toBe(path.join(root, 'tools/gen/cli/main.js'));
    // Dependencies and built-ins are not files of the tree.
    expect(resolve(server, 'express')).toBeUndefined();
    expect(resolve(server, 'node:child_process')).toBeUndefined();
  });

  it('reads nothing outside the scanned root: no symlink out of the tree, no `extends` out of it', async () => {
    const outside = await makeRepo({
      'secret/claude.ts': module,
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['secret/*'] } } }),
    });
    const root = await makeRepo({
      'tsconfig.json': JSON.stringify({ extends: path.join(outside, 'tsconfig.json') }),
      'src/server.ts': module,
    });
    await symlink(path.join(outside, 'secret'), path.join(root, 'src/linked'));
    const resolve = createModuleResolver([root]);
    const server = path.join(root, 'src/server.ts');
    expect(resolve(server, './linked/claude.js')).toBeUndefined();
    expect(resolve(server, '@/claude')).toBeUndefined();
    expect(resolve(server, `${outside}/secret/claude.ts`)).toBeUndefined();
  });

  it('lists the re-exports of a barrel', async () => {
    const root = await makeRepo({ 'index.ts': "export * from './a.js';\nexport { run as runAgent, type Options } from './run.js';\nexport * as tools from './tools.js';\nexport const local = 1;\n" });
    expect(createModuleResolver([root]).reexports(path.join(root, 'index.ts'))).toEqual([
      { name: '*', source: './a.js', imported: '*' },
      { name: 'runAgent', source: './run.js', imported: 'run' },
      { name: 'Options', source: './run.js', imported: 'Options' },
      { name: 'tools', source: './tools.js', imported: '*' },
    ]);
  });
});
