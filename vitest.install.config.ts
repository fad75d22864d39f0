import { defineConfig } from 'vitest/config';

/** `npm run test:install`: installs as users do, from the npm registry (minutes); .ci/run runs it after `npm test`. */
export default defineConfig({
  test: {
    include: ['test/install/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
