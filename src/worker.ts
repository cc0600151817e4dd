/**
 * A worker of the lint pool (src/runner.ts): its own small bundle
 * (dist/worker-main.cjs, run by dist/worker.cjs: src/worker-start.ts), without
 * the CLI, so that a worker starts and sits lighter.
 */
import { parentPort } from 'node:worker_threads';
import { workerLoop } from './runner.js';

if (parentPort) workerLoop(parentPort);
