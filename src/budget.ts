/**
 * A time budget for the synchronous lint of one plan on the main thread.
 *
 * A plan linted in a worker is bounded by terminating the worker
 * (src/isolate.ts); a plan linted on this thread is bounded by V8 itself:
 * `vm`'s `timeout` stops the JavaScript it runs after that many
 * milliseconds, wherever it is (the parser, a regular expression's
 * backtracking, ajv's validator), including the functions of this realm
 * it calls, and throws. The lint is synchronous (parse, extract, template,
 * validation, rules), so it runs whole inside one such script.
 *
 * One context and one compiled script serve the whole process; each call
 * costs V8 a watchdog thread (about 0.1 ms). `breakOnSigint` is not used:
 * SIGINT and SIGTERM keep ending the process by the signal (src/signals.ts).
 *
 * Stopped code runs no `catch` or `finally`: module state a lint was
 * updating may be left half done (ajv's schemas being compiled, for one).
 * Callers do not trust this thread's caches after an interrupt: the CLI
 * lints the rest of its run in a worker (src/runner.ts), and resetAfterOverrun
 * drops the shared compiler state that a later lint here would reuse.
 */
import vm from 'node:vm';
import { resetCompiler } from './schema/registry.js';

/**
 * `--max-file-time` (and the language server's `maxFileTime`) by default, in seconds: generous, five times the 11.5 s a
 * plan at the default size limit (1 MB) takes to parse (docs/reliability.md),
 * so that a busy CI runner never cuts a real plan short.
 */
export const DEFAULT_MAX_FILE_TIME = 60;

/** Thrown by withinBudget when the work ran past its budget (and was stopped). */
export class OverBudget extends Error {
  constructor(readonly ms: number) {
    super(`over the time budget of ${ms} ms`);
  }
}

/** The work of the current call, reached from the script through the context's `run`. */
let current: (() => void) | null = null;
let context: vm.Context | null = null;
let script: vm.Script | null = null;

/**
 * `work()`, stopped after `ms` milliseconds (0: no budget) with OverBudget.
 * Errors of the work pass through unchanged. A call inside another runs
 * under the outer budget.
 */
export function withinBudget<T>(ms: number, work: () => T): T {
  if (!(ms > 0) || current) return work();
  // A context with nothing in it but the way back to `current`.
  context ??= vm.createContext({ run: (): void => current?.() });
  script ??= new vm.Script('run()', { filename: 'plan-lint:budget' });
  let done: { value: T } | null = null;
  current = (): void => {
    done = { value: work() };
  };
  try {
    script.runInContext(context, { timeout: ms });
  } catch (err) {
    // Stopped after the work was done (between its end and the script's): its result stands.
    if ((err as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
    if (done === null) throw new OverBudget(ms);
  } finally {
    current = null;
  }
  return (done as unknown as { value: T }).value;
}

/**
 * After an OverBudget: forget the state that the stopped lint may have left
 * half updated and that a later lint on this thread would reuse.
 */
export function resetAfterOverrun(): void {
  resetCompiler();
}
