import type { PlanDocument, Section } from '../../extract/document.js';
import type { Placeholder } from '../../extract/placeholders.js';
import { isChoiceList, normalizeKey, templateAlternatives } from '../../extract/text.js';
import type { GenContext, Json } from './context.js';
import { isTitleStandIn, OPTIONAL_MARKER } from './headings.js';
import { tableSchema } from './tables.js';
import { isFillIn, isSampleList } from './fill-in.js';

export { isFillIn } from './fill-in.js';

/**
 * Pass: preamble and metadata. The title, the metadata fields before the
 * first section (`**Status:** Draft | Approved`) and the frontmatter keys,
 * with the values they allow.
 */
export function preamblePass(ctx: GenContext): void {
  ctx.fields = fieldSchemas(ctx.doc, ctx.text, ctx.titleSec, ctx.placeholders);
}

/** Metadata labels that are template guidance, not fields to fill. */
const GUIDANCE_LABELS = new Set(['note', 'notes', 'nb', 'important', 'warning', 'caution', 'tip', 'hint', 'example', 'examples', 'reminder', 'attention', 'info']);

/** The schema of the plan's title: the template's, or any title when the template's only stands for one. */
export function titleSchema(ctx: GenContext): Json | null {
  const h = ctx.title;
  if (!h) return null;
  const pattern = h.pattern ?? (isTitleStandIn(h.written, ctx.doc) ? '.+' : undefined);
  // The slot's level in the template ("## Your Proposal Title" under the template's own "# Template").
  const depth = ctx.titleSec?.depth ?? 1;
  return {
    title: `${'#'.repeat(depth)} ${h.written}`,
    ...(pattern === '.+' ? { description: `The template's title stands for the plan's own title: any title matches${depth > 1 ? ` (an H1, or a first heading at level ${depth})` : ''}, but not the template's own.` } : {}),
    'x-heading': { text: h.text, depth, ...(pattern ? { pattern } : {}), ...(h.standIns ? { standIns: h.standIns } : {}) },
    type: 'object',
    properties: { matches: { const: true }, ...preambleTables(ctx) },
  };
}

/**
 * The tables between the title and the first section (a metadata table, a
 * revision history): their columns, rows and cells are checked like a
 * section's tables.
 */
function preambleTables(ctx: GenContext): Json {
  const sec = ctx.titleSec;
  if (!sec) return {};
  const tables = sec.tables.map((ti) => tableSchema(ctx.doc, ti)).filter((t): t is Json => t !== null);
  if (!tables.length) return {};
  const tp: Record<string, Json> = {};
  tables.forEach((t, i) => (tp[`table ${i + 1}`] = t));
  return { tables: { type: 'object', required: Object.keys(tp), properties: tp } };
}

export function fieldSchemas(doc: PlanDocument, text: string, titleSec: Section | undefined, placeholders: Placeholder[]): { props: Record<string, Json>; required: string[] } {
  const props: Record<string, Json> = {};
  const required: string[] = [];
  const preambleFields = doc.fields.filter((f) => f.section === null || (titleSec !== undefined && f.section === titleSec.index));
  // `PEP: <REQUIRED: pep number>` next to `Requires: <pep numbers>`: where the template marks some
  // fields required, the fields it leaves unmarked are optional.
  const marksRequired = preambleFields.some((f) => REQUIRED_MARK.test(f.value) || REQUIRED_MARK.test(f.label));
  for (const f of preambleFields) {
    if (!f.key || props[f.key]) continue;
    // "**Note:** This template is filled in by ..." is guidance, not a field.
    if (GUIDANCE_LABELS.has(f.key) || /\bthis template\b/i.test(f.value)) continue;
    const inValue = placeholders.filter((p) => p.span.start < f.valueSpan.end && p.span.end > f.valueSpan.start);
    const hasPlaceholder = inValue.some((p) => p.kind !== 'choice');
    // "**Tests**: The examples below include test tasks. Tests are OPTIONAL - ...": a note of sentences, not a value to fill.
    if (!inValue.length && isNote(f.value)) continue;
    let alternatives = isChoiceList(f.value) ? templateAlternatives(f.value) : hasPlaceholder ? null : templateAlternatives(f.value);
    // "Must be one of `a`, `b`, or `c`" in the guidance comment right after the field.
    if (!alternatives) alternatives = oneOfAfter(doc, text, f.span.end);
    const valueSchema: Json = { type: 'object', properties: { value: { type: 'string', minLength: 1 } } };
    if (alternatives) (valueSchema['properties'] as Json)['choice'] = { enum: alternatives.map((c) => c.toLowerCase()) };
    if (inValue.length || alternatives || isFillIn(f.value)) (valueSchema['properties'] as Json)['unchanged'] = UNCHANGED;
    // "Update date (optional): ...": a field the template marks optional is not required.
    const optional = OPTIONAL_MARKER.test(f.label);
    const unmarked = marksRequired && !REQUIRED_MARK.test(f.value) && !REQUIRED_MARK.test(f.label);
    props[f.key] = {
      title: f.label,
      ...(optional ? { description: `Optional: the template marks it ${JSON.stringify(OPTIONAL_MARKER.exec(f.label)?.[0] ?? '')}.` } : {}),
      ...(unmarked && !optional ? { description: 'Optional: the template marks other fields required, not this one.' } : {}),
      // Classic choice lists keep the shape the built-in schemas have always had.
      ...(alternatives && !isChoiceList(f.value) ? { description: `One of: ${alternatives.join(', ')}` } : {}),
      'x-field': { label: f.label, example: f.value },
      ...valueSchema,
    };
    if (!optional && !unmarked) required.push(f.key);
  }
  // Frontmatter keys of the template are required fields; the binder finds them by normalized key.
  const fm = doc.frontmatter?.data;
  const notes = doc.frontmatter ? keyComments(text.slice(doc.frontmatter.span.start, doc.frontmatter.span.end)) : new Map<string, string>();
  if (fm) {
    for (const [k, v] of Object.entries(fm)) {
      const key = normalizeKey(k);
      if (!key || props[key]) continue;
      // `description: "Task list template for feature implementation"`: the template file describing itself, not a field of plans.
      if (typeof v === 'string' && /\btemplates? (?:for|to|used|that|which|of)\b/i.test(v) && !templateAlternatives(v) && !fmPlaceholder(doc, text, placeholders, k)) continue;
      const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      const example = v === null || v === undefined ? '' : scalar ? String(v) : JSON.stringify(v);
      const valueSchema: Json = { type: 'object' };
      const alternatives = typeof v === 'string' ? templateAlternatives(v) : null;
      // A scalar example must be replaced by a value; a list (see-also, replaces) may be left empty.
      if (scalar && example) {
        valueSchema['properties'] = { value: { type: 'string', minLength: 1 } };
        if (alternatives) (valueSchema['properties'] as Json)['choice'] = { enum: alternatives.map((c) => c.toLowerCase()) };
        if (alternatives || isFillIn(example) || fmPlaceholder(doc, text, placeholders, k)) (valueSchema['properties'] as Json)['unchanged'] = UNCHANGED;
      }
      // A list of sample entries (`[reviewer-one, reviewer-two]`) left whole is the template's value, not the plan's.
      if (Array.isArray(v) && isSampleList(v)) valueSchema['properties'] = { unchanged: UNCHANGED };
      // A list of references (see-also, replaces, superseded-by) exists only when there is something to refer to.
      const references = Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && /^(?:\/|\.{1,2}\/|https?:|[\w.-]+\.md\b)/.test(x));
      // "category: ... # Only required for Standards Track. Otherwise, remove this field."
      const sometimes = OPTIONAL_KEY.test(notes.get(k) ?? '');
      props[key] = {
        title: `${k} (frontmatter)`,
        ...(references ? { description: 'Optional: a list of references, present only when there are some.' } : {}),
        ...(sometimes ? { description: "Optional: the template's comment on the key says it is needed only sometimes or may be removed." } : {}),
        ...(alternatives ? { description: `One of: ${alternatives.join(', ')}` } : {}),
        'x-field': { label: k, example, frontmatter: true },
        ...valueSchema,
      };
      if (!references && !sometimes) required.push(key);
    }
  }
  return { props, required };
}

/**
 * A field marked required, the mark opening the value or closing the value or the label:
 * `<REQUIRED: pep number>`, `[required]`, `REQUIRED: the title`, `Draft (required)`,
 * `Author (required)`. A mark is bracketed or followed by a colon; not the word as the
 * whole value (`**Security review:** Required` is the plan's answer, a fixed value),
 * nor the word in a sentence ("[sign-off required by legal]", "REQUIRED SUB-SKILL: use ...")
 * nor one item of a list ("plan.md (required), spec.md").
 */
const REQUIRED_MARK = {
  test: (s: string): boolean =>
    /^\s*[*_]*\s*(?:[<([{]\s*[*_]*(?:required|mandatory)\b[*_]*\s*[:)\]}>]|(?:required|mandatory)[*_]*\s*:)/i.test(s) ||
    /[([]\s*(?:required|mandatory)\s*[)\]]\s*[*_]*\s*$/i.test(s),
};

/** A plan's field whose value is still the template's (the binder sets `unchanged`) is a finding. */
const UNCHANGED = { description: "The template's value left in place of the plan's own.", const: false };

/** A field value that is a sentence or more: a note of the template, not a value to fill. */
function isNote(value: string): boolean {
  return value.split(/\s+/).length >= 8 && /[.!?](?:\s+\S|\s*$)/.test(value.replace(/\b(?:e\.g|i\.e|etc|vs)\./gi, ''));
}

/** Whether the template writes a placeholder in this frontmatter key's value (`type: <Standards Track, Meta>`). */
function fmPlaceholder(doc: PlanDocument, text: string, placeholders: Placeholder[], key: string): boolean {
  const fm = doc.frontmatter;
  if (!fm) return false;
  const at = text.slice(fm.span.start, fm.span.end).search(new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm'));
  if (at < 0) return false;
  const start = fm.span.start + at;
  const end = text.indexOf('\n', start);
  return placeholders.some((p) => p.span.start >= start && p.span.start < (end < 0 ? fm.span.end : end));
}

/** Backticked values listed as "one of `a`, `b` or `c`" in the comment right after `end`. */
function oneOfAfter(doc: PlanDocument, text: string, end: number): string[] | null {
  const c = doc.comments.find((x) => x.span.start >= end && /^\s*$/.test(text.slice(end, x.span.start)));
  if (!c) return null;
  const m = /\bone of\b([^]*?)(?:\.\s|\.?\s*-->)/i.exec(c.text);
  if (!m || !m[1]) return null;
  const values = [...m[1].matchAll(/`([^`\n]{1,40})`/g)].map((x) => (x[1] ?? '').trim()).filter(Boolean);
  return values.length >= 2 ? values : null;
}

/** A YAML comment that makes a frontmatter key optional: remove it, only needed sometimes, optional. */
const OPTIONAL_KEY =
  /\b(?:remove|delete|omit|drop) (?:this|the|that) (?:field|key|line|entry)\b|\b(?:otherwise|if not),? (?:remove|delete|omit|drop)\b|\b(?:remove|delete|omit) (?:it|this) if\b|\bonly (?:required|needed|necessary|applicable|relevant|used|for|if|when)\b|\bif (?:applicable|any|needed|relevant|necessary)\b|\bin case (?:of|you|there)\b|\boptional\b/i;

/**
 * The comments on each top-level key of a YAML frontmatter block: the one
 * after the value on its line, and the comment lines just above it.
 */
function keyComments(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let above: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    const c = /^#\s?(.*)$/.exec(line);
    if (c) {
      above.push(c[1] ?? '');
      continue;
    }
    const m = /^([^\s#:][^:#]*?)\s*:(.*)$/.exec(line);
    if (m && m[1]) {
      const after = /(?:^|\s)#\s?(.*)$/.exec(m[2] ?? '');
      out.set(m[1], [...above, after?.[1] ?? ''].join(' ').trim());
    }
    if (line.trim() === '' || m) above = [];
  }
  return out;
}
