import type { PlanDocument } from '../../extract/document.js';
import { isChoiceList, templateAlternatives } from '../../extract/text.js';
import type { GenContext, Json, OutlineNode } from './context.js';

/**
 * Pass: tables. Each template table of a section: its columns required, a
 * filled row, the allowed values of choice columns.
 */
export function tablesPass(ctx: GenContext): void {
  const visit = (nodes: OutlineNode[]): void =>
    nodes.forEach((n) => {
      n.tables = n.section.tables.map((ti) => tableSchema(ctx.doc, ti, n.conditional)).filter((t): t is Json => t !== null);
      visit(n.children);
    });
  visit(ctx.sections);
}

/**
 * A template table: its columns required, a filled row, allowed values per
 * column. In a conditional section the plan may hold a table of its own: the
 * columns are checked only when the table has one of the template's columns.
 */
export function tableSchema(doc: PlanDocument, ti: number, conditional = false): Json | null {
  const t = doc.tables[ti];
  if (!t || !t.columns.length) return null;
  const colProps: Record<string, Json> = {};
  const cols: { key: string; label: string }[] = [];
  t.columns.forEach((c, n) => {
    const key = c.key || `column ${n + 1}`;
    if (colProps[key]) return;
    cols.push({ key, label: c.text });
    const choices = new Set<string>();
    let shown = '';
    for (const r of t.rows) {
      const cell = r.cells[n];
      const alts = cell ? cellAlternatives(cell.text) : null;
      if (cell && alts) {
        for (const a of alts) choices.add(a.toLowerCase());
        shown ||= cell.text;
      }
    }
    const cell: Json = { type: 'object', title: c.text, properties: { empty: { const: false } } as Json };
    if (choices.size) {
      (cell['properties'] as Json)['choice'] = { enum: [...choices] };
      if (shown) cell['examples'] = [shown];
    }
    colProps[key] = cell;
  });
  const colFlags = Object.fromEntries(cols.map((c) => [c.key, { title: c.label, const: true }]));
  return {
    title: cols.map((c) => c.label).join(' | '),
    'x-table': { columns: cols.map((c) => c.label) },
    type: 'object',
    properties: {
      columns: conditional
        ? {
            type: 'object',
            properties: colFlags,
            description: "Checked only when the table is the template's (has one of its columns).",
            if: { minProperties: 1 },
            then: { required: cols.map((c) => c.key), properties: colFlags },
          }
        : { type: 'object', required: cols.map((c) => c.key), properties: colFlags },
      filledRows: { type: 'integer', minimum: 1 },
      blankRows: { type: 'array', items: false },
      rows: { type: 'array', items: { type: 'object', properties: colProps } },
    },
  };
}

/** A cell listing alternatives: the classic choice words (`Low/Med/High`), or `A / B / C` written with spaces. */
export function cellAlternatives(value: string): string[] | null {
  if (isChoiceList(value)) return templateAlternatives(value);
  if (/\s\/\s/.test(value) && !/[[\]{}<>]/.test(value)) return templateAlternatives(value);
  return null;
}
