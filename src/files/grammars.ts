/**
 * Where the tree-sitter grammars (WebAssembly) are. Each comes from a grammar's npm package, a
 * devDependency: the build copies its `.wasm` file and licence into `dist/grammars/`
 * (scripts/copy-grammars.mjs), so that the published package carries the grammars and its users
 * install no grammar package, whose native part would ask them to run an install script
 * (`node-gyp-build`) that nothing here needs. Run from the sources (tests), a grammar is read from
 * its package in node_modules.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A grammar: the npm package that ships it and the WebAssembly file's name in that package. */
export interface GrammarSource {
  packageName: string;
  wasmFile: string;
}

/** Every grammar an analyzer loads, by language. Add a language here and to devDependencies. */
export const GRAMMARS = {
  python: { packageName: 'tree-sitter-python', wasmFile: 'tree-sitter-python.wasm' },
} as const satisfies Record<string, GrammarSource>;

/** The folder the build copies the grammars into, relative to this module in dist/src/files/. */
const BUILT_GRAMMARS = new URL('../../grammars/', import.meta.url);

/**
 * The absolute path of a grammar's WebAssembly file: the copy in the build when there is one, else
 * the file in its package.
 *
 * @param language - a key of {@link GRAMMARS}
 * @throws Error (MODULE_NOT_FOUND) when neither exists (a source checkout without `npm ci`)
 */
export function grammarPath(language: keyof typeof GRAMMARS): string {
  const { packageName, wasmFile } = GRAMMARS[language];
  const built = fileURLToPath(new URL(wasmFile, BUILT_GRAMMARS));
  return existsSync(built) ? built : createRequire(import.meta.url).resolve(`${packageName}/${wasmFile}`);
}
