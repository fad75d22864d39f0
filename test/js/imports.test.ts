import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { walk } from '../../src/js/functions.js';
import { createImportResolver, importedModules } from '../../src/js/imports.js';
import { withSourceCode } from './harness.js';

/** `module:path` of every call's callee (or tag) in the file, in source order. */
function calleesOf(code: string): string[] {
  return withSourceCode(code, (context) => {
    const resolve = createImportResolver(context.sourceCode);
    const found: string[] = [];
    walk(context.sourceCode.ast, (node: TSESTree.Node) => {
      const callee = node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression ? node.callee : node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node.tag : undefined;
      const ref = callee && resolve(callee);
      if (ref) found.push(`${ref.module}:${ref.path.join('.')}`);
    });
    return found;
  });
}

describe('createImportResolver', () => {
  it('resolves named, aliased, default and namespace imports', () => {
    expect(calleesOf(`import { query as ask } from '@anthropic-ai/claude-agent-sdk';
import * as cp from 'node:child_process';
import Anthropic from '@anthropic-ai/sdk';
ask({ prompt: 'x' });
cp.spawn('claude');
new Anthropic();`)).toEqual(['@anthropic-ai/claude-agent-sdk:query', 'child_process:spawn', '@anthropic-ai/sdk:']);
  });

  it('resolves require, destructuring, promisify and dynamic import', () => {
    expect(calleesOf(`const { execFile: run } = require('child_process');
const util = require('util');
const runAsync = util.promisify(run);
runAsync('claude', ['-p', 'x']);
require('child_process').exec('claude -p x');
const { query } = await import('@anthropic-ai/claude-code');
query({ prompt: 'x' });`)).toEqual([
      '<global>:require',
      '<global>:require',
      'util:promisify',
      'child_process:execFile',
      'child_process:exec',
      '<global>:require',
      '@anthropic-ai/claude-code:query',
    ]);
  });

  it('knows globals and does not resolve local functions', () => {
    expect(calleesOf(`function spawn(x: string) { return x; }
spawn('claude');
Bun.spawn(['claude', '-p', 'x']);`)).toEqual(['<global>:Bun.spawn']);
  });

  it('treats a default import of a CommonJS module as the module', () => {
    expect(calleesOf(`import cp from 'child_process';
cp.execSync('claude -p x');`)).toEqual(['child_process:execSync']);
  });
});

describe('importedModules', () => {
  it('lists imports, requires, dynamic imports and re-exports, type-only ones included', () => {
    const modules = importedModules(`import type { App } from '@slack/bolt';
import './polyfill.js';
const x = require("discord.js");
const y = await import('telegraf');
export * from './lib/claude.js';`);
    expect([...modules]).toEqual(['@slack/bolt', './polyfill.js', 'discord.js', 'telegraf', './lib/claude.js']);
  });
});
