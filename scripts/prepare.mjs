// `npm run prepare`: builds dist/ from the sources. npm runs it after `npm ci`/`npm install` in a
// clone, before `npm pack`, and when a project installs this package from a git URL. In that last
// case npm installs the clone's devDependencies first, except for a global install
// (`npm install -g git+…`, as pre-commit and `npx git+…` users do), where its nested install
// inherits `global` and installs nothing locally, so tsc is missing: then this script installs
// them itself, locally and without scripts, and builds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npm = process.env.npm_execpath;
function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!existsSync('node_modules/typescript/bin/tsc')) {
  const install = ['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'];
  if (npm) run(process.execPath, [npm, ...install]);
  else run(process.platform === 'win32' ? 'npm.cmd' : 'npm', install);
}
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['scripts/copy-grammars.mjs']);
