/**
 * What `plan-lint init` finds in a repository: its templates (by where teams
 * keep them and how they name them), the documents written from each one (by
 * detection score, and by folder convention for documents that drifted from
 * their template), and the globs that route those documents to their template.
 * Pure data in, data out: src/commands/init.ts prints it and writes the config.
 */
import { relative, resolve, sep } from 'node:path';
import { extract } from '../extract/document.js';
import { gitignoreFilter } from '../gitignore.js';
import { picomatch, tinyglobby } from '../lazy.js';
import { parseMarkdown } from '../parse/parse.js';
import { readPlanSync } from '../read.js';
import { DETECT_THRESHOLD, rankTemplates } from '../schema/detect.js';
import { looksLikeTemplate } from '../schema/from-template.js';
import { loadBuiltins, loadTemplate, type CompiledTemplate } from '../schema/registry.js';
import { globsFor } from './globs.js';

/** A template found in the repository. */
export interface FoundTemplate {
  /** The schema name the config gives it. */
  name: string;
  /** Relative to the repository root, with `/`. */
  path: string;
  /** The folder its documents live under by convention (relative; '' for the root). */
  home: string;
  template: CompiledTemplate;
}

export interface MappedFile {
  path: string;
  score: number;
  /** `score`: detected; `folder`: below the detection threshold, but in the template's folder. */
  by: 'score' | 'folder';
}

/** Documents routed to one schema: a repository template, or a built-in or preset when the repository has none of its own. */
export interface Mapping {
  schema: string;
  /** The repository template's path, when the schema is one. */
  template?: string;
  files: MappedFile[];
  globs: string[];
}

export interface Discovery {
  templates: FoundTemplate[];
  /** Templates that could not be used as a schema, and why. */
  rejected: { path: string; reason: string }[];
  mappings: Mapping[];
  /** Markdown files that fit no template: not plans, as far as init can tell. */
  unmapped: { path: string; closest: string }[];
}

/** Markdown files init looks at: `.md`, `.markdown`, and templates kept as `.md.template`. */
const MARKDOWN = ['**/*.md', '**/*.markdown', '**/*.md.template', '**/*.md.tmpl', '**/*.mdx'];
const SKIP = ['**/node_modules/**', '**/.git/**'];

/** Names that are never plans, whatever their folder (a folder's index, the project's own papers). */
const NOT_PLANS = /^(?:readme|index|changelog|changes|history|contributing|code_of_conduct|security|license|licence|notice|authors|owners|maintainers|governance|support)(?:\.[a-z]+)?\.(?:md|markdown|mdx)$/i;

/** A template with fewer headings than this is a note, not a form to fill in. */
const MIN_HEADINGS = 2;


const posix = (p: string): string => p.split(sep).join('/');

/** The folder a template's documents live under: its own, above folders named for templates (`templates/`, `NNNN-kep-template/`, `RFC-0000/`). */
function homeOf(path: string): string {
  const parts = path.split('/').slice(0, -1);
  while (parts.length && looksLikeTemplate(parts[parts.length - 1] as string)) parts.pop();
  return parts.join('/');
}

/**
 * Folders learned from the documents: where two or more documents that fit a
 * repository template by score live (their deepest common folder, not the
 * root), that folder is the template's, for the documents in it that drifted
 * below the detection threshold. A folder claimed by two templates is no one's.
 */
function learnedHomes(templates: FoundTemplate[], assigned: Map<string, { key: string }>): { folder: string; template: FoundTemplate }[] {
  const out: { folder: string; template: FoundTemplate }[] = [];
  for (const t of templates) {
    const docs = [...assigned].filter(([, a]) => a.key === `own:${t.name}`).map(([p]) => p.split('/').slice(0, -1));
    if (docs.length < 2) continue;
    let common = docs[0] as string[];
    for (const d of docs) {
      let i = 0;
      while (i < common.length && i < d.length && common[i] === d[i]) i++;
      common = common.slice(0, i);
    }
    if (common.length) out.push({ folder: common.join('/'), template: t });
  }
  return out
    .filter((l) => !out.some((o) => o !== l && (o.folder === l.folder || l.folder.startsWith(`${o.folder}/`) || o.folder.startsWith(`${l.folder}/`))))
    .sort((a, b) => b.folder.length - a.folder.length);
}

function depthBelow(home: string, path: string): number {
  return path.split('/').length - (home ? home.split('/').length : 0);
}

function unique(name: string, taken: Set<string>): string {
  let n = name;
  for (let i = 2; taken.has(n); i++) n = `${name}-${i}`;
  taken.add(n);
  return n;
}

export async function discover(root0: string, options: { gitignore?: boolean } = {}): Promise<Discovery> {
  const root = resolve(root0);
  let all = (await tinyglobby().glob(MARKDOWN, { cwd: root, absolute: true, dot: true, ignore: SKIP, followSymbolicLinks: false })).map((f) => resolve(f));
  if (options.gitignore !== false) {
    const ignored = await gitignoreFilter(root);
    all = all.filter((f) => !ignored(f));
  }
  const rel = all.map((f) => posix(relative(root, f))).sort();

  const templates: FoundTemplate[] = [];
  const rejected: Discovery['rejected'] = [];
  const taken = new Set<string>();
  for (const path of rel.filter((p) => looksLikeTemplate(p))) {
    let template: CompiledTemplate;
    try {
      template = loadTemplate(resolve(root, path));
    } catch (err) {
      rejected.push({ path, reason: (err as Error).message.split('\n')[0] ?? 'not usable as a schema' });
      continue;
    }
    if (template.model.sections.length < MIN_HEADINGS) {
      rejected.push({ path, reason: `fewer than ${MIN_HEADINGS} headings: not a form to fill in` });
      continue;
    }
    // The name the schema reports itself by, made unique among the repository's templates.
    templates.push({ name: unique(template.name, taken), path, home: homeOf(path), template });
  }

  const isTemplate = new Set(templates.map((t) => t.path));
  const builtins = loadBuiltins();
  const own = new Map(templates.map((t) => [t.template, t]));
  const pool = [...templates.map((t) => t.template), ...builtins];
  const assigned = new Map<string, { key: string; file: MappedFile }>();
  const unmapped: Discovery['unmapped'] = [];
  // 1. The repository's own template, when one fits: the team writes from its own templates, not from the presets.
  const pending: { path: string; ranked: ReturnType<typeof rankTemplates> }[] = [];
  for (const path of rel) {
    if (isTemplate.has(path) || looksLikeTemplate(path) || /\.(?:template|tmpl)$/i.test(path)) continue;
    const read = readPlanSync(resolve(root, path));
    if (!read.ok) continue;
    const src = parseMarkdown(read.text);
    const ranked = rankTemplates(extract(src), pool, src.lines.lineSpan(1));
    const ownFit = ranked.find((c) => own.has(c.template) && c.score >= DETECT_THRESHOLD);
    if (ownFit) assigned.set(path, { key: `own:${ownFit.name}`, file: { path, score: ownFit.score, by: 'score' } });
    else pending.push({ path, ranked });
  }
  const learned = learnedHomes(templates, assigned);
  for (const { path, ranked } of pending) {
    const assign = (t: FoundTemplate | undefined, name: string, score: number, by: MappedFile['by']): void => {
      assigned.set(path, { key: t ? `own:${t.name}` : `builtin:${name}`, file: { path, score, by } });
    };
    // 2. Folder convention, for documents that drifted from their template: a document under a template's folder,
    // as deep as the template or deeper; before the built-ins when it sits beside the template or has its file name,
    // or when it sits in the folder where the documents that fit the template live (learned from them).
    const name = path.split('/').pop() ?? '';
    const homes = templates
      .filter((t) => t.home && path.startsWith(`${t.home}/`) && depthBelow(t.home, path) >= depthBelow(t.home, t.path))
      .sort((x, y) => y.home.length - x.home.length);
    const scoreOf = (t: FoundTemplate): number => ranked.find((c) => c.template === t.template)?.score ?? 0;
    const strong =
      homes.find((t) => t.path.split('/').pop() === name || t.path.slice(0, t.path.lastIndexOf('/')) === path.slice(0, path.lastIndexOf('/'))) ??
      learned.find((l) => path.startsWith(`${l.folder}/`))?.template;
    if (strong && !(NOT_PLANS.test(name) && strong.path.split('/').pop() !== name)) {
      assign(strong, strong.name, scoreOf(strong), 'folder');
      continue;
    }
    // 3. A built-in or preset that fits.
    const best = ranked[0];
    if (best && best.score >= DETECT_THRESHOLD) {
      assign(undefined, best.name, best.score, 'score');
      continue;
    }
    const weak = NOT_PLANS.test(name) ? undefined : homes[0];
    if (weak) {
      assign(weak, weak.name, scoreOf(weak), 'folder');
      continue;
    }
    unmapped.push({ path, closest: ranked.slice(0, 2).map((c) => `${c.name} ${Math.round(c.score * 100)}%`).join(', ') });
  }

  const groups = new Map<string, MappedFile[]>();
  for (const { key, file } of assigned.values()) groups.set(key, [...(groups.get(key) ?? []), file]);
  const mappings: Mapping[] = [];
  // Templates are left out: the config ignores them.
  const others = (key: string): string[] => rel.filter((p) => !isTemplate.has(p) && assigned.get(p)?.key !== key);
  for (const [key, files] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [kind, name] = key.split(/:(.*)/s) as [string, string];
    const t = kind === 'own' ? templates.find((x) => x.name === name) : undefined;
    const paths = files.map((f) => f.path).sort();
    const globs = globsFor(paths, others(key), picomatch());
    mappings.push({ schema: name, ...(t ? { template: t.path } : {}), files: files.sort((a, b) => a.path.localeCompare(b.path)), globs });
  }
  return { templates, rejected, mappings, unmapped };
}
