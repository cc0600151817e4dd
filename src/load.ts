import { createRequire } from 'node:module';

/**
 * plan-lint's own `require`, for the dependencies loaded on first use
 * (src/lazy.ts). The GitHub Action's bundle (scripts/bundle-action.mjs)
 * replaces this module with one that bundles them, as the runner has no
 * node_modules.
 */
export const load: (id: string) => unknown = createRequire(import.meta.url);
