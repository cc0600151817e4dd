/**
 * A short run without V8's optimising compiler (TurboFan).
 *
 * A process that lints a few plans spends most of its CPU in code V8 has yet
 * to optimise, and TurboFan, which starts on the functions that got hot
 * (micromark's tokenizers, the extractor, the matching of headings), compiles
 * over a hundred of them, some twice after a deoptimisation, before the run
 * has any use for the result: three plans as pre-commit passes them cost about
 * twice the CPU of one. The CLI's main thread therefore lints a run of plans
 * that total at most SHORT_RUN_BYTES with TurboFan off (the interpreter and the
 * baseline compiler, Sparkplug, run as usual). A longer run repays
 * optimisation and runs as V8 runs it: turning TurboFan on part-way through
 * cost more than either (the first plans slow, and the compiling after them).
 *
 * V8's flags are process-wide and a code cache is accepted only under the
 * flags it was made with (src/code-cache.ts): TurboFan is back on before a
 * worker starts (the pool, the worker of a large plan) and while a file is
 * compiled from its cache (withDefaultFlags), and while the ReDoS checker,
 * recheck, searches (src/regex-safety.ts): long pure computation that ran
 * many times slower without it (a schema's patterns in the Action: past the
 * 60 s budget). Only a process of our own pauses
 * it (the CLI, the Action: runs given a worker script), never the library's
 * host process.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The largest run (bytes of plans) linted with TurboFan off. Measured in CPU
 * (user + system, medians of paired runs) of whole runs on the bench's plans:
 * off cost less up to 165 KB of plans (six plans: 2.0 s vs 2.2 s) and more at
 * 338 KB (twelve: 3.65 s vs 3.4 s).
 */
export const SHORT_RUN_BYTES = 128 * 1024;

/** Shared by every copy of this module in the thread (the bin and the CLI bundle each carry one). */
interface State {
  paused: boolean;
}
const STATE = Symbol.for('plan-lint.tiering');
function state(): State {
  const g = globalThis as Record<symbol, State | undefined>;
  return (g[STATE] ??= { paused: false });
}

function setFlag(flag: string): boolean {
  try {
    (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}

function pause(): void {
  const st = state();
  if (!st.paused && setFlag('--no-turbofan')) st.paused = true;
}

function resume(): void {
  const st = state();
  if (st.paused) {
    setFlag('--turbofan');
    st.paused = false;
  }
}

/** Runs `f` under V8's default flags (TurboFan on), as a code cache needs; pauses again after it. */
export function withDefaultFlags<T>(f: () => T): T {
  if (!state().paused) return f();
  resume();
  try {
    return f();
  } finally {
    pause();
  }
}

/**
 * The size in bytes of the plans of a run, as their files say (an unreadable
 * one: 0, it is not linted), counted only until it passes `enough`: a long run
 * (`--concurrency off` on thousands of plans) is not stat'ed file by file only
 * to learn it is long.
 */
export function planBytes(plans: readonly { file: string; text?: string }[], enough: number = SHORT_RUN_BYTES): number {
  let n = 0;
  for (const p of plans) {
    if (n > enough) break;
    if (p.text !== undefined) n += Buffer.byteLength(p.text);
    else {
      try {
        n += statSync(p.file).size;
      } catch {
        /* missing: a fatal result, not a lint */
      }
    }
  }
  return n;
}

/** One run's pause: TurboFan off from the start, if the run is short, until `end`. */
export class ShortRun {
  private paused: boolean;

  /** `bytes`: the size of the plans the run lints on this thread. */
  constructor(bytes: number, limit: number = SHORT_RUN_BYTES) {
    this.paused = bytes <= limit;
    if (this.paused) pause();
  }

  /** TurboFan on again, for good (the run ends, or a worker is about to start). */
  end(): void {
    if (!this.paused) return;
    this.paused = false;
    resume();
  }
}
