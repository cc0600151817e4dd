/**
 * The published bin's body, as CommonJS (dist/start.cjs, made by
 * scripts/bundle.mjs): runs the bundled CLI (dist/plan-lint.cjs, made from
 * src/bin.ts) from its V8 code cache (src/code-cache.ts). dist/bin.js
 * (src/launch.ts) requires it and lends it `import()`.
 *
 * CommonJS rather than an ES module because an ES module's `import` of a Node
 * builtin builds the builtin's ES module facade, which reads every export:
 * `node:fs`'s ReadStream getter alone loads all of Node's streams, a few
 * milliseconds of every start that `require` does not spend.
 */
import { fileURLToPath } from 'node:url';
import { lendImport, runCommonJs } from './code-cache.js';

export function start(importer: (url: string) => Promise<unknown>): void {
  lendImport(importer);
  runCommonJs(fileURLToPath(new URL('./plan-lint.cjs', import.meta.url)));
}
