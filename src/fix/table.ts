/**
 * `table-columns`: add a missing column at its template position (after the
 * nearest template column before it that the table has, else before the
 * nearest after it, else at the end), with an empty cell in every row and a
 * plain `---` in the delimiter row. Nothing between the pipes changes.
 */
import type { Table } from '../extract/document.js';
import type { RuleContext } from '../rules/types.js';
import { decode, locate } from '../schema/errors.js';
import type { Finding, Fix } from '../types.js';
import { eolOf, insertBlock, insertions, lineEnd, lineStart, nextLine } from './edits.js';
import { endsOpen, tableSkeleton } from './section.js';

/** Offsets of the unescaped pipes of a table line between `from` and `to`. */
function pipes(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    if (text[i] !== '|') continue;
    let b = 0;
    while (i - 1 - b >= from && text[i - 1 - b] === '\\') b++;
    if (b % 2 === 0) out.push(i);
  }
  return out;
}

/** Where the column goes: after the cell at this index (-1: before the first). */
function insertAfter(table: Table, templateKeys: string[], key: string): number {
  const idx = templateKeys.indexOf(key);
  const docIndex = (k: string): number => table.columns.findIndex((c) => c.key === k);
  for (let k = idx - 1; k >= 0; k--) {
    const j = docIndex(templateKeys[k] as string);
    if (j >= 0) return j;
  }
  for (let k = idx + 1; k < templateKeys.length; k++) {
    const j = docIndex(templateKeys[k] as string);
    if (j >= 0) return j - 1;
  }
  return table.columns.length - 1;
}

export function columnFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Fix | null {
  const target = f.target;
  if (target?.kind !== 'column') return null;
  const segs = target.pointer.split('/').slice(1).map(decode);
  const { section, rest } = locate(ctx.model, segs);
  const tt = section?.tables.find((x) => x.key === rest[1]);
  const col = tt?.columns.find((c) => c.key === target.key);
  const start = ctx.binding.spans.get(target.pointer)?.start;
  const table = ctx.doc.tables.find((x) => x.span.start === start);
  if (!tt || !col || !table) return null;
  const text = ctx.text;
  const after = insertAfter(table, tt.columns.map((c) => c.key), col.key);
  const label = col.label.replace(/\|/g, '\\|');
  const edits: { at: number; text: string }[] = [];
  let line = lineStart(text, table.span.start);
  // A table inside a list or block quote has a prefix before its pipes: left alone.
  if (!/^[ \t]*$/.test(text.slice(line, table.span.start))) return null;
  const rows = 2 + table.rows.length;
  for (let r = 0; r < rows; r++) {
    if (line >= text.length && r > 0) return null;
    const end = lineEnd(text, line);
    const content = text.slice(line, end);
    const indent = /^[ \t]*/.exec(content)?.[0].length ?? 0;
    const from = line + indent;
    const cell = r === 0 ? label : r === 1 ? '---' : '';
    const ps = pipes(text, from, end);
    const leading = text[from] === '|';
    const last = ps[ps.length - 1];
    const trailing = last !== undefined && text.slice(last + 1, end).trim() === '' && !(leading && ps.length === 1);
    const cells = ps.length + 1 - (leading ? 1 : 0) - (trailing ? 1 : 0);
    if (after < 0) {
      edits.push(leading ? { at: from + 1, text: ` ${cell} |` } : { at: from, text: `| ${cell} | ` });
    } else if (after < cells) {
      const pipe = ps[leading ? after + 1 : after];
      if (pipe !== undefined) edits.push({ at: pipe + 1, text: ` ${cell} |` });
      else edits.push({ at: from + content.slice(indent).trimEnd().length, text: ` | ${cell}` });
    }
    // A body row with fewer cells than that reads as empty in the new column already.
    line = nextLine(text, line);
  }
  return insertions(text, edits);
}

/** A missing table: the template's header, delimiter and one empty row, at the end of the section's own text. */
export function tableFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Fix | null {
  const target = f.target;
  if (target?.kind !== 'table') return null;
  const segs = target.pointer.split('/').slice(1).map(decode);
  const { section } = locate(ctx.model, segs);
  const tt = section?.tables.find((x) => x.key === target.key);
  const start = ctx.binding.spans.get(target.pointer)?.start;
  const s = ctx.doc.sections.find((x) => x.span.start === start);
  if (!tt || !s) return null;
  const text = ctx.text;
  const at = s.ownSpan.end;
  if (at >= text.length && endsOpen(ctx.tree, text)) return null;
  if (at < text.length && !/^[ \t]*$/.test(text.slice(lineStart(text, at), at))) return null;
  return insertBlock(text, at < text.length ? lineStart(text, at) : at, tableSkeleton(tt), eolOf(text));
}
