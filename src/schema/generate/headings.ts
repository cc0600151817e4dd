import type { PlanDocument, Section } from '../../extract/document.js';
import type { Placeholder } from '../../extract/placeholders.js';
import { normalizeKey, squash } from '../../extract/text.js';
import type { Span } from '../../types.js';
import type { GenContext, HeadingShape, OutlineNode } from './context.js';
import { alternativesOf, hasRomanId, illustrativeExample, instanceOf, introducedAsExample, isExampleHeading, otherNames, romanLabels } from './instances.js';
import { escape } from './util.js';
import { isGenericStandIn, namesTitle, standsForTitle, titleSlot } from './title.js';
import type { StandIn } from '../model.js';

/** Placeholder kinds a single token fills (a number, an id). */
const MASK_KINDS = new Set<string>(['mask', 'id-mask', 'number-mask', 'date-mask']);

/**
 * Pass: headings and optionality. The template's heading tree (the title's
 * children are the top level), each heading's shape (literal or with a
 * variable part, an optional marker), and which sections are conditional.
 */

/**
 * Markers that make a heading optional: `(optional)`, `[Optional]`,
 * `[REMOVE IF UNUSED]`, `*(if applicable)*`, `(if needed)`, `(OPTIONAL)`,
 * `(if performance-critical)`; the word in other languages too: `(opcional)`,
 * `(facultatif)`, `(optionnel)`, `(opzionale)`, `(optioneel)`.
 */
export const OPTIONAL_MARKER =
  /(?:[*_]{1,2})?[([]\s*(?:(?:optional|opcional|optionnel(?:le)?|facultati(?:f|ve|vo|va)|opzionale|optioneel|valfri|valgfri)(?:\s*[-–—:,;]\s*[^()[\]\n]{1,60})?|remove if unused|delete if unused|if (?:applicable|needed|any|relevant|required|appropriate|necessary|used)|if [^()[\]\n]{1,40}|only if [^()[\]\n]{1,40}|(?:include|keep|add|fill in|complete|use)(?: this)?(?: only)? (?:if|when) [^()[\]\n]{1,60})\s*[)\]](?:[*_]{1,2})?/i;

/**
 * Guidance that says when to drop a part: "remove if not applicable", "delete
 * it if there are none", "this part can be omitted", "May be left out." (a
 * sentence of its own: "what can be removed from the design" is no mark).
 */
export const REMOVE_WHEN =
  "\\b(?:remove|delete|omit|drop|skip)(?: (?:it|this|them|these))? (?:if|when) (?:(?:it is |they are )?(?:not (?:applicable|needed|relevant|used|required)|unused|irrelevant|n/?a)|there (?:are|is) (?:none|nothing)|(?:it )?(?:does not|doesn't) apply)\\b|(?:^[\\s*_(]*|(?<=[.!?]\\s+)|\\b(?:this(?: [a-z]+)?|it) )(?:can|may) be (?:omitted|removed|deleted|skipped|left out)\\b";

/** Guidance that makes a whole section conditional ("Fill ONLY if ...", "This section may be omitted if ..."). */
const CONDITIONAL = new RegExp(
  [
    'fill (?:this (?:section|table) )?only (?:if|when)',
    'only (?:fill|complete|needed|required|applicable|include|add) (?:this )?(?:section )?(?:if|when)',
    '(?:include|use|complete|fill(?: in| out)?|add) this (?:sub)?section (?:only )?(?:if|when)',
    '(?:skip|delete|remove|omit) this (?:sub)?section (?:if|unless|when)',
    '(?:this )?(?:sub)?section (?:may|can) be (?:omitted|skipped|removed|left out)',
    '(?:may|can) be omitted if',
    '(?:section|this) (?:is )?not required until',
    '(?<=[*:>]\\s*)not required until',
    'this section is optional',
    'optional section',
    // `*(include if feature involves data)*`, "(keep only when ...)".
    '(?<=[(*_]\\s*)(?:include|keep|add|complete|fill in|use) (?:this (?:section )?)?(?:only )?(?:if|when)',
    // "These sections are optional", "The following sections are optional".
    '(?:these|the following|all (?:of )?(?:the )?(?:following|these)) (?:sub)?sections (?:are|may be) optional',
    // A body that opens with "*Optional.*" / "(optional)".
    '(?<=^\\s*[(*_]+\\s*)optional(?=\\s*[)*_])',
    '(?<=^\\s*)optional(?=\\s*[:.,;\u2013\u2014-]| (?:if|when|unless)\\b)',
    // A section its guidance invites rather than demands: "Feel free to add any number of appendices ...".
    '(?<=^\\s*)feel free to (?:add|include|write)',
    // A section whose guidance opens by calling it optional or removable: "This is an optional element. Feel free to remove.", "If applicable".
    '(?<=^\\s*)(?:this is )?an optional (?:element|part|section|block|subsection)',
    '(?<=^\\s*)if (?:applicable|needed|relevant)(?=\\s*[:.,;)\u2013\u2014-])',
    '(?<=^\\s*(?:[^.!?]{0,80}[.!?]\\s+)?)feel free to (?:remove|delete|omit|drop|skip)',
  ]
    .map((p) => `\\b${p}\\b`)
    .join('|') +
    `|(?<=^\\s*(?:[^.!?]{0,80}[.!?]\\s+)?)(?:${REMOVE_WHEN})` +
    // "*Optional. Describe ...*", "_Optional: ..._": the emphasis around the whole guidance (`_` is a word character: no word boundary before "optional").
    `|(?<=^\\s*[*_]{1,2}\\s*)optional(?=\\s*[:.,;\u2013\u2014-]| (?:if|when|unless)\\b)`,
  'i',
);


export function headingsPass(ctx: GenContext): void {
  const { doc, text } = ctx;
  // The optional markers the template writes on headings ("[optional]"): a plan may carry them on any heading.
  const headingMarkers = [
    ...new Set(
      doc.sections
        .map((s) => OPTIONAL_MARKER.exec(headingSource(text, s))?.[0])
        .filter((m): m is string => Boolean(m))
        .map((m) => normalizeKey(m))
        .filter(Boolean),
    ),
  ];
  const shapeOf = (s: Section, isTitle = false, romans: ReadonlySet<string> = new Set()): HeadingShape => {
    const written = headingSource(text, s);
    const shape = analyzeHeading(written, headingBodyStart(text, s), ctx.placeholders, text, isTitle, hasRomanId(written, romans));
    if (!isTitle && !shape.pattern) {
      const key = normalizeKey(shape.text);
      // "Goals / Non-Goals" (the combined heading or either part), or a name the guidance offers ("also called Prior Art").
      const names = [...new Set([key, ...(alternativesOf(shape.text, true) ?? []), ...otherNames(text, s)])];
      const name = names.length > 1 ? `(?:${names.map(escape).join('|')})` : escape(key);
      if (key && (names.length > 1 || headingMarkers.length)) shape.pattern = `^${name}${headingMarkers.length ? `(?: (?:${headingMarkers.map(escape).join('|')}))?` : ''}$`;
    }
    return shape;
  };
  const outline = (indices: number[], nested = false): OutlineNode[] => {
    // Siblings numbered in Roman numerals ("Article I", "Article IV", "Article V") are fixed parts, not instances.
    const romans = romanLabels(indices.map((i) => headingSource(text, doc.sections[i] as Section)));
    const shapes = new Map(indices.map((i) => [i, shapeOf(doc.sections[i] as Section, false, romans)]));
    return indices.flatMap((i) => {
      const section = doc.sections[i] as Section;
      const shape = shapes.get(i) as HeadingShape;
      // An empty heading (`##` alone) names no section a plan could match: it is left out, its subsections move up.
      if (!shape.text.trim() && !shape.pattern) return outline(section.children, nested);
      // "### Option 1: [name]" under "## Options": the plan names its options itself ("### Managed Postgres");
      // any subsection there is one. At the top level the label stays required, so unrelated sections are not taken.
      // Only when every sibling of its label is named that way ("Option B: [x] (Chosen)" keeps the label for all).
      const label = shape.pattern;
      // A team's own template only (`schema generate`): the built-in schemas keep their labelled instances exactly.
      const teamTemplate = ctx.options.ownStylesOnly === true || ctx.options.templateLeftoversOnly === true;
      if (teamTemplate && shape.namedBySlot && nested && [...shapes.values()].every((o) => o.pattern !== label || o.namedBySlot)) shape.pattern = '.+';
      // An example heading the guidance introduces as one ("for example:") is illustrative: optional.
      if (shape.instance && !shape.example && (shape.pattern === '.+' || instanceOf(shape.text)) && introducedAsExample(text, doc.sections, section)) shape.example = true;
      // The sections under an instance heading belong to each instance: not checked one by one.
      const children = shape.instance ? [] : outline(section.children, true);
      const carriesValue = carriesItsValue(shape, section);
      return { section, shape, key: '', conditional: isConditional(text, section), ...(carriesValue ? { carriesValue } : {}), group: [section], samples: [], tables: [], children };
    });
  };

  // The title slot (see title.ts): under an H1 title every `##` is a child of the title; the title's
  // children are the top level, and so are other root sections (further H1s, or `##` before any H1).
  const slot = titleSlot(doc, text);
  const titleSec = slot.titleSec;
  let top = slot.top;
  // A first heading that only stands for the plan's title ("Title\n----" with no H1) is not a section.
  const first = top[0] !== undefined ? (doc.sections[top[0]] as Section) : undefined;
  if (!titleSec && first && first.index === 0 && isTitleStandIn(headingSource(text, first), doc)) top = top.slice(1);
  // The section holding the preamble's fields; the title only when it is one (not the first of a run of H1 sections).
  ctx.titleSec = titleSec;
  ctx.title = titleSec && !slot.firstIsSection ? shapeOf(titleSec, true) : undefined;
  ctx.sections = outline(top);

  // Optional markers written as placeholders ("[optional]"): kept in a plan's heading, they are not unfilled values.
  const visit = (shape: HeadingShape): void => {
    if (shape.marker && /^[[{]/.test(shape.marker.replace(/^[*_]+/, ''))) ctx.markers.add(shape.marker.replace(/^[*_]+|[*_]+$/g, ''));
  };
  if (ctx.title) visit(ctx.title);
  const walk = (nodes: OutlineNode[]): void =>
    nodes.forEach((n) => {
      visit(n.shape);
      walk(n.children);
    });
  walk(ctx.sections);
}

/**
 * Split a heading into literal and variable parts and build its pattern.
 * For the title, literal parts that name the title ("Your short, descriptive
 * title") are variable too.
 */
export function analyzeHeading(written: string, bodyStart: number, placeholders: Placeholder[], text: string, isTitle = false, fixedId = false): HeadingShape {
  const bodyEnd = bodyStart + written.length;
  // The optional marker, if any, at the start or the end of the heading.
  let marker: { start: number; end: number; text: string } | undefined;
  let clean = written;
  const mm = OPTIONAL_MARKER.exec(written);
  if (mm && (mm.index === 0 || mm.index + mm[0].length >= written.replace(/[\s:.]+$/, '').length)) {
    marker = { start: bodyStart + mm.index, end: bodyStart + mm.index + mm[0].length, text: mm[0] };
    clean = squash(`${written.slice(0, mm.index)} ${written.slice(mm.index + mm[0].length)}`).replace(/^[\s:\u2013\u2014-]+/, '');
  }

  // Variable parts: placeholders (not the marker) and inline code.
  const inHeading = placeholders
    .filter((p) => p.span.start >= bodyStart && p.span.end <= bodyEnd && p.kind !== 'choice')
    .filter((p) => !marker || p.span.end <= marker.start || p.span.start >= marker.end);
  // `[Background | Prior Art]`: a placeholder made only of alternatives is any one of them, not a wildcard.
  const alts = new Map<number, string[]>();
  for (const p of inHeading) {
    const a = alternativesOf(p.text);
    if (a && !isTitle) alts.set(p.span.start, a);
  }
  const spans: Span[] = inHeading.filter((p) => !alts.has(p.span.start)).map((p) => p.span);
  // A mask (`NNNN`, `XXX`) is filled with one token (a number, an id): what a title's stand-in check may rely on.
  const oneToken = new Set(inHeading.filter((p) => MASK_KINDS.has(p.kind) && !/\s/.test(p.text)).map((p) => p.span.start));
  const codeRe = /`[^`]+`/g;
  let m: RegExpExecArray | null;
  while ((m = codeRe.exec(written))) spans.push({ start: bodyStart + m.index, end: bodyStart + m.index + m[0].length });

  type Part = { kind: 'lit'; key: string } | { kind: 'var'; one?: boolean; standIn?: string } | { kind: 'id' } | { kind: 'marker'; key: string } | { kind: 'alt'; keys: string[] };
  const parts: Part[] = [];
  const cuts = [
    ...spans.map((sp) => ({ ...sp, kind: 'var' as const })),
    ...inHeading.filter((p) => alts.has(p.span.start)).map((p) => ({ ...p.span, kind: 'alt' as const })),
    ...(marker ? [{ start: marker.start, end: marker.end, kind: 'marker' as const }] : []),
  ].sort((a, b) => a.start - b.start);
  const literal = (from: number, to: number): void => {
    const raw = text.slice(from, to);
    const key = normalizeKey(raw);
    if (!key) return;
    if (!isTitle) {
      parts.push({ kind: 'lit', key });
      return;
    }
    // In a title, each part ("CFP-003", "Template") is the plan's own when it names the title or is the template's id.
    for (const chunk of raw.split(/:|\s[-\u2013\u2014]\s/)) {
      const k = normalizeKey(chunk);
      if (!k) continue;
      const id = /^\s*([A-Za-z]{2,})[-_ ]?\d+\s*$/.exec(chunk);
      if (standsForTitle(chunk)) parts.push({ kind: 'var', ...(isGenericStandIn(chunk) ? { standIn: chunk.trim() } : {}) });
      else if (id?.[1]) parts.push({ kind: 'lit', key: normalizeKey(id[1]) }, { kind: 'id' });
      else parts.push({ kind: 'lit', key: k });
    }
  };
  let at = bodyStart;
  for (const c of cuts) {
    if (c.start < at) continue;
    literal(at, c.start);
    if (c.kind === 'var') parts.push({ kind: 'var', ...(oneToken.has(c.start) ? { one: true } : {}) });
    else if (c.kind === 'alt') parts.push({ kind: 'alt', keys: alts.get(c.start) ?? [] });
    else parts.push({ kind: 'marker', key: normalizeKey(text.slice(c.start, c.end)) });
    at = c.end;
  }
  literal(at, bodyEnd);
  const withMarker = marker ? { marker: marker.text } : {};

  // A sample of a kind shown as an example ("Parallel Example: User Story 1"): any section of that kind, or none.
  // `fixedId`: its id is a Roman numeral its siblings number fixed parts with ("Article V: ..."): never an instance.
  const example = isTitle || fixedId ? null : illustrativeExample(clean);
  if (example !== null) return { text: clean, written, pattern: example ? `^${escape(example)}(?: .+)?$` : '.+', instance: true, example: true, ...withMarker };
  // An example heading ("Section 1", "Option 1:", "Deferred Milestone 1", "Impact: ... 1"): at least one section there, any title.
  if (!isTitle && !fixedId && isExampleHeading(clean)) return { text: clean, written, pattern: '.+', instance: true, ...withMarker };
  // An instance heading: "Option A", "Phase 2", "Endpoint 1: {Name}", "Task N: [Component]", "Story 1 (Optional)".
  const inst = fixedId ? null : instanceOf(clean);
  if (inst && !isTitle) {
    // Named only by a placeholder after its label and id ("Option 1: [name]"): the label is the template's, the name the plan's.
    const labelAndId = new RegExp(inst.replace(/\(\?: \|\$\)$/, '$'));
    const lits = parts.filter((p): p is { kind: 'lit'; key: string } => p.kind === 'lit');
    const slot = parts.some((p) => p.kind === 'var') && lits.length === 1 && labelAndId.test(lits[0]?.key ?? '') && parts.every((p) => p.kind !== 'alt' && p.kind !== 'id');
    return { text: clean, written, pattern: inst, instance: true, ...(slot ? { namedBySlot: true } : {}), ...withMarker };
  }

  const hasVar = parts.some((p) => p.kind === 'var' || p.kind === 'id');
  const hasAlt = parts.some((p) => p.kind === 'alt');
  if (!hasVar && !marker && !hasAlt) {
    // A trailing parenthetical qualifies the heading ("Source Code (repository root)"): plans reword it.
    const q = /^([^()]*[^()\s])\s*\([^()]*\)\s*$/.exec(written);
    if (!isTitle && q && q[1] && normalizeKey(q[1])) return { text: clean, written, pattern: `^${escape(normalizeKey(q[1]))}(?: .+)?$` };
    return { text: clean, written };
  }
  // A heading with a variable part (placeholder, inline code) is repeatable, as before.
  const repeat = hasVar && !isTitle ? { instance: true } : {};
  if (!parts.some((p) => p.kind === 'lit' || p.kind === 'alt')) return { text: clean, written, ...(hasVar ? { pattern: '.+', ...repeat } : {}), ...withMarker };
  // A field heading (`Review Date: {{qa_date}}`): its value part, the last placeholder after the label, is optional for
  // binding, so a plan's bare label (`### Review Date`, value not filled in yet) is the same section; `valuePattern`
  // (the heading with its value) tells the binder whether the value is there.
  const valueAt = isTitle ? -1 : fieldValueIndex(clean, parts);
  // `standInAt`: the title with that stand-in part kept as the template writes it, a mask filled with one token.
  const render = (bareLabel: boolean, standInAt = -1): string => {
    let out = '';
    let started = false;
    parts.forEach((p, i) => {
      if (p.kind === 'marker') {
        if (p.key) out += started ? `(?: ${escape(p.key)})?` : `(?:${escape(p.key)} )?`;
        return;
      }
      if (bareLabel && i === valueAt) {
        out += '(?: .+)?';
        return;
      }
      let re = p.kind === 'id' ? '[^ ]+' : p.kind === 'alt' ? `(?:${p.keys.map(escape).join('|')})` : p.kind === 'lit' ? escape(p.key) : '.+';
      if (p.kind === 'var' && standInAt >= 0) re = i === standInAt ? escape(normalizeKey(p.standIn ?? '')) : p.one ? '[^ ]+' : '.+';
      out += (started ? ' ' : '') + re;
      started = true;
    });
    return out.replace(/\.\+(?: \.\+)+/g, '.+');
  };
  const out = render(false);
  const pattern = out === '.+' ? '.+' : `^${out}$`;
  if (valueAt >= 0) return { text: clean, written, pattern: `^${render(true)}$`, valuePattern: pattern, ...repeat, ...withMarker };
  const standIns = isTitle ? titleStandIns(parts, (k) => `^${render(false, k)}$`) : [];
  return { text: clean, written, pattern, ...repeat, ...withMarker, ...(standIns.length ? { standIns } : {}) };
}

/**
 * The title's generic stand-in parts ("Template" in `CFP-003: Template`),
 * each with the pattern of a plan title that keeps it beside the parts it
 * filled (`^cfp [^ ]+ template$`). None when the title has nothing else to
 * fill (`# Title`, `# DACI: Decision title`: keeping the stand-in there is
 * keeping the whole title, which is reported apart). `alone`:
 * a neighbour is free text, so the stand-in counts only as a part of its own
 * in the plan's title (between `:` or ` - `), not as a word of a longer name.
 */
function titleStandIns(parts: readonly { kind: string; one?: boolean; standIn?: string }[], pattern: (k: number) => string): StandIn[] {
  const named = parts.map((p, i) => ({ p, i })).filter(({ p }) => p.kind !== 'marker');
  if (!named.some(({ p }) => p.kind === 'id' || (p.kind === 'var' && !p.standIn))) return [];
  const free = (x: { p: { kind: string; one?: boolean } } | undefined): boolean => x?.p.kind === 'var' && !x.p.one;
  return named.flatMap(({ p, i }, n) =>
    p.standIn ? [{ text: p.standIn, pattern: pattern(i), ...(free(named[n - 1]) || free(named[n + 1]) ? { alone: true } : {}) }] : [],
  );
}

/** A heading written as a field: a short label, a colon, then one placeholder token and nothing else. */
const FIELD_VALUE = /^[^:]{1,40}:\s*(?:\{\{[^{}]+\}\}|\{[^{}]+\}|\[[^[\]]+\]|<[^<>]+>)\s*$/;

/**
 * The part that is a field heading's value: the last part, a placeholder
 * (`{{x}}`, `{x}`, `[x]`, `<x>`) right after a literal label ending in a colon.
 * Not inline code (`Table: \`table_name\``: a name the template asks for in
 * the heading, kept as it is), not a choice of alternatives. -1 otherwise.
 */
function fieldValueIndex(clean: string, parts: { kind: string }[]): number {
  if (!FIELD_VALUE.test(clean)) return -1;
  const named = parts.map((p, i) => ({ p, i })).filter(({ p }) => p.kind !== 'marker');
  const last = named[named.length - 1];
  const before = named[named.length - 2];
  return last?.p.kind === 'var' && before?.p.kind === 'lit' ? last.i : -1;
}

/**
 * A heading that is a field: a label, a colon and a variable part
 * (`Review Date: {{qa_date}}`), with no body of its own in the template. A plan
 * fills the value in the heading; the section needs no body.
 */
export function carriesItsValue(shape: HeadingShape, s: Section): boolean {
  const withValue = shape.valuePattern ?? shape.pattern;
  return Boolean(withValue && / \.\+\$$/.test(withValue)) && /^[^:]{1,40}:\s*\S/.test(shape.written) && !s.hasContent && s.children.length === 0;
}

/** Whether a section's own guidance makes it conditional ("Fill ONLY if ..."). */
export function isConditional(text: string, s: Section): boolean {
  // Only the guidance that opens the section: a condition deep inside it is about one item, not the section.
  // Guidance written as a comment (`<!--\n(optional)\n...-->`) or a blockquote (`> Optional, but ...`)
  // opens the section as much as prose does.
  const own = text
    .slice(s.ownSpan.start, Math.min(s.ownSpan.end, s.ownSpan.start + 400))
    .replace(/^\s*<!--/, '')
    .replace(/^[ \t]*>[ \t]?/gm, '');
  const flat = own.replace(/\s+/g, ' ');
  return CONDITIONAL.test(flat) || CJK_CONDITIONAL.test(flat);
}

/**
 * The same guidance in Japanese or Chinese, where words have no spaces (so no `\b`): the section's opening
 * sentence says it is filled only in some case ("…場合のみ記入", "仅在…时填写") or calls it optional
 * ("任意" but not "任意の" = any, "省略可", "可选", "选填") or "if applicable" ("該当する場合", "如适用"). Only that first sentence:
 * "該当する場合" deeper in the section is about one value.
 */
const CJK_CONDITIONAL =
  /^[\s*_>(\uff08]*(?:[^\u3002\uff01\uff1f.!?]{0,60}?(?:\u5834\u5408(?:\u306e\u307f|\u3060\u3051|\u306b\u9650\u308a)|(?:\u6642|\u3068\u304d)\u306e\u307f|\u4ec5\u5728|\u4ec5\u5f53|\u50c5\u5728|\u50c5\u7576|\u53ea\u6709\u5728)|(?:\u4efb\u610f|\u7701\u7565\u53ef|\u53ef\u9009|\u53ef\u9078|\u9009\u586b|\u9078\u586b|\u5982\u9002\u7528|\u5982\u9069\u7528|\u8a72\u5f53\u3059\u308b\u5834\u5408)(?!\u306e))/u;

/** A title (or leading heading) that stands for the plan's own title: "Title of proposal", "Neat Enhancement Idea" (= frontmatter title). */
export function isTitleStandIn(written: string, doc: PlanDocument): boolean {
  const key = normalizeKey(written);
  if (!key) return false;
  if (namesTitle(written)) return true;
  const fmTitle = doc.frontmatter?.data?.['title'];
  return typeof fmTitle === 'string' && normalizeKey(fmTitle) === key;
}

/** A heading as written, without its `#` marks (the first line of a setext heading). */
export function headingSource(text: string, s: Section): string {
  const raw = text.slice(s.span.start, s.span.end);
  if (!raw.startsWith('#')) return squash((raw.split(/\r?\n/)[0] ?? '').trim());
  return raw
    .replace(/^#+[ \t]*/, '')
    .replace(/[ \t]+#+[ \t]*$/, '')
    .trim();
}

/** Source offset where the heading's text starts. */
export function headingBodyStart(text: string, s: Section): number {
  let i = s.span.start;
  while (text[i] === '#') i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}
