/**
 * plan-lint's positions to the Language Server Protocol's: lines are 1-based
 * here and 0-based there; plan-lint's columns count code points (1-based),
 * the protocol's count UTF-16 code units (0-based) by default.
 */
import type { Diagnostic as PlanDiagnostic } from '../types.js';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** Split like src/parse/line-index.ts: CRLF, LF and CR each end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** UTF-16 offset within `lineText` of the 1-based code-point column `column`. */
export function utf16Column(lineText: string, column: number): number {
  let units = 0;
  let points = 1;
  while (points < column && units < lineText.length) {
    const c = lineText.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff && units + 1 < lineText.length ? 2 : 1;
    points++;
  }
  // A column past the line's end (an empty span at the end) stays past it, as plan-lint reports it.
  return units + Math.max(0, column - points);
}

/** The protocol range of a plan-lint diagnostic, against the document's own lines. */
export function toLspRange(d: Pick<PlanDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>, lines: readonly string[]): LspRange {
  const at = (line: number, column: number): LspPosition => {
    const l = Math.max(0, line - 1);
    return { line: l, character: utf16Column(lines[l] ?? '', column) };
  };
  return { start: at(d.line, d.column), end: at(d.endLine, d.endColumn) };
}
