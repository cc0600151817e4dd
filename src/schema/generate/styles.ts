import type { ParsedSource } from '../../parse/parse.js';
import type { PlanDocument } from '../../extract/document.js';
import { mergePlaceholders, scanStyles, isAngleText, type PlaceholderKind, type PlaceholderStyle, type Region, type StyleRegion } from '../../extract/placeholders.js';
import type { Span } from '../../types.js';
import type { GenContext, Json } from './context.js';
import { OPTIONAL_MARKER } from './headings.js';
import { caseless, lineOf } from './util.js';

/**
 * Passes: placeholder styles. First the styles the template itself uses
 * beyond the default scan (so later passes see all its placeholders); last
 * what a plan may keep: the template's optional markers, the names of links
 * it defines, and (when asked) the styles it does not use.
 */
export function stylesPass(ctx: GenContext): void {
  ctx.styles = detectStyles(ctx.src, ctx.doc, ctx.regions);
  ctx.placeholders = mergePlaceholders(ctx.doc.placeholders, scanStyles(ctx.src, ctx.styles, ctx.regions));
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

  // `<short description>` in prose (remark may parse it as an HTML tag).
  probe('angle', '(?<![\\w<\\\\])<(?![/!?])[\\p{L}_][^<>\\n]{0,80}>(?!>)', ['prose', 'html'], { accept: (m) => isAngleText(m), always: ['prose', 'html'] });
  // `` `<package>` ``: a whole inline code span that is an angle placeholder.
  probe('angle', '`<[\\p{L}_][^`<>\\n]{0,80}>`', ['code'], { accept: (m) => isAngleText(m) });
  // `__SPECKIT_COMMAND_PLAN__`.
  probe('dunder', '(?<![\\w])__[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*__(?![\\w])', ['prose', 'code'], { always: ['prose'] });
  // `_TODO: describe the rollout_`.
  probe('marker', '(?<![\\w*_])([*_])TODO\\b[^*_\\n]*\\1(?![\\w*_])', ['prose'], { always: ['prose'] });
  // `KEP-NNNN`, `go.dev/issue/NNNNN`.
  probe('mask', '\\bN{3,}\\b', ['prose', 'link', 'code', 'frontmatter'], { always: ['prose', 'link'] });
  // Date masks the default scan misses: lower case (`yyyy-mm-dd`), in the frontmatter.
  probe('date-mask', '\\b(?:yyyy|yy|mm|dd)(?:[-/.](?:yyyy|yy|mm|dd))+\\b', ['prose', 'frontmatter'], { ignoreCase: true });
  // `(fill in the feature name: My Feature)`, `(put "N/A" unless ...)`.
  const verbs = new Set<string>();
  const instr = /\((fill in|fill out|put|insert|enter|replace with|describe|link to|provide)\b[^()\n]{0,200}\)/giu;
  for (const r of regions) {
    if (r.region !== 'prose') continue;
    for (const m of r.text.matchAll(instr)) verbs.add((m[1] ?? '').toLowerCase());
  }
  if (verbs.size) {
    const alt = [...verbs].sort().map((v) => v.replace(/ /g, '\\s+')).join('|');
    probe('instruction', `\\((?:${alt})\\b[^()\\n]{0,200}\\)`, ['prose'], { ignoreCase: true });
  }
  return out;
}

/**
 * Every placeholder left in the plan is a finding, except the template's own
 * optional markers ("[optional]" kept in a heading is not an unfilled value),
 * the names of links it defines ("[existing SLIs/SLOs]" copied without its
 * definition) and, when asked, the styles the template does not use.
 */
export function placeholdersSchema(markers: string[], labels: string[], ignoredKinds: PlaceholderKind[]): Json {
  const base = { description: 'Every placeholder left in the plan is a finding.', type: 'array' };
  if (!markers.length && !labels.length && !ignoredKinds.length) return { ...base, items: false };
  const allowed: Json[] = [];
  const why: string[] = [];
  const texts = [...markers, ...labels];
  if (texts.length) {
    allowed.push({ type: 'object', required: ['text'], properties: { text: { type: 'string', pattern: `^(?:${texts.map(caseless).join('|')})$` } } });
    if (markers.length) why.push(`the template's optional markers (${markers.join(', ')})`);
    if (labels.length) why.push(`the names of links the template defines (${labels.join(', ')})`);
  }
  if (ignoredKinds.length) {
    allowed.push({ type: 'object', required: ['kind'], properties: { kind: { enum: ignoredKinds } } });
    why.push(`styles the template does not use (${ignoredKinds.join(', ')})`);
  }
  return { ...base, description: `Every placeholder left in the plan is a finding, except ${why.length > 1 ? `${why.slice(0, -1).join(', ')} and ${why[why.length - 1]}` : why[0]}.`, items: { anyOf: allowed } };
}
