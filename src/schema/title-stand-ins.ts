import type { PlanDocument, Section } from '../extract/document.js';
import type { Placeholder } from '../extract/placeholders.js';
import { normalizeKey } from '../extract/text.js';
import type { StandIn, TemplateModel } from './model.js';

/**
 * A template title's generic stand-in for the plan's name kept in a plan's
 * title beside the parts the plan filled: `# CFP-37315: Template` against
 * `# CFP-003: Template`, `# KEP-1234: Your short, descriptive title`. The
 * schema records each stand-in with the pattern of a title that keeps it
 * (`x-heading.standIns`, written by `schema generate`); this finds where it
 * lies in the plan's title. The whole title left as the template's is
 * reported apart (bind.ts, unchangedTitle).
 */

/** Occurrences of a stand-in's words tried in one title. */
const MAX_OCCURRENCES = 8;

/** Word characters: what the normalized title keeps. */
const WORD = '[\\p{L}\\p{N}]';
const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A separator between the parts of a title: a colon, a dash between spaces, parentheses. */
const BEFORE_PART = /(?:^|[:(\u2013\u2014]|\s-)[\s*_`]*$/u;
const AFTER_PART = /^[\s*_`]*(?:$|[:)\u2013\u2014]|-\s)/u;

/**
 * The stand-ins a title's text keeps, as offsets into it. `line` is the
 * heading's text as written (its `#` marks may be in it: they are no word).
 * A stand-in counts where `pattern` matches the normalized title and, with
 * the stand-in's words there replaced by another word, no longer does: those
 * words are the stand-in, not the same words inside the plan's own name.
 */
export function keptStandIns(standIns: readonly StandIn[] | undefined, line: string): { start: number; end: number; text: string }[] {
  if (!standIns?.length) return [];
  const key = normalizeKey(line);
  const out: { start: number; end: number; text: string }[] = [];
  for (const s of standIns) {
    let re: RegExp;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      continue;
    }
    const words = s.text.match(/[\p{L}\p{N}]+/gu);
    if (!words || !re.test(key)) continue;
    const occurrence = new RegExp(`(?<!${WORD})${words.map(reEscape).join(`(?:(?!${WORD}).)+`)}(?!${WORD})`, 'giu');
    // Each occurrence tried costs a pass over the line: a title naming the stand-in's words more often than this is the author's own wording.
    let tries = 0;
    for (const m of line.matchAll(occurrence)) {
      if (++tries > MAX_OCCURRENCES) break;
      const start = m.index;
      const end = start + m[0].length;
      if (re.test(normalizeKey(`${line.slice(0, start)} qzqz ${line.slice(end)}`))) continue;
      if (s.alone && !(BEFORE_PART.test(line.slice(0, start).replace(/^[\s#]+/, '')) && AFTER_PART.test(line.slice(end).replace(/[\s#]+$/, '')))) continue;
      out.push({ start, end, text: m[0] });
      break;
    }
  }
  return out;
}

/** The template title's generic stand-ins a plan's title kept beside what it filled (`# CFP-37315: Template`). */
export function standInsLeft(text: string, title: NonNullable<TemplateModel['title']>, s: Section): Placeholder[] {
  if (!title.heading.standIns || !text) return [];
  const at = s.span.start;
  let end = text.indexOf('\n', at);
  if (end < 0 || end > s.span.end) end = s.span.end;
  const line = text.slice(at, end).replace(/\r$/, '');
  return keptStandIns(title.heading.standIns, line).map((k) => ({ kind: 'title-stand-in' as const, text: k.text, span: { start: at + k.start, end: at + k.end } }));
}

/**
 * The template's stand-in title left unchanged ("# Replace this with your
 * awesome OTEP title"): a placeholder, unless one already lies in the title.
 */
export function unchangedTitle(doc: PlanDocument, title: NonNullable<TemplateModel['title']>, s: Section): Placeholder | null {
  if (!title.heading.pattern || normalizeKey(s.text) !== normalizeKey(title.heading.text) || !normalizeKey(s.text)) return null;
  if (doc.placeholders.some((p) => p.span.start >= s.span.start && p.span.end <= s.span.end)) return null;
  return { kind: 'title', text: s.text, span: s.span };
}
