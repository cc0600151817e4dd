/**
 * Ctrl-C (SIGINT) and SIGTERM end plan-lint at once, whatever it is doing.
 *
 * No JavaScript handler waits for them: Node's default applies, and the
 * process ends by the signal itself, as Unix programs do (a shell reports
 * 130 and 143; a loop in a shell script stops too). A JavaScript handler only
 * runs between tasks, and parsing one plan, compiling a schema or checking a
 * regular expression is one task: with a handler installed, Ctrl-C waited
 * until it was done (over a minute for a 125 KB list-heavy plan).
 *
 * The one exception: from the first temporary file on (an atomic write of a
 * report, a fixed plan, a cache), a handler is installed, so that a signal
 * never leaves a temporary file behind. It removes the temporary files still
 * there, then ends the process by the same signal. Writes come last in a run
 * and take milliseconds, so it runs at once. It stays installed once the
 * writes are done: removing it could lose a signal that arrived meanwhile.
 */
import { unlinkSync } from 'node:fs';
import { constants } from 'node:os';

const temps = new Set<string>();
let hooked = false;

function removeTemps(): void {
  for (const f of temps) {
    try {
      unlinkSync(f);
    } catch {
      /* renamed into place, or already gone */
    }
  }
  temps.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeTemps();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  // Without a listener the signal takes its default course: the process ends by it.
  process.kill(process.pid, signal);
  // Where a signal sent to oneself is not delivered at once, the code a shell would report.
  process.exit(128 + (constants.signals[signal] ?? 0));
}

/** A temporary file now exists: removed if the process exits or is interrupted before `dropTemp`. */
export function addTemp(path: string): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', removeTemps);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  temps.add(path);
}

/** The temporary file was renamed into place or removed. */
export function dropTemp(path: string): void {
  temps.delete(path);
}
