import type { Nodes } from 'mdast';
import type { ParsedSource } from '../parse/parse.js';
import type { Span } from '../types.js';
import { isClarificationValue } from './clarification.js';

export type PlaceholderKind =
  | 'bracket'
  | 'curly'
  | 'mustache'
  | 'date-mask'
  | 'id-mask'
  | 'number-mask'
  | 'marker'
  | 'choice'
  | 'empty-item'
  // Styles a template schema adds (`x-plan-lint.placeholders`), never found by the default scan:
  /** `<short description>`, `` `<package>` `` */
  | 'angle'
  /** `__SPECKIT_COMMAND_PLAN__` */
  | 'dunder'
  /** `(fill in the feature name: My Feature)` */
  | 'instruction'
  /** `KEP-NNNN`, `go.dev/issue/NNNNN` */
  | 'mask'
  /** `$RELEASE_MANAGER`: a shell-like variable the template uses as a fill-in in its prose */
  | 'variable'
  /** `Lorem ipsum dolor sit amet, ...`: filler text, never a plan's own prose */
  | 'lorem'
  /** Any other pattern a schema author adds by hand. */
  | 'custom'
  /** The template's stand-in title left as the plan's title (added by the binder). */
  | 'title'
  /** A generic stand-in of the template's title (`Template` in `CFP-003: Template`) kept beside the parts a plan filled (added by the binder). */
  | 'title-stand-in';

export interface Placeholder {
  kind: PlaceholderKind;
  /** The placeholder as written in the source. */
  text: string;
  span: Span;
  /**
   * Why the text may be notation rather than a slot to fill (set by the
   * extractor; the built-in schemas report it all the same, a generated
   * schema lets it pass unless it is one of its template's own placeholders):
   * `tag`: a one-word upper-case bracket starting a list item, as a status
   * tag (`- [MANUAL] T020 ...`); `named`: the text is named, not left in
   * (`the [project] section`, `the [Story] label`, `any TODO comments`);
   * `code`: found inside code (fenced or inline), where `{{customer.name}}`,
   * `${{ github.sha }}` or `<T>` are the code's own syntax, not slots.
   */
  notation?: 'tag' | 'named' | 'code';
}

interface Pattern {
  kind: PlaceholderKind;
  re: RegExp;
  /** Return false to reject a match (legitimate text). */
  accept?: (m: RegExpExecArray) => boolean;
}

/**
 * Bracketed text that names something rather than asking for it: an id
 * (`[US1]`, `[R-2]`, `[FR-001]`), a one-letter tag (`[P]`; not the number
 * stand-ins `[N]`, `[X]`, `[Y]`, `[Z]`), a dotted key (`[tool.poetry]`,
 * `[dependency-groups.dev]`) or a standard's number (`[RFC 2119]`,
 * `[ISO 8601]`, `[CVE-2021-44228]`), or an array literal (`["exec", "arg1"]`).
 * A placeholder asks for words.
 */
export function isBracketIdentifier(inner: string): boolean {
  const t = inner.trim();
  return (
    /^[A-Z]{1,5}-?\d+(?:[.-]\d+)*[a-z]?$/.test(t) ||
    /^[A-MO-W]$/.test(t) ||
    /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/.test(t) ||
    /^[A-Z]{2,}(?:[ -]\d+)+$/.test(t) ||
    // an array literal of quoted strings or numbers: `["exec", "arg1"]`
    /^(?:"[^"\n]*"|'[^'\n]*'|-?\d+(?:\.\d+)?)(?:\s*,?\s*(?:"[^"\n]*"|'[^'\n]*'|-?\d+(?:\.\d+)?))*$/.test(t)
  );
}

/**
 * Braces around data rather than a request to fill: a set of names
 * (`{url_launcher, video_player}`, `{a, b, c}`) or an object literal with two
 * or more `key: value` pairs (`{ cidr: string, reservedRange: string }`).
 * (JSON in prose is left to the template's styles: a generated schema ignores
 * `{Text}` where the template does not use it.)
 */
export function isCurlyLiteral(inner: string): boolean {
  return (
    /^\s*[\w.$/-]+(?:\s*,\s*[\w.$/-]+)+\s*$/.test(inner) ||
    /^\s*[\w$]+\??\s*:\s*[^,:]+(?:,\s*[\w$]+\??\s*:\s*[^,:]+)+,?\s*$/.test(inner)
  );
}

/**
 * Prose patterns, run over source slices whose code, links, references and
 * HTML are masked out. Order matters only for the kind reported when two
 * matches overlap: the earliest, longest match wins.
 */
const PROSE: Pattern[] = [
  // [Text]: not a checkbox ([ ], [x]), footnote ([^1]), alert ([!NOTE]), citation ([1]) or index (a[i]).
  {
    kind: 'bracket',
    // May wrap onto the next line of its paragraph (soft line break), never across a blank line.
    re: /(?<![\w\]\\])\[(?!\s*\]|[xX]\]|\^|!)((?:[^[\]\n]|\r?\n(?![ \t]*\r?\n)){1,300})\](?![[(])/g,
    accept: (m) => /\p{L}/u.test(m[1] ?? '') && !isBracketIdentifier(m[1] ?? ''),
  },
  { kind: 'mustache', re: /\{\{[^{}\n]*\}\}/g },
  { kind: 'curly', re: /(?<![{\\])\{(?!\{)([^{}\n]*)\}(?!\})/g, accept: (m) => /\p{L}/u.test(m[1] ?? '') && !isCurlyLiteral(m[1] ?? '') },
  { kind: 'date-mask', re: /\b(?:YYYY|YY|MM|DD)(?:[-/.](?:YYYY|YY|MM|DD))+\b|\bHH:MM(?::SS)?\b/g },
  { kind: 'id-mask', re: /\b(?:[A-Z][A-Za-z]*-)?(?:X{3,}|[A-Z]+\d+X[\dX]*|[A-Z]+X{2,}[\dX]*|\d+X{2,}[\dX]*)\b/g },
  {
    kind: 'number-mask',
    re: /(?<![\w.$\\])[XYZN](?:\s?%|\s?(?:ms|s|sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|requests?|reqs?|rps|qps|tps|users?|records?|items?|MB|GB|KB|TB|k|K)\b)/g,
  },
  // Upper case only, as templates write them.
  { kind: 'marker', re: /\b(?:TODO|TBD|TBA|FIXME)\b/g },
  // spec-kit offers a bare `NEEDS CLARIFICATION` as a field's value; elsewhere it is a noun ("all NEEDS CLARIFICATION resolved").
  { kind: 'marker', re: /\bNEEDS CLARIFICATION\b/g, accept: (m) => isClarificationValue(m.input, m.index, m[0].length) },
];

/** Inside code only `{{TEXT}}` counts. */
const CODE: Pattern[] = [{ kind: 'mustache', re: /\{\{[^{}\n]*\}\}/g }];

function scan(text: string, base: number, patterns: Pattern[], out: Placeholder[], notation?: Placeholder['notation']): void {
  const found: Placeholder[] = [];
  for (const p of patterns) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      if (m[0] === '') {
        p.re.lastIndex++;
        continue;
      }
      if (p.accept && !p.accept(m)) continue;
      let kind = p.kind;
      if (kind === 'bracket' && /^\s*NEEDS CLARIFICATION\b/i.test(m[1] ?? '')) kind = 'marker';
      const hit: Placeholder = { kind, text: m[0], span: { start: base + m.index, end: base + m.index + m[0].length } };
      if (notation) hit.notation = notation;
      found.push(hit);
    }
  }
  found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  let reach = -1;
  for (const f of found) {
    if (f.span.start < reach) continue; // inside an earlier, longer match
    out.push(f);
    reach = f.span.end;
  }
}

/** Scan a prose slice (already masked) starting at source offset `base`. */
export function scanProse(masked: string, base: number, out: Placeholder[]): void {
  scan(masked, base, PROSE, out);
}

/** Scan code (fenced, indented or inline) for `{{TEXT}}`; its placeholders are marked `notation: 'code'`. */
export function scanCode(source: string, base: number, out: Placeholder[]): void {
  scan(source, base, CODE, out, 'code');
}

/** Scan frontmatter for `{{TEXT}}` (data, not code: no notation mark). */
export function scanFrontmatter(source: string, base: number, out: Placeholder[]): void {
  scan(source, base, CODE, out);
}

/** Replace [start, end) of `chars` with spaces, keeping line breaks. */
export function mask(chars: string[], start: number, end: number): void {
  for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) {
    const c = chars[i];
    if (c !== '\n' && c !== '\r') chars[i] = ' ';
  }
}

// ---------------------------------------------------------------------------
// Template placeholder styles: extra patterns a template schema carries in
// `x-plan-lint.placeholders` (the generator finds them in the template), run
// over a plan in addition to the default scan above.

/** Where a style is looked for. Comments are never searched (they are guidance-comment findings). */
export type StyleRegion = 'prose' | 'html' | 'code' | 'link' | 'frontmatter';

export interface PlaceholderStyle {
  kind: PlaceholderKind;
  /** A JavaScript regular expression source, run with the `g` and `u` flags (and `i` with ignoreCase). */
  pattern: string;
  ignoreCase?: boolean;
  /**
   * Regions searched (default: prose). `prose`: text of paragraphs, headings
   * and table cells with code, links and HTML masked out; `html`: inline and
   * block HTML that is not a comment (`<short description>` parses as a tag);
   * `code`: inline code (with its backticks) and fenced code; `link`: link
   * and autolink source; `frontmatter`: the YAML frontmatter.
   */
  in?: StyleRegion[];
  /** Where the template uses it, for readers of the schema. */
  example?: string;
  /**
   * The pattern lists the template's own texts verbatim (`<link>` given as a
   * whole value): a match is a leftover as written, though it reads as an
   * HTML element, unless the plan closes it (`<code>x</code>` is markup).
   */
  literal?: boolean;
}

export interface Region {
  region: StyleRegion;
  /** Source offset of `text`. */
  start: number;
  /** The region's source; in prose, masked parts are spaces. */
  text: string;
}

const INLINE_MASKED = new Set(['inlineCode', 'link', 'image', 'linkReference', 'imageReference', 'footnoteReference', 'html', 'inlineMath', 'break']);

const offsets = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span => ({
  start: n.position?.start.offset ?? 0,
  end: n.position?.end.offset ?? 0,
});

const isComment = (value: string): boolean => value.trimStart().startsWith('<!--');

/**
 * Split a parsed document into the regions placeholder styles are run over.
 * Comments are left out everywhere.
 */
export function documentRegions(src: ParsedSource): Region[] {
  const { text, tree } = src;
  const out: Region[] = [];
  const add = (region: StyleRegion, sp: Span): void => {
    if (sp.end > sp.start) out.push({ region, start: sp.start, text: text.slice(sp.start, sp.end) });
  };
  const phrasing = (node: Nodes): void => {
    const sp = offsets(node);
    const chars = text.slice(sp.start, sp.end).split('');
    const visit = (n: Nodes): void => {
      if (INLINE_MASKED.has(n.type)) {
        const s = offsets(n);
        if (n.type === 'inlineCode') add('code', s);
        else if (n.type === 'html') {
          if (!isComment(n.value)) add('html', s);
        } else if (n.type === 'link' || n.type === 'image' || n.type === 'linkReference' || n.type === 'imageReference') add('link', s);
        mask(chars, s.start - sp.start, s.end - sp.start);
        return;
      }
      if ('children' in n) for (const c of n.children) visit(c as Nodes);
    };
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
    for (let i = 0; i < chars.length - 1; i++) {
      if (chars[i] === '\\' && /[!-/:-@[-`{-~]/.test(chars[i + 1] as string)) {
        chars[i] = ' ';
        chars[i + 1] = ' ';
      }
    }
    out.push({ region: 'prose', start: sp.start, text: chars.join('') });
  };
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'yaml':
        add('frontmatter', offsets(node));
        return;
      case 'code':
        add('code', offsets(node));
        return;
      case 'html':
        if (!isComment(node.value)) add('html', offsets(node));
        return;
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        phrasing(node);
        return;
      default:
        if ('children' in node) for (const c of node.children) walk(c as Nodes);
    }
  };
  walk(tree);
  return out;
}

/** HTML element names: `<details>` is markup, `<package>` is a placeholder. */
export const HTML_TAGS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption center cite code col colgroup ' +
    'data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header ' +
    'hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu meta meter nav nobr noscript object ol optgroup ' +
    'option output p param picture pre progress q rp rt ruby s samp script section select slot small source span strike strong style sub ' +
    'summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr'
  ).split(' '),
);

/** `<Text>` that is a placeholder: not a tag with attributes, an HTML element, a closing tag, an autolink or an e-mail address. */
export function isAngleText(match: string): boolean {
  const inner = match.replace(/^`?</, '').replace(/>`?$/, '');
  if (!/^[\p{L}_]/u.test(inner)) return false;
  if (/:\/\/|@|^mailto:/i.test(inner)) return false;
  if (/\s[\w:-]+\s*=\s*["']/.test(inner)) return false;
  const name = (/^[\p{L}_][\w-]*/u.exec(inner)?.[0] ?? '').toLowerCase();
  if (HTML_TAGS.has(name) && (inner.length === name.length || /^[\w-]+\s*\/?$/.test(inner) || /\s/.test(inner) === false)) return false;
  return true;
}

const compiled = new Map<string, RegExp | null>();
function styleRegex(style: PlaceholderStyle): RegExp | null {
  const key = `${style.ignoreCase ? 'i' : ''}/${style.pattern}`;
  if (!compiled.has(key)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(style.pattern, style.ignoreCase ? 'giu' : 'gu');
    } catch {
      re = null;
    }
    compiled.set(key, re);
  }
  const re = compiled.get(key) ?? null;
  if (re) re.lastIndex = 0;
  return re;
}

/** Every match of the styles in the document's regions (overlaps resolved: earliest, longest wins). */
export function scanStyles(src: ParsedSource, styles: readonly PlaceholderStyle[], regions: Region[] = documentRegions(src)): Placeholder[] {
  const found: Placeholder[] = [];
  for (const style of styles) {
    const where = new Set(style.in?.length ? style.in : ['prose']);
    const re = styleRegex(style);
    if (!re) continue;
    for (const r of regions) {
      if (!where.has(r.region)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(r.text))) {
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        if (style.kind === 'angle') {
          const at = r.start + m.index;
          if (m[0].startsWith('<') && /[\w<\\]/.test(src.text[at - 1] ?? '')) continue;
          if (style.literal ? closedLater(src.text, at + m[0].length, m[0]) : !isAngleText(m[0])) continue;
        }
        if (m[0].trim() === '') continue;
        const p: Placeholder = { kind: style.kind, text: m[0], span: { start: r.start + m.index, end: r.start + m.index + m[0].length } };
        if (r.region === 'code') p.notation = 'code';
        found.push(p);
      }
    }
  }
  return mergePlaceholders([], found);
}

/** Whether `<name>` ending at `end` is closed (`</name>`) before the paragraph ends: then it is markup. */
function closedLater(text: string, end: number, match: string): boolean {
  const name = /^<([\p{L}_][\w-]*)>$/u.exec(match)?.[1];
  if (!name) return false;
  const rest = text.slice(end, end + 2000);
  const para = /\n[ \t]*\r?\n/.exec(rest);
  return rest.slice(0, para ? para.index : rest.length).toLowerCase().includes(`</${name.toLowerCase()}`);
}

/**
 * The placeholders in one line of plain prose, by the default scan and the
 * template's own styles: what a fix checks before inserting template text,
 * so that what it inserts is reported until the author replaces it.
 */
export function prosePlaceholders(line: string, styles: readonly PlaceholderStyle[]): Placeholder[] {
  const found: Placeholder[] = [];
  scanProse(line, 0, found);
  const own = styles.length ? scanStyles({ text: line } as ParsedSource, styles, [{ region: 'prose', start: 0, text: line }]) : [];
  return mergePlaceholders(found, own);
}

/** Merge two placeholder lists: sorted by position, overlaps resolved (earliest, longest wins). */
export function mergePlaceholders(a: readonly Placeholder[], b: readonly Placeholder[]): Placeholder[] {
  const all = [...a, ...b].sort((x, y) => x.span.start - y.span.start || y.span.end - x.span.end);
  const out: Placeholder[] = [];
  let reach = -1;
  for (const p of all) {
    if (p.span.start < reach) continue;
    out.push(p);
    reach = p.span.end;
  }
  return out;
}

/**
 * Add the placeholders of a template's own styles to a plan's placeholder
 * list (the default scan's findings stay as they are). The binder then sees
 * them like any other placeholder.
 */
export function addStylePlaceholders(src: ParsedSource, doc: { placeholders: Placeholder[] }, styles: readonly PlaceholderStyle[] | undefined): void {
  if (!styles?.length) return;
  doc.placeholders = mergePlaceholders(doc.placeholders, scanStyles(src, styles));
}

/** Words after a bracket or marker that name it rather than leave it unfilled: "the [project] section", "TODO comments". */
const NAMING_NOUN = /^[*_`]{0,3}\s{1,3}(?:sections?|tables?|labels?|tags?|markers?|comments?|headers?|keys?|fields?|columns?|flags?|prefix(?:es)?|blocks?)\b/i;

/**
 * Mark placeholders that read as notation (see `Placeholder.notation`).
 * `itemStarts`: source offsets where a list item's text begins.
 */
export function markNotation(text: string, placeholders: Placeholder[], itemStarts: ReadonlySet<number>): void {
  for (const p of placeholders) {
    if ((p.kind !== 'bracket' && p.kind !== 'marker') || p.notation) continue;
    if (NAMING_NOUN.test(text.slice(p.span.end, p.span.end + 24))) p.notation = 'named';
    else if (p.kind === 'bracket' && itemStarts.has(p.span.start) && /^\[[A-Z][A-Z0-9_-]{1,19}\]$/.test(p.text)) p.notation = 'tag';
  }
}
