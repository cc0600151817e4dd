import type { ParsedSource } from '../../parse/parse.js';
import type { PlanDocument } from '../../extract/document.js';
import type { Nodes } from 'mdast';
import { HTML_TAGS, mergePlaceholders, scanProse, scanStyles, isAngleText, type Placeholder, type PlaceholderKind, type PlaceholderStyle, type Region, type StyleRegion } from '../../extract/placeholders.js';
import type { Span } from '../../types.js';
import { splitAlternatives } from '../../extract/text.js';
import type { GenContext, Json } from './context.js';
import { OPTIONAL_MARKER } from './headings.js';
import { caseless, escape, lineOf } from './util.js';

/**
 * Passes: placeholder styles. First the styles the template itself uses
 * beyond the default scan (so later passes see all its placeholders); last
 * what a plan may keep: the template's optional markers, the names of links
 * it defines, and (when asked) the styles it does not use.
 */
export function stylesPass(ctx: GenContext): void {
  ctx.styles = detectStyles(ctx.src, ctx.doc, ctx.regions);
  ctx.placeholders = mergePlaceholders(ctx.doc.placeholders, scanStyles(ctx.src, ctx.styles, ctx.regions));
  // A team's own template: a bracketed term inside a column name ("Estimated [SYNC] Tasks") is fixed text the
  // plan keeps (the column is required as written), so it is the template's vocabulary, never a slot, wherever it is.
  if (ctx.options.templateLeftoversOnly === true || ctx.options.ownStylesOnly === true) {
    const terms = columnTerms(ctx.doc, ctx.placeholders);
    ctx.terms = terms;
    if (terms.length) ctx.placeholders = ctx.placeholders.filter((p) => p.kind !== 'bracket' || !terms.includes(p.text));
  }
}

/**
 * Bracketed terms a template writes inside a table's column names, next to
 * words of their own ("Estimated [SYNC] Tasks"): part of a name, not a value.
 * A column named by a placeholder alone ("[Metric]") is a slot, not a term.
 */
export function columnTerms(doc: PlanDocument, placeholders: Placeholder[]): string[] {
  const out = new Set<string>();
  for (const t of doc.tables) {
    for (const c of t.columns) {
      const inCell = placeholders.filter((p) => p.kind === 'bracket' && p.span.start >= c.span.start && p.span.end <= c.span.end);
      let rest = c.text;
      for (const p of inCell) rest = rest.replace(p.text, ' ');
      if (!/[\p{L}\p{N}]/u.test(rest)) continue;
      for (const p of inCell) if (/^\[[^\s[\]]{1,30}\]$/.test(p.text)) out.add(p.text);
    }
  }
  return [...out].sort();
}

/** Default placeholder styles that a template may not use at all. */
const OWN_STYLE_KINDS: PlaceholderKind[] = ['bracket', 'curly', 'mustache'];

export function allowancesPass(ctx: GenContext): void {
  // "[Optional] Aggregation method:" in a list: the marker is the template's, not a value to fill.
  for (const p of ctx.placeholders) {
    const whole = OPTIONAL_MARKER.exec(p.text);
    if (whole && whole[0] === p.text && /^[[{]/.test(p.text)) ctx.markers.add(p.text);
  }
  // "[existing SLIs/SLOs]" is a link in the template; a plan that copies the wording without the definition keeps no placeholder.
  ctx.labels = referenceLabels(ctx.src).filter((l) => !ctx.markers.has(l));
  const ownOnly = ctx.options.templateLeftoversOnly === true || ctx.options.ownStylesOnly === true;
  ctx.ignoredKinds = ownOnly ? OWN_STYLE_KINDS.filter((k) => !ctx.placeholders.some((p) => p.kind === k)) : [];
  if (ownOnly) {
    // "- **[Story]**: Which user story ...": a tag the template explains in a legend is its vocabulary, not a slot.
    ctx.vocabulary = [...new Set([...legendTags(ctx.src.text), ...(ctx.terms ?? [])])].filter((t) => !ctx.markers.has(t));
    const vocabulary = ctx.vocabulary;
    ctx.ownTexts = [...new Set(ctx.placeholders.filter((p) => p.kind === 'bracket' && !vocabulary.includes(p.text)).map((p) => p.text))].sort();
    ctx.ownCodeTexts = [...new Set(ctx.placeholders.map((p) => p.text))].sort();
    ctx.notation = true;
  }
}

/** Bracketed tags a template explains in a legend: a list item `- **[P]**: Can run in parallel`, `- [Story] - the user story`. */
export function legendTags(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^[ \t]{0,3}[-*+][ \t]+(?:\*\*|__|`)?(\[[^[\]\n]{1,30}\])(?:\*\*|__|`)?[ \t]*(?::|[-–—][ \t])/gm)) out.add(m[1] ?? '');
  return [...out].filter(Boolean);
}

/**
 * Labels the template defines as link references (`[existing SLIs/SLOs]: https://...`),
 * in its text or inside its guidance comments: `[label]` names a link, never a value to fill.
 */
function referenceLabels(src: ParsedSource): string[] {
  const out = new Set<string>();
  for (const m of src.text.matchAll(/^[ \t]{0,3}\[([^[\]\n^]{1,100})\]:[ \t]*\S+/gm)) out.add(`[${m[1] ?? ''}]`);
  return [...out];
}

/**
 * The placeholder styles a template uses beyond the default scan: `<angle>`
 * text, `__DUNDER__` tokens, `_TODO: ..._` notes, `NNNN` masks, lower-case
 * date masks, `(fill in ...)` instructions. Only text outside comments counts.
 */
export function detectStyles(src: ParsedSource, doc: PlanDocument, regions: Region[]): PlaceholderStyle[] {
  const out: PlaceholderStyle[] = [];
  const text = src.text;
  const inDefault = (sp: Span): boolean => doc.placeholders.some((p) => p.span.start <= sp.start && p.span.end >= sp.end);
  const probe = (kind: PlaceholderKind, pattern: string, where: StyleRegion[], opts: { ignoreCase?: boolean; accept?: (m: string, r: Region) => boolean; always?: StyleRegion[] } = {}): void => {
    const re = new RegExp(pattern, opts.ignoreCase ? 'giu' : 'gu');
    const seen = new Set<StyleRegion>();
    let example = '';
    for (const r of regions) {
      if (!where.includes(r.region)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(r.text))) {
        if (!m[0]) {
          re.lastIndex++;
          continue;
        }
        const sp = { start: r.start + m.index, end: r.start + m.index + m[0].length };
        if (opts.accept && !opts.accept(m[0], r)) continue;
        // Already found by the default scan in this region: nothing to add.
        if (inDefault(sp)) continue;
        seen.add(r.region);
        example ||= lineOf(text, sp.start);
      }
    }
    if (!seen.size) return;
    const inRegions = [...new Set([...(opts.always ?? []), ...where.filter((w) => seen.has(w))])];
    out.push({ kind, pattern, ...(opts.ignoreCase ? { ignoreCase: true } : {}), in: inRegions, example });
  };

  // `<short description>` in prose (remark may parse it as an HTML tag), and as a frontmatter value (`requires: <EIP number(s)>`).
  probe('angle', '(?<![\\w<\\\\])<(?![/!?])[\\p{L}_][^<>\\n]{0,80}>(?!>)', ['prose', 'html', 'frontmatter'], { accept: (m) => isAngleText(m), always: ['prose', 'html'] });
  // `` `<package>` ``: a whole inline code span that is an angle placeholder.
  probe('angle', '`<[\\p{L}_][^`<>\\n]{0,80}>`', ['code'], { accept: (m) => isAngleText(m) });
  // `__SPECKIT_COMMAND_PLAN__`. Written without a loop inside a loop: plainly safe for src/regex-safety.ts, so a schema
  // that carries it loads without a backtracking check (which takes seconds, and on a loaded machine may time out or not).
  probe('dunder', '(?<![\\w])__[A-Z](?:[A-Z0-9_]*[A-Z0-9])?__(?![\\w])', ['prose', 'code'], { always: ['prose'] });
  // `_TODO: describe the rollout_`.
  probe('marker', '(?<![\\w*_])([*_])TODO\\b[^*_\\n]*\\1(?![\\w*_])', ['prose'], { always: ['prose'] });
  // `KEP-NNNN`, `go.dev/issue/NNNNN`.
  probe('mask', '\\bN{3,}\\b', ['prose', 'link', 'code', 'frontmatter'], { always: ['prose', 'link'] });
  // Date masks the default scan misses: lower case (`yyyy-mm-dd`), in the frontmatter.
  probe('date-mask', '\\b(?:yyyy|yy|mm|dd)(?:[-/.](?:yyyy|yy|mm|dd))+\\b', ['prose', 'frontmatter'], { ignoreCase: true });
  // Version masks: `X.XX`, `vX.Y.Z` (a number stand-in the default scan leaves to `XXX`).
  probe('mask', '(?<![\\w.])v?X+(?:\\.(?:X+|Y+|Z+))+(?![\\w.])', ['prose', 'code', 'frontmatter'], { always: ['prose', 'frontmatter'] });
  // Handle masks: `@xxxxx`.
  probe('mask', '(?<![\\w@])@[xX]{3,}(?![\\w])', ['prose', 'code', 'frontmatter'], { always: ['prose', 'frontmatter'] });
  // Role mentions: `@owner`, `@designer`, `@mention owner` (a mention naming the role, not a person: the plan's own is `@Ana`, `@aruiz`).
  probe('mask', ROLE_MENTION, ['prose', 'frontmatter'], { always: ['prose', 'frontmatter'] });
  // `$RELEASE_MANAGER`, `$VERSION`: shell-like variables the template leaves in its prose to be filled in. Never searched in
  // code (a plan's `$HOME` or `"app:$IMAGE_TAG"` is shell); `$5` is a price; the shell's own variables are not fill-ins.
  probe('variable', VARIABLE, ['prose', 'frontmatter'], { always: ['prose'] });
  // `Lorem ipsum dolor sit amet, ...`: filler text the template gives as its sample prose.
  probe('lorem', LOREM, ['prose', 'frontmatter'], { ignoreCase: true, always: ['prose'] });
  // `(fill in the feature name: My Feature)`, `(put "N/A" unless ...)`.
  const verbs = new Set<string>();
  const instr = INSTRUCTION;
  for (const r of regions) {
    if (r.region !== 'prose' && r.region !== 'frontmatter') continue;
    for (const m of r.text.matchAll(instr)) verbs.add((m[1] ?? '').toLowerCase().replace(/\s+/g, ' '));
  }
  if (verbs.size) {
    const alt = [...verbs].sort().map((v) => escape(v).replace(/ /g, '\\s+')).join('|');
    probe('instruction', `\\((?:${alt})\\b[^()\\n]{0,200}\\)`, ['prose', 'frontmatter'], { ignoreCase: true, always: ['prose'] });
  }
  // `| Tracking issue | <link> |`: an HTML element's name given bare as a whole value, where the template's fill-ins are `<angle>` text.
  const bare = out.some((st) => st.kind === 'angle') ? bareTags(src, doc) : null;
  if (bare?.tokens.length) out.push({ kind: 'angle', pattern: `(?:${bare.tokens.map(escape).join('|')})`, in: ['prose', 'html', 'frontmatter'], example: bare.example, literal: true });
  out.push(...literalStyles(src, doc, regions, out));
  const upper = upperFillIns(doc);
  if (upper.tokens.length) {
    out.push({ kind: 'mask', pattern: `(?<![\\w-])(?:${upper.tokens.map(escape).join('|')})(?![\\w-])`, in: ['prose', 'frontmatter'], example: upper.example });
  }
  return out;
}

/** Elements a template may well write bare as layout (a line break, a rule), never as a fill-in. */
const LAYOUT_TAGS = new Set(['br', 'hr', 'wbr']);

/**
 * `<link>`, `<title>`, `<time>`: an HTML element's name that the template
 * writes bare (no attributes) as a whole value (a table cell, a field's
 * value, a paragraph or list item of its own) and never closes (`</link>`).
 * In a template whose other fill-ins are `<angle>` text it is one of them,
 * though the angle scan takes it for markup. Its exact text left in a plan is
 * a placeholder, unless the plan closes it (markup of its own).
 */
export function bareTags(src: ParsedSource, doc: PlanDocument): { tokens: string[]; example: string } {
  const tokens = new Set<string>();
  let example = '';
  const lower = src.text.toLowerCase();
  const take = (value: string, at: number): void => {
    const m = /^<([A-Za-z][A-Za-z0-9]*)>$/.exec(value.trim());
    const name = m?.[1]?.toLowerCase();
    if (!m || !name || !HTML_TAGS.has(name) || LAYOUT_TAGS.has(name) || lower.includes(`</${name}`)) return;
    tokens.add(m[0]);
    example ||= lineOf(src.text, at);
  };
  const walk = (n: Nodes, parent: Nodes | null): void => {
    if (n.type === 'html') {
      // A whole block (`<link>` on a line of its own), or the only content of its paragraph or table cell.
      const whole =
        !parent ||
        !['paragraph', 'tableCell', 'heading'].includes(parent.type) ||
        ('children' in parent && parent.children.every((c) => c === n || (c.type === 'text' && c.value.trim() === '')));
      if (whole && n.position?.start.offset !== undefined) take(n.value, n.position.start.offset);
      return;
    }
    if ('children' in n) for (const c of n.children) walk(c as Nodes, n);
  };
  walk(src.tree, null);
  // `**Tracking issue:** <link>`: the field's whole value.
  for (const f of doc.fields) take(src.text.slice(f.valueSpan.start, f.valueSpan.end), f.valueSpan.start);
  return { tokens: [...tokens].sort(), example };
}

/** The parts of an upper-case token that name a slot to fill: `SIG-NAME`, `TICKET_ID`, `RELEASE-DATE`. */
const SLOT_NOUNS = new Set(['NAME', 'NAMES', 'ID', 'IDS', 'NUMBER', 'NUM', 'DATE', 'TITLE', 'OWNER', 'OWNERS', 'AUTHOR', 'AUTHORS', 'URL', 'LINK', 'EMAIL', 'HANDLE', 'TEAM', 'VERSION', 'TICKET', 'ISSUE', 'USER', 'USERNAME', 'DESCRIPTION', 'SUMMARY', 'HERE']);

/**
 * Bare upper-case compound tokens the template gives as a field's whole value
 * (`**SIG:** SIG-NAME`, `- Tracking issue: TICKET_ID`): a fill-in when one of
 * its parts names a slot (`NAME`, `ID`, `DATE`, ...) or repeats the field's
 * label (`SIG: SIG-NAME`). Its exact text left anywhere in a plan's prose is
 * a placeholder. Not a single word (`Team: TEAM` kept is a `field` finding;
 * `OWNER` in prose may be a role), and not upper-case words of the template's
 * prose ("REQUIRED SUB-SKILL"), nor an acronym value (`CC-BY`, `AWS`), nor a mask the
 * default scan finds (`SPEC-XXX`).
 */
export function upperFillIns(doc: PlanDocument): { tokens: string[]; example: string } {
  const tokens = new Set<string>();
  let example = '';
  for (const f of doc.fields) {
    const v = f.value.trim().replace(/^[`*~]+|[`*~]+$/g, '');
    if (!/^[A-Z]{2,}(?:[-_][A-Z0-9]{2,})+$/.test(v)) continue;
    const parts = v.split(/[-_]/);
    const label = new Set(f.label.toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w.length >= 2));
    if (!parts.some((p) => SLOT_NOUNS.has(p) || label.has(p))) continue;
    // A mask the default scan finds already (`SPEC-XXX`) needs no style of its own.
    if (doc.placeholders.some((p) => p.span.start < f.valueSpan.end && p.span.end > f.valueSpan.start)) continue;
    tokens.add(v);
    example ||= `${f.label}: ${v}`;
  }
  return { tokens: [...tokens].sort((a, b) => b.length - a.length), example };
}

/**
 * A mention that names a role or a slot instead of a person (`@owner`, `@name`,
 * `@mention`, `@tech-lead`): lower case as templates write it, not part of an
 * address (`a@name.org`) or a package scope (`@owner/pkg`). Plainly safe for
 * src/regex-safety.ts.
 */
export const ROLE_MENTION =
  '(?<![\\w@.])@(?:owner|owners|name|names|mention|assignee|author|authors|designer|writer|reviewer|reviewers|approver|driver|lead|tech[ -]?lead|manager|person|someone|somebody|username|handle|user|qa|pm|team|contributor|contributors)(?![\\w./@-])';

/** Environment variables of the shell and of CI, named in prose as themselves (`set $PATH`), never a template's fill-in. */
const SHELL_VARIABLES = ['HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'EDITOR', 'TERM', 'HOSTNAME', 'LOGNAME', 'IFS', 'CI'];

/**
 * `$UPPER_SNAKE`, two characters or more, not inside a word, not a price
 * (`$5`), not a shell parameter expansion (`$$`, `${...}`), not one of the
 * shell's own variables. Plainly safe for src/regex-safety.ts: no loop holds
 * another loop or an alternation.
 */
export const VARIABLE = `(?<![\\w$\\\\])\\$(?!(?:${SHELL_VARIABLES.join('|')})(?![A-Z0-9_]))[A-Z][A-Z0-9_]*[A-Z0-9](?![\\w$])`;

/**
 * Lorem ipsum: two of its words in a row (`Lorem ipsum`, `Ut enim`, `Duis
 * aute`, `Excepteur sint`) start it, and it runs to the end of its paragraph
 * or cell (`Lorem Ipsum Dashboard`: a sample name is filler as a whole). The
 * words are the filler's own, none of them an English word that could pair
 * with another in real prose. Plainly safe for src/regex-safety.ts.
 */
const LOREM_WORDS =
  'lorem|ipsum|dolor|dolore|amet|consectetur|consectetuer|adipiscing|adipisicing|elit|eiusmod|tempor|incididunt|labore|aliqua|ut|enim|minim|veniam|quis|nostrud|ullamco|laboris|nisi|aliquip|commodo|consequat|duis|aute|irure|reprehenderit|voluptate|velit|esse|cillum|fugiat|nulla|pariatur|excepteur|sint|occaecat|cupidatat|proident|sunt|officia|deserunt|mollit|laborum|sed|perspiciatis|unde|omnis|iste|natus|voluptatem|accusantium|doloremque|laudantium|curabitur|vestibulum|pellentesque|aenean|mauris|nullam|praesent|vivamus|donec|phasellus|maecenas|suspendisse|quisque';
export const LOREM = `(?<![\\p{L}])(?:${LOREM_WORDS})[,.;:]?[ \\t]{1,3}(?:${LOREM_WORDS})(?![\\p{L}])(?:[\\p{L}\\p{N} \\t\\r\\n,;:.!?'\u2019()-]*[\\p{L}\\p{N}.!?)])?`;

/**
 * A parenthesised instruction: `(fill in the feature name: ...)`, `(fill me in
 * with today's date, YYYY-MM-DD)`, `(leave this empty)`, `(put "N/A" unless ...)`.
 * Its verb is learned from the template; a plan is searched for the same verbs.
 */
const INSTRUCTION =
  /\((fill(?: me| this| it)? in|fill(?: this| it)? out|put|insert|enter|replace(?: this)? with|describe|link to|provide|leave(?= (?:this|it|blank|empty))|write(?= (?:here|a|an|the|your))|add(?= (?:a|an|the|your|link|links))|list(?= (?:the|your|any|all))|specify|summari[sz]e)\b[^()\n]{0,200}\)/giu;

/**
 * Placeholders the template writes inside inline code (`` `[###-feature-name]` ``,
 * `` `/specs/[###-feature-name]/spec.md` ``) or as a list of choices
 * (`provisional|implementable|implemented`, `` `Not implemented / Implemented` ``):
 * their exact text, found anywhere in a plan (prose, code, frontmatter), is the
 * template's value left in. Only these literals: other brackets in a plan's
 * code are code.
 */
function literalStyles(src: ParsedSource, doc: PlanDocument, regions: Region[], learned: PlaceholderStyle[]): PlaceholderStyle[] {
  const out: PlaceholderStyle[] = [];
  const tokens = new Map<string, { kind: PlaceholderKind; example: string }>();
  for (const r of regions) {
    // Inline code only (a fenced block is an example), and not in a heading (there it names the part: `## Format: \`[ID] [P?] Description\``).
    if (r.region !== 'code' || !r.text.startsWith('`') || /^(?:`{3,}|~{3,})[^\n]*\n/.test(r.text) || inHeading(src, r.start)) continue;
    // A code span a learned style already finds (`` `<package>` ``) needs no literal.
    if (learned.some((st) => st.in?.includes('code') && new RegExp(st.pattern, st.ignoreCase ? 'iu' : 'u').test(r.text))) continue;
    const inner = r.text.replace(/^`+|`+$/g, (m) => ' '.repeat(m.length));
    const found: Placeholder[] = [];
    scanProse(inner, r.start, found);
    for (const m of inner.matchAll(/<[\p{L}_][^<>\n]{0,80}>/gu)) if (isAngleText(m[0])) found.push({ kind: 'angle', text: m[0], span: { start: r.start + m.index, end: r.start + m.index + m[0].length } });
    for (const p of found) {
      if (!['bracket', 'curly', 'angle', 'id-mask'].includes(p.kind) || tokens.has(p.text)) continue;
      // `{id}` in `/api/v1/resource/{id}` or `{timestamp}_{description}.sql`: a path or format parameter of the code itself, kept in plans.
      if (p.kind === 'curly' && /^\{[a-z][a-z0-9_-]*\}$/.test(p.text)) continue;
      tokens.set(p.text, { kind: p.kind, example: lineOf(src.text, p.span.start) });
    }
  }
  for (const kind of new Set([...tokens.values()].map((t) => t.kind))) {
    const texts = [...tokens].filter(([, t]) => t.kind === kind).map(([text]) => text).sort((a, b) => b.length - a.length);
    const example = [...tokens.values()].find((t) => t.kind === kind)?.example ?? '';
    out.push({ kind, pattern: `(?:${texts.map(escape).join('|')})`, in: ['prose', 'html', 'code', 'link', 'frontmatter'], example });
  }
  const choices = templateChoices(doc, regions);
  if (choices.size) {
    const alt = [...choices.keys()].sort((a, b) => b.length - a.length).map((c) => c.map((w) => caseless(w)).join('\\s*[|/]\\s*'));
    out.push({ kind: 'choice', pattern: `(?<![\\w|/])(?:${alt.join('|')})(?![\\w|/])`, in: ['prose', 'code', 'frontmatter'], example: [...choices.values()][0] ?? '' });
  }
  return out;
}

/** Whether a source offset lies in a heading line (ATX: the line starts with `#`). */
function inHeading(src: ParsedSource, at: number): boolean {
  const lineStart = src.text.lastIndexOf('\n', at - 1) + 1;
  return /^ {0,3}#{1,6}\s/.test(src.text.slice(lineStart, lineStart + 8));
}

/**
 * The template's own lists of choices: three or more words as field or
 * frontmatter values (`status: provisional|implementable|implemented`) or as a
 * whole inline code span (`` `Not implemented / Implemented / Partially implemented` ``);
 * and two or more symbols (`✅ / ❌`, `🟢/🟡/🔴`) as a field value or a whole
 * table cell: a plan's own text never lists symbols as alternatives.
 */
export function templateChoices(doc: PlanDocument, regions: Region[]): Map<string[], string> {
  const out = new Map<string[], string>();
  const seen = new Set<string>();
  const consider = (value: string, symbolsOnly = false): void => {
    // A separator spaced on one side only starts a path or a command (`POST /api/feature/action`), not an alternative.
    if (/\s[|/](?=\S)|(?<=\S)[|/]\s/.test(value.trim())) return;
    const parts = splitAlternatives(value);
    if (!parts) return;
    const symbols = parts.length >= 2 && parts.every((p) => SYMBOL.test(p));
    const words = !symbolsOnly && parts.length >= 3 && parts.every((p) => /^[\p{L}][\p{L}' -]{0,30}$/u.test(p) && p.split(' ').length <= 3);
    if (!symbols && !words) return;
    const key = parts.join('|').toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.set(parts, value.trim());
  };
  for (const f of doc.fields) consider(f.value);
  for (const r of regions) if (r.region === 'code' && r.text.startsWith('`') && !/^(?:`{3,}|~{3,})[^\n]*\n/.test(r.text)) consider(r.text.replace(/^`+|`+$/g, ''));
  for (const v of Object.values(doc.frontmatter?.data ?? {})) if (typeof v === 'string') consider(v);
  for (const t of doc.tables) for (const row of t.rows) for (const c of row.cells) consider(c.text, true);
  return out;
}

/** One symbol (`✅`, `❌`, `✔︎`, `🟢`), not a letter, digit or ASCII sign (`+/-` is prose). */
const SYMBOL = /^[\p{So}\p{Extended_Pictographic}][\p{So}\p{Extended_Pictographic}\uFE0E\uFE0F\u200D]{0,3}$/u;

/**
 * Every placeholder left in the plan is a finding, except the template's own
 * optional markers ("[optional]" kept in a heading is not an unfilled value),
 * the names of links it defines ("[existing SLIs/SLOs]" copied without its
 * definition) and, when asked, the styles the template does not use.
 */
export function placeholdersSchema(
  markers: string[],
  labels: string[],
  ignoredKinds: PlaceholderKind[],
  vocab: { vocabulary?: string[]; ownTexts?: string[]; ownCodeTexts?: string[]; notation?: boolean } = {},
): Json {
  const base = { description: 'Every placeholder left in the plan is a finding.', type: 'array' };
  const vocabulary = vocab.vocabulary ?? [];
  if (!markers.length && !labels.length && !ignoredKinds.length && !vocabulary.length && !vocab.notation) return { ...base, items: false };
  const allowed: Json[] = [];
  const why: string[] = [];
  const texts = [...markers, ...labels, ...vocabulary];
  if (texts.length) {
    allowed.push({ type: 'object', required: ['text'], properties: { text: { type: 'string', pattern: `^(?:${texts.map(caseless).join('|')})$` } } });
    if (markers.length) why.push(`the template's optional markers (${markers.join(', ')})`);
    if (labels.length) why.push(`the names of links the template defines (${labels.join(', ')})`);
    if (vocabulary.length) why.push(`the tags its legend explains (${vocabulary.join(', ')})`);
  }
  if (vocab.notation) {
    // The plan's own notation ("- [MANUAL] T020 ...", "the [project] section", "[optional]"), never one of the template's own placeholders.
    const own = vocab.ownTexts ?? [];
    const notOwn = own.length ? { not: { required: ['text'], properties: { text: { enum: own } } } } : {};
    allowed.push({ type: 'object', required: ['notation'], properties: { notation: { enum: ['tag', 'named'] } }, ...notOwn });
    allowed.push({ type: 'object', required: ['kind', 'text'], properties: { kind: { const: 'bracket' }, text: { type: 'string', pattern: '^\\[\\s*[Oo]ptional\\s*\\]$' } }, ...notOwn });
    why.push("the plan's own tags and named notation (a one-word tag starting a list item, \"the [project] section\", \"[optional]\") that are not the template's placeholders");
    // Code's own syntax (`{{customer.name}}`, `${{ github.sha }}`): a placeholder in code only when it is one of the template's own, literally.
    const ownCode = vocab.ownCodeTexts ?? [];
    allowed.push({ type: 'object', required: ['notation'], properties: { notation: { const: 'code' } }, ...(ownCode.length ? { not: { required: ['text'], properties: { text: { enum: ownCode } } } } : {}) });
    why.push("text in the plan's own code (fenced or inline) that is not literally one of the template's placeholders");
  }
  if (ignoredKinds.length) {
    allowed.push({ type: 'object', required: ['kind'], properties: { kind: { enum: ignoredKinds } } });
    why.push(`styles the template does not use (${ignoredKinds.join(', ')})`);
  }
  return { ...base, description: `Every placeholder left in the plan is a finding, except ${why.length > 1 ? `${why.slice(0, -1).join(', ')} and ${why[why.length - 1]}` : why[0]}.`, items: { anyOf: allowed } };
}
