import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replace `file` with `data` in one step: written to a temporary file beside
 * it, then renamed into place, so that a reader never sees half a file, nor
 * does one when the writing thread is stopped mid-write (a terminated pool
 * worker). Throws what the file system throws, after removing the temporary
 * file. Synchronous, and light to load: the bin's code-cache loader uses it.
 */
export function replaceFileSync(file: string, data: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
  }
}
