/**
 * Writing a fixed plan back: atomically (a temporary file beside it, renamed
 * over it), with the file's own mode, and only if the file still holds the
 * text that was linted. A file whose fixes changed nothing is never written.
 */
import { createHash } from 'node:crypto';
import { chmod, open, rename, stat, unlink } from 'node:fs/promises';
import { readPlanSync } from '../read.js';
import { addTemp, dropTemp } from '../signals.js';
import { tempPathBeside } from '../replace-file.js';

/** A digest of the text that was linted, to tell whether the file changed since. */
export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export type WriteOutcome = { ok: true } | { ok: false; changed: boolean; message: string };

const unchanged = (file: string, hash: string): boolean => {
  const now = readPlanSync(file, { checkText: false, maxBytes: 0 });
  return now.ok && textHash(now.text) === hash;
};

export async function writeFixed(file: string, output: string, hash: string): Promise<WriteOutcome> {
  const changed = { ok: false as const, changed: true, message: `${file} changed on disk since it was read; not fixed` };
  if (!unchanged(file, hash)) return changed;
  const tmp = tempPathBeside(file);
  // Removed if the process exits (Ctrl-C included) before it is renamed (src/signals.ts).
  addTemp(tmp);
  try {
    const mode = (await stat(file)).mode & 0o7777;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(output, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, mode);
    // Checked once more just before the rename: an editor may have saved meanwhile.
    if (!unchanged(file, hash)) return changed;
    await rename(tmp, file);
    return { ok: true };
  } catch (err) {
    return { ok: false, changed: false, message: `Cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message.split('\n')[0]}` };
  } finally {
    await unlink(tmp).catch(() => undefined);
    dropTemp(tmp);
  }
}
