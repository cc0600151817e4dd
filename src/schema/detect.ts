import type { PlanDocument } from '../extract/document.js';
import type { Span } from '../types.js';
import { scoreTemplate } from './bind.js';
import type { TemplateModel } from './model.js';

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

export const percent = (score: number): string => `${Math.round(score * 100)}%`;
