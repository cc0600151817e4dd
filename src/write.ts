import { link, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { PlanLintError } from './schema/registry.js';
import { addTemp, dropTemp } from './signals.js';
import { tempPathBeside } from './replace-file.js';

/** Why a write failed, in words (`no space left on the device`), never a stack. */
export function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return e.code ?? e.message.split('\n')[0] ?? 'error';
  }
}

/**
 * Why `path` cannot be written without harm, or null: it is a directory, or it
 * exists and `force` is not set. Commands call this before doing their work, so
 * that a refusal comes first; `writeAtomic` checks again.
 */
export async function checkWritable(path: string, force: boolean): Promise<string | null> {
  const st = await lstat(path).catch(() => null);
  if (!st) return null;
  const target = st.isSymbolicLink() ? await stat(path).catch(() => null) : st;
  if (target?.isDirectory()) return `Cannot write ${path}: it is a directory`;
  if (!force) return `Refusing to overwrite ${path}; pass --force to replace it`;
  return null;
}

/**
 * Why a report cannot be written to `path`, or null. A report replaces an
 * earlier one (as ESLint's and markdownlint-cli2's do), but never a directory,
 * and never an existing Markdown file unless `force`: that is a plan or a
 * doc, not a report. (The run's own inputs are refused in src/commands/lint.ts.)
 */
export async function checkReportPath(path: string, force: boolean): Promise<string | null> {
  const st = await lstat(path).catch(() => null);
  if (!st) return null;
  const target = st.isSymbolicLink() ? await stat(path).catch(() => null) : st;
  if (target?.isDirectory()) return `Cannot write ${path}: it is a directory`;
  // A device, a pipe or a socket is never replaced by a report file (the write goes beside it, then renames over it).
  if (target && !target.isFile()) return `Cannot write ${path}: it is not a regular file`;
  if (!force && /\.(md|markdown|mdx)$/i.test(path)) return `Refusing to replace ${path}: it is a Markdown file, not a report; pass --force to replace it`;
  return null;
}

/**
 * Write `content` to `path` without ever leaving it half-written: the text
 * goes to a temporary file beside it (flushed to disk), which then replaces
 * `path` in one step. Without `force` an existing file is never replaced, even
 * one created while we wrote (the final step is a hard link, which fails if
 * the name exists). On any error the temporary file is removed and `path` is
 * left exactly as it was.
 */
export async function writeAtomic(path: string, content: string, force: boolean): Promise<void> {
  const refusal = await checkWritable(path, force);
  if (refusal) throw new PlanLintError(refusal);
  const tmp = tempPathBeside(path);
  // Removed if the process exits (Ctrl-C included) before it is renamed (src/signals.ts).
  addTemp(tmp);
  try {
    const fh = await open(tmp, 'wx', 0o666);
    try {
      await fh.writeFile(content, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (force) {
      await rename(tmp, path);
    } else {
      try {
        await link(tmp, path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new PlanLintError(`Refusing to overwrite ${path}; pass --force to replace it`);
        // File systems without hard links: check once more, then rename.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'EMLINK') throw err;
        const again = await checkWritable(path, false);
        if (again) throw new PlanLintError(again);
        await rename(tmp, path);
      }
    }
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    throw new PlanLintError(`Cannot write ${path}: ${reason(err)}`);
  } finally {
    await unlink(tmp).catch(() => undefined);
    dropTemp(tmp);
  }
}
