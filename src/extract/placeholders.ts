import type { Span } from '../types.js';

export type PlaceholderKind =
  | 'bracket'
  | 'curly'
  | 'mustache'
  | 'date-mask'
  | 'id-mask'
  | 'number-mask'
  | 'marker'
  | 'choice'
  | 'empty-item';

export interface Placeholder {
  kind: PlaceholderKind;
  /** The placeholder as written in the source. */
  text: string;
  span: Span;
}

interface Pattern {
  kind: PlaceholderKind;
  re: RegExp;
  /** Return false to reject a match (legitimate text). */
  accept?: (m: RegExpExecArray) => boolean;
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
    accept: (m) => /\p{L}/u.test(m[1] ?? ''),
  },
  { kind: 'mustache', re: /\{\{[^{}\n]*\}\}/g },
  { kind: 'curly', re: /(?<![{\\])\{(?!\{)([^{}\n]*)\}(?!\})/g, accept: (m) => /\p{L}/u.test(m[1] ?? '') },
  { kind: 'date-mask', re: /\b(?:YYYY|YY|MM|DD)(?:[-/.](?:YYYY|YY|MM|DD))+\b|\bHH:MM(?::SS)?\b/g },
  { kind: 'id-mask', re: /\b(?:[A-Z][A-Za-z]*-)?(?:X{3,}|[A-Z]+\d+X[\dX]*|[A-Z]+X{2,}[\dX]*|\d+X{2,}[\dX]*)\b/g },
  {
    kind: 'number-mask',
    re: /(?<![\w.$\\])[XYZN](?:\s?%|\s?(?:ms|s|sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|requests?|reqs?|rps|qps|tps|users?|records?|items?|MB|GB|KB|TB|k|K)\b)/g,
  },
  { kind: 'marker', re: /\b(?:TODO|TBD|TBA|FIXME)\b/g },
];

/** Inside code only `{{TEXT}}` counts. */
const CODE: Pattern[] = [{ kind: 'mustache', re: /\{\{[^{}\n]*\}\}/g }];

function scan(text: string, base: number, patterns: Pattern[], out: Placeholder[]): void {
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
      found.push({ kind, text: m[0], span: { start: base + m.index, end: base + m.index + m[0].length } });
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

/** Scan code (fenced, indented or inline) for `{{TEXT}}`. */
export function scanCode(source: string, base: number, out: Placeholder[]): void {
  scan(source, base, CODE, out);
}

/** Replace [start, end) of `chars` with spaces, keeping line breaks. */
export function mask(chars: string[], start: number, end: number): void {
  for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) {
    const c = chars[i];
    if (c !== '\n' && c !== '\r') chars[i] = ' ';
  }
}
