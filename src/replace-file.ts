import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { addTemp, dropTemp } from './signals.js';

/** Bytes of a file's own name kept in its temporary file's name: with the suffix, within the 255 bytes of a name. */
const KEPT_NAME_BYTES = 200;

/**
 * A fresh name for a temporary file beside `file` (`.<name>.<pid>.<random>.tmp`),
 * in the same folder so that a rename replaces `file` in one step. A long
 * name is cut: a plan named with 240 bytes must not make a 265-byte temporary
 * name (ENAMETOOLONG), which left it unfixable.
 */
export function tempPathBeside(file: string): string {
  let name = basename(file);
  if (Buffer.byteLength(name) > KEPT_NAME_BYTES) {
    const chars = [...name];
    while (Buffer.byteLength(chars.join('')) > KEPT_NAME_BYTES) chars.pop();
    name = chars.join('');
  }
  return join(dirname(file), `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

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
  const tmp = tempPathBeside(file);
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
