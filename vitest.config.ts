import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Installs from the registry, minutes long: `npm run test:install` (vitest.install.config.ts).
    exclude: [...configDefaults.exclude, 'test/install/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
  },
});
