import type { Diagnostic, Fix } from '../types.js';

export interface AppliedFixes {
  /** Whether any fix was applied. */
  fixed: boolean;
  /** The text with the fixes applied (a leading BOM kept). */
  output: string;
  /** How many fixes were applied. */
  count: number;
  /** The messages whose fix was not applied (no fix, or a fix overlapping one applied before it). */
  messages: Diagnostic[];
}

const BOM = '\uFEFF';

/**
 * Apply the fixes of `messages` to `text`, as ESLint's SourceCodeFixer does:
 * in order of their ranges, skipping a fix that overlaps (or touches the end
 * of) one already applied; the skipped ones are left for the next pass.
 * Ranges are offsets into the text after its BOM, which the output keeps.
 */
export function applyFixes(text: string, messages: readonly Diagnostic[]): AppliedFixes {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const fixable: { m: Diagnostic; fix: Fix }[] = [];
  const remaining: Diagnostic[] = [];
  for (const m of messages) {
    if (m.fix && validRange(m.fix, body.length)) fixable.push({ m, fix: m.fix });
    else remaining.push(m);
  }
  fixable.sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1]);
  const parts: string[] = [];
  let last = -1;
  let at = 0;
  let count = 0;
  for (const { m, fix } of fixable) {
    const [start, end] = fix.range;
    if (start <= last) {
      remaining.push(m);
      continue;
    }
    parts.push(body.slice(at, start), fix.text);
    at = end;
    last = end;
    count++;
  }
  parts.push(body.slice(at));
  remaining.sort((a, b) => a.line - b.line || a.column - b.column);
  const output = bom + parts.join('');
  return { fixed: count > 0 && output !== text, output, count, messages: remaining };
}

function validRange(fix: Fix, length: number): boolean {
  const [s, e] = fix.range;
  return Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= length && typeof fix.text === 'string';
}
