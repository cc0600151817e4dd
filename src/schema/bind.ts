import type { Field, PlanDocument, Section, Table } from '../extract/document.js';
import { CLASSIC_CHOICES, choiceKey, looseKey, normalizeKey, singularKey, squash, unnamedColumn } from '../extract/text.js';
import type { Placeholder } from '../extract/placeholders.js';
import type { Span } from '../types.js';
import { preorder } from './tree.js';
import { PlanMatches, matchesHeading } from './heading-match.js';
import type { TemplateModel, TemplateSection, TemplateTable } from './model.js';
import { sampleKey } from './samples.js';
import { standInsLeft, unchangedTitle } from './title-stand-ins.js';

type Obj = Record<string, unknown>;

/** A JSON object without a prototype: keys can never reach Object.prototype. */
const dict = (): Obj => Object.create(null) as Obj;

export interface OrderGroup {
  /** Template siblings matched in the document, in template order. */
  entries: { template: TemplateSection; section: Section; templateIndex: number }[];
  /** The plan section they belong under (null at the top level); an entry elsewhere is misplaced. */
  parent?: Section | null;
}

/**
 * The plan bound to a template: `instance` is what ajv validates (keys come
 * from the template, values from the plan); `spans` maps every JSON pointer
 * of the instance to the source it came from.
 */
export interface Binding {
  instance: Obj;
  spans: Map<string, Span>;
  orderGroups: OrderGroup[];
  /** How well the plan follows the template: 0..1. */
  score: number;
  /** Matched template sections (by doc section index). */
  matched: Map<number, TemplateSection>;
}

export const ptr = (...parts: string[]): string =>
  parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

export { combinedParts, matchesHeading } from './heading-match.js';

/**
 * A plan's score under a template: the F1 of `found` of the template's
 * `total` top-level headings (and title) and `explained` of the plan's
 * `planTotal`. It grows with `found` and with `explained`.
 */
export function outlineScore(found: number, total: number, explained: number, planTotal: number): number {
  const recall = total ? found / total : 0;
  const precision = planTotal ? explained / planTotal : 0;
  return recall + precision ? (2 * recall * precision) / (recall + precision) : 0;
}

/**
 * Placeholders that count under this template: a choice list counts when it
 * is one of the template's own lists or a classic one (Yes/No, Low/Med/High).
 */
export function templatePlaceholders(doc: PlanDocument, model: TemplateModel): Placeholder[] {
  const own = new Set(model.choices);
  return doc.placeholders.filter((p) => {
    if (p.kind !== 'choice') return true;
    const k = choiceKey(p.text);
    return own.has(k) || CLASSIC_CHOICES.has(k);
  });
}

const namedOf = new WeakMap<TemplateModel, TemplateSection[]>();

/** Every template heading with a name of its own (all but wildcard instances), parents first; once per template. */
function namedSections(model: TemplateModel): TemplateSection[] {
  let named = namedOf.get(model);
  if (!named) namedOf.set(model, (named = preorder(model.sections).filter((t) => t.heading.pattern !== '.+')));
  return named;
}

/** `text`: the plan's source, where the binder finds what a title kept of the template's (title-stand-ins.ts). */
export function bind(doc: PlanDocument, model: TemplateModel, firstLine: Span, text = ''): Binding {
  return bindOrScore(doc, model, firstLine, false, text) as Binding;
}

/**
 * How well a plan follows a template (Binding.score) without building the
 * instance: template detection ranks every candidate template by this, and
 * binds only the one it chooses.
 */
export function scoreTemplate(doc: PlanDocument, model: TemplateModel, firstLine: Span): number {
  return bindOrScore(doc, model, firstLine, true) as number;
}

function bindOrScore(doc: PlanDocument, model: TemplateModel, firstLine: Span, scoreOnly: boolean, text = ''): Binding | number {
  const spans = new Map<string, Span>();
  const bound = new Set<number>();
  const matched = new Map<number, TemplateSection>();
  const orderGroups: OrderGroup[] = [];
  const secs = doc.sections;
  // Every template heading with a name of its own: a wildcard instance (any title) never takes one of them.
  const named = namedSections(model);
  const matches = new PlanMatches(secs);
  const titleIdx = titleIndex(doc, model, named);
  const titleSpan = titleIdx >= 0 ? (secs[titleIdx] as Section).span : firstLine;
  if (titleIdx >= 0) bound.add(titleIdx);

  const topLevel = secs.filter((s) => s.index !== titleIdx && (s.parent === null || s.parent === titleIdx)).map((s) => s.index);

  /** Doc sections bound to each template section, per parent. */
  type Level = { templates: TemplateSection[]; parent: Section | null; found: Map<TemplateSection, number[]> };

  /** How many named template headings each plan section matches. */
  const namedCounts: (number | undefined)[] = [];
  const namedMatches = (i: number): number => (namedCounts[i] ??= named.reduce((n, t) => n + (matches.has(t, i) ? 1 : 0), 0));
  const namedElsewhere = (s: Section): boolean => namedMatches(s.index) > 0;
  /**
   * An optional template section that the plan has only at another depth, under another parent, and
   * out of place (`## CRD Changes` inside the plan's Implementation for the template's last, top-level
   * `# CRD Changes (OPTIONAL)`): the plan's own subsection of that name, not the template's section
   * misplaced. Its place is plausible when the nearest template sibling before it that the plan has
   * comes before it, and the nearest one after it comes after it: then it is the template's (one
   * `heading-level` finding).
   */
  const plansOwn = (t: TemplateSection, s: Section, level: Level): boolean => {
    if (t.required || s.depth === t.heading.depth) return false;
    const parent = level.parent;
    if (parent ? s.parent === parent.index : s.parent === null || s.parent === titleIdx) return false;
    const at = level.templates.indexOf(t);
    const first = (ts: TemplateSection[]): number | undefined => ts.map((o) => level.found.get(o)?.[0]).find((i) => i !== undefined);
    const before = first(level.templates.slice(0, at).reverse());
    const after = first(level.templates.slice(at + 1));
    return (before !== undefined && before > s.index) || (after !== undefined && after < s.index);
  };

  const exactPass = (templates: TemplateSection[], parent: Section | null): Level => {
    const direct = parent ? parent.children : topLevel;
    const found = new Map<TemplateSection, number[]>();
    const ordered = [...templates.filter((t) => !t.heading.instance), ...templates.filter((t) => t.heading.instance)];
    for (const t of ordered) {
      if (!matches.any(t)) continue;
      const hits: number[] = [];
      for (const i of direct) {
        const s = secs[i] as Section;
        if (bound.has(i) || s.depth !== t.heading.depth || !matches.has(t, i)) continue;
        if (t.heading.pattern === '.+' && namedElsewhere(s)) continue;
        hits.push(i);
        bound.add(i);
        if (!t.heading.instance) break;
      }
      if (hits.length) found.set(t, hits);
    }
    // "## Motivation / Use cases", "## Goals & Non-goals": one plan heading that combines template headings covers each of them.
    const combining = direct.some((j) => matches.parts(j).length > 0);
    for (const t of combining ? templates : []) {
      if (found.has(t) || t.heading.instance) continue;
      const i = direct.find((j) => {
        const s = secs[j] as Section;
        return s.depth === t.heading.depth && (!bound.has(j) || !t.children.length) && matches.parts(j).some((k) => matchesHeading(t, { ...s, key: k, looseKey: k }));
      });
      if (i === undefined) continue;
      bound.add(i);
      found.set(t, [i]);
    }
    const level: Level = { templates, parent, found };
    for (const [t, hits] of found) {
      if (t.children.length) for (const i of hits) levels.set(`${i}`, exactPass(t.children, secs[i] as Section));
    }
    return level;
  };
  const levels = new Map<string, Level>();
  const root = exactPass(model.sections, null);

  /** Sections a misplaced heading may sit in: the parent's subtree, then up to the next bound heading at the parent's level. */
  const region = (parent: Section | null, level: Level): number[] => {
    if (!parent) return secs.map((s) => s.index).filter((i) => i !== titleIdx);
    const own = new Set<number>();
    for (const hits of level.found.values()) hits.forEach((i) => own.add(i));
    const out: number[] = [];
    for (let i = parent.index + 1; i < secs.length; i++) {
      const s = secs[i] as Section;
      // Stop at the next heading that belongs elsewhere; this level's own matches do not end it.
      if (s.depth <= parent.depth && bound.has(i) && !own.has(i)) break;
      out.push(i);
    }
    return out;
  };

  const fallbackPass = (level: Level): void => {
    for (const t of level.templates) {
      const have = level.found.get(t);
      if (have && t.heading.instance && t.heading.pattern !== '.+') {
        // Instances at the wrong depth ("#### Option B" under "### Option A") still belong to the group.
        const extra = matches.any(t) ? region(level.parent, level).filter((i) => !bound.has(i) && matches.has(t, i)) : [];
        for (const i of extra) {
          bound.add(i);
          have.push(i);
        }
        have.sort((a, b) => a - b);
        continue;
      }
      if (have) continue;
      // A wildcard (an example heading: any title) takes a section only at its own level, never an unrelated heading elsewhere.
      const wildcard = t.heading.pattern === '.+';
      if (!matches.any(t)) continue;
      const hit = region(level.parent, level).find(
        (i) =>
          !bound.has(i) &&
          matches.has(t, i) &&
          !(wildcard && (namedElsewhere(secs[i] as Section) || (secs[i] as Section).depth !== t.heading.depth)) &&
          !plansOwn(t, secs[i] as Section, level),
      );
      if (hit === undefined) continue;
      bound.add(hit);
      level.found.set(t, [hit]);
      if (t.children.length) levels.set(`${hit}`, exactPass(t.children, secs[hit] as Section));
    }
    for (const [t, hits] of level.found) {
      if (!t.children.length) continue;
      for (const i of hits) {
        const sub = levels.get(`${i}`);
        if (sub) fallbackPass(sub);
      }
    }
  };
  fallbackPass(root);
  misplacedPass(root);

  /**
   * A named template section still unmatched that the plan has under another
   * parent (before it, or under a sibling): bound there, so it is one
   * `heading-level` or `section-order` finding or none, never "missing". Only a
   * heading no other template section would take, and not yet bound.
   */
  function misplacedPass(level: Level): void {
    for (const t of level.templates) {
      if (level.found.has(t) || t.heading.pattern === '.+') continue;
      if (!matches.any(t)) continue;
      const hit = secs.find(
        (s) => s.index !== titleIdx && !bound.has(s.index) && matches.has(t, s.index) && namedMatches(s.index) === 1 && !plansOwn(t, s, level),
      );
      if (!hit) continue;
      bound.add(hit.index);
      level.found.set(t, [hit.index]);
      if (t.children.length) levels.set(`${hit.index}`, exactPass(t.children, hit));
    }
    for (const [t, hits] of level.found) {
      if (!t.children.length) continue;
      for (const i of hits) {
        const sub = levels.get(`${i}`);
        if (sub) misplacedPass(sub);
      }
    }
  }

  // Score: F1 of template top-level headings found (recall) and plan top-level headings explained (precision).
  const titleHit = titleIdx >= 0 && model.title && matchesHeading({ ...model.title, regex: model.title.regex }, secs[titleIdx] as Section) ? 1 : 0;
  const recallHits = model.sections.filter((t) => root.found.has(t)).length + titleHit;
  const recallTotal = model.sections.length + (model.title ? 1 : 0);
  const explained = new Set<number>();
  const top = new Set(topLevel);
  for (const hits of root.found.values()) hits.forEach((i) => top.has(i) && explained.add(i));
  const docTop = topLevel.length + (titleIdx >= 0 ? 1 : 0);
  const score = outlineScore(recallHits, recallTotal, explained.size + titleHit, docTop);
  if (scoreOnly) return score;
  const found = templatePlaceholders(doc, model);

  // Build the instance.
  const build = (level: Level, pointer: string, anchor: Span): Obj => {
    const out = dict();
    spans.set(pointer, anchor);
    const group: OrderGroup = { entries: [], parent: level.parent };
    level.templates.forEach((t, templateIndex) => {
      const hits = level.found.get(t);
      if (!hits || !hits.length) return;
      const p = ptr(t.key);
      const one = (i: number, at: string): Obj => {
        const s = secs[i] as Section;
        matched.set(i, t);
        const o = dict();
        o['heading'] = s.text;
        o['depth'] = s.depth;
        o['hasContent'] = s.hasContent || s.children.length > 0;
        spans.set(at, s.span);
        spans.set(`${at}/heading`, s.span);
        spans.set(`${at}/depth`, s.span);
        spans.set(`${at}/hasContent`, s.span);
        // A field heading (`### Review Date: {{qa_date}}`): whether the plan's heading carries the value, not just the label.
        if (t.valueRegex) {
          o['hasValue'] = t.valueRegex.test(s.key);
          spans.set(`${at}/hasValue`, s.span);
        }
        if (t.children.length) {
          const sub = levels.get(`${i}`) ?? { templates: t.children, parent: s, found: new Map() };
          o['sections'] = build(sub, `${at}/sections`, s.span);
        }
        if (t.tables.length) o['tables'] = bindTables(doc, s, t.tables, `${at}/tables`, spans, found);
        for (const kind of ['samples', 'instructions'] as const) {
          if (!t[kind].length) continue;
          const keys = new Set(t[kind]);
          const left = s.lines.filter((l) => keys.has(sampleKey(l.text)));
          o[kind] = left.map((l, n) => {
            spans.set(`${at}/${kind}/${n}`, l.span);
            return { text: l.text };
          });
        }
        return o;
      };
      if (t.heading.instance) {
        out[t.key] = hits.map((i, n) => one(i, `${pointer}${p}/${n}`));
        spans.set(`${pointer}${p}`, (secs[hits[0] as number] as Section).span);
      } else {
        out[t.key] = one(hits[0] as number, `${pointer}${p}`);
      }
      group.entries.push({ template: t, section: secs[Math.min(...hits)] as Section, templateIndex });
    });
    group.entries.sort((a, b) => a.section.index - b.section.index);
    orderGroups.push(group);
    return out;
  };

  const instance = dict();
  spans.set('', firstLine);
  const titleSec = titleIdx >= 0 ? (secs[titleIdx] as Section) : undefined;
  if (titleSec) {
    const t = dict();
    t['text'] = titleSec.text;
    t['matches'] = model.title ? matchesHeading({ ...model.title, regex: model.title.regex }, titleSec) : true;
    instance['title'] = t;
    spans.set('/title', titleSec.span);
    spans.set('/title/matches', titleSec.span);
    if (model.title?.tables?.length) t['tables'] = bindTables(doc, titleSec, model.title.tables, '/title/tables', spans, found);
    const left = model.title ? unchangedTitle(doc, model.title, titleSec) : null;
    if (left) found.push(left);
    else if (model.title) found.push(...standInsLeft(text, model.title, titleSec));
  }
  instance['fields'] = bindFields(doc, model, titleSpan, spans, found, titleIdx);
  instance['sections'] = build(root, '/sections', firstLine);

  // Cascade: a blank row or an emptied section is reported once, not again per placeholder in it.
  const absorbed: Span[] = [];
  for (const [i, t] of matched) {
    const s = secs[i] as Section;
    if (!(s.hasContent || s.children.length > 0) && t) absorbed.push(s.ownSpan);
  }
  const inAbsorbed = (sp: Span): boolean => absorbed.some((a) => sp.start >= a.start && sp.end <= a.end);
  const blank = blankRowSpans(doc, found);
  const placeholders = found.filter((p) => {
    if (p.kind === 'empty-item' && inAbsorbed(p.span)) return false;
    return !blank.some((b) => p.span.start >= b.start && p.span.end <= b.end);
  });
  instance['placeholders'] = placeholders.map((p, n) => {
    spans.set(`/placeholders/${n}`, p.span);
    return p.notation ? { kind: p.kind, text: p.text, notation: p.notation } : { kind: p.kind, text: p.text };
  });
  const comments = doc.comments.filter((c) => !c.directive && !c.tool);
  instance['comments'] = comments.map((c, n) => {
    spans.set(`/comments/${n}`, c.span);
    return { text: c.text };
  });

  return { instance, spans, orderGroups, score, matched };
}

function bindFields(doc: PlanDocument, model: TemplateModel, anchor: Span, spans: Map<string, Span>, found: Placeholder[], titleIdx: number): Obj {
  const out = dict();
  spans.set('/fields', anchor);
  const fm = doc.frontmatter?.data ?? null;
  const fmKeys = new Map<string, string>();
  if (fm) for (const k of Object.keys(fm)) fmKeys.set(normalizeKey(k), k);
  for (const tf of model.fields) {
    // Metadata fields are the ones before the first section (or in the frontmatter).
    // "Author:" fills "Author(s):": a parenthetical remark in either label does not matter.
    // A title slot that is a `##` (no H1 in the plan) holds the metadata under it.
    const meta = (x: Field): boolean => x.section === null || (titleIdx >= 0 && x.section === titleIdx);
    // "Author:" fills "Authors:" too: a plural of the label's last word does not matter.
    const f =
      doc.fields.find((x) => x.key === tf.key && meta(x)) ??
      doc.fields.find((x) => meta(x) && looseKey(x.label) === looseKey(tf.label) && looseKey(tf.label) !== '') ??
      doc.fields.find((x) => meta(x) && singularKey(x.label) === singularKey(tf.label) && singularKey(tf.label) !== '' && !model.fields.some((o) => o.key === x.key));
    const at = `/fields${ptr(tf.key)}`;
    if (f) {
      const o = dict();
      o['label'] = f.label;
      o['value'] = f.value;
      const hasPlaceholder = found.some((p) => p.span.start < f.valueSpan.end && p.span.end > f.valueSpan.start);
      if (f.value && !hasPlaceholder) o['choice'] = squash(f.value).toLowerCase();
      // A value that still holds a placeholder is the `placeholder` rule's finding already.
      if (!hasPlaceholder && sameValue(f.value, tf.example)) {
        o['unchanged'] = true;
        // The template's list of alternatives left whole is one finding (unchanged), not also "not an allowed value".
        delete o['choice'];
      }
      out[tf.key] = o;
      spans.set(at, f.span);
      spans.set(`${at}/label`, f.span);
      spans.set(`${at}/value`, f.valueSpan.end > f.valueSpan.start ? f.valueSpan : f.span);
      spans.set(`${at}/choice`, f.valueSpan);
      spans.set(`${at}/unchanged`, f.valueSpan.end > f.valueSpan.start ? f.valueSpan : f.span);
      continue;
    }
    const fk = fmKeys.get(tf.key);
    if (fm && fk !== undefined && doc.frontmatter) {
      const v = fm[fk];
      const o = dict();
      o['label'] = fk;
      o['value'] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      if (o['value']) o['choice'] = squash(String(o['value'])).toLowerCase();
      const fmSpan = doc.frontmatter.span;
      const inValue = found.some((p) => p.span.start >= fmSpan.start && p.span.end <= fmSpan.end && String(o['value']).includes(p.text));
      // The template's value left in: one finding, by `placeholder` when a placeholder lies in it, else `unchanged`.
      if (sameValue(String(o['value']), tf.example)) {
        if (!inValue) o['unchanged'] = true;
        delete o['choice'];
      }
      out[tf.key] = o;
      // The key's own line for the field, its value for what is wrong with the value (never the whole block).
      const written = doc.frontmatter.values?.find((x) => x.key === fk);
      const at2 = written?.span;
      for (const suffix of ['', '/label']) spans.set(`${at}${suffix}`, written?.line ?? doc.frontmatter.span);
      // The value itself where it stands on its key's line: a suggestion replaces it, never the whole block.
      for (const suffix of ['/value', '/choice', '/unchanged']) spans.set(`${at}${suffix}`, at2 ?? doc.frontmatter.span);
      continue;
    }
    // Frontmatter that does not parse is one `frontmatter` finding: its keys are unknown, not missing.
    if (tf.frontmatter && doc.frontmatter?.error) {
      out[tf.key] = dict();
      for (const suffix of ['', '/label', '/value', '/choice']) spans.set(`${at}${suffix}`, doc.frontmatter.span);
    }
  }
  return out;
}

/**
 * The allowed value a cell chose, when it adds a remark after it set off by
 * punctuation ("Fail (BUG-12)", "no, due Friday", "High - see R2"): the value
 * is the choice, the remark is the team's own. Anything else is the cell as written.
 */
export function chosen(value: string, choices: string[] | null): string {
  if (!choices || choices.includes(value)) return value;
  let best = '';
  for (const c of choices) {
    if (c.length > best.length && value.startsWith(c) && /^\s*(?:[,;:(]|\s[-\u2013\u2014]\s)/.test(value.slice(c.length))) best = c;
  }
  return best || value;
}

/** A plan's field value that is the template's own, whitespace, case and backticks aside. */
function sameValue(value: string, example: string): boolean {
  const norm = (v: string): string => squash(v.replace(/`/g, '')).toLowerCase();
  return example.trim() !== '' && norm(value) === norm(example);
}

/** Rows whose cells are all empty or still hold a template choice list. */
export function isBlankRow(row: Table['rows'][number], found: Placeholder[]): boolean {
  return row.cells.every(
    (c) =>
      c.empty ||
      found.some((p) => p.kind === 'choice' && p.span.start <= c.span.start && p.span.end >= c.span.end),
  );
}

function blankRowSpans(doc: PlanDocument, found: Placeholder[]): Span[] {
  const out: Span[] = [];
  for (const t of doc.tables) for (const r of t.rows) if (isBlankRow(r, found)) out.push(r.span);
  return out;
}

function bindTables(doc: PlanDocument, s: Section, templates: TemplateTable[], pointer: string, spans: Map<string, Span>, found: Placeholder[]): Obj {
  const out = dict();
  spans.set(pointer, s.span);
  const free = new Set(s.tables);
  for (const tt of templates) {
    let best = -1;
    let bestScore = -1;
    for (const ti of free) {
      const t = doc.tables[ti] as Table;
      const keys = new Set(t.columns.map((c) => c.key));
      const score = tt.columns.filter((c) => keys.has(c.key)).length;
      if (score > bestScore) {
        best = ti;
        bestScore = score;
      }
    }
    if (best < 0) continue;
    free.delete(best);
    const t = doc.tables[best] as Table;
    const at = `${pointer}${ptr(tt.key)}`;
    spans.set(at, t.span);
    spans.set(`${at}/columns`, t.headerSpan);
    spans.set(`${at}/filledRows`, t.span);
    const columns = dict();
    const colIndex = new Map<string, number>();
    t.columns.forEach((c, n) => {
      if (!colIndex.has(c.key)) colIndex.set(c.key, n);
    });
    // `|  |  |` over `| Discussion thread | https://... |`: a header row with no words is how Markdown
    // writes a table without one; its first row names the columns, as the template's header row does.
    const first = t.rows[0];
    if (first && t.columns.every((c) => c.empty)) {
      first.cells.forEach((c, n) => {
        if (c.key && !colIndex.has(c.key)) colIndex.set(c.key, n);
      });
    }
    // A column the template leaves unnamed (`| | Option 1 |`, `| # | Title |`) is the plan's column at
    // its place, whatever the plan calls it, unless that column is one the template names.
    const named = new Set(tt.columns.map((c) => c.key));
    tt.columns.forEach((c, n) => {
      const p = t.columns[n];
      if (c.key === unnamedColumn(n) && !colIndex.has(c.key) && p && !named.has(p.key)) colIndex.set(c.key, n);
    });
    for (const c of tt.columns) if (colIndex.has(c.key)) columns[c.key] = true;
    const rows: Obj[] = [];
    const blankRows: Obj[] = [];
    for (const r of t.rows) {
      if (isBlankRow(r, found)) {
        spans.set(`${at}/blankRows/${blankRows.length}`, r.span);
        blankRows.push(dict());
        continue;
      }
      const ri = rows.length;
      const row = dict();
      spans.set(`${at}/rows/${ri}`, r.span);
      for (const c of tt.columns) {
        const n = colIndex.get(c.key);
        if (n === undefined) continue;
        const cell = r.cells[n];
        const o = dict();
        const cp = `${at}/rows/${ri}${ptr(c.key)}`;
        if (!cell) {
          o['text'] = '';
          o['empty'] = true;
          spans.set(cp, r.span);
        } else {
          o['text'] = cell.text;
          const ph = found.some((p) => p.span.start < cell.span.end && p.span.end > cell.span.start);
          // `| Owner | <your name> |`: the cell's text (HTML aside) is empty, but it holds a placeholder, reported as such.
          o['empty'] = cell.empty && !ph;
          if (!cell.empty && !ph) o['choice'] = chosen(squash(cell.text).toLowerCase(), c.choices);
          spans.set(cp, cell.span);
        }
        spans.set(`${cp}/empty`, spans.get(cp) as Span);
        spans.set(`${cp}/choice`, spans.get(cp) as Span);
        row[c.key] = o;
      }
      rows.push(row);
    }
    const o = dict();
    o['columns'] = columns;
    o['filledRows'] = rows.length;
    o['blankRows'] = rows.length ? blankRows : [];
    o['rows'] = rows;
    out[tt.key] = o;
  }
  return out;
}

/**
 * The plan's title: its H1 title, except where the template has none and
 * that H1 is one of the template's H1 sections ("# Summary"); or, where the
 * template's title slot is a `##` under its own header, the plan's first
 * heading at that level or above when it is none of the template's sections.
 */
export function titleIndex(doc: PlanDocument, model: TemplateModel, namedTemplates: TemplateSection[]): number {
  const secs = doc.sections;
  const named = (s: Section): boolean => namedTemplates.some((t) => t.heading.depth === s.depth && matchesHeading(t, s));
  const h1 = doc.title ? secs.findIndex((s) => s.span.start === doc.title?.span.start) : -1;
  if (h1 >= 0) return !model.title && named(secs[h1] as Section) ? -1 : h1;
  const first = secs[0];
  if (model.title && model.title.heading.depth > 1 && first && first.depth <= model.title.heading.depth && !named(first)) return 0;
  return -1;
}
