/**
 * The lint pool's worker as Node starts it (dist/worker.cjs): CommonJS, so
 * that a worker needs no ES module loader, and it runs the worker bundle
 * (dist/worker-main.cjs, from src/worker.ts) from its V8 code cache
 * (src/code-cache.ts), as the bin does the CLI.
 */
import { fileURLToPath } from 'node:url';
import { runCommonJs, useWorkerCaches } from './code-cache.js';

useWorkerCaches();
runCommonJs(fileURLToPath(new URL('./worker-main.cjs', import.meta.url)));
