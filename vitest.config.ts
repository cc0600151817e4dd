import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Vitest resolves packages with the `development` condition (Vite's default outside production), and
 * passes `--conditions development` to its workers: micromark and mdast-util-from-markdown then load
 * their `dev/` builds, with assertions and debug calls on every token, some 15% more CPU on every
 * parse of the in-process tests (33 rfc fixtures: 3.9 vs 3.4 CPU s). plan-lint ships and runs the
 * default builds (the bundle, src/ under Node), so the tests load those too.
 */
const withoutDevelopmentCondition = {
  name: 'plan-lint:no-development-condition',
  enforce: 'post' as const,
  configResolved(config: { ssr?: { resolve?: { conditions?: string[] } }; environments?: Record<string, { resolve?: { conditions?: string[] } }> }): void {
    const drop = (list: string[]): string[] => list.filter((c) => c !== 'development' && c !== 'development|production');
    const targets = [config.ssr?.resolve, ...Object.values(config.environments ?? {}).map((e) => e.resolve)];
    for (const resolve of targets) if (resolve?.conditions) resolve.conditions = drop(resolve.conditions);
  },
};

export default defineConfig({
  plugins: [withoutDevelopmentCondition],
  test: {
    include: ['test/**/*.test.ts'],
    // Test files run in child processes (forks), not worker threads.
    pool: 'forks',
    // Files share their worker process (one per worker, not one per file): vitest, the TypeScript
    // transform and src/ load once per worker instead of once per file, which was about a third of
    // the CPU of the small files (15 files: 76 -> 50 CPU s). Safe here: every file works in temporary
    // folders of its own, test/setup.ts gives each file its own user cache (XDG_CACHE_HOME), the
    // module-level caches of src/ are keyed by path, and no test mocks modules or leaves globals
    // changed (schema-cache.test.ts restores the one variable it sets).
    isolate: false,
    setupFiles: ['test/setup.ts'],
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
