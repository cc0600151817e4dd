/**
 * .gitignore for folder walks, as rumdl and markdownlint-cli2 do: the
 * .gitignore files from the walked folder up to its repository's root (the
 * folder holding `.git`), and every .gitignore below it, each applying to the
 * paths under its own folder. Outside a repository, only the files from the
 * walked folder down. `.git/info/exclude` and the global excludes file are
 * the user's own settings, not the repository's: not read.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ignoreRules, tinyglobby } from './lazy.js';
import { readProjectFile } from './project-root.js';

type Matcher = { dir: string; ignores: (rel: string) => boolean };

function matcherFor(dir: string): Matcher | null {
  let text: string;
  try {
    // Repository data: a regular file of bounded size in its own folder (a link to /dev/zero or out of
    // the folder, a FIFO: not read, as git does not follow a symbolic link named .gitignore either).
    text = readProjectFile(join(dir, '.gitignore'), { root: dir, what: '.gitignore' }).toString('utf8');
  } catch {
    return null;
  }
  const ig = ignoreRules()().add(text);
  return { dir, ignores: (rel) => ig.ignores(rel) };
}

/** A test of whether a file under `root` is ignored by git's .gitignore files. */
export async function gitignoreFilter(root: string): Promise<(file: string) => boolean> {
  const matchers: Matcher[] = [];
  // Upwards to the repository's root, when there is one.
  const above: string[] = [];
  if (!existsSync(join(root, '.git'))) {
    let inRepo = false;
    for (let dir = dirname(root); ; dir = dirname(dir)) {
      above.push(dir);
      if (existsSync(join(dir, '.git'))) {
        inRepo = true;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    // No repository above: its folders' .gitignore files are not this tree's.
    if (!inRepo) above.length = 0;
  }
  for (const dir of above) {
    const m = matcherFor(dir);
    if (m) matchers.push(m);
  }
  const below = await tinyglobby().glob('**/.gitignore', { cwd: root, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false });
  for (const f of below) {
    const m = matcherFor(dirname(f));
    if (m) matchers.push(m);
  }
  if (!matchers.length) return () => false;
  return (file) =>
    matchers.some((m) => {
      const rel = relative(m.dir, file);
      return !rel.startsWith('..') && rel !== '' && m.ignores(rel.split(sep).join('/'));
    });
}
