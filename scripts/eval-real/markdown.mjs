// What the evaluation's plants need to know about a Markdown file, read with
// plan-lint's own parser (dist/): headings and their sections, paragraphs,
// tables, metadata fields, and the template's placeholder tokens. These are the
// harness's own simple rules, independent of the generator under test.
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../dist/index.js';

/** Heading text compared case-, emphasis- and whitespace-insensitively, without a trailing colon. */
export const normHeading = (s) =>
  s
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:]+$/, '')
    .trim();

/** Words in or around a template section that make it optional (for the plants: a defect there is no defect). */
export const OPTIONAL_RE =
  /(?<!["'])\boptional\b(?!["'])|if applicable|(?:if (?:it(?:'s| is) )?|when )not applicable|omit (?:this|the) section|if any\b|include if|include only|only if|fill only|if (?:it|this) (?:does not|doesn't) apply|(?:delete|remove) (?:this (?:section|part|heading|field)|if\b|the section)|not required|skip (?:this|if)|if needed|if relevant|where relevant|when relevant|if necessary|may be omitted|can be omitted/i;

const HTML_TAGS = new Set(
  'a abbr b br code del details div em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q s samp small span strong sub summary sup table tbody td th thead tr u ul var picture source video audio center font'.split(' '),
);

/**
 * Placeholder shapes a template may use. The plants take real tokens of these
 * shapes from the template's own prose; the detector under test must find
 * them again in a plan.
 */
export const TOKEN_RES = [
  /\{\{[^{}\n]{1,60}\}\}/g, // {{mustache}}
  /(?<![{\w])\{[^{}\n]{2,60}\}(?!\})/g, // {curly}
  /(?<![\]\w!])\[(?![ xX]\])[^[\]\n]{2,60}\](?![([:])/g, // [bracket], not a link or a checkbox
  /<(?![!/])[^<>\n]{2,60}>/g, // <angle>, unless an HTML tag (filtered below)
  /\b(?:YYYY|yyyy)-(?:MM|mm)-(?:DD|dd)(?: HH:MM)?\b/g, // date masks
  /\((?:fill|leave|insert|add|replace|describe|enter|put|write|link to)\b[^()\n]{0,80}\)/gi, // (fill me in ...)
  /\b[A-Z]{2,}(?:[-_][A-Z]{2,})+\b/g, // SIG-NAME, FEATURE_NAME
  /(?<![\w.])(?:NNNN|XXX+|X\.XX)(?![\w])/g,
  /@x{3,}\b/g,
  /__[A-Z][A-Z0-9_]*__/g, // __DUNDER__
  /\$[A-Z][A-Z_]{2,}\b/g, // $ARGUMENTS
];

const isHtmlTag = (tok) => {
  const name = /^<\s*([a-zA-Z][\w-]*)/.exec(tok)?.[1]?.toLowerCase();
  return name !== undefined && HTML_TAGS.has(name) && !/\s\w+\s/.test(tok.slice(name.length + 1, -1).replace(/\w+=("[^"]*"|'[^']*'|\S+)/g, ''));
};

const UPPER_RE = TOKEN_RES[6];

/**
 * The placeholder tokens in a piece of text, in order; a token inside a longer
 * one (`BAR` in `{BAR}`) is not one of its own. Bare upper-case tokens
 * (`SIG-NAME`) only with `upper` (they are fill-ins in field values, words
 * elsewhere: "REQUIRED SUB-SKILL"), and `[optional]`-like markers never.
 */
export function tokensIn(text, { upper = true } = {}) {
  const found = [];
  for (const re of TOKEN_RES) {
    if (re === UPPER_RE && !upper) continue;
    for (const m of text.matchAll(re)) {
      if (re.source.startsWith('<') && (isHtmlTag(m[0]) || /^<(?:[^\s@<>]+@[^\s@<>]+|[a-z][a-z+.-]*:[^\s<>]*)>$/i.test(m[0]))) continue; // a tag or an autolink
      if (/^\[.*\]$/.test(m[0]) && OPTIONAL_RE.test(m[0])) continue;
      found.push({ token: m[0], index: m.index, end: m.index + m[0].length });
    }
  }
  return found
    .filter((t) => !found.some((o) => o !== t && o.index <= t.index && o.end >= t.end && o.end - o.index > t.end - t.index))
    .sort((a, b) => a.index - b.index);
}

function walk(node, fn, parent = null) {
  fn(node, parent);
  for (const child of node.children ?? []) walk(child, fn, node);
}

const BLANKED = new Set(['code', 'inlineCode', 'yaml', 'link', 'linkReference', 'definition', 'image', 'imageReference', 'footnoteReference', 'footnoteDefinition']);

/** The file's text with code, frontmatter, links, HTML comments and block HTML blanked out (same length, same lines). */
function proseOnly(text, tree) {
  const ranges = [];
  walk(tree, (node, parent) => {
    const p = node.position;
    if (!p) return;
    const blockHtml = node.type === 'html' && (parent?.type === 'root' || node.value.startsWith('<!--'));
    if (BLANKED.has(node.type) || blockHtml) ranges.push([p.start.offset, p.end.offset]);
  });
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    out += text.slice(at, from) + text.slice(from, e).replace(/[^\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}

/** Split a table row into cells by unescaped pipes outside code spans; keeps the outer pipes' presence. */
export function splitRow(line) {
  const cells = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === '|') {
      cur += '\\|';
      i++;
      continue;
    }
    if (ch === '`') inCode = !inCode;
    if (ch === '|' && !inCode) {
      cells.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  cells.push(cur);
  return cells; // a leading/trailing pipe gives an empty first/last cell
}

/** Remove the `index`-th cell (0-based, of the table's columns) from a row line. */
export function removeCell(line, index) {
  const cells = splitRow(line);
  const lead = cells[0]?.trim() === '' && /^\s*\|/.test(line) ? 1 : 0;
  const at = index + lead;
  if (at >= cells.length) return line;
  cells.splice(at, 1);
  return cells.join('|');
}

const FIELD_BOLD = /\*\*([^*\n]+?)\*\*\s*:?[ \t]*(.*?)(?=\s+\|\s+\*\*|\s*<br\s*\/?>|\s*$)/g;
const FIELD_LIST = /^(\s*[-*+]\s+)([A-Za-z][\w ()/.'-]{0,40}?):[ \t]+(.+?)\s*$/;
const FIELD_PLAIN = /^()([A-Z][\w ()/.'-]{0,40}?):[ \t]*(.+?)\s*$/;
const FIELD_YAML = /^()([\w-]+):[ \t]*(.*?)(?:\s+#.*)?$/;

/**
 * Everything the plants use about one Markdown file. Lines are 1-based;
 * `lines` are the file's lines (no line ends).
 */
export function outline(text) {
  const { tree } = parseMarkdown(text);
  const lines = text.split(/\r?\n/);
  const headings = [];
  const paragraphs = [];
  const tables = [];
  let frontmatter = null;
  walk(tree, (node, parent) => {
    const p = node.position;
    if (!p) return;
    if (node.type === 'heading') headings.push({ depth: node.depth, text: toString(node), norm: normHeading(toString(node)), line: p.start.line, endLine: p.end.line });
    if (node.type === 'paragraph' && parent?.type !== 'blockquote') paragraphs.push({ line: p.start.line, endLine: p.end.line, endOffset: p.end.offset, text: toString(node) });
    if (node.type === 'table') {
      const header = node.children[0]?.children.map((c) => normHeading(toString(c))) ?? [];
      tables.push({ line: p.start.line, endLine: p.end.line, header });
    }
    if (node.type === 'yaml') frontmatter = { line: p.start.line, endLine: p.end.line };
  });
  // Each heading's section runs to the next heading at its depth or above.
  headings.forEach((h, i) => {
    const next = headings.slice(i + 1).find((o) => o.depth <= h.depth);
    h.sectionEnd = next ? next.line - 1 : lines.length;
    const child = headings[i + 1];
    h.bodyEnd = child ? child.line - 1 : lines.length; // own body, up to the next heading of any depth
    h.hasChildren = Boolean(child && child.depth > h.depth && child.line <= h.sectionEnd);
  });
  // Code lines: no fields there.
  const inCode = new Set();
  walk(tree, (node) => {
    if ((node.type === 'code' || (node.type === 'html' && node.value.startsWith('<!--'))) && node.position) {
      for (let l = node.position.start.line; l <= node.position.end.line; l++) inCode.add(l);
    }
  });
  const firstSection = headings.find((h) => h.depth >= 2)?.line ?? lines.length + 1;
  const fields = [];
  lines.forEach((line, i) => {
    const n = i + 1;
    if (inCode.has(n)) return;
    if (frontmatter && n > frontmatter.line && n < frontmatter.endLine) {
      const m = FIELD_YAML.exec(line);
      if (m && m[3] !== '') fields.push({ kind: 'yaml', label: m[2].toLowerCase(), value: m[3], line: n, start: line.indexOf(m[3], m[2].length + 1) });
      return;
    }
    if (frontmatter && (n === frontmatter.line || n === frontmatter.endLine)) return;
    let bold = false;
    for (const m of line.matchAll(FIELD_BOLD)) {
      const label = normHeading(m[1]);
      if (m[2] === '' || label.length > 40) continue;
      bold = true;
      fields.push({ kind: 'bold', label, value: m[2], line: n, start: m.index + m[0].length - m[2].length });
    }
    if (bold) return;
    const list = FIELD_LIST.exec(line);
    if (list) {
      fields.push({ kind: 'list', label: normHeading(list[2]), value: list[3], line: n, start: line.lastIndexOf(list[3]) });
      return;
    }
    if (n < firstSection) {
      // Plain `Key: value` lines before the first section, several per line when separated by <br>.
      let offset = 0;
      for (const seg of line.split(/(<br\s*\/?>)/)) {
        const m = /<br/.test(seg) ? null : FIELD_PLAIN.exec(seg);
        if (m && !/^https?$/i.test(m[2])) fields.push({ kind: 'plain', label: normHeading(m[2]), value: m[3], line: n, start: offset + seg.lastIndexOf(m[3]) });
        offset += seg.length;
      }
    }
  });
  return { text, lines, tree, headings, paragraphs, tables, frontmatter, fields, prose: proseOnly(text, tree) };
}

/** The depth of a template's sections: 2 when it has at least two `##` headings, else 1. */
export function sectionDepth(o) {
  return o.headings.filter((h) => h.depth === 2).length >= 2 ? 2 : 1;
}

/** Whether the template marks a section optional: in its heading, its own body, or a comment just above it. */
export function isOptionalSection(o, h) {
  if (OPTIONAL_RE.test(h.text)) return true;
  // Its own body, without a comment that closes it right above the next heading (that one is the next section's).
  const own = o.lines.slice(h.endLine, h.bodyEnd);
  while (own.length > 0 && own[own.length - 1].trim() === '') own.pop();
  if (own.length > 0 && /-->\s*$/.test(own[own.length - 1]) && h.bodyEnd < o.lines.length) {
    let start = own.length - 1;
    while (start > 0 && !own[start].includes('<!--')) start--;
    // Only when the section has content before it: a comment that is the whole body is the section's guidance.
    if (own.slice(0, start).some((l) => l.trim() !== '')) own.length = start;
  }
  if (OPTIONAL_RE.test(own.join('\n'))) return true;
  let above = h.line - 2;
  while (above >= 0 && o.lines[above].trim() === '') above--;
  // A comment right above counts (`<!-- optional -->`), unless it is the whole body of the section
  // before (then it is that section's guidance); a prose line there ends the section before.
  if (above < 0 || !/-->\s*$/.test(o.lines[above])) return false;
  let start = above;
  while (start > 0 && !o.lines[start].includes('<!--')) start--;
  const prev = [...o.headings].reverse().find((p) => p.line < h.line);
  const between = o.lines.slice(prev ? prev.endLine : 0, start);
  if (prev && between.every((l) => l.trim() === '')) return false;
  return OPTIONAL_RE.test(o.lines.slice(start, above + 1).join('\n'));
}

/**
 * The template's placeholder tokens in prose (not in code, comments, links or
 * frontmatter), and bare upper-case ones in its field values; unique, in order.
 */
export function templateTokens(o) {
  const seen = new Set();
  const out = [];
  const fieldValues = o.fields.filter((f) => f.kind !== 'yaml').map((f) => f.value).join('\n');
  for (const { token } of [...tokensIn(o.prose, { upper: false }), ...tokensIn(fieldValues)]) {
    if (seen.has(token)) continue;
    seen.add(token);
    out.push(token);
  }
  return out;
}

/** Whether a template field's value is a fill-in (a placeholder token, a marker, or a list of choices). */
export function isFillIn(value) {
  const v = value.replace(/`/g, '').trim();
  if (v === '') return false;
  if (tokensIn(v).length > 0) return true;
  if (/\b(?:TBD|TODO|FIXME)\b/.test(v)) return true;
  return /^[^|/]{1,30}(?:\s*[|/]\s*[^|/]{1,30}){2,}$/.test(v);
}
