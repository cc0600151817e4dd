import type { PlanDocument } from '../extract/document.js';
import type { Span } from '../types.js';
import { scoreTemplate } from './bind.js';
import type { CompiledTemplate } from './registry.js';

export interface Candidate {
  name: string;
  template: CompiledTemplate;
  /** Share of the template's top-level sections (and title) found in the plan, 0..1. */
  score: number;
}

/** Below this share of a template's top-level headings, a plan does not follow it. */
export const DETECT_THRESHOLD = 0.5;

/** Rank templates by how much of their outline a plan follows. */
export function rankTemplates(doc: PlanDocument, templates: readonly CompiledTemplate[], firstLine: Span): Candidate[] {
  return templates
    .map((t) => ({ name: t.name, template: t, score: scoreTemplate(doc, t.model, firstLine) }))
    .sort((a, b) => b.score - a.score);
}

export const percent = (score: number): string => `${Math.round(score * 100)}%`;
