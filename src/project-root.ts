/**
 * The project root, and reading the files a repository names.
 *
 * A repository may come from a stranger's pull request: the files its config
 * and schemas name (schemas, templates, `$ref`s) are read only when they
 * resolve, symbolic links followed, inside the project root to a regular file
 * of bounded size. Anything else (a device such as /dev/zero, a FIFO, a link
 * out of the repository, /etc/passwd) is an error that names the path and
 * never quotes the file's content. A path given on the command line is the
 * user's own choice and is not held to the root (it must still be a regular
 * file of bounded size).
 *
 * The root is the git work tree (the nearest folder above with a `.git`
 * folder or file), else the folder of the config that names the file.
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, sep } from 'node:path';
import { PlanLintError } from './schema/registry.js';

/** The largest schema, template or config file plan-lint reads (the built-in schemas are ~100 KB). */
export const MAX_PROJECT_FILE = 4 * 1024 * 1024;

const gitRoots = new Map<string, string | null>();

/** The git work tree holding `dir` (the nearest ancestor with `.git`), or null. */
export function gitRoot(dir: string): string | null {
  const hit = gitRoots.get(dir);
  if (hit !== undefined) return hit;
  let root: string | null;
  if (existsSync(join(dir, '.git'))) root = dir;
  else {
    const up = dirname(dir);
    root = up === dir ? null : gitRoot(up);
  }
  gitRoots.set(dir, root);
  return root;
}

/** The project root for a file a repository names: the git work tree holding `dir`, else `dir` itself. */
export function projectRoot(dir: string): string {
  return gitRoot(dir) ?? dir;
}

/** Whether `path` is `root` or inside it (both real paths). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where `path` leads once symbolic links are followed, whether or not the
 * file exists: its real path; else (a missing file, a dangling link) the path
 * worked out one name at a time as the system would: each link followed from
 * its own real folder (not from the path as written, which a committed
 * folder link makes differ), `..` taken from the real folder reached, and the
 * missing rest joined. Deciding "outside the root" from this, before asking
 * whether the file exists, gives a file outside the root the same error
 * either way: a repository's config cannot probe which paths exist on the
 * machine.
 */
export function whereItLeads(path: string, depth = 0): string {
  try {
    return realpathSync(path);
  } catch {
    // Missing, a dangling link, or not a folder on the way: worked out below.
  }
  // Not `resolve(path)`: that would take a `..` before the links in front of it are followed.
  const abs = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  const top = parse(abs).root;
  let at = top;
  let missing = false;
  for (const name of abs.slice(top.length).split(/[\\/]+/)) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      at = dirname(at);
      continue;
    }
    const next = join(at, name);
    let link: string | null = null;
    if (!missing) {
      try {
        if (lstatSync(next).isSymbolicLink()) link = readlinkSync(next);
      } catch {
        missing = true; // Nothing here: the rest is joined as written.
      }
    }
    // A link is followed from its real folder (`at`); past 40 links (a loop) it is taken as it stands.
    at = link === null || depth > 40 ? next : whereItLeads(isAbsolute(link) ? link : `${at}${sep}${link}`, depth + 1);
  }
  return at;
}

/** Whether `path` (which may not exist) leads outside `root`. */
export function leadsOutside(path: string, root: string): boolean {
  return !isInside(whereItLeads(path), real(root));
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The bytes of a file a repository names (`what`: "Schema file", "$ref",
 * "Config file"...), checked: inside `root` once symbolic links are followed
 * (no check when root is null: a path from the command line), a regular file,
 * at most `max` bytes. Throws a PlanLintError naming `shown` otherwise; an
 * ENOENT error keeps its code, for callers with their own "not found" wording.
 */
export function readProjectFile(path: string, opts: { root: string | null; what: string; shown?: string; max?: number }): Buffer {
  const shown = opts.shown ?? path;
  const max = opts.max ?? MAX_PROJECT_FILE;
  // Outside the root is decided first, the same whether or not the file exists.
  if (opts.root !== null && leadsOutside(path, opts.root)) {
    throw new PlanLintError(`${opts.what} ${shown} is outside the project root (${opts.root}); plan-lint reads only files inside it`);
  }
  const target = realpathSync(path);
  if (!statSync(target).isFile()) throw new PlanLintError(`${opts.what} ${shown} is not a regular file`);
  // O_NONBLOCK: should it have become a FIFO since, opening it must not wait for a writer.
  const fd = openSync(target, process.platform === 'win32' ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new PlanLintError(`${opts.what} ${shown} is not a regular file`);
    if (st.size > max) throw new PlanLintError(`${opts.what} ${shown} is too large (${st.size} bytes; at most ${max})`);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/**
 * Untrusted mode: why a file to lint is not the repository's own (a symbolic
 * link, or a folder on its path, resolving outside the project root, or into
 * its `.git` folder, where the checkout keeps its credentials), or null when
 * it is. A pull request may add `plan.md -> ~/.aws/credentials`, and a
 * workflow may pass the pull request's changed files by name: a finding
 * quotes the text it read (a title, a placeholder, a field's value).
 */
export function outsideRepository(file: string, cwd: string): string | null {
  let target: string;
  try {
    target = realpathSync(file);
  } catch {
    return null; // Not found, a loop...: the read says so.
  }
  // The run's own repository: not the work tree the file's path, as written, sits in (a committed
  // folder link `plans -> /another/checkout` would make that checkout count as the repository).
  const root = real(gitRoot(cwd) ?? cwd);
  const rel = relative(root, target);
  if (isInside(target, root) && !rel.split(/[\\/]/).includes('.git')) return null;
  return `Resolves to a path outside the repository (${root}) or inside its .git folder; untrusted mode (--untrusted) lints only the repository's own files`;
}

/**
 * Untrusted mode: whether `path` (absolute), named inside the repository of
 * `cwd`, leads out of it through a symbolic link on its way (a committed
 * `reports -> /elsewhere`), so that a report would be written outside. A path
 * that names a place outside the repository itself is the caller's own choice.
 */
export function linksOut(path: string, cwd: string): string | null {
  const root = gitRoot(cwd) ?? cwd;
  if (!isInside(path, root)) return null;
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return isInside(real(dir), real(root)) ? null : root;
}
