#!/usr/bin/env node
/**
 * The published bin (dist/bin.js): an ES module that imports nothing but
 * `node:module`, requires dist/start.cjs (src/start.ts) and lends it this
 * module's `import()` (code run from a V8 code cache cannot call it on Node 20:
 * src/code-cache.ts).
 */
import { createRequire } from 'node:module';
import type { start as Start } from './start.js';

const { start } = createRequire(import.meta.url)('./start.cjs') as { start: typeof Start };
start((url) => import(url));
