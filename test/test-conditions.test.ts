/**
 * The suite runs the dependencies' default builds, as the bundle and the library do for users, not the
 * `development` builds Vitest would resolve (vitest.config.ts: withoutDevelopmentCondition).
 */
import { expect, it } from 'vitest';

it('resolves packages without the development condition, in the worker and in its module resolution', () => {
  expect(process.execArgv.join(' ')).not.toMatch(/--conditions[ =]development/);
  expect(import.meta.resolve('micromark-util-subtokenize')).not.toContain('/dev/');
  expect(import.meta.resolve('mdast-util-from-markdown')).not.toContain('/dev/');
});
