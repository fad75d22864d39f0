// Copies each tree-sitter grammar's WebAssembly file and licence from its package (a devDependency)
// into dist/grammars/, which the published package carries (src/files/grammars.ts says why).
// Runs after tsc, from the repository's root: `npm run build`.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GRAMMARS } from '../dist/src/files/grammars.js';

const require = createRequire(path.resolve('package.json'));
const target = path.resolve('dist/grammars');
mkdirSync(target, { recursive: true });
for (const { packageName, wasmFile } of Object.values(GRAMMARS)) {
  const packageDirectory = path.dirname(require.resolve(`${packageName}/package.json`));
  copyFileSync(path.join(packageDirectory, wasmFile), path.join(target, wasmFile));
  const licence = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((name) => path.join(packageDirectory, name)).find((file) => existsSync(file));
  if (!licence) throw new Error(`${packageName} ships no LICENSE file to copy beside ${wasmFile}`);
  copyFileSync(licence, path.join(target, `${path.basename(wasmFile, '.wasm')}.LICENSE`));
}
