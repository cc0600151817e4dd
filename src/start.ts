#!/usr/bin/env node
/**
 * The published bin: runs the bundled CLI (dist/plan-lint.cjs, made from
 * src/bin.ts by scripts/bundle.mjs) from its V8 code cache (src/code-cache.ts).
 */
import { fileURLToPath } from 'node:url';
import { lendImport, runCommonJs } from './code-cache.js';

lendImport((url) => import(url));

runCommonJs(fileURLToPath(new URL('./plan-lint.cjs', import.meta.url)));
