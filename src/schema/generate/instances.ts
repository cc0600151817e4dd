import type { Section } from '../../extract/document.js';
import type { Placeholder } from '../../extract/placeholders.js';
import { normalizeKey } from '../../extract/text.js';
import type { GenContext, OutlineNode } from './context.js';
import { escape } from './util.js';

/**
 * Pass: instances and alternatives. Sibling headings with the same variable
 * pattern ("Option A", "Option B") are instances of one repeatable heading;
 * every heading gets its property name.
 */
export function instancesPass(ctx: GenContext): void {
  const level = (nodes: OutlineNode[]): OutlineNode[] => {
    const kept: OutlineNode[] = [];
    const keys = new Set<string>();
    const seenPatterns = new Set<string>();
    for (const n of nodes) {
      const { shape, section } = n;
      // Siblings with the same variable pattern are instances of one heading.
      if (shape.instance && shape.pattern && seenPatterns.has(shape.pattern)) continue;
      let key = (shape.pattern ? literalKey(shape.text, section, ctx.placeholders, shape.instance === true) : normalizeKey(shape.text)) || section.key || `section ${section.index + 1}`;
      while (keys.has(key)) key = `${key} ${section.index + 1}`;
      keys.add(key);
      n.key = key;
      // An example of a kind ("Parallel Example: User Story 1", "Scenario 1" after "for example:"): not required.
      if (shape.example) n.optional ??= 'the template gives it only as an example';
      if (shape.instance && shape.pattern) {
        seenPatterns.add(shape.pattern);
        n.group = nodes.filter((o) => o.shape.pattern === shape.pattern).map((o) => o.section);
      }
      n.children = level(n.children);
      kept.push(n);
    }
    return kept;
  };
  ctx.sections = level(ctx.sections);
}

/** A Roman numeral ("I", "IV", "XII"). */
const ROMAN = /^(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/;
/** A label and an upper-case id after it ("Article IV: ...", "Option B"). */
const LABEL_ID = /^([A-Za-z][A-Za-z0-9]*(?:[ \t]+[A-Za-z][A-Za-z0-9]*)?)[ \t]+([A-Z]+)(?=$|[\s:.)\u2014\u2013-])/;

/**
 * The labels (normalized) under which sibling headings are numbered in Roman
 * numerals: "Article I", "Article IV", "Article V" (a constitution's
 * articles). Those are fixed parts, each a section of its own, not instances
 * of one repeatable heading that "I" and "V", read as letter ids, would make
 * them. A label counts when every id under it is a Roman numeral and one has
 * two letters or more, or there are two or more, all of I, V and X.
 */
export function romanLabels(headings: readonly string[]): Set<string> {
  const ids = new Map<string, string[]>();
  for (const h of headings) {
    const m = LABEL_ID.exec(h.normalize('NFKC').trim());
    if (!m?.[1] || !m[2]) continue;
    const lead = normalizeKey(m[1]);
    ids.set(lead, [...(ids.get(lead) ?? []), m[2]]);
  }
  const roman = (list: string[]): boolean =>
    list.every((id) => ROMAN.test(id)) && (list.some((id) => id.length > 1) || (list.length >= 2 && list.every((id) => /^[IVX]$/.test(id))));
  return new Set([...ids].filter(([, list]) => roman(list)).map(([lead]) => lead));
}

/** Whether a heading's id is a Roman numeral of a label its siblings number that way (romanLabels). */
export function hasRomanId(written: string, labels: ReadonlySet<string>): boolean {
  if (!labels.size) return false;
  const m = LABEL_ID.exec(written.normalize('NFKC').trim());
  return Boolean(m?.[1] && m[2] && labels.has(normalizeKey(m[1])) && ROMAN.test(m[2]));
}

/**
 * `Option A ...`, `Phase 2 ...`, `Endpoint 1 ...`, `Task N ...` -> a pattern for any
 * instance. The instance id must be a number or a capital letter as written:
 * "Removing a deprecated feature" and "How can a rollout fail?" are not instances.
 */
export function instanceOf(written: string): string | null {
  const w = written.normalize('NFKC').replace(/^\s*(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+)\s+/, '');
  const m = /^([A-Za-z][A-Za-z0-9]*(?:[ \t]+[A-Za-z][A-Za-z0-9]*)?)[ \t]+(\d{1,3}|[A-Z])(?=$|[\s:.)—–-])/.exec(w);
  if (!m || !m[1]) return null;
  const lead = normalizeKey(m[1]);
  if (!lead || /^(?:the|a|an|and|or|of|to|in|on|for|with|is|are|how|what|why|when|where|who|which|can|does|do|will|should)$/.test(lead.split(' ')[0] as string)) return null;
  return `^${escape(lead)} (?:[a-z]|\\d{1,3})(?: |$)`;
}

/** The property key of a heading with a pattern: its literal words ("Option A: [Approach 1]" -> "option"; not an instance: all its words). */
export function literalKey(clean: string, s: Section, placeholders: Placeholder[], instance = true): string {
  let k = clean;
  for (const p of placeholders) {
    if (p.span.start >= s.span.start && p.span.end <= s.span.end) k = k.replace(p.text, ' ');
  }
  k = k.replace(/`[^`]*`/g, ' ');
  const key = normalizeKey(k);
  const inst = /^([a-z][a-z0-9]*(?: [a-z][a-z0-9]*)?) (?:[a-z]|\d{1,3})(?: |$)/.exec(key);
  return (instance && instanceOf(clean) ? inst?.[1] : undefined) ?? key;
}

/**
 * A heading the template gives only as an example: a generic label and a
 * number or letter and nothing else ("Section 1", "Option 1:", "Deferred
 * Milestone 1", "Story 1 (Priority: P1)", "Impact: ... 1"), or only a date or
 * number ("1900-01-01"). A plan gives such sections titles of its own.
 * "Option A: [Approach 1]" and "Phase 1: Foundation" name more than an
 * example: they stay instance patterns of their label.
 */
export function isExampleHeading(clean: string): boolean {
  const w = clean
    .normalize('NFKC')
    .replace(/\.{3,}|\u2026/g, ' ')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/[\s:.\u2013\u2014-]+$/, '')
    .replace(/\s*[:\u2013\u2014]\s*|\s+-\s+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (/^\d{1,4}(?:[-/.]\d{1,2}){0,2}$/.test(w)) return true;
  const m = /^([A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*)?) (\d{1,3}|[A-Z])$/.exec(w);
  return m !== null && instanceOf(w) !== null;
}

/**
 * A heading that shows one sample of a kind as an example: the word
 * "Example" (or "Sample", "e.g.") followed by a numbered sample
 * ("Parallel Example: User Story 1", "Example: Scenario 1", "Example 1").
 * The template makes it illustrative: a plan may have one of that kind with
 * its own sample, or none. Returns the words up to the example word that
 * name the kind ("parallel example"), '' when there are none ("Example 1");
 * null when the heading is no such example.
 */
export function illustrativeExample(clean: string): string | null {
  const w = clean.normalize('NFKC');
  const m = /(?:^|[\s(])(examples?|samples?|e\.\s?g\.)(?=$|[\s:.,)\u2013\u2014-])/i.exec(w);
  if (!m || !m[1]) return null;
  const end = m.index + m[0].length;
  const sample = w
    .slice(end)
    .replace(/^[\s:.,)\u2013\u2014-]+/, '')
    .trim();
  // The sample itself: an id ("1", "A") or a label and an id ("User Story 1"), perhaps titled after it.
  const isSample = /^(?:\d{1,3}|[A-Z])(?=$|[\s:.)\u2013\u2014-])/.test(sample) || instanceOf(sample) !== null;
  if (!isSample) return null;
  const kind = normalizeKey(w.slice(0, end));
  return kind && kind.split(' ').length > 1 ? kind : '';
}

/**
 * Whether the template introduces a section as an example: the guidance
 * just before its heading ends with "for example:" / "e.g." / "such as", or
 * its own body opens with "For example" / "Example:".
 */
export function introducedAsExample(text: string, sections: Section[], s: Section): boolean {
  const prev = s.index > 0 ? sections[s.index - 1] : undefined;
  const before = prev ? text.slice(Math.max(prev.ownSpan.start, s.span.start - 300), s.span.start) : '';
  const lead = before.replace(/<!--|-->/g, ' ').replace(/\s+/g, ' ').trim();
  if (/\b(?:for example|for instance|e\.\s?g\.|such as|examples?(?: \w+){0,3})\s*[:.,]?\s*[)*_]*$/i.test(lead)) return true;
  const own = text.slice(s.ownSpan.start, Math.min(s.ownSpan.end, s.ownSpan.start + 200)).replace(/<!--/g, ' ');
  return /^[\s*_(>]*(?:for example|for instance|e\.\s?g\.|examples?\s*[:.])/i.test(own);
}

/**
 * The alternatives a heading part offers: `[Background | Prior Art]` (a
 * bracketed list), or with `whole`, a heading of parts joined by " / "
 * ("Goals / Non-Goals"). Keys in normalizeKey form; null when not alternatives.
 */
export function alternativesOf(text: string, whole = false): string[] | null {
  let parts: string[];
  if (whole) {
    if (!/\s\/\s/.test(text) || /[[\]{}<>|]/.test(text)) return null;
    parts = text.split(/\s+\/\s+/);
  } else {
    const m = /^[[{(<]\s*([^[\]{}()<>]+)\s*[\]})>]$/.exec(text.trim());
    if (!m || !m[1] || !/\s\|\s|\s\/\s|\s+or\s+/i.test(m[1])) return null;
    parts = m[1].split(/\s*\|\s*|\s+\/\s+|\s+or\s+/i);
  }
  const keys = parts.map((p) => normalizeKey(p));
  // Each alternative names a section: a few words, not a sentence or an instruction.
  if (keys.length < 2 || keys.some((k) => !k || k.split(' ').length > 5)) return null;
  return keys;
}

/** Other names the guidance at the top of a section offers for its heading ("also called", "or name it"). */
export function otherNames(text: string, s: Section): string[] {
  const own = text.slice(s.ownSpan.start, Math.min(s.ownSpan.end, s.ownSpan.start + 400));
  const heading = normalizeKey(s.text);
  const out: string[] = [];
  const re = /\b(?:(?:also|or) (?:be )?(?:called|named|titled|known as)|(?:call|name|title) (?:it|this section) (?:instead )?)\s*[:"'`*_\u201c\u2018]+\s*([^"'`*_\u201d\u2019\n.,;:()]{2,40}?)\s*["'`*_\u201d\u2019]/gi;
  for (const m of own.replace(/\s+/g, ' ').matchAll(re)) {
    const k = normalizeKey(m[1] ?? '');
    if (k && k !== heading && k.split(' ').length <= 5 && !out.includes(k)) out.push(k);
  }
  return out;
}
