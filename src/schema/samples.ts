import { normalizeKey } from '../extract/text.js';

/**
 * Template sample text: short lines the template fills with numbered or
 * lettered stand-ins ("Goal 1", "Pro 2", "- [ ] Task 1", "| Library A | ^1.0.0 | Purpose |",
 * "Module X must be completed first"). A plan line identical to one of them was
 * left unchanged from the template (rule `unchanged-template`).
 */
const STAND_IN = /\b[A-Z][a-z]+ (?:[A-Z]|\d{1,2})\b(?![-.:/]\d)/;

export function isSampleText(text: string): boolean {
  return text.split(/\s+/).length <= 12 && STAND_IN.test(text);
}

export const sampleKey = (text: string): string => normalizeKey(text);
