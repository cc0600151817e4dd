/**
 * A finding's fingerprint for the baseline: its rule, its message and the
 * section it is in (the chain of headings above it), never its line or
 * column, so that edits elsewhere in the plan leave it unchanged.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../types.js';

interface Heading {
  line: number;
  depth: number;
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
/** A line that cannot be the text of a setext heading (a list item, quote, table row, HTML, fence). */
const NOT_SETEXT_TEXT = /^ {0,3}(?:[-+*>|<]|\d+[.)]|`{3,}|~{3,}|#)/;

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The headings of a Markdown text with their lines: ATX and setext headings
 * outside frontmatter, fenced code and HTML comments. A light scan, not a
 * parse: it needs to be the same from one run to the next, which it is.
 */
export function scanHeadings(text: string): Heading[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Heading[] = [];
  let k = 0;
  if (/^(?:---|\+\+\+)[ \t]*$/.test(lines[0] ?? '')) {
    const close = lines[0]?.trim();
    for (k = 1; k < lines.length; k++) if (lines[k]?.trim() === close || (close === '---' && lines[k]?.trim() === '...')) break;
    k++;
  }
  let fence: string | null = null;
  let comment = false;
  let prevText: string | null = null;
  for (; k < lines.length; k++) {
    const line = lines[k] as string;
    if (fence) {
      const m = FENCE.exec(line);
      if (m && (m[1] as string)[0] === fence[0] && (m[1] as string).length >= fence.length && !(m[2] as string).trim()) fence = null;
      prevText = null;
      continue;
    }
    if (comment) {
      if (line.includes('-->')) comment = false;
      prevText = null;
      continue;
    }
    const f = FENCE.exec(line);
    if (f && !((f[1] as string)[0] === '`' && (f[2] as string).includes('`'))) {
      fence = f[1] as string;
      prevText = null;
      continue;
    }
    if (/^ {0,3}<!--/.test(line) && !line.includes('-->', line.indexOf('<!--') + 4)) {
      comment = true;
      prevText = null;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      out.push({ line: k + 1, depth: (atx[1] as string).length, text: clean(atx[2] ?? '') });
      prevText = null;
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && prevText !== null) {
      out.push({ line: k, depth: (setext[1] as string)[0] === '=' ? 1 : 2, text: clean(prevText) });
      prevText = null;
      continue;
    }
    prevText = line.trim() && !NOT_SETEXT_TEXT.test(line) && !/^ {4}/.test(line) ? line : null;
  }
  return out;
}

/**
 * For each line, the section it is in: the chain of headings above it (a
 * heading's own line is in its section), written `## A > ### B`. The
 * document's title (its first heading, when that is a `#`) is left out, so
 * that renaming the plan keeps every fingerprint.
 */
export function sectionsOf(text: string): (line: number) => string {
  const headings = scanHeadings(text);
  const title = headings[0]?.depth === 1 ? headings[0] : undefined;
  return (line: number): string => {
    const stack: Heading[] = [];
    for (const h of headings) {
      if (h.line > line) break;
      if (h === title) continue;
      while (stack.length && (stack[stack.length - 1] as Heading).depth >= h.depth) stack.pop();
      stack.push(h);
    }
    return stack.map((h) => `${'#'.repeat(h.depth)} ${h.text}`).join(' > ');
  };
}

/** The fingerprint of a finding: 16 hex digits of SHA-256 over its rule, section and message. */
export function fingerprint(ruleId: string, section: string, message: string): string {
  return createHash('sha256').update(`${ruleId}\n${section}\n${clean(message)}`).digest('hex').slice(0, 16);
}

export interface Fingerprinted {
  message: Diagnostic;
  ruleId: string;
  section: string;
  fingerprint: string;
}

/** The fingerprints of a result's findings (fatal and rule-less messages have none). */
export function fingerprintAll(messages: Diagnostic[], text: string): Fingerprinted[] {
  const section = sectionsOf(text);
  const out: Fingerprinted[] = [];
  for (const m of messages) {
    if (m.fatal || m.ruleId === null) continue;
    const s = section(m.line);
    out.push({ message: m, ruleId: m.ruleId, section: s, fingerprint: fingerprint(m.ruleId, s, m.message) });
  }
  return out;
}
