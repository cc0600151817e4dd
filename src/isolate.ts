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

/** Whether a plan's text is linted in a worker of its own: large, more lines, or a longer line than plans have. One pass over the text. */
export function needsWorker(text: string): boolean {
  if (text.length > WORKER_BYTES) return true;
  let lines = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    if (end - from > WORKER_LINE_LENGTH || ++lines > WORKER_LINES) return true;
    if (nl < 0) return false;
    from = nl + 1;
  }
}

/** The fatal message of a file that used up its time (`--max-file-time`). */
export function timeoutMessage(ms: number): string {
  return `Linting took longer than ${ms / 1000} s (the limit is set with --max-file-time); not linted`;
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
  ) {}

  private start(): WorkerType {
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
