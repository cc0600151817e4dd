/**
 * A template Markdown file used as a schema (a config's `schemas` entry or
 * `--schema`): its schema is generated at run time, so it follows the
 * template whenever the template changes. Generated schemas are kept by the
 * sha256 of the template's bytes; `generatedSchema` is the one place that
 * knows where they are kept (in memory, for this process).
 */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { generateSchema } from './generate.js';

type Json = Record<string, unknown>;

/** File names that are templates, not schemas: Markdown, and `.md.template` / `.md.tmpl` files. */
export const TEMPLATE_FILE = /\.(?:md|markdown|mdx)(?:\.(?:template|tmpl))?$|\.(?:template|tmpl)\.md$/i;

export function isTemplateFile(path: string): boolean {
  return TEMPLATE_FILE.test(path);
}

const generated = new Map<string, Json>();

/** The schema of a template's text, generated once per content (and generator options). */
export function generatedSchema(text: string, name: string, source: string): Json {
  const key = createHash('sha256').update(`${name}\0${source}\0`).update(text).digest('hex');
  let schema = generated.get(key);
  if (!schema) {
    // A repository's own template: plans are checked for the placeholder styles and guidance comments the template uses.
    schema = generateSchema(text, { name, source, templateLeftoversOnly: true });
    generated.set(key, schema);
  }
  return schema;
}

/** Words that say "template" in a template's file or folder name, and number masks (`0000`, `NNNN`, `YYYYMMDD`). */
const TEMPLATE_WORDS = /(?:^|[-_.\s])(?:templates?|tmpl|tpl)(?=$|[-_.\s])|(?:^|[-_.\s])(?:0{3,}|N{3,}|X{3,}|YYYYMMDD|YYYY-MM-DD)(?=$|[-_.\s])/gi;

/** A schema name from a template's path: `plan-template.md` -> `plan`, `keps/NNNN-kep-template/README.md` -> `kep`. */
export function templateName(path: string): string {
  const clean = (s: string): string =>
    s
      .replace(/\.(?:md|markdown|mdx)(?:\.(?:template|tmpl))?$/i, '')
      .replace(/\.(?:template|tmpl)$/i, '')
      .replace(TEMPLATE_WORDS, '-')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
      .toLowerCase();
  const base = basename(path);
  const own = /^(?:readme|index|template|tmpl)(?:\.|$)/i.test(base) ? '' : clean(base);
  if (own) return own;
  const dir = clean(basename(dirname(path)));
  return dir && dir !== '.' ? dir : 'template';
}

/**
 * Whether a path names a template rather than a plan: a file or folder named
 * for it (`plan-template.md`, `TEMPLATE.md`, `story-tmpl.md`,
 * `.md.template`, `templates/`, `NNNN-kep-template/`) or a numbered
 * placeholder name (`0000-template.md`, `RFC-0000/README.md`,
 * `YYYYMMDD-template.md`). `rel` is relative to the repository.
 */
export function looksLikeTemplate(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  const file = parts[parts.length - 1] ?? '';
  if (/\.(?:template|tmpl)$/i.test(file)) return true;
  return parts.some((p) => /(?:^|[-_.\s])(?:templates?|tmpl|tpl)(?:$|[-_.\s])/i.test(p) || /(?:^|[-_.])(?:0{4}|N{4}|YYYYMMDD)(?:$|[-_.])/i.test(p));
}
