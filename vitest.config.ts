import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file in a child process of its own (its own temporary user cache, see test/helpers.ts).
    pool: 'forks',
    // Two files at a time at least. Vitest's default on a 2-core machine is one (cores - 1), and the
    // slow files spend much of their time waiting on child processes (the built CLI, git, npm,
    // pre-commit), so one worker leaves a core idle on a quiet machine and takes a smaller share of a
    // busy one. No test reads or writes a file of another: each works in temporary folders.
    maxWorkers: Math.max(2, availableParallelism()),
    // No test depends on the machine's speed: child processes are awaited until
    // they exit and loops are bounded by work. This limit only ends a test that
    // hangs; a busy machine (the suite beside other CPU-bound work) never reaches it.
    testTimeout: 20 * 60_000,
    hookTimeout: 20 * 60_000,
  },
});
