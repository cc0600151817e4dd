import { access, rename, writeFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PlanLintError } from './schema/registry.js';

/** Write via a temporary file and a rename; never replace an existing file without --force. */
export async function writeAtomic(path: string, content: string, force: boolean): Promise<void> {
  if (!force) {
    let exists = true;
    try {
      await access(path);
    } catch {
      exists = false;
    }
    if (exists) throw new PlanLintError(`Refusing to overwrite ${path}; pass --force to replace it`);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new PlanLintError(`Cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
