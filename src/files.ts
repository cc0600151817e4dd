import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { tinyglobby } from './lazy.js';
import { PlanLintError } from './schema/registry.js';
import { gitignoreFilter } from './gitignore.js';
import { outsideRepository } from './project-root.js';

const IGNORE = ['**/node_modules/**', '**/.git/**'];

export interface Expanded {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** For a file reached by walking a folder or matching a glob: that folder (or the glob's cwd). Files named literally are not here. */
  walkedFrom: Map<string, string>;
}

/**
 * Expand CLI arguments: a directory becomes its Markdown files (recursively),
 * a glob its matches, a file itself. A literal path that does not exist (or a
 * directory that cannot be read) is kept, so that it is reported as a fatal
 * result for that path while the other files are linted; a glob or directory
 * that matches nothing is an error (as in ESLint) unless `allowEmpty`
 * (`--no-error-on-unmatched-pattern`). Symbolic links met while walking a
 * directory or matching a glob are not followed (so a link loop cannot hang
 * the walk, and no file is linted twice); name a linked file to lint it.
 * A folder walk leaves out the files git ignores (`gitignore`, default on;
 * `--no-gitignore`): see src/gitignore.ts. Globs and named files are taken as given.
 * `untrusted`: a named folder that resolves outside the repository (a committed
 * `docs -> /`) is not walked; it is kept, and reported as a fatal result.
 */
export async function expandPatterns(patterns: string[], cwd: string, allowEmpty = false, gitignore = true, untrusted = false): Promise<Expanded> {
  const out = new Set<string>();
  const walkedFrom = new Map<string, string>();
  const literal = new Set<string>();
  for (const p of patterns) {
    const abs = resolve(cwd, p);
    let st: Awaited<ReturnType<typeof stat>> | null = null;
    try {
      st = await stat(abs);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      const readable = await access(abs, constants.R_OK | constants.X_OK).then(
        () => true,
        () => false,
      );
      if (!readable || (untrusted && outsideRepository(abs, cwd))) {
        out.add(abs);
        continue;
      }
      let found = await tinyglobby().glob(['**/*.md', '**/*.markdown'], { cwd: abs, absolute: true, ignore: IGNORE, followSymbolicLinks: false, dot: false });
      if (gitignore && found.length) {
        const ignored = await gitignoreFilter(abs);
        found = found.filter((f) => !ignored(resolve(f)));
      }
      if (!found.length && !allowEmpty) throw new PlanLintError(`No Markdown files found in directory "${p}"`);
      found.forEach((f) => {
        out.add(resolve(f));
        walkedFrom.set(resolve(f), abs);
      });
      continue;
    }
    if (st || !tinyglobby().isDynamicPattern(p)) {
      out.add(abs);
      literal.add(abs);
      continue;
    }
    const found = await tinyglobby().glob(p, { cwd, absolute: true, ignore: IGNORE, followSymbolicLinks: false });
    if (!found.length && !allowEmpty) throw new PlanLintError(`No files matching the pattern "${p}" were found`);
    found.forEach((f) => {
      out.add(resolve(f));
      walkedFrom.set(resolve(f), cwd);
    });
  }
  // A file both named and walked to counts as named.
  for (const f of literal) walkedFrom.delete(f);
  return { files: [...out].sort(), walkedFrom };
}
