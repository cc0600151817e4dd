import type { Nodes, Root, RootContent, Paragraph, Table as MdTable, ListItem, Html, Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { yaml } from '../lazy.js';
import type { ParsedSource } from '../parse/parse.js';
import type { Span } from '../types.js';
import { isChoiceList, looseKey, normalizeKey, squash, stripInlineMarkup } from './text.js';
import { markNotation, scanCode, scanFrontmatter, scanProse, type Placeholder } from './placeholders.js';
import { isToolDirective } from './comments.js';

/**
 * The normalized, template-independent view of a plan: plain JSON, every part
 * with its source span (UTF-16 offsets into the BOM-less text). Keys taken from
 * the document are only ever values, never object keys, so heading text such
 * as "__proto__" cannot reach a prototype.
 */
export interface PlanDocument {
  title: HeadingInfo | null;
  frontmatter: Frontmatter | null;
  /** `**Label:** value` lines (and `**Label**: value`), anywhere in the plan. */
  fields: Field[];
  /** Every top-level heading in document order; the tree is given by `parent`/`children`. */
  sections: Section[];
  tables: Table[];
  tasks: Task[];
  codeBlocks: CodeBlock[];
  comments: Comment[];
  placeholders: Placeholder[];
}

export interface HeadingInfo {
  text: string;
  key: string;
  depth: number;
  span: Span;
}

export interface Section extends HeadingInfo {
  index: number;
  /** Key without parenthetical remarks. */
  looseKey: string;
  parent: number | null;
  children: number[];
  /** From the end of the heading to the next heading of any depth. */
  ownSpan: Span;
  /** From the heading to the next heading of the same or a higher level. */
  fullSpan: Span;
  /** Own content that is more than guidance comments, rules and empty list items. */
  hasContent: boolean;
  /** Own content as plain text, squashed (for summaries and detection). */
  summary: string;
  tables: number[];
  /** Own paragraphs, list items and table rows as plain text, for comparison with template sample text. */
  lines: { text: string; span: Span }[];
  /** The in-page target of a link definition that opens the section (`[summary]: #summary`), as a key. */
  anchor?: string;
}

export interface Frontmatter {
  span: Span;
  data: Record<string, unknown> | null;
  /** Why the YAML does not parse (the parser's reason, without its position), or null. */
  error: string | null;
  /** Where the parser stopped, when it says (else null: the whole frontmatter). */
  errorSpan: Span | null;
  /**
   * Each top-level key: `line` from the key to the end of its value, `span` the
   * value where it is written on the key's own line (`status: draft`), else the key's line.
   */
  values?: { key: string; span: Span; line: Span }[];
}

export interface Field {
  label: string;
  key: string;
  value: string;
  span: Span;
  valueSpan: Span;
  /** Index of the section holding it; null in the preamble (before the first section below the title). */
  section: number | null;
}

export interface Cell {
  text: string;
  key: string;
  span: Span;
  empty: boolean;
}

export interface Table {
  span: Span;
  headerSpan: Span;
  columns: Cell[];
  rows: { span: Span; cells: Cell[] }[];
  section: number | null;
}

export interface Task {
  text: string;
  checked: boolean;
  span: Span;
}

export interface CodeBlock {
  lang: string | null;
  span: Span;
}

export interface Comment {
  text: string;
  span: Span;
  /** Set for `<!-- plan-lint-... -->` directives; those are not guidance. */
  directive: { kind: DirectiveKind; rules: string[] } | null;
  /** Set for comments addressed to other tools (`<!-- markdownlint-disable -->`, `<!-- toc -->`); those are not guidance either. */
  tool: boolean;
}

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file';

const DIRECTIVE = /^<!--\s*plan-lint-(disable-next-line|disable-file|disable|enable)\b([\s\S]*?)-->\s*$/;

function spanOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

export function extract(src: ParsedSource): PlanDocument {
  const { text, tree } = src;
  const doc: PlanDocument = {
    title: null,
    frontmatter: null,
    fields: [],
    sections: [],
    tables: [],
    tasks: [],
    codeBlocks: [],
    comments: [],
    placeholders: [],
  };

  extractSections(tree, text, doc);
  let current: number | null = null;
  let preamble = true;
  // Sections were made from these same headings, in order: the n-th heading is section n.
  let nextSection = 0;
  // Content seen in the current section (besides comments): metadata opens a section or it is content.
  let opened = false;
  for (const node of tree.children) {
    if (node.type === 'heading' && !isDashSetext(node, text)) {
      current = nextSection++;
      if (node.depth > 1) preamble = false;
      opened = false;
      continue;
    }
    // A block of `**Label:** value` lines opening the document's first section below the title
    // (`# RFC` then `## Native CloudFront Origin Support`, then the metadata) is the preamble's metadata.
    if (!preamble && !opened && (node.type === 'list' || node.type === 'blockquote' || node.type === 'paragraph') && isMetadataSection(doc.sections, current)) {
      const block: Field[] = [];
      if (node.type === 'paragraph') readFields(node, text, null, block);
      else readPreambleFields(node, text, block, true);
      if (block.length >= 2 && (node.type === 'list' ? node.children.every(opensBold) : new Set(block.map((f) => lineOf(text, f.span.start))).size === blockLines(node, text))) {
        doc.fields.push(...block);
        opened = true;
        continue;
      }
    }
    if (!(node.type === 'html' && node.value.trimStart().startsWith('<!--'))) opened = true;
    if (node.type === 'yaml') {
      doc.frontmatter = readFrontmatter(node.value, spanOf(node), text);
      continue;
    }
    if (node.type === 'paragraph' || node.type === 'heading') {
      const before = doc.fields.length;
      readFields(node as Paragraph, text, preamble ? null : current, doc.fields);
      // `State: Draft` lines of their own before the first section are fields too.
      if (node.type === 'paragraph' && doc.fields.length === before && preamble && (current === null || current === 0)) readPlainField(node, text, doc.fields, true);
    }
    // Metadata before the first section may be a list (`* **Author:** ...`, `- Start Date: ...`) or a quote.
    // Only before any heading or under a leading H1 title: later H1 sections' lists are content.
    if (preamble && (current === null || current === 0) && (node.type === 'list' || node.type === 'blockquote')) readPreambleFields(node, text, doc.fields);
    if (node.type === 'table') {
      const t = readTable(node, text, current);
      doc.tables.push(t);
      if (current !== null) doc.sections[current]?.tables.push(doc.tables.length - 1);
    }
  }
  const first = doc.sections[0];
  const title = doc.sections.find((s) => s.depth === 1);
  if (title && (!first || first.index === title.index || first.depth > 1)) {
    doc.title = { text: title.text, key: title.key, depth: 1, span: title.span };
  }

  walk(tree, text, doc);
  doc.placeholders.sort((a, b) => a.span.start - b.span.start);
  return doc;
}

function extractSections(tree: Root, text: string, doc: PlanDocument): void {
  const kids = tree.children;
  const stack: Section[] = [];
  const headingAt: number[] = [];
  kids.forEach((node, i) => {
    if (node.type !== 'heading' || isDashSetext(node, text)) return;
    const t = squash(toString(node));
    const sp = spanOf(node);
    const s: Section = {
      index: doc.sections.length,
      text: t,
      key: normalizeKey(t),
      looseKey: looseKey(t),
      depth: node.depth,
      span: sp,
      parent: null,
      children: [],
      ownSpan: { start: sp.end, end: text.length },
      fullSpan: { start: sp.start, end: text.length },
      hasContent: false,
      summary: '',
      tables: [],
      lines: [],
    };
    while (stack.length && (stack[stack.length - 1] as Section).depth >= node.depth) {
      (stack.pop() as Section).fullSpan.end = sp.start;
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      s.parent = parent.index;
      parent.children.push(s.index);
    }
    stack.push(s);
    doc.sections.push(s);
    headingAt.push(i);
  });
  // Own content: root children between a heading and the next heading.
  doc.sections.forEach((s, n) => {
    const from = (headingAt[n] as number) + 1;
    const to = n + 1 < headingAt.length ? (headingAt[n + 1] as number) : kids.length;
    if (n + 1 < doc.sections.length) s.ownSpan.end = (doc.sections[n + 1] as Section).span.start;
    const own = kids.slice(from, to);
    s.hasContent = own.some(isContent);
    s.lines = ownLines(own);
    const first = own[0];
    if (first?.type === 'definition' && first.url.startsWith('#') && normalizeKey(first.url.slice(1))) s.anchor = normalizeKey(first.url.slice(1));
    // The first 200 characters of the squashed content: stop once they are known.
    let summary = '';
    for (const k of own) {
      if (!isContent(k)) continue;
      summary = squash(`${summary} ${toString(k)}`);
      if (summary.length >= SUMMARY_LENGTH) break;
    }
    s.summary = summary.slice(0, SUMMARY_LENGTH);
  });
}

const SUMMARY_LENGTH = 200;

/**
 * A setext heading underlined by a single "-" is, in a plan, a label followed by
 * an empty list item ("**Relationships**:\n-"), as the template meant it.
 */
export function isDashSetext(node: Heading, text: string): boolean {
  const sp = spanOf(node);
  if (node.depth !== 2 || text[sp.start] === '#') return false;
  let k = sp.end - 1;
  while (k > sp.start && (text[k] === ' ' || text[k] === '\t')) k--;
  return text[k] === '-' && /[\r\n][ \t]*$/.test(text.slice(sp.start, k));
}

/** Paragraphs, list items (their first paragraph) and table rows, as squashed plain text. */
function ownLines(nodes: RootContent[]): { text: string; span: Span }[] {
  const out: { text: string; span: Span }[] = [];
  const visit = (n: Nodes): void => {
    if (n.type === 'paragraph') {
      const t = squash(toString(n, { includeHtml: false }));
      if (t) out.push({ text: t, span: spanOf(n) });
      return;
    }
    if (n.type === 'tableRow') {
      out.push({ text: n.children.map((c) => squash(toString(c, { includeHtml: false }))).join(' | '), span: spanOf(n) });
      return;
    }
    if (n.type === 'code' || n.type === 'html' || n.type === 'heading') return;
    if ('children' in n) for (const c of n.children) visit(c as Nodes);
  };
  for (const n of nodes) visit(n);
  return out;
}

/** Content that fills a section: not comments, rules, definitions or empty lists. */
function isContent(node: RootContent): boolean {
  switch (node.type) {
    case 'html':
      return !node.value.trimStart().startsWith('<!--');
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return false;
    case 'list':
      return node.children.some((item) => !isEmptyItem(item));
    default:
      return true;
  }
}

function isEmptyItem(item: ListItem): boolean {
  return item.children.length === 0 || item.children.every((c) => c.type === 'paragraph' && toString(c).trim() === '');
}

/** `Frontmatter.error` when the YAML parses but is not a mapping (a list, a bare string). */
export const FRONTMATTER_NOT_MAPPING = 'frontmatter is not a mapping';

function readFrontmatter(value: string, span: Span, text: string): Frontmatter {
  try {
    // logLevel error: a YAML warning (an unknown `%FOO` directive) is never printed by Node.
    const data = yaml().parse(value, { maxAliasCount: 100, logLevel: 'error' }) as unknown;
    if (data === null || data === undefined) return { span, data: null, error: null, errorSpan: null };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { span, data: null, error: FRONTMATTER_NOT_MAPPING, errorSpan: null };
    }
    return { span, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>, error: null, errorSpan: null, values: valueSpans(text, span) };
  } catch (e) {
    const err = e as Error & { pos?: [number, number] };
    // "All mapping items must start at the same column at line 4, column 1:" -> the reason; the position is ours to give.
    // YAML nested thousands deep overflows the reader's stack: said in words, not as the engine's message.
    const reason = /maximum call stack/i.test(err.message) ? 'nested too deeply' : (err.message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '').trim() || 'invalid YAML';
    // The YAML starts on the line after the opening `---`.
    const body = text.indexOf('\n', span.start) + 1;
    let errorSpan: Span | null = null;
    if (Array.isArray(err.pos) && body > 0) {
      const start = Math.min(body + err.pos[0], span.end);
      const lineEnd = text.indexOf('\n', start);
      const end = Math.max(start, Math.min(body + err.pos[1], lineEnd < 0 ? span.end : lineEnd, span.end));
      errorSpan = { start, end: end > start ? end : Math.min(start + 1, span.end) };
    }
    return { span, data: null, error: reason, errorSpan };
  }
}

/** The document's first section below its title (or its first section, when it has no H1 title). */
function isMetadataSection(sections: Section[], current: number | null): boolean {
  if (current === null) return false;
  const first = sections[0];
  if (!first) return false;
  return first.depth === 1 ? current === 1 && sections[1]?.depth !== 1 : current === 0;
}

/** A list item that opens with a bold label (`* **Owners**`, `* **Status:** Draft`). */
function opensBold(item: ListItem): boolean {
  const p = item.children[0];
  return p?.type === 'paragraph' && p.children[0]?.type === 'strong';
}

/** The lines of a metadata paragraph or quote that must each hold a field. */
function blockLines(node: Nodes, text: string): number {
  const sp = spanOf(node);
  return text.slice(sp.start, sp.end).split(/\r?\n/).filter((l) => /^[ \t]*>?[ \t]*\S/.test(l) && !/^[ \t]*>[ \t]*$/.test(l)).length;
}

const lineOf = (text: string, at: number): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * Each top-level key of a frontmatter block: its line (key to the end of the
 * value, without a trailing comment) and its value as written on that line,
 * without quotes (`status: "draft"` -> `draft`); a flow list or mapping
 * (`[a, b]`) whole. A value that starts below its key (a block list, `|`, `>`)
 * or is empty has the key's line for its span.
 */
function valueSpans(text: string, span: Span): { key: string; span: Span; line: Span }[] {
  const out: { key: string; span: Span; line: Span }[] = [];
  const re = /^([^\s#:'"-][^:#\r\n]*?)[ \t]*:(?:[ \t]+(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s#'"][^\r\n]*?)))?[ \t]*(?:[ \t]#[^\r\n]*)?$/gm;
  const block = text.slice(span.start, span.end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(block))) {
    if (!m[1]) continue;
    const keyStart = span.start + m.index;
    const quoted = m[2] ?? m[3];
    const value = quoted ?? m[4] ?? '';
    // An unquoted `|`, `>`, anchor, alias or tag, or a flow collection not closed on this line: no value on the line.
    const onLine = value !== '' && (quoted !== undefined || (!/^[|>&*!]/.test(value) && (!/^[[{]/.test(value) || /^(?:\[.*\]|\{.*\})$/.test(value))));
    const valueStart = onLine ? keyStart + m[0].indexOf(value, m[1].length + 1) : -1;
    const lineEnd = onLine ? valueStart + value.length + (quoted !== undefined ? 1 : 0) : keyStart + m[0].replace(/[ \t]+#.*$/, '').replace(/[ \t]+$/, '').length;
    const line = { start: keyStart, end: Math.max(lineEnd, keyStart + m[1].length + 1) };
    out.push({ key: m[1], span: onLine ? { start: valueStart, end: valueStart + value.length } : line, line });
  }
  return out;
}

/** What may stand before a field's label on its line: indentation, quote marks, one list marker. */
const LINE_OPENING = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?$/;

/**
 * Fields in the preamble's lists and quotes: `* **Author:** {AUTHOR}`,
 * `- Start Date: (fill me in ...)`, `> **Status:** Draft`. A label with an
 * empty value takes the list nested under it (`* **Owners:**` then `  * @me`).
 */
function readPreambleFields(node: Nodes, text: string, out: Field[], boldOnly = false): void {
  const items = node.type === 'list' ? node.children : node.type === 'blockquote' ? [node] : [];
  for (const item of items) {
    if (!('children' in item)) continue;
    for (const child of item.children as Nodes[]) {
      if (child.type === 'list' || child.type === 'blockquote') {
        if (item.type === 'blockquote') readPreambleFields(child, text, out);
        continue;
      }
      if (child.type !== 'paragraph') continue;
      const before = out.length;
      readFields(child, text, null, out);
      if (out.length === before && item.type === 'listItem' && !boldOnly) readPlainField(child, text, out);
      const f = out[out.length - 1];
      const nested = (item.children as Nodes[]).find((c) => c.type === 'list');
      if (item.type === 'listItem' && out.length > before && f && !f.value && nested) {
        const sp = spanOf(nested);
        f.value = squash(toString(nested));
        f.valueSpan = sp;
        f.span = { start: f.span.start, end: sp.end };
      }
      break;
    }
  }
}

/** `Start Date: (fill me in ...)` opening a list item: a label of a few plain words, then the value. */
function readPlainField(p: Paragraph, text: string, out: Field[], everyLine = false): void {
  const sp = spanOf(p);
  const lines = text.slice(sp.start, sp.end).split(/(?<=\n)/);
  // In a paragraph, every line must be a field: prose that happens to hold a colon is not metadata.
  const fields: Field[] = [];
  let at = sp.start;
  for (const raw of everyLine ? lines : lines.slice(0, 1)) {
    const line = raw.replace(/\r?\n$/, '');
    // "Status: Draft", and "Status:Draft" (not "https://...").
    const m = /^[ \t]*([\p{L}][\p{L}\p{N} ._/'()-]{0,40}?)[ \t]*:(?:[ \t]+|$|(?=[\p{L}\p{N}]))/u.exec(line);
    if (!m || !m[1] || m[1].trim().split(/\s+/).length > 4) return;
    const label = m[1].trim();
    let a = at + m[0].length;
    let b = at + line.length;
    while (a < b && /\s/.test(text[a] as string)) a++;
    while (b > a && /[\s\\]/.test(text[b - 1] as string)) b--;
    // In a paragraph, "About the process:" introducing what follows is prose, not an empty field.
    if (everyLine && a === b) return;
    fields.push({ label, key: normalizeKey(label), value: stripInlineMarkup(text.slice(a, b)), span: { start: at + line.search(/\S/), end: Math.max(b, at + m[0].length) }, valueSpan: { start: a, end: b }, section: null });
    at += raw.length;
  }
  out.push(...fields);
}

/**
 * `**Label:** value` and `**Label**: value`, one per line of a paragraph;
 * several on one line when `|` separates them (`**Branch**: x | **Date**: y`);
 * and a value written inside the bold label (`**Begin Design Discussion: 2024-08-28**`).
 */
function readFields(p: Paragraph, text: string, section: number | null, out: Field[]): void {
  const pEnd = spanOf(p).end;
  const kids = p.children;
  // Where the last field read from this paragraph started its line: a `|` then opens the next field on that line.
  let fieldLine = -1;
  for (let k = 0; k < kids.length; k++) {
    const child = kids[k] as Nodes;
    if (child.type !== 'strong') continue;
    const sp = spanOf(child);
    // The strong must open its line (after a list marker or a quote mark, in the preamble's lists and quotes), or follow a field's `|`.
    const lineStart = Math.max(text.lastIndexOf('\n', sp.start - 1), text.lastIndexOf('\r', sp.start - 1)) + 1;
    const opening = text.slice(lineStart, sp.start);
    if (!LINE_OPENING.test(opening) && !(fieldLine === lineStart && /\|[ \t]*$/.test(opening))) continue;
    let label = squash(toString(child));
    let valueStart = sp.end;
    let inside: string | null = null;
    const within = /^([^:]{1,40}?)\s*:\s+(\S.*)$/.exec(label);
    if (label.endsWith(':')) label = label.slice(0, -1).trim();
    else {
      let j = sp.end;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === ':') valueStart = j + 1;
      else if (within?.[1] && within[2] && within[1].trim().split(/\s+/).length <= 4) {
        // "**Begin Design Discussion: 2024-08-28**", "**SIG: SIG-NAME** (see ...)": the label's own words, then its value, all bold.
        label = within[1].trim();
        inside = within[2].trim();
      } else continue;
    }
    if (!label) continue;
    if (inside !== null) {
      const at = text.indexOf(inside, sp.start);
      const a = at >= 0 && at < sp.end ? at : sp.start;
      const b = at >= 0 && at < sp.end ? at + inside.length : sp.end;
      out.push({ label, key: normalizeKey(label), value: stripInlineMarkup(inside), span: sp, valueSpan: { start: a, end: b }, section });
      fieldLine = lineStart;
      continue;
    }
    let lineEnd = valueStart;
    while (lineEnd < pEnd && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    // "**Branch**: x | **Date**: y": the value ends at the `|` before the next bold label on the line.
    for (let n = k + 1; n < kids.length; n++) {
      const next = kids[n] as Nodes;
      const ns = spanOf(next).start;
      if (ns >= lineEnd) break;
      if (next.type !== 'strong') continue;
      const bar = /\|[ \t]*$/.exec(text.slice(valueStart, ns));
      if (bar) {
        lineEnd = valueStart + bar.index;
        break;
      }
    }
    let a = valueStart;
    let b = lineEnd;
    while (a < b && /\s/.test(text[a] as string)) a++;
    // "**Original Author(s):**: @me": the second colon is not part of the value.
    if (valueStart === sp.end && text[a] === ':') a++;
    while (a < b && /\s/.test(text[a] as string)) a++;
    while (b > a && /[\s\\]/.test(text[b - 1] as string)) b--;
    const raw = text.slice(a, b);
    const comment = raw.indexOf('<!--');
    if (comment >= 0) {
      // A trailing guidance comment is not part of the value.
      b = a + comment;
      while (b > a && /\s/.test(text[b - 1] as string)) b--;
    }
    out.push({
      label,
      key: normalizeKey(label),
      value: stripInlineMarkup(text.slice(a, b)),
      span: { start: sp.start, end: Math.max(b, sp.end) },
      valueSpan: { start: a, end: b },
      section,
    });
    fieldLine = lineStart;
  }
}

function cellOf(node: { children: Nodes[]; position?: MdTable['position'] }, text: string): Cell {
  // Comments are not content: a cell holding only a comment is empty.
  const t = squash(toString(node as Nodes, { includeHtml: false }));
  const sp = spanOf(node);
  let span: Span;
  // A cell of HTML only (`<your name>`, which the parser takes for a tag) is empty of text, but spans what it holds.
  const html = node.children.some((c) => c.type === 'html' && !c.value.trimStart().startsWith('<!--'));
  if ((t !== '' || html) && node.children.length) {
    span = { start: spanOf(node.children[0] as Nodes).start, end: spanOf(node.children[node.children.length - 1] as Nodes).end };
  } else {
    let a = sp.start;
    if (text[a] === '|') a++;
    span = { start: a, end: Math.min(a + 1, Math.max(sp.end, a + 1)) };
  }
  return { text: t, key: normalizeKey(t), span, empty: t === '' };
}

function readTable(node: MdTable, text: string, section: number | null): Table {
  const [head, ...body] = node.children;
  const columns = head ? head.children.map((c) => cellOf(c, text)) : [];
  return {
    span: spanOf(node),
    headerSpan: head ? spanOf(head) : spanOf(node),
    columns,
    rows: body.map((r) => ({ span: spanOf(r), cells: r.children.map((c) => cellOf(c, text)) })),
    section,
  };
}

/** Node types whose whole source is not prose. */
const MASKED = new Set(['inlineCode', 'link', 'image', 'linkReference', 'imageReference', 'footnoteReference', 'html', 'inlineMath', 'break']);

/** Walk every node: placeholders, comments, tasks, code blocks, empty items, choice lists. */
function walk(tree: Root, text: string, doc: PlanDocument): void {
  const itemStarts = new Set<number>();
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'code': {
        doc.codeBlocks.push({ lang: node.lang ?? null, span: spanOf(node) });
        const sp = spanOf(node);
        scanCode(text.slice(sp.start, sp.end), sp.start, doc.placeholders);
        return;
      }
      case 'html':
        readComment(node, doc);
        return;
      case 'yaml': {
        const sp = spanOf(node);
        scanFrontmatter(text.slice(sp.start, sp.end), sp.start, doc.placeholders);
        return;
      }
      case 'heading':
        if (isDashSetext(node, text)) {
          // "Label:" above a lone "-" is an empty list item, not a heading.
          scanPhrasing(node, text, doc);
          const end = spanOf(node).end;
          doc.placeholders.push({ kind: 'empty-item', text: '-', span: { start: end - 1, end } });
          return;
        }
        scanPhrasing(node, text, doc);
        return;
      case 'paragraph':
      case 'tableCell':
        scanPhrasing(node, text, doc);
        return;
      case 'listItem':
        if (node.children[0]?.type === 'paragraph') itemStarts.add(spanOf(node.children[0]).start);
        if (typeof node.checked === 'boolean') {
          doc.tasks.push({ text: squash(toString(node)), checked: node.checked, span: spanOf(node) });
        }
        if (isEmptyItem(node)) {
          const sp = spanOf(node);
          let end = sp.end;
          while (end > sp.start + 1 && /\s/.test(text[end - 1] as string)) end--;
          doc.placeholders.push({ kind: 'empty-item', text: text.slice(sp.start, end), span: { start: sp.start, end } });
          return;
        }
        readChoiceItem(node, text, doc);
        break;
      default:
        break;
    }
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  visit(tree);
  // Fields and table cells still holding the template's list of choices.
  for (const f of doc.fields) {
    if (isChoiceList(f.value)) doc.placeholders.push({ kind: 'choice', text: text.slice(f.valueSpan.start, f.valueSpan.end), span: f.valueSpan });
  }
  for (const t of doc.tables) {
    for (const r of t.rows) {
      for (const c of r.cells) {
        if (isChoiceList(c.text)) doc.placeholders.push({ kind: 'choice', text: text.slice(c.span.start, c.span.end), span: c.span });
      }
    }
  }
  dedupe(doc.placeholders);
  markNotation(text, doc.placeholders, itemStarts);
}

function dedupe(list: Placeholder[]): void {
  list.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  let reach = -1;
  let w = 0;
  for (const p of list) {
    if (p.span.start < reach) continue;
    list[w++] = p;
    reach = p.span.end;
  }
  list.length = w;
}

function readComment(node: Html, doc: PlanDocument): void {
  const v = node.value.trim();
  if (!v.startsWith('<!--')) return;
  const m = DIRECTIVE.exec(v);
  doc.comments.push({
    text: v,
    span: spanOf(node),
    directive: m
      ? {
          kind: m[1] as DirectiveKind,
          // ESLint style: anything after " -- " is a description, not rule names.
          rules: (m[2] ?? '').split(/(?:^|\s)--(?:\s|$)/)[0]!.split(/[\s,]+/).filter(Boolean),
        }
      : null,
    tool: !m && isToolDirective(v),
  });
}

/** Scan a phrasing container's source with code, links, references and HTML masked out. */
function scanPhrasing(node: Paragraph | Heading | { type: 'tableCell'; children: Nodes[]; position?: Paragraph['position'] }, text: string, doc: PlanDocument): void {
  const sp = spanOf(node);
  // The node's text with masked spans blanked (line breaks kept, so offsets hold).
  let prose = '';
  let at = sp.start;
  const maskNode = (n: Nodes): void => {
    if (MASKED.has(n.type)) {
      const s = spanOf(n);
      if (n.type === 'inlineCode') scanCode(text.slice(s.start, s.end), s.start, doc.placeholders);
      if (n.type === 'html') readComment(n as Html, doc);
      const from = Math.max(s.start, at);
      const to = Math.min(s.end, sp.end);
      if (to > from) {
        prose += text.slice(at, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ');
        at = to;
      }
      return;
    }
    if ('children' in n) for (const c of n.children) maskNode(c as Nodes);
  };
  for (const c of node.children) maskNode(c as Nodes);
  prose += text.slice(at, sp.end);
  // Backslash escapes are literal text, never placeholders.
  scanProse(prose.replace(/\\[[\]{}]/g, '  '), sp.start, doc.placeholders);
}

/** `- Label: Yes/No`: a list item whose value is still the template's choices. */
function readChoiceItem(item: ListItem, text: string, doc: PlanDocument): void {
  const first = item.children[0];
  if (!first || first.type !== 'paragraph') return;
  const sp = spanOf(first);
  let lineEnd = sp.start;
  while (lineEnd < sp.end && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const line = text.slice(sp.start, lineEnd);
  const m = /:\**\s+(\S(?:.*\S)?)\s*$/.exec(line);
  if (!m || m[1] === undefined) return;
  if (!isChoiceList(m[1])) return;
  const start = sp.start + (m.index + m[0].indexOf(m[1]));
  doc.placeholders.push({ kind: 'choice', text: m[1], span: { start, end: start + m[1].length } });
}
