/**
 * Globs for a set of documents, from their folder convention: the paths'
 * common folders, `*` where they differ, and the file names' common part
 * (`specs/NNN-x/plan.md` -> `specs/* /plan.md`, `design/CFP-123-x.md` ->
 * `design/CFP-*.md`). A glob that would also route another file is not used:
 * its documents are then listed one by one.
 */
import type Picomatch from 'picomatch';

/** The common start of the names, cut back to a separator, when it says something (has a letter): `KEEP-0013-a`, `KEEP-0020-b` -> `KEEP-`. */
function commonPrefix(names: string[]): string {
  let p = names[0] ?? '';
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  const cut = p.search(/[-_.][^-_.]*$/);
  p = cut >= 0 ? p.slice(0, cut + 1) : '';
  return /[A-Za-z]/.test(p) ? p : '';
}

/** The common extension (`.md`, `.markdown`, `.story.md`), or ''. */
function commonSuffix(names: string[]): string {
  const ext = (n: string): string => /(\.[^./]+)*$/.exec(n.replace(/^[^.]*/, ''))?.[0] ?? '';
  let s = ext(names[0] ?? '');
  for (const n of names) while (s && !n.endsWith(s)) s = s.replace(/^\.[^.]*/, '');
  return s;
}

const escape = (s: string): string => s.replace(/[*?[\]{}()!+@\\]/g, '\\$&');

function generalize(paths: string[]): string {
  const split = paths.map((p) => p.split('/'));
  const depth = (split[0] as string[]).length;
  const parts: string[] = [];
  for (let i = 0; i < depth - 1; i++) {
    const seg = new Set(split.map((s) => s[i] as string));
    parts.push(seg.size === 1 ? escape([...seg][0] as string) : '*');
  }
  const names = split.map((s) => s[depth - 1] as string);
  if (new Set(names).size === 1) parts.push(escape(names[0] as string));
  else parts.push(`${escape(commonPrefix(names))}*${escape(commonSuffix(names))}`);
  return parts.join('/');
}

/** Globs (relative, `/`) that match every one of `paths` and none of `others`. */
export function globsFor(paths: string[], others: string[], pm: typeof Picomatch): string[] {
  const byDepth = new Map<number, string[]>();
  for (const p of paths) byDepth.set(p.split('/').length, [...(byDepth.get(p.split('/').length) ?? []), p]);
  const out: string[] = [];
  for (const [, group] of [...byDepth].sort(([a], [b]) => a - b)) {
    const glob = group.length > 1 ? generalize(group) : null;
    const isMatch = glob ? pm(glob, { dot: true }) : null;
    if (glob && isMatch && group.every((p) => isMatch(p)) && !others.some((p) => isMatch(p))) out.push(glob);
    else out.push(...group.map(escape));
  }
  return out;
}
