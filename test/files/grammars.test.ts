/**
 * The grammar table (src/files/grammars.ts) is the one list of grammars: the build copies exactly
 * its files into dist/grammars/, the loaders read them from there, and package.json installs their
 * packages for development only. Runs on the build (`npm test` builds first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAMMARS, type GrammarKey } from '../../src/files/grammars.js';
import { LANGUAGES } from '../../src/lang/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const built = path.join(root, 'dist', 'grammars');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
};
/** The built loader: the module the published package runs. */
const builtGrammars = (await import(path.join(root, 'dist', 'src', 'files', 'grammars.js'))) as typeof import('../../src/files/grammars.js');
const builtTree = (await import(path.join(root, 'dist', 'src', 'lang', 'tree.js'))) as typeof import('../../src/lang/tree.js');

const keys = Object.keys(GRAMMARS) as GrammarKey[];

describe('the grammar table', () => {
  it('lists the grammars the analyzers load, and no other: Python plus each language of src/lang that has one', () => {
    const used = new Set<string>(['python']);
    for (const language of Object.values(LANGUAGES)) if (language.grammar) used.add(language.grammar);
    expect(new Set(keys)).toEqual(used);
  });

  it('takes each grammar from a devDependency, never a dependency, and the package ships dist/grammars/', () => {
    for (const { packageName } of Object.values(GRAMMARS)) {
      expect(manifest.devDependencies, packageName).toHaveProperty([packageName]);
      expect(manifest.dependencies, packageName).not.toHaveProperty([packageName]);
    }
    expect(manifest.files).toContain('dist/grammars/');
  });

  it('is what the build copied: one .wasm and one licence per grammar, nothing else', () => {
    const expected = Object.values(GRAMMARS).flatMap(({ wasmFile }) => {
      const name = path.posix.basename(wasmFile, '.wasm');
      return [`${name}.wasm`, `${name}.LICENSE`];
    });
    expect(readdirSync(built).sort()).toEqual(expected.sort());
  });
});

describe('the built loaders', () => {
  it('find every grammar in dist/grammars/, not in node_modules', () => {
    for (const key of keys) expect(builtGrammars.grammarPath(key)).toBe(path.join(built, path.posix.basename(GRAMMARS[key].wasmFile)));
  });

  it.each([
    ['go', 'package main\n\nfunc main() { run("claude") }\n', 'call_expression'],
    ['ruby', "system('claude', '-p', prompt)\n", 'call'],
    ['bash', 'claude -p "$PROMPT"\n', 'command'],
    ['rust', 'fn main() { let token = std::env::var("HOME"); }\n', 'call_expression'],
  ] as const)('load %s from the build and parse with it', async (grammar, code, nodeType) => {
    await builtTree.prepareGrammar(grammar);
    const { root: tree } = builtTree.parseWith(grammar, code);
    expect([...tree.descendants()].map((node) => node.type)).toContain(nodeType);
  });
});
