import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; keep them from competing for the 2 cores.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
