/**
 * The plan's outline for the editor: document symbols (the section tree) and
 * hover on a heading (what the template expects in that section).
 */
import type { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node.js';
import { extract, type PlanDocument } from '../extract/document.js';
import { parseMarkdown } from '../parse/parse.js';
import { matchesHeading } from '../schema/bind.js';
import type { TemplateModel, TemplateSection } from '../schema/model.js';
import { splitLines } from './convert.js';

function outline(text: string): { doc: PlanDocument; lines: string[]; at: (offset: number) => { line: number; character: number } } {
  const src = parseMarkdown(text);
  const lines = splitLines(text);
  return {
    doc: extract(src),
    lines,
    at(offset) {
      const line = src.lines.lineOf(offset);
      return { line, character: offset - (src.lines.starts[line] ?? 0) };
    },
  };
}

/** The plan's sections as a symbol tree (a heading's symbol spans its whole section). */
export function sectionSymbols(text: string, kind: SymbolKind): DocumentSymbol[] {
  const { doc, at } = outline(text);
  const symbol = (i: number): DocumentSymbol => {
    const s = doc.sections[i]!;
    return {
      name: s.text || '(empty heading)',
      detail: `h${s.depth}`,
      kind,
      range: { start: at(s.fullSpan.start), end: at(s.fullSpan.end) },
      selectionRange: { start: at(s.span.start), end: at(s.span.end) },
      children: s.children.map(symbol),
    };
  };
  return doc.sections.filter((s) => s.parent === null).map((s) => symbol(s.index));
}

function findTemplateSection(sections: readonly TemplateSection[], match: (t: TemplateSection) => boolean): TemplateSection | null {
  for (const t of sections) {
    if (match(t)) return t;
    const inner = findTemplateSection(t.children, match);
    if (inner) return inner;
  }
  return null;
}

/** Markdown for a hover on the heading at `line` (0-based): the template section it matches and what that section holds. */
export function headingHover(text: string, line: number, model: TemplateModel): string | null {
  const { doc, at } = outline(text);
  const s = doc.sections.find((x) => at(x.span.start).line === line);
  if (!s) return null;
  const t = findTemplateSection(model.sections, (c) => c.heading.depth === s.depth && matchesHeading(c, s)) ?? findTemplateSection(model.sections, (c) => matchesHeading(c, s));
  if (!t) return `**${s.text}**: not a section of the \`${model.name}\` template.`;
  const out = [`**${t.display}** (template \`${model.name}\`): ${t.required ? 'required' : 'optional'}${t.heading.instance ? ', one or more sections of this form' : ''}.`];
  const kids = t.children.filter((c) => c.required).map((c) => c.display);
  if (kids.length) out.push(`Subsections: ${kids.join(', ')}.`);
  for (const tbl of t.tables) out.push(`A table with the columns ${tbl.columns.map((c) => `"${c.label}"`).join(', ')}${tbl.required ? ' (rows required)' : ''}.`);
  if (t.samples.length) out.push(`Template sample text to replace: ${t.samples.slice(0, 3).map((x) => `"${x.slice(0, 80)}"`).join(', ')}.`);
  return out.join('\n\n');
}
