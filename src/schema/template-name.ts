import { basename, dirname } from 'node:path';

/** Words that say "this is a template", not what it is a template of. */
const NOISE = new Set(['template', 'templates', 'tmpl', 'tpl', 'readme', 'index', 'example', 'sample', 'skeleton']);
/** A number mask or a numbering placeholder: `0000`, `NNNN`, `XXX`, `###`. */
const MASK = /^(?:\d+|n{2,}|x{2,}|#+)$/i;

/** A file or folder name's meaningful words: extensions, template words and number masks removed. */
function words(name: string): string[] {
  const stem = name.replace(/(?:\.(?:md|markdown|mdx|txt|template|tmpl|tpl))+$/i, '');
  return stem
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !NOISE.has(w.toLowerCase()) && !MASK.test(w))
    .map((w) => w.toLowerCase());
}

/**
 * The default name of a schema generated from a template file: what the
 * template is *of*, from its file name (`plan-template.md` -> `plan`,
 * `enhancement_template.md` -> `enhancement`, `tep-template.md.template` ->
 * `tep`), or from the nearest folder that says more when the file name says
 * nothing but README or index (`NNNN-kep-template/README.md` -> `kep`);
 * `template` for `template.md` and when no name says anything.
 */
export function templateSchemaName(path: string): string {
  let p = path;
  for (let depth = 0; depth < 3; depth++) {
    const w = words(basename(p));
    if (w.length) return w.join('-');
    // `template.md`, `0000-template.md`: a template of nothing more precise (a folder name may be a temporary one's).
    if (/templ/i.test(basename(p))) return 'template';
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return 'template';
}
