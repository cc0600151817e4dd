/**
 * `--changed-since <ref>`: which files changed since a git ref. Runs `git`
 * with argument arrays (never a shell) from the repository's top level.
 *
 * "Changed since <ref>" compares the merge base of <ref> and HEAD with the
 * working tree, so it counts the commits of the current branch (what a pull
 * request shows: `git diff <ref>...HEAD`) plus staged, unstaged and untracked
 * (not ignored) files. In a clean CI checkout that is exactly
 * `git diff --name-only --diff-filter=AMR <ref>...HEAD`. Added, modified and
 * renamed files count (a rename by its new path); deleted files do not.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PlanLintError } from './schema/registry.js';
import { childProcess } from './lazy.js';

interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string): Promise<GitRun> {
  return new Promise((done, fail) => {
    childProcess().execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (e && typeof e.code === 'string') {
        fail(new PlanLintError(e.code === 'ENOENT' ? '--changed-since needs git, and no "git" command was found' : `--changed-since: cannot run git: ${e.message.split('\n')[0]}`));
        return;
      }
      done({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const nulList = (s: string): string[] => s.split('\0').filter(Boolean);

async function real(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return resolve(p);
  }
}

/** A hint for refs and merge bases that a shallow clone does not have. */
async function shallowHint(top: string): Promise<string> {
  const r = await git(['rev-parse', '--is-shallow-repository'], top);
  return r.stdout.trim() === 'true' ? ' (this is a shallow clone: fetch more history, e.g. actions/checkout with fetch-depth: 0)' : '';
}

/**
 * Absolute real paths of the files added, modified or renamed since `ref`
 * (see the module comment). Throws a one-line PlanLintError outside a git
 * repository, for an unknown ref, or when `ref` and HEAD share no history.
 */
export async function changedSince(ref: string, cwd: string): Promise<Set<string>> {
  if (!ref.trim()) throw new PlanLintError('--changed-since needs a git ref (a branch, tag or commit)');
  if (ref.startsWith('-')) throw new PlanLintError(`--changed-since: "${ref}" is not a git ref`);
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) throw new PlanLintError(`--changed-since needs a git repository, and "${cwd}" is not inside one`);
  const root = top.stdout.replace(/\r?\n$/, '');
  const target = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (target.code !== 0) throw new PlanLintError(`--changed-since: unknown git ref "${ref}"${await shallowHint(root)}`);
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], root);
  if (head.code !== 0) throw new PlanLintError('--changed-since: the repository has no commit checked out (HEAD)');
  const base = await git(['merge-base', target.stdout.trim(), head.stdout.trim()], root);
  if (base.code !== 0) throw new PlanLintError(`--changed-since: "${ref}" and HEAD have no common history${await shallowHint(root)}`);
  // Merge base against the working tree: committed, staged and unstaged changes. No rename
  // detection (so user config cannot change the answer): a rename is its new path, added.
  const diff = await git(['diff', '--name-only', '--no-renames', '--diff-filter=d', '--no-ext-diff', '-z', base.stdout.trim(), '--'], root);
  if (diff.code !== 0) throw new PlanLintError(`--changed-since: git diff failed: ${diff.stderr.split('\n')[0] ?? ''}`);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name'], root);
  if (untracked.code !== 0) throw new PlanLintError(`--changed-since: git ls-files failed: ${untracked.stderr.split('\n')[0] ?? ''}`);
  const realRoot = await real(root);
  return new Set([...nulList(diff.stdout), ...nulList(untracked.stdout)].map((p) => resolve(realRoot, p)));
}

/** The files (absolute paths, as expanded from the patterns) that changed since `ref`, in their order. */
export async function filterChangedSince(files: string[], ref: string, cwd: string): Promise<string[]> {
  const changed = await changedSince(ref, cwd);
  const keep: string[] = [];
  for (const f of files) if (changed.has(await real(f))) keep.push(f);
  return keep;
}
