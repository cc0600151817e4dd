import { normalizeKey } from '../extract/text.js';

/**
 * Template sample text: short lines the template fills with numbered or
 * lettered stand-ins ("Goal 1", "Pro 2", "- [ ] Task 1", "| Library A | ^1.0.0 | Purpose |",
 * "Module X must be completed first"). A plan line identical to one of them was
 * left unchanged from the template (rule `unchanged-template`).
 */
const STAND_IN = /\b[A-Z][a-z]+ (?:[A-Z]|\d{1,2})\b(?![-.:/]\d)/;

export function isSampleText(text: string): boolean {
  return text.split(/\s+/).length <= 12 && STAND_IN.test(text) && !isFixedWording(text);
}

/**
 * Wording a template means to be kept, though it holds a numbered name:
 * instruction prose of two or more sentences (spec-kit's "GATE: Must pass
 * before Phase 0 research. Re-check after Phase 1 design."), or a label whose
 * own words hold the number ("Setup (Phase 1): No dependencies").
 */
function isFixedWording(text: string): boolean {
  if (/[.!?]\s+\S/.test(text.replace(/\b(?:e\.g|i\.e|etc|vs)\./gi, ''))) return true;
  const label = /^([^:|]{1,40}):\s+\S/.exec(text)?.[1];
  return label !== undefined && STAND_IN.test(label);
}

export const sampleKey = (text: string): string => normalizeKey(text);
