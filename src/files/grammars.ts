/**
 * Where the tree-sitter grammars (WebAssembly) are. Each comes from an npm package, a
 * devDependency: the build copies the `.wasm` files listed here, and each package's licence, into
 * `dist/grammars/` (scripts/copy-grammars.mjs), so that the published package carries the grammars
 * it loads and nothing else. Its users then install no grammar package: tree-sitter-python's native
 * part would ask them to run an install script (`node-gyp-build`) that nothing here needs, and
 * `@vscode/tree-sitter-wasm` is 22 MB of sixteen grammars of which four are used. Run from the
 * sources (tests), a grammar is read from its package in node_modules.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A grammar: the npm package that ships it and the WebAssembly file's path in that package. */
export interface GrammarSource {
  packageName: string;
  /** Relative to the package's folder; its base name is the file's name in `dist/grammars/`. */
  wasmFile: string;
}

/**
 * Every grammar an analyzer loads, by grammar name: the Python analyzer (src/files/python/tree.ts)
 * and the languages of src/lang (src/lang/tree.ts). The build copies exactly these; add a grammar
 * here and its package to devDependencies (test/files/grammars.test.ts checks both).
 */
export const GRAMMARS = {
  python: { packageName: 'tree-sitter-python', wasmFile: 'tree-sitter-python.wasm' },
  go: { packageName: '@vscode/tree-sitter-wasm', wasmFile: 'wasm/tree-sitter-go.wasm' },
  ruby: { packageName: '@vscode/tree-sitter-wasm', wasmFile: 'wasm/tree-sitter-ruby.wasm' },
  bash: { packageName: '@vscode/tree-sitter-wasm', wasmFile: 'wasm/tree-sitter-bash.wasm' },
  rust: { packageName: '@vscode/tree-sitter-wasm', wasmFile: 'wasm/tree-sitter-rust.wasm' },
} as const satisfies Record<string, GrammarSource>;

/** A grammar's name: a key of {@link GRAMMARS}. */
export type GrammarKey = keyof typeof GRAMMARS;

/** The folder the build copies the grammars into, relative to this module in dist/src/files/. */
const BUILT_GRAMMARS = new URL('../../grammars/', import.meta.url);

/**
 * The absolute path of a grammar's WebAssembly file: the copy in the build when there is one, else
 * the file in its package.
 *
 * @param grammar - a key of {@link GRAMMARS}
 * @throws Error (MODULE_NOT_FOUND) when neither exists (a source checkout without `npm ci`)
 */
export function grammarPath(grammar: GrammarKey): string {
  const { packageName, wasmFile } = GRAMMARS[grammar];
  const built = fileURLToPath(new URL(path.posix.basename(wasmFile), BUILT_GRAMMARS));
  return existsSync(built) ? built : createRequire(import.meta.url).resolve(`${packageName}/${wasmFile}`);
}
