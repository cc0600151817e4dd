/**
 * Running many files: an optional content cache, an optional pool of worker
 * threads (with a larger V8 young generation for parse-heavy work), and
 * deterministic sharding. Results come back in input order and are the same
 * with and without workers or cache.
 */
import { createHash } from 'node:crypto';
import { readProjectFile } from './project-root.js';
import { availableParallelism } from 'node:os';
import { relative, sep } from 'node:path';
import { fatalResult, lintResolved, lintText, readForLint, withInputHash } from './lint.js';
import { PlanLintError } from './schema/registry.js';
import type { LintOptions } from './lint.js';
import { packageVersion } from './paths.js';
import type { LintResult } from './types.js';
import { readSealed, writeSealed } from './user-cache.js';
import { DEFAULT_MAX_FILE_SIZE } from './read.js';
import { cacheKey as schemaCacheKey } from './schema/compile-cache.js';
import { v8, workerThreads } from './lazy.js';
import { writeCodeCaches } from './code-cache.js';
import { SoloWorker, needsWorker, timeoutMessage, workerFailure } from './isolate.js';
import { OverBudget, resetAfterOverrun, withinBudget } from './budget.js';
import { ShortRun, planBytes } from './tiering.js';


export interface Job {
  file: string;
  options: LintOptions;
  /** The plan's text, already read (`--stdin`): linted as `file`, which is not read. */
  text?: string;
}

export interface RunOptions {
  /** 'off' (default for few files), 'auto', or a number of workers. */
  concurrency?: 'auto' | 'off' | number;
  /** Path of the cache file; no caching when absent. */
  cacheFile?: string;
  /** Untrusted mode: the cache file is not read (and not written). */
  untrusted?: boolean;
  /** The script that runs as a worker (dist/worker.cjs). */
  workerScript?: URL;
  /**
   * `--max-file-time` in milliseconds (0 or absent: none): a file still being
   * linted after this long is a fatal result for that file. In a worker, the
   * worker is terminated and a new one lints the rest; on the main thread
   * (without a pool), the lint is stopped (src/budget.ts) and the rest of the
   * run is linted in a worker of its own (src/isolate.ts).
   */
  maxFileTimeMs?: number;
  /**
   * Without a pool, lint every plan in the worker of its own, not only those
   * needsWorker picks: set by `--untrusted`, so that a stranger's plan also
   * has a heap of its own (src/isolate.ts).
   */
  isolateAll?: boolean;
  /** Called with each result as soon as it and every result before it are known (input order). */
  onResult?: (k: number, result: LintResult) => void;
}

/** Below this many files a pool costs more than it saves. */
export const POOL_THRESHOLD = 24;
/**
 * Worker heap tuning, measured in bench/results.md. Parsing a plan allocates
 * tens of MB that live until the plan is done; with V8's default 16 MB
 * semi-spaces much of it is copied and promoted, and GC took a third of the
 * CPU. Workers start with 32 MB semi-spaces instead (64 MB of new space
 * each), and V8 is told not to pretenure: with semi-spaces this size it took
 * the allocation sites that build a plan's tree for long-lived ones, allocated
 * them in the old generation, and full collections followed (one worker,
 * 200 plans: 7.0 s with pretenuring, 5.9 s without).
 *
 * Memory is mostly young generation, and V8 lets the old generation grow by
 * the size of the new space before it collects it: 48 MB semi-spaces (which
 * V8 grows to 64) ran 200 plans ~5% faster but peaked at 540 MB on 2,000
 * plans; 32 MB peaks near 430 MB. A fixed old-generation growing factor
 * (--heap-growing-percent=50) made 32 MB slower (one worker: 6.2 s vs
 * 5.5 s). --single-threaded-gc was faster still, but V8 aborts when it is
 * set after start-up.
 */
const SEMI_SPACE_MB = 32;
/** V8's young generation is three semi-spaces (two plus the new large-object space). */
const YOUNG_GENERATION_MB = 3 * SEMI_SPACE_MB;
const WORKER_LIMITS = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };

/**
 * V8 flags read when a worker's heap is set up (min semi-space) or at each
 * collection (pretenuring). They are process-wide: the main thread, idle
 * while the pool runs, stops pretenuring too. Set for the pool, and for the
 * worker of a run without one (src/isolate.ts) when it starts: the plans
 * sent there are the large ones, whose parse allocates the most (a plan of
 * 4,000 one-item lists: GC was a fifth of its worker's CPU).
 */
export const WORKER_V8_FLAGS = [`--min-semi-space-size=${SEMI_SPACE_MB}`, '--no-allocation-site-pretenuring'] as const;
function tuneWorkerHeaps(): void {
  try {
    for (const flag of WORKER_V8_FLAGS) v8().setFlagsFromString(flag);
  } catch {
    /* an engine without these flags lints as fast as it can */
  }
}

/** `--shard i/n`: this shard's files, by a stable hash of the path relative to `cwd`. */
export function shard<T extends { file: string }>(jobs: T[], spec: string, cwd: string): T[] {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new Error(`--shard takes i/n with 1 <= i <= n, got "${spec}"`);
  return jobs.filter((j) => fnv1a(relative(cwd, j.file).split(sep).join('/')) % n === i - 1);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface CacheFile {
  tool: 'plan-lint';
  version: string;
  entries: Record<string, { key: string; result: LintResult }>;
}

/** The kind and key of the results file's seal (src/user-cache.ts). */
const KIND = 'results';
const SEAL_KEY = 'lint-results';

/**
 * What decides a file's result: its bytes, its options (schema, rules), the
 * bytes of the schema files and of every file they `$ref`, plan-lint's version.
 */
function cacheKey(job: Job, content: Buffer, schemaDigest: (path: string) => string): string {
  const h = createHash('sha256');
  h.update(packageVersion());
  h.update('\0');
  h.update(content);
  h.update('\0');
  h.update(JSON.stringify({ schema: job.options.schema ?? null, rules: job.options.rules ?? {}, quiet: job.options.quiet ?? false, fix: job.options.fix ?? false, candidates: job.options.candidates ?? [], inlineConfig: job.options.inlineConfig ?? true, unmatched: job.options.unmatched ?? 'warn' }));
  for (const s of [job.options.schema, ...(job.options.candidates ?? [])]) {
    if (s && /[\\/.]/.test(s)) h.update(schemaDigest(s));
  }
  return h.digest('hex');
}

/** A schema file's digest over its bytes and those of every file it `$ref`s (the compiled-schema cache's key). */
function schemaFileDigest(path: string): string {
  let bytes: Buffer;
  try {
    // Bounded, regular files only (a FIFO or a link to /dev/zero is refused, not read); loading says why.
    bytes = readProjectFile(path, { root: null, what: 'Schema file' });
  } catch {
    return 'missing';
  }
  let json: unknown = null;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    /* a template Markdown file, or a broken schema (which fails the lint anyway) */
  }
  return schemaCacheKey(path, bytes, json) ?? `unreadable $ref ${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The cache, when the file is one this user wrote (authenticated, src/user-cache.ts); else an empty one. */
function readCache(path: string, untrusted: boolean): CacheFile {
  const empty = (): CacheFile => ({ tool: 'plan-lint', version: packageVersion(), entries: Object.create(null) as CacheFile['entries'] });
  if (untrusted) return empty();
  try {
    const body = readSealed(path, KIND, SEAL_KEY);
    if (!body) return empty();
    const c = JSON.parse(body.toString('utf8')) as CacheFile;
    if (c && c.tool === 'plan-lint' && c.version === packageVersion() && c.entries && typeof c.entries === 'object' && !Array.isArray(c.entries)) {
      return { ...c, entries: Object.assign(Object.create(null) as CacheFile['entries'], c.entries) };
    }
  } catch {
    /* missing, corrupt or foreign: start afresh */
  }
  return empty();
}

export async function runJobs(jobs: Job[], opts: RunOptions = {}): Promise<LintResult[]> {
  const results: (LintResult | undefined)[] = new Array(jobs.length);
  const cache = opts.cacheFile ? readCache(opts.cacheFile, opts.untrusted === true) : null;
  // Each schema file is read once per run, not once per plan.
  const schemaDigests = new Map<string, string>();
  const schemaDigest = (path: string): string => {
    let d = schemaDigests.get(path);
    if (d === undefined) schemaDigests.set(path, (d = schemaFileDigest(path)));
    return d;
  };
  const keys: (string | null)[] = new Array(jobs.length).fill(null);
  const todo: number[] = [];
  let emitted = 0;
  /** Hand on the results that are now complete in input order. */
  const settle = (): void => {
    while (emitted < jobs.length && results[emitted] !== undefined) {
      const k = emitted++;
      opts.onResult?.(k, results[k] as LintResult);
    }
  };
  jobs.forEach((job, k) => {
    if (cache) {
      let content: Buffer | null = null;
      try {
        // As the lint reads it: a regular file within the size limit (a FIFO must not hang the run); else no key, and the lint says why.
        content = readProjectFile(job.file, { root: null, what: 'File', max: job.options.maxFileSize === 0 ? Infinity : (job.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) });
      } catch {
        content = null;
      }
      if (content) {
        const key = cacheKey(job, content, schemaDigest);
        keys[k] = key;
        const hit = cache.entries[job.file];
        if (hit && hit.key === key) {
          results[k] = hit.result;
          return;
        }
      }
    }
    todo.push(k);
  });

  settle();
  const workers = poolSize(opts.concurrency, todo.length);
  if (workers > 0 && opts.workerScript) await runInPool(jobs, todo, results, workers, opts.workerScript, settle, opts.maxFileTimeMs ?? 0);
  else {
    const solo = opts.workerScript ? new SoloWorker(opts.workerScript, opts.maxFileTimeMs ?? 0, WORKER_LIMITS, tuneWorkerHeaps) : null;
    // A process of our own (given a worker script): a short run is linted without TurboFan (src/tiering.ts).
    const short = opts.workerScript ? new ShortRun(planBytes(todo.map((k) => jobs[k] as Job))) : null;
    const here: MainThread = { budgetMs: opts.maxFileTimeMs ?? 0, overrun: false, short };
    try {
      for (const k of todo) {
        // After a lint stopped on this thread, its caches are not trusted: the rest go to the worker.
        results[k] = await lintHere(jobs[k] as Job, solo, opts.isolateAll === true || here.overrun, here);
        settle();
      }
    } finally {
      short?.end();
      solo?.close();
    }
  }

  if (cache && opts.cacheFile && !opts.untrusted) {
    const entries = Object.create(null) as CacheFile['entries'];
    jobs.forEach((job, k) => {
      const r = results[k];
      if (keys[k] && r && r.fatalErrorCount === 0) entries[job.file] = { key: keys[k] as string, result: r };
    });
    // Entries for files outside this run are kept.
    for (const [f, e] of Object.entries(cache.entries)) if (!(f in entries) && !jobs.some((j) => j.file === f)) entries[f] = e;
    // Sealed with the user's secret, written in one step; an unwritable cache is not a lint failure.
    writeSealed(opts.cacheFile, KIND, SEAL_KEY, JSON.stringify({ tool: 'plan-lint', version: packageVersion(), entries }), process.env, true);
  }
  return results as LintResult[];
}

/** The main thread of a run without a pool: the time budget of a plan linted on it, and whether one ran past it. */
interface MainThread {
  budgetMs: number;
  overrun: boolean;
  /** The run's TurboFan pause, if any (src/tiering.ts): ended before the worker starts. */
  short: ShortRun | null;
}

/**
 * One plan of a run without a pool: on this thread, or, when it is large or
 * shaped unlike a plan (or `all`: every plan), in a worker of its own with the time budget and a heap
 * of its own (src/isolate.ts). Without a worker script (the library), here. On this thread, the
 * lint has the same time budget (src/budget.ts).
 */
async function lintHere(job: Job, solo: SoloWorker | null, all: boolean, here: MainThread): Promise<LintResult> {
  if (!solo) return lintBudgeted(job, here);
  if (job.text !== undefined) return lintRead(job, job.text, solo, all, here);
  const read = readForLint(job.file, job.options);
  if (!read.ok) return fatalResult(job.file, read.message);
  return withInputHash(await lintRead({ ...job, text: read.text }, read.text, solo, all, here), read.text);
}

/** A plan whose text was read: to the worker when it needs one (TurboFan back on first), else here. */
async function lintRead(job: Job, text: string, solo: SoloWorker, all: boolean, here: MainThread): Promise<LintResult> {
  if (all || needsWorker(text)) {
    here.short?.end();
    return solo.lint(job);
  }
  return lintBudgeted(job, here);
}

/** Lint on this thread within the budget: past it, a fatal result, and `here.overrun` is set. */
function lintBudgeted(job: Job, here: MainThread): Promise<LintResult> {
  return safeLint(job, here.budgetMs, () => (here.overrun = true));
}

function poolSize(concurrency: RunOptions['concurrency'], files: number): number {
  if (concurrency === undefined || concurrency === 'off') return 0;
  if (concurrency === 'auto') return files >= POOL_THRESHOLD ? Math.max(1, Math.min(2, availableParallelism())) : 0;
  return Math.max(0, Math.min(concurrency, files));
}

/**
 * Each worker holds two jobs: the one it lints and the next, so that it never
 * waits on the event loop between plans (that wait made the next parse about
 * 30% slower; see readPlanSync).
 */
const IN_FLIGHT = 2;

async function runInPool(jobs: Job[], todo: number[], results: (LintResult | undefined)[], size: number, script: URL, settle: () => void, budgetMs: number): Promise<void> {
  tuneWorkerHeaps();
  let next = 0;
  /** Jobs handed back by a worker that died before it reached them. */
  const retry: number[] = [];
  const take = (): number | undefined => (retry.length ? retry.shift() : next < todo.length ? todo[next++] : undefined);
  const one = (): Promise<void> =>
    new Promise((resolveAll, rejectAll) => {
      const w = new (workerThreads().Worker)(script, { resourceLimits: WORKER_LIMITS });
      /** This worker's jobs in the order it lints them. */
      const queue: number[] = [];
      let done = false;
      /** The budget of the file the worker lints now: it starts when the worker says it began that file (its start-up is not counted). */
      let timer: NodeJS.Timeout | null = null;
      const arm = (current: number): void => {
        if (timer) clearTimeout(timer);
        timer = null;
        if (!budgetMs || done) return;
        timer = setTimeout(() => {
          if (done) return;
          done = true;
          const waiting = queue.filter((k) => k !== current);
          results[current] = fatalResult((jobs[current] as Job).file, timeoutMessage(budgetMs));
          settle();
          retry.push(...waiting);
          void w.terminate();
          one().then(resolveAll, rejectAll);
        }, budgetMs);
      };
      const finish = (): void => {
        done = true;
        if (timer) clearTimeout(timer);
        void w.terminate();
        resolveAll();
      };
      const feed = (): void => {
        while (queue.length < IN_FLIGHT) {
          const k = take();
          if (k === undefined) break;
          queue.push(k);
          w.postMessage({ k, file: jobs[k]!.file, options: jobs[k]!.options });
        }
        if (queue.length === 0) finish();
      };
      w.on('message', (m: { k: number; started?: true; result?: LintResult; error?: string }) => {
        if (done) return;
        if (m.started) {
          arm(m.k);
          return;
        }
        if (timer) clearTimeout(timer);
        timer = null;
        if (m.error !== undefined) {
          done = true;
          if (timer) clearTimeout(timer);
          void w.terminate();
          rejectAll(new PlanLintError(m.error));
          return;
        }
        results[m.k] = m.result;
        queue.splice(queue.indexOf(m.k), 1);
        settle();
        feed();
      });
      // A worker that dies (out of memory, say) fails its file only; a new worker takes the rest.
      w.on('error', (err: Error) => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        const [current, ...waiting] = queue;
        if (current !== undefined) {
          results[current] = fatalResult((jobs[current] as Job).file, workerFailure(err));
          settle();
        }
        retry.push(...waiting);
        void w.terminate();
        one().then(resolveAll, rejectAll);
      });
      feed();
    });
  await Promise.all(Array.from({ length: size }, one));
}

/**
 * Lint one file; a bug while linting it becomes a fatal result for that file
 * (the others are still linted). A bad schema or config (PlanLintError) stops the run.
 * `budgetMs` (0: none): past it, the lint is stopped (src/budget.ts) and the
 * result is the fatal of a file over its time; `onOverrun` is told.
 */
export async function safeLint(job: Job, budgetMs = 0, onOverrun?: () => void): Promise<LintResult> {
  try {
    return withinBudget(budgetMs, () => (job.text !== undefined ? lintText(job.text, job.file, job.options) : lintResolved(job.file, job.options)));
  } catch (err) {
    if (err instanceof OverBudget) {
      resetAfterOverrun();
      onOverrun?.();
      return fatalResult(job.file, timeoutMessage(err.ms));
    }
    if (err instanceof PlanLintError) throw err;
    const e = err as Error;
    const what = e instanceof RangeError && /call stack/i.test(e.message) ? 'nesting too deep to lint' : `internal error while linting: ${e.message.split('\n')[0]}`;
    return fatalResult(job.file, what.charAt(0).toUpperCase() + what.slice(1));
  }
}

/** The worker side: lint what the pool sends, one file at a time. */
export function workerLoop(port: { on(e: 'message', f: (m: { k: number; file: string; options: LintOptions; text?: string }) => void): void; postMessage(m: unknown): void }): void {
  port.on('message', (m) => {
    // The pool's --max-file-time counts from here.
    port.postMessage({ k: m.k, started: true });
    safeLint({ file: m.file, options: m.options, ...(m.text !== undefined ? { text: m.text } : {}) }).then(
      (result) => {
        port.postMessage({ k: m.k, result });
        // Only in the build's code-cache run (else nothing to write): a worker is terminated, not exited.
        writeCodeCaches();
      },
      (err: Error) => port.postMessage({ k: m.k, error: err.message }),
    );
  });
}
