import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; keep them from competing for the 2 cores.
    pool: 'forks',
    // No test depends on the machine's speed: child processes are awaited until
    // they exit and loops are bounded by work. This limit only ends a test that
    // hangs; a busy machine (the suite beside other CPU-bound work) never reaches it.
    testTimeout: 20 * 60_000,
    hookTimeout: 20 * 60_000,
  },
});
