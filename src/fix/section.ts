/**
 * `required-section`: insert a missing section at its template position (after
 * the previous template section present, else before the next, else at the end
 * of its parent), with the template's own skeleton for it.
 */
import type { Root } from 'mdast';
import type { Section } from '../extract/document.js';
import type { RuleContext } from '../rules/types.js';
import { ptr } from '../schema/bind.js';
import { decode, getAt, locate } from '../schema/errors.js';
import type { TemplateSection, TemplateTable } from '../schema/model.js';
import type { Finding, Fix } from '../types.js';
import { eolOf, insertBlock, lineStart } from './edits.js';

/** A table cut to its header, delimiter and one empty row. */
export function tableSkeleton(t: TemplateTable): string[] {
  const cells = t.columns.map((c) => c.label.replace(/\|/g, '\\|'));
  return [`| ${cells.join(' | ')} |`, `|${cells.map(() => ' --- ').join('|')}|`, `|${cells.map(() => '  ').join('|')}|`];
}

/** The lines of a template section as `--fix` inserts it: heading, body, required subsections. */
export function sectionLines(t: TemplateSection): string[] {
  const out = [`${'#'.repeat(t.heading.depth)} ${t.heading.text}`];
  if (t.skeleton !== undefined) {
    const body = t.skeleton.split(/\r\n|\r|\n/);
    while (body.length && !body[body.length - 1]?.trim()) body.pop();
    if (body.length) out.push('', ...body);
  } else {
    for (const table of t.tables) out.push('', ...tableSkeleton(table));
  }
  for (const c of t.children) if (c.required) out.push('', ...sectionLines(c));
  return out;
}

/** The document section whose heading starts at `start`. */
function sectionAt(sections: Section[], start: number | undefined): Section | undefined {
  return start === undefined ? undefined : sections.find((s) => s.span.start === start);
}

/** Doc sections bound to a template sibling under `pointer` (all instances of an instance heading). */
function boundSections(ctx: RuleContext, pointer: string, t: TemplateSection): Section[] {
  const at = `${pointer}${ptr(t.key)}`;
  const starts: (number | undefined)[] = [];
  if (t.heading.instance) {
    const list = getAt(ctx.binding.instance, at);
    const n = Array.isArray(list) ? list.length : 0;
    for (let k = 0; k < n; k++) starts.push(ctx.binding.spans.get(`${at}/${k}`)?.start);
  } else starts.push(ctx.binding.spans.get(at)?.start);
  return starts.map((s) => sectionAt(ctx.doc.sections, s)).filter((s): s is Section => s !== undefined);
}

/** True when the text ends inside a block that would swallow what is appended (an unclosed fence or comment). */
export function endsOpen(tree: Root | undefined, text: string): boolean {
  const last = tree?.children[tree.children.length - 1];
  if (!last?.position) return false;
  const raw = text.slice(last.position.start.offset ?? 0, last.position.end.offset ?? text.length);
  if (last.type === 'code') {
    const fence = /^[ \t]*(`{3,}|~{3,})/.exec(raw);
    if (!fence) return false;
    const lines = raw.trimEnd().split(/\r\n|\r|\n/);
    const close = lines[lines.length - 1] ?? '';
    return lines.length < 2 || !new RegExp(`^[ \\t]*${(fence[1] as string)[0] === '`' ? '`' : '~'}{${(fence[1] as string).length},}[ \\t]*$`).test(close);
  }
  if (last.type === 'html') return /<!--/.test(raw) && !/-->/.test(raw.slice(raw.indexOf('<!--') + 4));
  return false;
}

export function sectionFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Fix | null {
  const tree = ctx.tree;
  const target = f.target;
  if (target?.kind !== 'section') return null;
  const segs = target.pointer.split('/').slice(1).map(decode);
  const { siblings } = locate(ctx.model, segs);
  const idx = siblings.findIndex((s) => s.key === target.key);
  const t = siblings[idx];
  if (!t) return null;
  const text = ctx.text;
  const eol = eolOf(text);
  const present = (k: number): Section[] => boundSections(ctx, target.pointer, siblings[k] as TemplateSection);
  // The missing sections that follow this one up to the next present one go in with it, in template
  // order: their own fixes insert at the same place and are dropped as overlapping.
  const lines = sectionLines(t);
  for (let k = idx + 1; k < siblings.length && !present(k).length; k++) {
    const next = siblings[k] as TemplateSection;
    if (next.required) lines.push('', ...sectionLines(next));
  }
  // After the previous template section present (its last instance, subsections included).
  for (let k = idx - 1; k >= 0; k--) {
    const found = present(k);
    if (!found.length) continue;
    const end = Math.max(...found.map((s) => s.fullSpan.end));
    return at(text, end, lines, eol, tree);
  }
  // Before the next one present.
  for (let k = idx + 1; k < siblings.length; k++) {
    const found = present(k);
    if (!found.length) continue;
    const start = Math.min(...found.map((s) => s.span.start));
    return at(text, start, lines, eol, tree);
  }
  // At the end of the parent section, or of the plan.
  const parent = segs.length > 1 ? sectionAt(ctx.doc.sections, ctx.binding.spans.get(target.pointer)?.start) : undefined;
  return at(text, parent ? parent.fullSpan.end : text.length, lines, eol, tree);
}

function at(text: string, offset: number, lines: string[], eol: string, tree: Root | undefined): Fix | null {
  if (offset >= text.length) {
    if (endsOpen(tree, text)) return null;
    return insertBlock(text, text.length, lines, eol);
  }
  // A heading starts its line (after at most three spaces of indentation).
  const ls = lineStart(text, offset);
  if (!/^[ \t]*$/.test(text.slice(ls, offset))) return null;
  return insertBlock(text, ls, lines, eol);
}
