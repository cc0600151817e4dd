/**
 * `required-section` (title not following the template's title): insert the
 * template's missing words around the author's title, which is kept verbatim
 * as the title's fill-in part:
 *   `# [Feature Name] Implementation Plan`  +  `# OpenCode Support Design`
 *   -> `# OpenCode Support Design Implementation Plan`
 *   `# KEP-NNNN: Your short, descriptive title`  +  `# Rebase Images`
 *   -> `# KEP-NNNN: Rebase Images` (`NNNN` then a `placeholder` finding).
 *
 * The edit is insertion only: the author's title takes the place of a run of
 * the template title's words (the part the template leaves to the author), the
 * template's words before and after it are inserted. A candidate is kept only
 * when the check then passes and every inserted word is either a fixed word of
 * the template's title (changing it would fail the check) or lies in a
 * placeholder that `placeholder` reports (a generic stand-in of the template's
 * title kept beside the author's words is one: `# CFP-37315` + `CFP-003:
 * Template` -> `# CFP-37315: Template`, then "Template" a `placeholder`
 * finding); so a fix never makes a title pass with fill-in text nobody wrote
 * (`CFP-003: CFP-37315` would leave "003" unreported). Of the candidates, the
 * one inserting least is taken (the author's words already at the seam, as in
 * `# OpenCode Implementation`, are not repeated). When that one repeats a word
 * the author wrote elsewhere in the title (`# Plan Cache` + `Implementation
 * Plan`), or the template's title is fixed wording and no insertion makes it,
 * a person decides: a suggestion, never an automatic fix.
 */
import { prosePlaceholders, type PlaceholderStyle } from '../extract/placeholders.js';
import { keptStandIns } from '../schema/title-stand-ins.js';
import { normalizeKey } from '../extract/text.js';
import type { RuleContext } from '../rules/types.js';
import type { Finding, Fix, Suggestion } from '../types.js';
import { insertions, lineEnd, nextLine } from './edits.js';

type Title = NonNullable<RuleContext['model']['title']>;

/** Whether a title's text passes the title check, as the binder matches it (its key, exact or by pattern). */
const passes = (title: Title, raw: string): boolean => {
  const key = normalizeKey(raw);
  return key === title.exact || (title.regex !== null && title.regex.test(key));
};

/** The words of a text (as the key sees them), with their offsets. */
const words = (s: string): { start: number; end: number; key: string }[] =>
  [...s.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, key: m[0].toLowerCase() }));

/** The heading's own text in the source: after the `#` marks, before a closing sequence (ATX); a one-line setext heading's line. */
export function headingContent(text: string, start: number): { start: number; end: number } | null {
  const end = lineEnd(text, start);
  const line = text.slice(start, end);
  const atx = /^ {0,3}#{1,6}[ \t]+/.exec(line);
  const open = atx ? atx[0].length : (/^ {0,3}/.exec(line)?.[0].length ?? 0);
  if (!atx && /^ {0,3}#/.test(line)) return null;
  // A setext heading of one line: its underline comes next (a heading over several lines is left alone).
  if (!atx && !/^ {0,3}(?:=+|-+)[ \t]*$/.test(text.slice(nextLine(text, end), lineEnd(text, nextLine(text, end))))) return null;
  let close = line.length;
  if (atx) close = line.replace(/[ \t]+#+[ \t]*$/, '').length;
  const content = line.slice(open, close).replace(/[ \t]+$/, '');
  if (!content) return null;
  return { start: start + open, end: start + open + content.length };
}

interface Candidate {
  /** The text inserted before the author's title (its separating space included), and after it. */
  before: string;
  after: string;
  /** It repeats a word the author's title already has. */
  repeats: boolean;
}

/**
 * The insertion that makes the author's title follow the template's, or null.
 * The author's title replaces the template's words `i..j-1`; the words before
 * and after are inserted, each with one space between (and the colon that
 * closed the words replaced).
 */
export function titleInsertion(title: Title, author: string, styles: readonly PlaceholderStyle[] = []): Candidate | null {
  const tokens = [...title.heading.text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const template = title.heading.text;
  const authorKeys = new Set(words(author).map((w) => w.key));
  let best: (Candidate & { size: number }) | null = null;
  for (let i = 0; i <= tokens.length; i++) {
    for (let j = i; j <= tokens.length; j++) {
      if (i === 0 && j === tokens.length) continue;
      const before = i > 0 ? `${template.slice(0, (tokens[i - 1] as { end: number }).end)} ` : '';
      // The colon that closes the part the author's title takes stays with the template's words after it:
      // `CFP-37315` for `CFP-003:` in `CFP-003: Template` -> `CFP-37315: Template`.
      const last = j > i ? template.slice((tokens[i] as { start: number }).start, (tokens[j - 1] as { end: number }).end) : '';
      const colon = j < tokens.length && /[\p{L}\p{N}]:$/u.test(last) && !author.endsWith(':') ? ':' : '';
      const after = j < tokens.length ? `${colon} ${template.slice((tokens[j] as { start: number }).start)}` : '';
      const size = before.length + after.length;
      if (best && size >= best.size) continue;
      const full = `${before}${author}${after}`;
      if (!passes(title, full)) continue;
      const inserted = [...words(before).map((w) => ({ ...w, at: 0 })), ...words(after).map((w) => ({ ...w, at: full.length - after.length }))];
      const found = [...prosePlaceholders(full, styles).map((p) => p.span), ...keptStandIns(title.heading.standIns, full)];
      if (!inserted.every((w) => fixedOrReported(title, full, w.at + w.start, w.at + w.end, found))) continue;
      best = { before, after, size, repeats: inserted.some((w) => authorKeys.has(w.key)) };
    }
  }
  return best && { before: best.before, after: best.after, repeats: best.repeats };
}

/**
 * An inserted word is a fixed word of the template's title (another word there fails the check), or in a
 * reported placeholder: one the scan finds, or a stand-in of the template's title kept (`Template` in
 * `CFP-37315: Template`, title-stand-ins.ts).
 */
function fixedOrReported(title: Title, full: string, start: number, end: number, found: { start: number; end: number }[]): boolean {
  if (!passes(title, `${full.slice(0, start)}qzqz${full.slice(end)}`)) return true;
  return found.some((p) => p.start <= start && p.end >= end);
}

/** The fix, or the suggestion a person chooses, for a title that does not follow the template's. */
export function titleWordsFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): { fix: Fix | null; suggestions: Suggestion[] } {
  const none = { fix: null, suggestions: [] };
  const title = ctx.model.title;
  const at = ctx.binding.spans.get('/title')?.start;
  if (f.messageId !== 'titleMismatch' || !title || at === undefined) return none;
  const text = ctx.text;
  const content = headingContent(text, at);
  if (!content) return none;
  const author = text.slice(content.start, content.end);
  const ins = titleInsertion(title, author, ctx.model.placeholderStyles);
  if (ins) {
    const fix = insertions(text, [
      ...(ins.before ? [{ at: content.start, text: ins.before }] : []),
      ...(ins.after ? [{ at: content.end, text: ins.after }] : []),
    ]);
    if (!fix) return none;
    if (!ins.repeats) return { fix, suggestions: [] };
    const result = `${ins.before}${author}${ins.after}`;
    return { fix: null, suggestions: [{ desc: `Add the template's words: "${result}"`, fix }] };
  }
  // A fixed template title the author's words cannot become by insertion: the template's title, if the person wants it.
  if (title.regex === null) {
    return { fix: null, suggestions: [{ desc: `Use the template's title "${title.heading.text}"`, fix: { range: [content.start, content.end], text: title.heading.text } }] };
  }
  return none;
}
