import type { PlanDocument, Section } from '../extract/document.js';
import type { Span } from '../types.js';
import { matchesHeading, outlineScore, scoreTemplate, titleIndex } from './bind.js';
import { PlanMatches } from './heading-match.js';
import type { TemplateModel, TemplateSection } from './model.js';
import { preorder } from './tree.js';

/** What detection ranks: a template's name and model (a CompiledTemplate, or a built-in's outline). */
export interface Detectable {
  name: string;
  model: TemplateModel;
}

export interface Candidate<T extends Detectable = Detectable> {
  name: string;
  template: T;
  /** Share of the template's top-level sections (and title) found in the plan, 0..1. */
  score: number;
}

/** Below this share of a template's top-level headings, a plan does not follow it. */
export const DETECT_THRESHOLD = 0.5;

/** Rank templates by how much of their outline a plan follows. */
export function rankTemplates<T extends Detectable>(doc: PlanDocument, templates: readonly T[], firstLine: Span): Candidate<T>[] {
  return templates
    .map((t) => ({ name: t.name, template: t, score: scoreTemplate(doc, t.model, firstLine) }))
    .sort((a, b) => b.score - a.score);
}

/**
 * The head of rankTemplates' ranking, as far as a lint needs it: the first
 * candidate, and when it scores below DETECT_THRESHOLD (the plan fits no
 * template: the message names the two closest) the second too; the same
 * candidates, scores and order as rankTemplates gives (ties in template
 * order). Scoring a template binds the plan to it, and a plan is checked
 * against every built-in template and preset: here each template first gets
 * a cheap ceiling of its score (scoreCeiling), the templates are scored from
 * the highest ceiling down, and the rest are skipped once the leaders score
 * above every ceiling left.
 */
export function leadingTemplates<T extends Detectable>(doc: PlanDocument, templates: readonly T[], firstLine: Span): Candidate<T>[] {
  const plan = new PlanMatches(doc.sections);
  const byCeiling = templates.map((t, order) => ({ t, order, ceiling: scoreCeiling(doc, t.model, plan) })).sort((a, b) => b.ceiling - a.ceiling || a.order - b.order);
  const scored: (Candidate<T> & { order: number })[] = [];
  for (const { t, order, ceiling } of byCeiling) {
    const needed = scored.length && (scored[0] as Candidate<T>).score >= DETECT_THRESHOLD ? 1 : 2;
    // Every template left scores at most its ceiling, below the leaders known.
    if (scored.length >= needed && ceiling < (scored[needed - 1] as Candidate<T>).score) break;
    scored.push({ name: t.name, template: t, score: scoreTemplate(doc, t.model, firstLine), order });
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
  }
  return scored.map(({ name, template, score }) => ({ name, template, score }));
}

/**
 * A ceiling of scoreTemplate(doc, model): the score as if every template
 * top-level section that some plan heading matches (by its heading, or by a
 * part of a combined heading, "Goals & Non-goals") were found, and every
 * top-level plan heading that matches some template top-level section were
 * explained. Binding finds a section only by such a match, and the score
 * grows with both counts (outlineScore), so no binding scores above it.
 */
export function scoreCeiling(doc: PlanDocument, model: TemplateModel, plan = new PlanMatches(doc.sections)): number {
  const secs = doc.sections;
  const titleIdx = titleIndex(doc, model, namedSections(model));
  const titleHit = titleIdx >= 0 && model.title && matchesHeading({ ...model.title, regex: model.title.regex }, secs[titleIdx] as Section) ? 1 : 0;
  /** Whether template section t could take plan section s (by its heading, or a part of a combined heading). */
  const matches = (t: TemplateSection, s: Section): boolean => plan.has(t, s.index) || plan.parts(s.index).some((key) => matchesHeading(t, { ...s, key, looseKey: key }));
  const others = secs.filter((s) => s.index !== titleIdx);
  const found = model.sections.filter((t) => others.some((s) => matches(t, s))).length + titleHit;
  let topLevel = 0;
  let explained = 0;
  for (const s of others) {
    if (s.parent !== null && s.parent !== titleIdx) continue;
    topLevel++;
    if (model.sections.some((t) => matches(t, s))) explained++;
  }
  return outlineScore(found, model.sections.length + (model.title ? 1 : 0), explained + titleHit, topLevel + (titleIdx >= 0 ? 1 : 0));
}

/** A template's sections with a name of their own (not a wildcard), as bindOrScore finds the title with; once per template. */
const named = new WeakMap<TemplateModel, TemplateSection[]>();
function namedSections(model: TemplateModel): TemplateSection[] {
  let n = named.get(model);
  if (!n) named.set(model, (n = preorder(model.sections).filter((t) => t.heading.pattern !== '.+')));
  return n;
}

export const percent = (score: number): string => `${Math.round(score * 100)}%`;
