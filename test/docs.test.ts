import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

// Reads the built plugin (dist/): `npm test` builds first.
it('README rules table and rule doc headers match rule meta (npm run docs regenerates them)', async () => {
  const generator = path.resolve('node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js');
  const outcome = await run(process.execPath, [generator, 'tools/doc-plugin', '--check']).then(
    () => ({ exitCode: 0, stderr: '' }),
    (error: { code?: number; stderr?: string }) => ({ exitCode: error.code, stderr: error.stderr ?? '' }),
  );
  expect(outcome.stderr).toBe('');
  expect(outcome.exitCode).toBe(0);
});
