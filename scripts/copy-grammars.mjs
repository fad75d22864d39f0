// Copies each tree-sitter grammar's WebAssembly file and its package's licence (a devDependency)
// into dist/grammars/, which the published package carries (src/files/grammars.ts says why).
// Runs after tsc, from the repository's root: `npm run build`.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GRAMMARS } from '../dist/src/files/grammars.js';

const require = createRequire(path.resolve('package.json'));
const target = path.resolve('dist/grammars');
// Afresh, so that a grammar dropped from the table leaves no file behind in the package.
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const { packageName, wasmFile } of Object.values(GRAMMARS)) {
  const packageDirectory = path.dirname(require.resolve(`${packageName}/package.json`));
  const name = path.posix.basename(wasmFile);
  copyFileSync(path.join(packageDirectory, wasmFile), path.join(target, name));
  const licence = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((file) => path.join(packageDirectory, file)).find((file) => existsSync(file));
  if (!licence) throw new Error(`${packageName} ships no LICENSE file to copy beside ${name}`);
  copyFileSync(licence, path.join(target, `${path.basename(name, '.wasm')}.LICENSE`));
}
