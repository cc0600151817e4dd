/**
 * Text helpers for fixes: line boundaries, the file's own line ending, and
 * inserting a block of lines between blocks without joining either neighbour.
 */
import type { Fix } from '../types.js';

/** The file's line ending: its first one, LF when it has none. */
export function eolOf(text: string): string {
  const i = text.search(/\r\n|\r|\n/);
  if (i < 0) return '\n';
  return text.startsWith('\r\n', i) ? '\r\n' : (text[i] as string);
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreak(text[i - 1])) i--;
  return i;
}

/** The end of the line holding `offset`, before its line ending. */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isBreak(text[i])) i++;
  return i;
}

/** The start of the line after the one holding `offset` (text.length on the last line). */
export function nextLine(text: string, offset: number): number {
  let i = lineEnd(text, offset);
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

const blank = (s: string): boolean => /^[ \t]*$/.test(s);

/**
 * Insert `lines` as a block of their own at `at`, which must be a line start
 * or the end of the text: a blank line is added before and after where the
 * neighbouring lines are not blank already, so that neither joins the block.
 */
export function insertBlock(text: string, at: number, lines: string[], eol: string): Fix {
  const body = lines.join(eol);
  if (at >= text.length) {
    // At the end: keep the file's final newline (or its absence) as it was.
    if (!text) return { range: [0, 0], text: body + eol };
    const endsWithBreak = isBreak(text[text.length - 1]);
    const trimmed = text.replace(/(?:\r\n|\r|\n)$/, '');
    const lastLine = trimmed.slice(lineStart(trimmed, trimmed.length));
    const prefix = (endsWithBreak ? '' : eol) + (blank(lastLine) ? '' : eol);
    return { range: [text.length, text.length], text: prefix + body + (endsWithBreak ? eol : '') };
  }
  let prefix = '';
  if (at > 0) {
    const prevEnd = at - (at >= 2 && text.startsWith('\r\n', at - 2) ? 2 : 1);
    const prev = text.slice(lineStart(text, prevEnd), prevEnd);
    if (!blank(prev)) prefix = eol;
  }
  const here = text.slice(at, lineEnd(text, at));
  return { range: [at, at], text: prefix + body + eol + (blank(here) ? '' : eol) };
}

/** One fix that makes several insertions: its range spans them, the text between is kept as it is. */
export function insertions(text: string, edits: { at: number; text: string }[]): Fix | null {
  if (!edits.length) return null;
  const sorted = [...edits].sort((a, b) => a.at - b.at);
  const start = (sorted[0] as { at: number }).at;
  const end = (sorted[sorted.length - 1] as { at: number }).at;
  let out = '';
  let pos = start;
  for (const e of sorted) {
    out += text.slice(pos, e.at) + e.text;
    pos = e.at;
  }
  return { range: [start, end], text: out + text.slice(pos, end) };
}
