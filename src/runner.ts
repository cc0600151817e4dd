/**
 * Running many files: an optional content cache, an optional pool of worker
 * threads (with a larger V8 young generation for parse-heavy work), and
 * deterministic sharding. Results come back in input order and are the same
 * with and without workers or cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fatalResult, lintFile } from './index.js';
import { PlanLintError } from './schema/registry.js';
import type { LintOptions } from './lint.js';
import { packageVersion } from './paths.js';
import type { LintResult } from './types.js';
import { writeAtomic } from './write.js';

export interface Job {
  file: string;
  options: LintOptions;
}

export interface RunOptions {
  /** 'off' (default for few files), 'auto', or a number of workers. */
  concurrency?: 'auto' | 'off' | number;
  /** Path of the cache file; no caching when absent. */
  cacheFile?: string;
  /** The script that runs as a worker (the bundled bin, or dist/worker.js). */
  workerScript?: URL;
}

/** Below this many files a pool costs more than it saves. */
export const POOL_THRESHOLD = 24;
const YOUNG_GENERATION_MB = 48;

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

/** What decides a file's result: its bytes, its options (schema, rules), the schema files' bytes, plan-lint's version. */
function cacheKey(job: Job, content: Buffer): string {
  const h = createHash('sha256');
  h.update(packageVersion());
  h.update('\0');
  h.update(content);
  h.update('\0');
  h.update(JSON.stringify({ schema: job.options.schema ?? null, rules: job.options.rules ?? {}, quiet: job.options.quiet ?? false, candidates: job.options.candidates ?? [] }));
  for (const s of [job.options.schema, ...(job.options.candidates ?? [])]) {
    if (s && /[\\/.]/.test(s)) {
      try {
        h.update(readFileSync(s));
      } catch {
        h.update('missing');
      }
    }
  }
  return h.digest('hex');
}

function readCache(path: string): CacheFile {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (c && c.tool === 'plan-lint' && c.version === packageVersion() && c.entries && typeof c.entries === 'object') return c;
  } catch {
    /* missing, corrupt or foreign: start afresh */
  }
  return { tool: 'plan-lint', version: packageVersion(), entries: Object.create(null) as CacheFile['entries'] };
}

export async function runJobs(jobs: Job[], opts: RunOptions = {}): Promise<LintResult[]> {
  const results: (LintResult | undefined)[] = new Array(jobs.length);
  const cache = opts.cacheFile ? readCache(opts.cacheFile) : null;
  const keys: (string | null)[] = new Array(jobs.length).fill(null);
  const todo: number[] = [];
  jobs.forEach((job, k) => {
    if (cache) {
      let content: Buffer | null = null;
      try {
        content = readFileSync(job.file);
      } catch {
        content = null;
      }
      if (content) {
        const key = cacheKey(job, content);
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

  const workers = poolSize(opts.concurrency, todo.length);
  if (workers > 0 && opts.workerScript) await runInPool(jobs, todo, results, workers, opts.workerScript);
  else for (const k of todo) results[k] = await safeLint(jobs[k] as Job);

  if (cache && opts.cacheFile) {
    const entries = Object.create(null) as CacheFile['entries'];
    jobs.forEach((job, k) => {
      const r = results[k];
      if (keys[k] && r && r.fatalErrorCount === 0) entries[job.file] = { key: keys[k] as string, result: r };
    });
    // Entries for files outside this run are kept.
    for (const [f, e] of Object.entries(cache.entries)) if (!(f in entries) && !jobs.some((j) => j.file === f)) entries[f] = e;
    try {
      mkdirSync(dirname(opts.cacheFile), { recursive: true });
      await writeAtomic(opts.cacheFile, JSON.stringify({ tool: 'plan-lint', version: packageVersion(), entries }), true);
    } catch {
      /* an unwritable cache is not a lint failure */
    }
  }
  return results as LintResult[];
}

function poolSize(concurrency: RunOptions['concurrency'], files: number): number {
  if (concurrency === undefined || concurrency === 'off') return 0;
  if (concurrency === 'auto') return files >= POOL_THRESHOLD ? Math.max(1, Math.min(2, availableParallelism())) : 0;
  return Math.max(0, Math.min(concurrency, files));
}

async function runInPool(jobs: Job[], todo: number[], results: (LintResult | undefined)[], size: number, script: URL): Promise<void> {
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolveAll, rejectAll) => {
      const w = new Worker(script, {
        workerData: { planLintWorker: true },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      let current = -1;
      const feed = (): void => {
        if (next >= todo.length) {
          current = -1;
          void w.terminate();
          resolveAll();
          return;
        }
        const k = todo[next++] as number;
        current = k;
        w.postMessage({ k, file: jobs[k]!.file, options: jobs[k]!.options });
      };
      w.on('message', (m: { k: number; result?: LintResult; error?: string }) => {
        if (m.error !== undefined) {
          void w.terminate();
          rejectAll(new PlanLintError(m.error));
          return;
        }
        results[m.k] = m.result;
        feed();
      });
      // A worker that dies (out of memory, say) fails its file only; a new worker takes the rest.
      w.on('error', (err: Error) => {
        if (current < 0) return;
        const job = jobs[current] as Job;
        results[current] = fatalResult(job.file, `Internal error while linting: ${err.message.split('\n')[0]}`);
        current = -1;
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
 */
export async function safeLint(job: Job): Promise<LintResult> {
  try {
    return await lintFile(job.file, job.options);
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    const e = err as Error;
    const what = e instanceof RangeError && /call stack/i.test(e.message) ? 'nesting too deep to lint' : `internal error while linting: ${e.message.split('\n')[0]}`;
    return fatalResult(job.file, what.charAt(0).toUpperCase() + what.slice(1));
  }
}

/** The worker side: lint what the pool sends, one file at a time. */
export function workerLoop(port: { on(e: 'message', f: (m: { k: number; file: string; options: LintOptions }) => void): void; postMessage(m: unknown): void }): void {
  port.on('message', (m) => {
    safeLint({ file: m.file, options: m.options }).then(
      (result) => port.postMessage({ k: m.k, result }),
      (err: Error) => port.postMessage({ k: m.k, error: err.message }),
    );
  });
}
