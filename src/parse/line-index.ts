import type { Range, Span } from '../types.js';

/**
 * Maps UTF-16 offsets to 1-based line/column pairs where columns count code
 * points. Any of CRLF, LF or CR ends a line, so CRLF files get LF line numbers.
 */
export class LineIndex {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly starts: number[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line number holding `offset`. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** End offset of line `line` (0-based), before its line ending. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Per line: whether it holds a surrogate pair (then columns must be counted). */
  private readonly astral = new Map<number, boolean>();

  point(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    const start = this.starts[line] as number;
    let astral = this.astral.get(line);
    if (astral === undefined) {
      astral = /[\uD800-\uDBFF]/.test(this.text.slice(start, this.lineEnd(line)));
      this.astral.set(line, astral);
    }
    // Without surrogate pairs a UTF-16 offset is a character count: no quadratic scan on long lines.
    return { line: line + 1, column: (astral ? codePoints(this.text, start, o) : o - start) + 1 };
  }

  /** A full range for a span; an empty span still covers one column. */
  range(span: Span): Range {
    const a = this.point(span.start);
    const b = this.point(Math.max(span.end, span.start));
    if (b.line === a.line && b.column <= a.column) b.column = a.column + 1;
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Span of line `n` (1-based) without its line ending; at least one character wide. */
  lineSpan(n: number): Span {
    const l = Math.max(0, Math.min(n - 1, this.starts.length - 1));
    const start = this.starts[l] as number;
    return { start, end: Math.max(this.lineEnd(l), start) };
  }
}

function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // Count a surrogate pair once.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
