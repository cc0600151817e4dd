import type { Nodes, Root } from 'mdast';
import { isToolDirective } from '../../extract/comments.js';
import type { PlanDocument, Section } from '../../extract/document.js';
import type { Placeholder } from '../../extract/placeholders.js';
import { isInstructionText, isSampleRow, isSampleText, sampleKey, standInNames } from '../samples.js';
import type { GenContext, Json, OutlineNode } from './context.js';
import { caseless } from './util.js';

/**
 * Pass: sample and guidance text. The template's sample lines ("Goal 1",
 * "| Library A | ^1.0.0 |") per section, and its guidance comments: left
 * unchanged in a plan, both are findings.
 */
export function samplesPass(ctx: GenContext): void {
  // A table's header row names the columns every plan keeps; a line that is only a link is navigation (a table of contents).
  const headers = new Set(ctx.doc.tables.map((t) => t.headerSpan.start));
  // "Phase 0 gates all passed", "Simplicity Gate (Constitution Article V):": a numbered name the template gives one of
  // its own headings ("### Phase 0: Pre-Implementation Gates", "### Article V: ...") refers to that section, not a stand-in.
  const headingNames = new Set(ctx.doc.sections.flatMap((s) => standInNames(s.text).slice(0, 1).filter((m) => m.index === 0).map((m) => m[0])));
  const namesHeadings = (t: string): boolean => {
    const names = standInNames(t).map((m) => m[0]);
    return names.length > 0 && names.every((x) => headingNames.has(x));
  };
  const fixed = (l: { text: string; span: { start: number; end: number } }): boolean =>
    headers.has(l.span.start) || /^\s*(?:[-*+]\s+|\d+[.)]\s+)?\[[^\]\n]+\]\([^)\n]*\)\s*$/.test(ctx.text.slice(l.span.start, l.span.end)) || namesHeadings(l.text);
  const emphasized = emphasisParagraphs(ctx.src.tree);
  const collapsed = detailsParagraphs(ctx.src.tree);
  // The cells of each body row of the template's tables, by the row's source offset.
  const rows = new Map(ctx.doc.tables.flatMap((t) => t.rows.map((r) => [r.span.start, r.cells.map((c) => c.text)] as const)));
  const visit = (nodes: OutlineNode[]): void =>
    nodes.forEach((n) => {
      // Sample lines of this section, or of every instance of it.
      n.samples = sampleLines(n.group, ctx.placeholders, fixed, (text, l) => isSampleText(text) || isSampleRow(rows.get(l.span.start) ?? []));
      // A list item ("- [ ] Add logging for key operations", "3. Add admin checks") is a checklist entry or an
      // example task in the imperative, not instructions to the author: only paragraphs of prose are.
      // A paragraph written wholly in emphasis that speaks to the author or stands in for the section's text is guidance too.
      const isGuidance = (text: string, l: Line, s: Section): boolean =>
        isInstructionText(text) || collapsed.has(l.span.start) || (emphasized.has(l.span.start) && isEmphasisGuidance(text, s.lines.length === 1));
      n.instructions = sampleLines(n.group, ctx.placeholders, (l) => fixed(l) || isListItem(ctx.text, l.span.start), isGuidance);
      visit(n.children);
    });
  visit(ctx.sections);
}

type Line = Section['lines'][number];

/** Source offsets of the paragraphs written wholly in emphasis (`_What happens if we do nothing?_`), not in strong emphasis. */
function emphasisParagraphs(tree: Root): Set<number> {
  const out = new Set<number>();
  const walk = (n: Nodes): void => {
    if (n.type === 'paragraph') {
      const parts = n.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
      if (parts.length === 1 && parts[0]?.type === 'emphasis' && n.position?.start.offset !== undefined) out.add(n.position.start.offset);
      return;
    }
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return out;
}

/**
 * Source offsets of the paragraphs a template folds into a `<details>` block
 * (`<details><summary>Guidance</summary> ... </details>`): text the reader
 * opens on demand, that is, guidance to the author, not the plan's text.
 * Tags inside an HTML comment (`<!-- wrap long logs in <details> -->`) are
 * not markup; a block left unclosed ends with its section (at the next
 * heading of the same or a higher level), never swallowing the rest.
 */
export function detailsParagraphs(tree: Root): Set<number> {
  const out = new Set<number>();
  const walk = (nodes: readonly Nodes[]): void => {
    let depth = 0;
    // The level of the section the outermost open block began in (0: before any heading).
    let section = 0;
    let openedIn = 0;
    for (const n of nodes) {
      if (n.type === 'heading') {
        if (depth > 0 && (openedIn === 0 || n.depth <= openedIn)) depth = 0;
        section = n.depth;
      } else if (n.type === 'html') {
        const markup = n.value.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
        const before = depth;
        depth += (markup.match(/<details\b/gi) ?? []).length - (markup.match(/<\/details\s*>/gi) ?? []).length;
        depth = Math.max(depth, 0);
        if (before === 0 && depth > 0) openedIn = section;
      } else if (depth > 0 && n.type === 'paragraph' && n.position?.start.offset !== undefined) out.add(n.position.start.offset);
      else if (n.type === 'listItem' || n.type === 'list' || n.type === 'blockquote') walk(n.children as Nodes[]);
    }
  };
  walk(tree.children as Nodes[]);
  return out;
}

/**
 * An emphasis-only paragraph of a template that is guidance to the author:
 * three words or more that ask the author something (a question), speak to
 * them (`you`, `your`), or stand alone as the section's only text
 * (`_Description of the deferred milestone_`). Fixed wording with a label
 * (`*GATE: Must pass before Phase 0 research.*`) is kept by plans: only a
 * question or words to the author count there.
 */
export function isEmphasisGuidance(text: string, alone: boolean): boolean {
  if (text.split(/\s+/).filter(Boolean).length < 3) return false;
  if (/\?\s*$/.test(text) || /\byou(?:r|rs|rself)?\b/i.test(text)) return true;
  return alone && !/^[^:]{1,40}:\s+\S/.test(text);
}

/** Whether the paragraph at `start` is the text of a list item (`- ...`, `1. ...`, `- [ ] ...`). */
function isListItem(text: string, start: number): boolean {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]*)?$/.test(text.slice(ls, start));
}

/**
 * The template's sample lines in these sections (sampleKey form), those that
 * hold no placeholder; with `kind` = isInstructionText, its instruction prose.
 */
export function sampleLines(
  sections: Section[],
  placeholders: readonly Placeholder[],
  fixed: (l: Line) => boolean = () => false,
  kind: (text: string, l: Line, s: Section) => boolean = isSampleText,
): string[] {
  const out = new Set<string>();
  for (const s of sections) {
    for (const l of s.lines) {
      if (!kind(l.text, l, s) || fixed(l)) continue;
      if (placeholders.some((p) => p.span.start < l.span.end && p.span.end > l.span.start)) continue;
      out.add(sampleKey(l.text));
    }
  }
  return [...out];
}

/** Comments that are tool markers (`<!-- toc -->`, doctoc's), not guidance: a plan keeps them. */
function isToolMarker(inner: string): boolean {
  return /^\S+$/.test(inner) || isToolDirective(`<!-- ${inner} -->`) || /\b(?:doctoc|toc|markdownlint|prettier)\b/i.test(inner);
}

/** Words a comment starts with: enough to recognize it in a plan. */
const COMMENT_WORDS = 6;

/**
 * Every comment left in the plan is a finding, except the template's tool
 * markers (`<!-- toc -->`). With `own`, only the template's guidance
 * comments are (recognized by their first words, whitespace, case and
 * punctuation aside): the author's own comments are not.
 */
export function commentsSchema(doc: PlanDocument, own: boolean): Json {
  const base = { description: 'Every template guidance comment left in the plan is a finding.', type: 'array' };
  const markers = new Set<string>();
  const prefixes = new Set<string>();
  for (const c of doc.comments) {
    if (c.directive) continue;
    const inner = c.text.replace(/^<!--|-->$/g, '').trim();
    if (!inner) continue;
    if (isToolMarker(inner)) {
      markers.add(inner);
      continue;
    }
    const words = inner.match(/[\p{L}\p{N}]+/gu)?.slice(0, COMMENT_WORDS) ?? [];
    if (words.length) prefixes.add(`^<!--[^\\p{L}\\p{N}]*${words.map(caseless).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`);
  }
  const kept = [...markers];
  const markerNote = kept.length ? `tool markers the template has (${kept.map((k) => `<!-- ${k} -->`).join(', ')})` : '';
  if (own && prefixes.size) {
    return {
      ...base,
      description: `A comment left in the plan is a finding when it is one of the template's ${prefixes.size} guidance comments (recognized by their first words); the author's own comments${markerNote ? ` and ${markerNote}` : ''} are not.`,
      items: { not: { anyOf: [...prefixes].map((pattern) => ({ type: 'object', required: ['text'], properties: { text: { type: 'string', pattern } } })) } },
    };
  }
  if (!kept.length) return { ...base, items: false };
  return {
    ...base,
    description: `Every comment left in the plan is a finding, except ${markerNote}.`,
    items: {
      anyOf: [{ type: 'object', required: ['text'], properties: { text: { type: 'string', pattern: `^<!--\\s*(?:${kept.map(caseless).join('|')})\\s*-->$` } } }],
    },
  };
}
