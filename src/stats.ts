import type { PlanDocument } from './extract/document.js';
import type { Binding } from './schema/bind.js';
import type { TemplateModel, TemplateSection } from './schema/model.js';
import type { Diagnostic, PlanStats } from './types.js';

/**
 * Completeness figures for a plan: required sections present and filled,
 * placeholders left, required tables filled. `score` is the share of required
 * sections that are present and filled, less 1% per placeholder left (0..1).
 */
export function planStats(doc: PlanDocument, model: TemplateModel, binding: Binding, messages: Diagnostic[]): PlanStats {
  const all: TemplateSection[] = [];
  const walk = (list: TemplateSection[]): void => {
    for (const t of list) {
      if (t.required) all.push(t);
      walk(t.children);
    }
  };
  walk(model.sections);
  const present = new Set<TemplateSection>();
  const filled = new Set<TemplateSection>();
  for (const [i, t] of binding.matched) {
    present.add(t);
    const s = doc.sections[i];
    if (s && (s.hasContent || s.children.length > 0)) filled.add(t);
  }
  const requiredTables = all.reduce((n, t) => n + t.tables.filter((x) => x.required).length, 0);
  const tableProblems = new Set(
    messages.filter((m) => m.ruleId === 'table-columns' || m.ruleId === 'table-rows').map((m) => `${m.line}`),
  ).size;
  const placeholders = messages.filter((m) => m.ruleId === 'placeholder').length;
  const required = all.length;
  const presentN = all.filter((t) => present.has(t)).length;
  const filledN = all.filter((t) => filled.has(t)).length;
  const base = required ? filledN / required : 1;
  const score = Math.max(0, Math.min(1, base - placeholders * 0.01));
  return {
    sections: { required, present: presentN, filled: filledN },
    placeholders,
    tables: { required: requiredTables, filled: Math.max(0, requiredTables - tableProblems) },
    score: Math.round(score * 1000) / 1000,
  };
}
