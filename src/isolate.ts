/**
 * A plan linted in a worker thread of its own, for runs without a pool
 * (`--concurrency off`, `--stdin`, runs too small for a pool): what the pool
 * gives every plan, given to the plans that need it.
 *
 * - `--max-file-time`: past it the worker is terminated and the plan gets a
 *   fatal result; the other plans are linted.
 * - A heap of its own: a plan that exhausts memory ends its worker (a fatal
 *   result for that plan), not the run with a V8 report.
 *
 * Starting a worker costs tens of milliseconds, so ordinary plans stay on the
 * main thread, where they take well under a second: only a plan that is large
 * or shaped unlike any plan (see needsWorker) is sent to the worker. The
 * worker is started for the first such plan and reused for the next ones.
 * Ctrl-C needs no worker: it ends the process whatever the main thread is
 * doing (src/signals.ts).
 *
 * Against an attacker: bench/adversarial.mjs builds the shapes known to be
 * slow for CommonMark/GFM parsers (cmark's and commonmark.js's pathological
 * tests) and for our extractors, each just under the size, line and
 * line-length caps, and measures the lint. Size alone is no bound: the
 * parser is quadratic in the unpaired inline marks of one paragraph (64 KB of
 * `*a_ `, `a]`, `<!--`, `[a](b`: minutes) and in lists stacked on a line. So
 * needsWorker also counts, in the same pass, inline marks per block (summed as
 * squares) and stacked container markers; every shape measured that costs more
 * than about a second goes to the worker (docs/reliability.md has the table).
 * The plans left on the main thread are under the same time budget there
 * (src/budget.ts), but share its heap. With `--untrusted`, the caller sends
 * every plan to the worker instead (runner.ts, `isolateAll`), for a few
 * tenths of a second per run.
 */
import type { Worker as WorkerType, ResourceLimits } from 'node:worker_threads';
import { workerThreads } from './lazy.js';
import { fatalResult, type LintOptions } from './lint.js';
import { PlanLintError } from './schema/registry.js';
import type { LintResult } from './types.js';

/**
 * A plan above this size is linted in a worker. Parsing costs up to ~25 ms of
 * CPU per KB for dense shapes (measured: 64 KB of links, emphasis, setext
 * headings or one-character list items, 1.0 to 1.9 s each), so a plan below it
 * takes a second or two at worst; real plans are 5 to 35 KB.
 */
export const WORKER_BYTES = 64 * 1024;
/** A plan with more lines than this is linted in a worker (real plans: at most ~850 lines). */
export const WORKER_LINES = 2_000;
/**
 * A plan with a line longer than this is linted in a worker: a quadratic
 * pattern (accepted by the regular-expression check, src/regex-safety.ts)
 * costs the square of a line's length (real plans: lines of at most ~1,300).
 */
export const WORKER_LINE_LENGTH = 10_000;

/**
 * Characters that open or close an inline construct (emphasis, strikethrough,
 * links and images, code, HTML and autolinks). The parser matches them within
 * a paragraph in time that grows with the square of their number when they
 * do not pair up: one paragraph of 4,000 mismatched `*a_` took 3.7 s, of
 * 16,000 (64 KB) minutes (bench/adversarial.mjs).
 */
const INLINE_MARKS = new Uint8Array(128);
for (const c of '*_~[]<`') INLINE_MARKS[c.charCodeAt(0)] = 1;

/**
 * A plan whose blocks (runs of non-blank lines) hold more inline marks than
 * this, summed as squares (one block of 2,000 marks, or four of 1,000), is
 * linted in a worker: the parse costs about a second at this sum in the
 * worst shapes measured, and real plans stay far below it (at most 41,000:
 * 132 marks in their densest block).
 */
export const WORKER_MARKS_SQUARED = 2_000 * 2_000;

/**
 * A plan with more container markers stacked on lines than this (each line's
 * list and block-quote markers after its first, as in `- - - a`) is linted in
 * a worker: 327 lines of lists 100 deep (64 KB) took 4.1 s, and the parser's
 * cost grows faster than their number. Real plans stack one or two (`> - a`).
 */
export const WORKER_STACKED = 2_000;

/**
 * A plan with more table cell separators (`|`) than this is linted in a
 * worker: tables cost time per cell (9 rows of 5,000 columns, 64 KB: 3.1 s on
 * a loaded machine), and real plans have at most ~600.
 */
export const WORKER_PIPES = 16_000;

/** Container markers that open a line, after its first: `- `, `* `, `+ `, `1. `, `1) `, `>`. */
function stackedMarkers(text: string, from: number, end: number): number {
  let i = from;
  let n = 0;
  for (;;) {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    if (i >= end) break;
    if (c === 62) i++;
    else if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) i += 2;
    else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d !== 46 && d !== 41) || (text.charCodeAt(j + 1) !== 32 && text.charCodeAt(j + 1) !== 9)) break;
      i = j + 2;
    } else break;
    n++;
  }
  return n > 1 ? n - 1 : 0;
}

/**
 * Whether a plan's text is linted in a worker of its own: large, more lines,
 * a longer line than plans have, blocks dense with inline marks that do not
 * pair up, lists stacked on lines (the parser's quadratic shapes), or far
 * more table cells than plans have. One
 * pass over the text (and the markers that open each line).
 */
export function needsWorker(text: string): boolean {
  if (text.length > WORKER_BYTES) return true;
  let lines = 0;
  let lineStart = 0;
  /** Inline marks of the current block, and the sum of the squares of the blocks before it. */
  let marks = 0;
  let squares = 0;
  /** Whether the current line has a character other than a space or tab. */
  let blank = true;
  let stacked = 0;
  let pipes = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      if (i - lineStart > WORKER_LINE_LENGTH || ++lines > WORKER_LINES) return true;
      if (blank) {
        squares += marks * marks;
        marks = 0;
      }
      if (squares + marks * marks > WORKER_MARKS_SQUARED) return true;
      if ((stacked += stackedMarkers(text, lineStart, i)) > WORKER_STACKED) return true;
      lineStart = i + 1;
      blank = true;
    } else if (c < 128) {
      if (INLINE_MARKS[c]) marks++;
      else if (c === 124 && ++pipes > WORKER_PIPES) return true;
      if (c !== 32 && c !== 9 && c !== 13) blank = false;
    } else blank = false;
  }
  return false;
}

/** The fatal message of a file that used up its time (`--max-file-time`, or `setting`: what sets the limit there). */
export function timeoutMessage(ms: number, setting = '--max-file-time'): string {
  return `Linting took longer than ${ms / 1000} s (the limit is set with ${setting}); not linted`;
}

/** The fatal message of a file whose worker died: out of memory, or another failure. */
export function workerFailure(err: Error & { code?: string }): string {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'Linting ran out of memory; not linted';
  return `Internal error while linting: ${err.message.split('\n')[0]}`;
}

/** What a worker is asked to lint: a file, or (`text`) a plan already read, linted as that file. */
export interface WorkerJob {
  file: string;
  options: LintOptions;
  text?: string;
}

/** One worker, one plan at a time, with a time budget; replaced when it dies or runs out of time. */
export class SoloWorker {
  private worker: WorkerType | null = null;

  constructor(
    private readonly script: URL,
    private readonly budgetMs: number,
    private readonly resourceLimits: ResourceLimits = {},
    /** Called before each worker starts (the pool's heap flags, src/runner.ts). */
    private readonly beforeStart: () => void = () => {},
  ) {}

  private start(): WorkerType {
    this.beforeStart();
    const w = new (workerThreads().Worker)(this.script, { resourceLimits: this.resourceLimits });
    // A worker that fails between plans is only replaced: an 'error' event without a listener would end the run.
    const forget = (): void => {
      if (this.worker === w) this.worker = null;
    };
    w.on('error', forget);
    w.on('exit', forget);
    return w;
  }

  lint(job: WorkerJob): Promise<LintResult> {
    const w = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const end = (): void => {
        if (timer) clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      /** The worker is of no more use: terminated, and the next plan starts a new one. */
      const drop = (): void => {
        if (this.worker === w) this.worker = null;
        void w.terminate();
      };
      const onMessage = (m: { started?: true; result?: LintResult; error?: string }): void => {
        if (m.started) {
          // The budget counts from when the worker begins the plan, not its start-up.
          if (this.budgetMs > 0) {
            timer = setTimeout(() => {
              end();
              drop();
              resolve(fatalResult(job.file, timeoutMessage(this.budgetMs)));
            }, this.budgetMs);
          }
          return;
        }
        end();
        if (m.error !== undefined) reject(new PlanLintError(m.error));
        else resolve(m.result as LintResult);
      };
      const onError = (err: Error): void => {
        end();
        drop();
        resolve(fatalResult(job.file, workerFailure(err)));
      };
      const onExit = (code: number): void => {
        end();
        drop();
        resolve(fatalResult(job.file, `Internal error while linting: the worker stopped (exit code ${code})`));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ k: 0, file: job.file, options: job.options, ...(job.text !== undefined ? { text: job.text } : {}) });
    });
  }

  /** Done: the worker (if any) is terminated. */
  close(): void {
    if (this.worker) void this.worker.terminate();
    this.worker = null;
  }
}
