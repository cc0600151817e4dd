import { normalizeKey } from '../extract/text.js';
import type { StandIn } from './model.js';

/**
 * A template title's generic stand-in for the plan's name kept in a plan's
 * title beside the parts the plan filled: `# CFP-37315: Template` against
 * `# CFP-003: Template`, `# KEP-1234: Your short, descriptive title`. The
 * schema records each stand-in with the pattern of a title that keeps it
 * (`x-heading.standIns`, written by `schema generate`); this finds where it
 * lies in the plan's title. The whole title left as the template's is
 * reported apart (bind.ts, unchangedTitle).
 */

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
    for (const m of line.matchAll(occurrence)) {
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
