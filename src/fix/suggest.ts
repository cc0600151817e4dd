/**
 * Suggestions: edits that need a person's choice, offered (an editor shows
 * them as quick fixes) and never applied by `--fix`.
 */
import type { RuleContext } from '../rules/types.js';
import type { Finding, Suggestion } from '../types.js';
import { lineEnd, lineStart, nextLine } from './edits.js';

/** Most alternatives offered one by one; a longer list is left to the person. */
const MAX_ALTERNATIVES = 10;

/** "Remove the comment": the whole lines when the comment stands alone on them. */
export function removeComment(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Suggestion[] {
  const text = ctx.text;
  const { start, end } = f.span;
  if (!text.slice(start, end).startsWith('<!--')) return [];
  const ls = lineStart(text, start);
  const le = lineEnd(text, Math.max(start, end - 1));
  const alone = /^[ \t]*$/.test(text.slice(ls, start)) && /^[ \t]*$/.test(text.slice(end, le));
  const range: [number, number] = alone ? [ls, nextLine(text, le)] : [start, end];
  return [{ desc: 'Remove the comment', fix: { range, text: '' } }];
}

/** Split a choice list the way the template wrote it: `A | B | C`, `A/B/C` (a `\|` in a table cell too). */
export function alternatives(choice: string): string[] {
  const parts = choice.split(/\s*(?:\\?\||\/)\s*/).map((p) => p.trim()).filter(Boolean);
  return [...new Set(parts)];
}

/** One suggestion per alternative of an unresolved choice list: keep that one. */
export function keepOne(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Suggestion[] {
  if (f.messageId !== 'choice') return [];
  const { start, end } = f.span;
  const parts = alternatives(ctx.text.slice(start, end));
  if (parts.length < 2 || parts.length > MAX_ALTERNATIVES) return [];
  return parts.map((p) => ({ desc: `Keep "${p}"`, fix: { range: [start, end], text: p } }));
}

/** A value outside the allowed ones: replace it with the near miss ("did you mean"), else with each allowed value. */
export function allowedValues(f: Omit<Finding, 'ruleId'>): Suggestion[] {
  if (f.messageId !== 'notAllowed') return [];
  const { start, end } = f.span;
  if (end <= start) return [];
  const near = /did you mean "(.*)"\?/.exec(String(f.data?.['suggestion'] ?? ''))?.[1];
  const allowed = near ? [near] : String(f.data?.['allowed'] ?? '').split(', ').filter(Boolean);
  if (!allowed.length || allowed.length > MAX_ALTERNATIVES) return [];
  return allowed.map((a) => ({ desc: `Replace with "${a}"`, fix: { range: [start, end], text: a } }));
}
