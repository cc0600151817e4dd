import type { PlanDocument } from '../../extract/document.js';
import { isChoiceList, templateAlternatives, unnamedColumn } from '../../extract/text.js';
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
    const key = c.key || unnamedColumn(n);
    if (colProps[key]) return;
    cols.push({ key, label: c.text });
    const choices = new Set<string>();
    let shown = '';
    // A column of choices lists them in every row that has a value; in a key/value table
    // (`| Owner | [name] |`, `| Status | Draft / Review |`) one row's alternatives are not the column's.
    let other = false;
    for (const r of t.rows) {
      const cell = r.cells[n];
      const alts = cell ? cellAlternatives(cell.text) : null;
      if (cell && alts) {
        for (const a of alts) choices.add(a.toLowerCase());
        shown ||= cell.text;
      } else if (cell && !cell.empty) other = true;
    }
    if (other) choices.clear();
    const cell: Json = { type: 'object', title: c.text, properties: { empty: { const: false } } as Json };
    if (choices.size) {
      (cell['properties'] as Json)['choice'] = { enum: [...choices] };
      if (shown) cell['examples'] = [shown];
    }
    colProps[key] = cell;
  });
  const colFlags = Object.fromEntries(cols.map((c) => [c.key, { title: c.label, const: true }]));
  // Columns named as numbered samples ("Option 1 | Option 2") stand for the plan's own names: not required.
  const samples = sampleColumns(cols.map((c) => c.label));
  const values = valueHeaders(cols.map((c) => c.label));
  const required = cols.filter((_, i) => !samples.has(i) && !values.has(i)).map((c) => c.key);
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
            then: { required, properties: colFlags },
          }
        : { type: 'object', required, properties: colFlags },
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

/**
 * The columns a template names as numbered samples: two or more headers with
 * one label and a different number or capital letter ("Option 1 | Option 2",
 * "Vendor A | Vendor B"). A plan names those columns after its own options.
 * Indexes into `labels`.
 */
export function sampleColumns(labels: string[]): Set<number> {
  const groups = new Map<string, { index: number; id: string }[]>();
  labels.forEach((label, index) => {
    const m = /^([A-Za-z][A-Za-z ]{0,30}?)\s+(\d{1,3}|[A-Z])$/.exec(label.replace(/[*_`]/g, '').trim());
    if (!m || !m[1] || !m[2]) return;
    const stem = m[1].toLowerCase();
    groups.set(stem, [...(groups.get(stem) ?? []), { index, id: m[2] }]);
  });
  const out = new Set<number>();
  for (const g of groups.values()) if (new Set(g.map((x) => x.id)).size >= 2) for (const x of g) out.add(x.index);
  return out;
}

/**
 * The header cells that hold a value, not a column's name: a key/value table
 * written without a header row makes its first row the header
 * (`| Status | (Proposed / Accepted) |`, `| Owner | [name] |`). A cell that is
 * wholly a bracketed stand-in (`(...)`, `[...]`, `<...>`, `{...}`) or a list of
 * choices is the plan's own value there, not a column the plan must name;
 * so is a cell holding a web address (`| Discussion thread | here (<- link to
 * https://...) |`). Indexes into `labels`.
 */
export function valueHeaders(labels: string[]): Set<number> {
  const out = new Set<number>();
  labels.forEach((label, i) => {
    const v = label.replace(/[*_`]/g, '').trim();
    const wrapped = /^(?:\([^()]+\)|\[[^[\]]+\]|<[^<>]+>|\{[^{}]+\})$/.test(v);
    const address = /\bhttps?:\/\/\S/.test(v);
    if (wrapped || address || (v && cellAlternatives(v) !== null)) out.add(i);
  });
  return out;
}
