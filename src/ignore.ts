import { dirname, relative, sep } from 'node:path';
import { picomatch } from './lazy.js';

const matchers = new Map<string, (path: string) => boolean>();

/**
 * Whether `--ignore-pattern` globs (relative to `cwd`, as in ESLint) ignore
 * `file`: a pattern matches the file's path or one of its folders' paths, so
 * `drafts`, `drafts/` and `drafts/**` all ignore everything under `drafts/`.
 * Files outside `cwd` are matched by absolute path only.
 */
export function ignoredBy(file: string, patterns: readonly string[], cwd: string): boolean {
  if (!patterns.length) return false;
  const key = patterns.join('\0');
  let isMatch = matchers.get(key);
  if (!isMatch) {
    const globs = patterns.map((p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p));
    isMatch = picomatch()(globs, { dot: true });
    matchers.set(key, isMatch);
  }
  const rel = relative(cwd, file);
  const inside = rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..';
  let path = inside ? rel.split(sep).join('/') : file.split(sep).join('/');
  for (;;) {
    if (isMatch(path)) return true;
    const up = dirname(path);
    if (up === path || up === '.' || up === '/') return false;
    path = up;
  }
}
