import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** Installs from the registry, minutes long: `npm run test:install` (vitest.install.config.ts). */
const exclude = [...configDefaults.exclude, 'test/install/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, where the tests
    // that wait on npm installs, Chromium or child processes then leave a core idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Only the rule tests load @typescript-eslint/rule-tester (and TypeScript with it) in their setup:
    // as a setup file for every test file it cost each of them a second of CPU time.
    projects: [
      { extends: true, test: { name: 'rules', include: ['test/rules/**/*.test.ts'], exclude, setupFiles: ['test/setup.ts'] } },
      { extends: true, test: { name: 'scanner', include: ['test/**/*.test.ts'], exclude: [...exclude, 'test/rules/**'] } },
    ],
  },
});
