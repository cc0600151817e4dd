/**
 * `heading-level`: give a heading the template's depth. An ATX heading gets
 * the right number of `#` (nothing else on its line changes); a one-line
 * setext heading becomes an ATX heading at that depth.
 */
import type { RuleContext } from '../rules/types.js';
import type { Finding, Fix } from '../types.js';
import { lineEnd } from './edits.js';

export function headingFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Fix | null {
  const expected = Number(f.data?.['expected']);
  if (!Number.isInteger(expected) || expected < 1 || expected > 6) return null;
  const text = ctx.text;
  const s = ctx.doc.sections.find((x) => x.span.start === f.span.start);
  if (!s) return null;
  const { start, end } = s.span;
  const marks = /^#{1,6}(?=[ \t]|$|\r|\n)/.exec(text.slice(start, start + 8));
  if (marks) return { range: [start, start + marks[0].length], text: '#'.repeat(expected) };
  // Setext: the content line, then the underline. Only a one-line heading is converted.
  const contentEnd = lineEnd(text, start);
  const underline = text.slice(contentEnd, end).replace(/^(?:\r\n|\r|\n)/, '');
  if (!/^[ \t]*(?:=+|-+)[ \t]*$/.test(underline)) return null;
  return { range: [start, end], text: `${'#'.repeat(expected)} ${text.slice(start, contentEnd)}` };
}
