import { normalizeKey } from '../extract/text.js';

/**
 * Template sample text: short lines the template fills with numbered or
 * lettered stand-ins ("Goal 1", "Pro 2", "- [ ] Task 1", "| Library A | ^1.0.0 | Purpose |",
 * "Module X must be completed first"). A plan line identical to one of them was
 * left unchanged from the template (rule `unchanged-template`).
 */
const STAND_IN = /\b[A-Z][a-z]+ (?:[A-Z]|\d{1,2})\b(?![-.:/]\d)/;

/** The numbered or lettered names ("Phase 0", "Article V") a text holds, in order, with their offsets: the stand-ins of isSampleText. */
export function standInNames(text: string): RegExpMatchArray[] {
  return [...text.matchAll(new RegExp(STAND_IN.source, 'g'))];
}

export function isSampleText(text: string): boolean {
  return text.split(/\s+/).length <= 12 && STAND_IN.test(text) && !isFixedWording(text);
}

/**
 * A sample row of a template table: a cell names its row as an example
 * (`| Example metric | 10% | 20% |`, `| Sample endpoint | GET /x |`). The
 * template cannot know the plan's rows; a plan that keeps this one as written
 * has left the template's sample in. A cell that is the word alone
 * (`| Example | ... |`) is a label, and a measure (`Sample size`) a name, not a sample.
 */
export function isSampleRow(cells: readonly string[]): boolean {
  // "Sample size", "sample rate" are measures a plan keeps, not samples.
  return cells.some((c) => /^(?:an?\s+)?(?:example|sample)\s+(?!(?:size|rate|period|interval)s?\b)\p{L}/iu.test(c.replace(/^[*_`\s]+/, '')));
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

/** Verbs a template's instructions to the author start with ("Describe ...", "List ...", "Explain why ..."). */
const INSTRUCTION_VERB =
  'describe|explain|list|provide|include|add|write|summari[sz]e|specify|identify|outline|enumerate|fill in|fill out|replace|remove|delete|mention|define|detail|insert|answer|discuss|clarify|justify|elaborate|capture|indicate|make a list|make sure|use this|feel free';

/** A sentence that starts (after an optional short lead clause: "For Alpha, ") with an instruction verb. */
const IMPERATIVE = new RegExp(`(?:^|[.!?:]\\s+)(?:[^,.!?:]{1,40},\\s+)?(?:${INSTRUCTION_VERB})\\b(?![:*])\\s+\\S`, 'i');
/** The template speaking of itself ("This section should ...", "this question", "this template"). */
const SELF_REFERENCE = /\bthis (?:section|question|questionnaire|template|table)\b/i;

/**
 * Instruction prose of a template: guidance to the author written as text
 * ("Describe manual testing that was done and the outcomes.", "This question
 * should be filled when targeting a release."): a sentence of five words or
 * more that starts with an instruction verb or in which the template speaks
 * of itself. A plan that still holds it has kept the template's guidance (a
 * warning, like a guidance comment). A label (`**Purpose**: ...`), a gate line
 * or a checklist item is fixed wording: it starts with no instruction verb.
 */
export function isInstructionText(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 5 || isSampleText(text)) return false;
  const plain = text.replace(/^[\s*_>]+/, '');
  return IMPERATIVE.test(plain) || SELF_REFERENCE.test(plain);
}
