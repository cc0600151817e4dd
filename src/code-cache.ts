/**
 * Runs a prebuilt CommonJS file (the bundled CLI, the pool's worker,
 * dist/vendor/*.cjs) from a V8 code cache when one was made for it, so that
 * start-up deserialises bytecode instead of parsing and compiling ~1 MB of
 * JavaScript, including the functions a lint compiles lazily (micromark's
 * tokenizers, the extractor, the formatters).
 *
 * The caches are made by the build (scripts/bundle.mjs): it runs plan-lint on
 * sample plans with PLAN_LINT_WRITE_CODE_CACHE=1, and every file run through
 * here then writes `<file>.v8cache` (at exit, or after each plan in a pool
 * worker), after the run compiled what a lint needs. A cache starts with the
 * CRC-32 of the file it was made from and the CRC-32 of its data; one for
 * other source, a damaged one, or one V8 rejects (another Node version, other
 * V8 flags) is ignored and the file compiles as usual; PLAN_LINT_CODE_CACHE=off
 * ignores every cache. Nothing here writes at run time unless asked to.
 *
 * CRC-32 (zlib's) rather than a cryptographic hash: the checks are against
 * accident (a file rebuilt or edited, a cache cut short), not an attacker, who
 * could write the code itself beside its cache; and the first SHA-1 of a
 * process set up OpenSSL's digests, ~10 ms of every start.
 *
 * Code run this way cannot call `import()` on Node 20 (V8 drops the import
 * callback of a script compiled from a cache, and a callback of our own needs
 * --experimental-vm-modules): the ES module that runs it lends it its own
 * `import()` (lendImport), which importModule calls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { replaceFileSync } from './replace-file.js';
import { withDefaultFlags } from './tiering.js';

const WRAPPER = ['(function (exports, require, module, __filename, __dirname) {', '\n})'] as const;
const HASH_BYTES = 4;
function checksum(data: Buffer): Buffer {
  const b = Buffer.alloc(HASH_BYTES);
  b.writeUInt32BE(crc32(data));
  return b;
}

interface Compiled {
  script: vm.Script;
  cacheFile: string;
  hash: Buffer;
}

/** How each file run here was compiled: from its cache, or from source (with why). */
export type CodeCacheUse = 'cache' | 'no cache' | 'cache of other source' | 'damaged cache' | 'cache rejected by V8';
type Importer = (url: string) => Promise<unknown>;

/**
 * This thread's state, shared by every copy of this module in it: the bin and
 * the CLI bundle each carry one, as do a worker's entry and its bundle.
 */
interface State {
  /** Scripts whose caches to write (PLAN_LINT_WRITE_CODE_CACHE=1 only). */
  compiled: Compiled[];
  uses: Map<string, CodeCacheUse>;
  /** '.worker' in pool workers (useWorkerCaches). */
  variant: string;
  /** The `import()` lent by the ES module that runs the code (lendImport). */
  importer?: Importer;
}
const STATE = Symbol.for('plan-lint.codeCache');
function state(): State {
  const g = globalThis as Record<symbol, State | undefined>;
  return (g[STATE] ??= { compiled: [], uses: new Map(), variant: '' });
}

/**
 * Writes the caches of the scripts run so far, as they are now (with the
 * functions compiled since); nothing unless PLAN_LINT_WRITE_CODE_CACHE=1. At
 * exit in the main thread; a pool worker, which is terminated rather than
 * exiting, calls it after each plan.
 */
export function writeCodeCaches(): void {
  const { compiled } = state();
  // Back to V8's default before the caches are made: a cache records the flags it was made under.
  if (compiled.length > 0) setBytecodeFlushing(true);
  for (const { script, cacheFile, hash } of compiled) {
    try {
      const data = script.createCachedData();
      replaceFileSync(cacheFile, Buffer.concat([hash, checksum(data), data]));
    } catch {
      /* a cache is an optimisation: never fail a run over it */
    }
  }
}

/**
 * V8 drops the bytecode of functions that have not run for a few major
 * collections, and a cache holds only the functions that have bytecode when it
 * is made: how many collections the build's cache run went through (more on a
 * busy machine) decided how much of a lint its cache held (590 KB vs 948 KB,
 * ~30 ms of a one-plan start). The cache run keeps all bytecode, and restores
 * the flag before it writes, so that the caches carry V8's default flags.
 */
function setBytecodeFlushing(on: boolean): void {
  try {
    (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(on ? '--flush-bytecode' : '--no-flush-bytecode');
  } catch {
    /* only the size of a cache is at stake */
  }
}

export function codeCacheUses(): Record<string, CodeCacheUse> {
  return Object.fromEntries(state().uses);
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Pool workers run under V8 flags the main thread does not start with (see
 * src/runner.ts), and V8 accepts a cache only under the flags it was made
 * with: their caches are kept apart (`<file>.worker.v8cache`).
 */
export function useWorkerCaches(): void {
  state().variant = '.worker';
}

/** Evaluates the CommonJS file at `file` (an absolute path) and returns its exports. */
export function runCommonJs(file: string): unknown {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8').replace(/^#!.*/, '');
  const hash = checksum(bytes);
  const st = state();
  const cacheFile = `${file}${st.variant}.v8cache`;
  let cachedData: Buffer | undefined;
  let use: CodeCacheUse = 'no cache';
  const data = process.env.PLAN_LINT_CODE_CACHE === 'off' ? undefined : readIfThere(cacheFile);
  if (data) {
    const body = data.subarray(2 * HASH_BYTES);
    if (!data.subarray(0, HASH_BYTES).equals(hash)) use = 'cache of other source';
    // V8 does not checksum a code cache: damaged data could crash the process.
    else if (!data.subarray(HASH_BYTES, 2 * HASH_BYTES).equals(checksum(body))) use = 'damaged cache';
    else cachedData = body;
  }
  // Under the flags the caches are made with, whatever a short run turned off (src/tiering.ts).
  const script = withDefaultFlags(() => new vm.Script(WRAPPER[0] + source + WRAPPER[1], { filename: file, cachedData }));
  if (cachedData) use = script.cachedDataRejected === true ? 'cache rejected by V8' : 'cache';
  st.uses.set(file, use);
  if (process.env.PLAN_LINT_WRITE_CODE_CACHE === '1') {
    // After the script was compiled (from the last cache run's cache, under the default flags).
    setBytecodeFlushing(false);
    if (st.compiled.length === 0) process.on('exit', writeCodeCaches);
    st.compiled.push({ script, cacheFile, hash });
  }
  const module = { exports: {} as unknown };
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  fn.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** Called by the ES module that runs code through runCommonJs, with `(url) => import(url)`. */
export function lendImport(importer: Importer): void {
  state().importer = importer;
}

/** `import(url)`, through the lent importer when there is one (see above). */
export function importModule(url: string): Promise<unknown> {
  const lent = state().importer;
  return lent ? lent(url) : import(url);
}
