import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { addTemp, dropTemp } from './signals.js';

/**
 * Replace `file` with `data` in one step: written to a temporary file beside
 * it, then renamed into place, so that a reader never sees half a file, nor
 * does one when the writing thread is stopped mid-write (a terminated pool
 * worker). Throws what the file system throws, after removing the temporary
 * file. Synchronous, and light to load: the bin's code-cache loader uses it.
 *
 * `guarded`: a signal cannot leave the temporary file behind (src/signals.ts).
 * For writes at the end of a run only (the `--cache` file): from then on
 * Ctrl-C waits for the task under way. Cache entries written while plans are
 * linted are not guarded, so that Ctrl-C stays immediate; a signal in the
 * millisecond of such a write may leave a `.tmp` file in the cache folder.
 */
export function replaceFileSync(file: string, data: string | Uint8Array, guarded = false): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  if (guarded) addTemp(tmp);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw err;
  } finally {
    if (guarded) dropTemp(tmp);
  }
}
