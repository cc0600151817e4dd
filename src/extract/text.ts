/** Text normalization shared by extraction, schemas and binding. */

const SECTION_NUMBER = /^\s*(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+)\s+/;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A heading or label's comparison key: case-, whitespace- and punctuation-
 * insensitive; `&` reads as "and"; a leading section number ("2.1 ") is dropped.
 */
export function normalizeKey(text: string): string {
  // NFKC leaves ASCII as it is: skip it for the common case.
  return (ASCII.test(text) ? text : text.normalize('NFKC'))
    .replace(SECTION_NUMBER, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key of a table column whose header has no words (empty, `#`): `column 1`, `column 2`, ... */
export const unnamedColumn = (index: number): string => `column ${index + 1}`;

/**
 * The key with parenthetical remarks removed: "Tech Stack (from manifest.md)" -> "tech stack";
 * full-width parentheses too (NFKC first): "技術的背景（任意）" -> "技術的背景".
 */
export function looseKey(text: string): string {
  return normalizeKey((ASCII.test(text) ? text : text.normalize('NFKC')).replace(/\([^()]*\)/g, ' '));
}

/**
 * The loose key with a plural last word made singular, so that "Author:"
 * fills "Authors:" and "Reviewers:" fills "Reviewer:" ("Status", "Address",
 * "Analysis" are not plurals and stay as they are).
 */
export function singularKey(text: string): string {
  return looseKey(text).replace(/(\p{L}{2,}?[^isu\s])s$/u, '$1');
}

/** Words that make up a template's list of choices ("Low/Med/High", "Draft | In Review | Approved"). */
const CHOICE_WORDS = new Set(
  [
    'yes', 'no', 'y', 'n', 'true', 'false', 'on', 'off', 'none',
    'low', 'med', 'medium', 'high', 'critical', 'minor', 'major', 'blocker',
    'draft', 'in review', 'review', 'approved', 'rejected', 'accepted', 'proposed', 'deprecated',
    'superseded', 'implemented', 'withdrawn', 'final', 'active', 'inactive',
    'complete', 'completed', 'done', 'in progress', 'not started', 'pending', 'blocked', 'open', 'closed',
    'get', 'post', 'put', 'delete', 'patch', 'head', 'options',
    'required', 'optional', 'enabled', 'disabled', 'must', 'should', 'could', "won't", 'wont',
    'p0', 'p1', 'p2', 'p3', 'p4', 'debug', 'info', 'warn', 'warning', 'error', 'fatal',
    'alpha', 'beta', 'ga', 'stable', 'gradual', 'instant', 'public', 'private', 'internal',
  ],
);

/** Split a value into alternatives when it is written `A | B | C`, `A / B` or `A/B/C`. */
export function splitAlternatives(value: string): string[] | null {
  const v = stripInlineMarkup(value).trim();
  if (!/[|/]/.test(v)) return null;
  const parts = v.split(/\s*[|/]\s*/).map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '')) return null;
  return parts;
}

/**
 * True when `value` is still a list of choices: every alternative is a known
 * choice word (or one of `extra`). Fixed wording with a slash
 * ("Authentication/Authorization") is not a choice list.
 */
export function isChoiceList(value: string, extra?: ReadonlySet<string>): boolean {
  const parts = splitAlternatives(value);
  if (!parts) return false;
  return parts.every((p) => {
    const k = p.toLowerCase().replace(/\s+/g, ' ');
    return CHOICE_WORDS.has(k) || (extra?.has(k) ?? false);
  });
}

/** Remove emphasis, strong and code markers around a short value. */
export function stripInlineMarkup(value: string): string {
  return value
    .replace(/^[\s*_`]+|[\s*_`\\]+$/g, '')
    .replace(/\*\*|__|`/g, '')
    .trim();
}

/** Collapse whitespace. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A choice list's identity: its alternatives, normalized and sorted ("low|med|high"). */
export function choiceKey(value: string): string {
  return (splitAlternatives(value) ?? []).map((p) => p.toLowerCase().replace(/\s+/g, ' ')).sort().join('|');
}

/**
 * Choice lists that are left-over template choices in any plan (SPEC.md's
 * examples). Other lists count only when the plan's template has them.
 */
export const CLASSIC_CHOICES: ReadonlySet<string> = new Set(
  [
    'Yes/No', 'Y/N', 'True/False', 'On/Off', 'Enabled/Disabled',
    'Low/Med/High', 'Low/Medium/High', 'Low/Medium/High/Critical', 'Low/Med/High/Critical',
    'Draft/In Review/Approved', 'Draft/Approved', 'Must/Should/Could', 'Required/Optional',
    'Not Started/In Progress/Complete', 'Not Started/In Progress/Done', 'Todo/In Progress/Done',
  ].map(choiceKey),
);

/**
 * The alternatives a template offers for a field or cell value, for
 * generated schemas: a classic choice list (`Low/Med/High`), or values
 * written `A | B | C` or `A / B / C` (spaces around the slash). Values with
 * placeholders in them, and long wording, are not alternatives; a bare slash
 * between words ("Authentication/Authorization") is not either.
 */
export function templateAlternatives(value: string): string[] | null {
  if (isChoiceList(value)) return splitAlternatives(value);
  const v = stripInlineMarkup(value).trim();
  if (!v || /[[\]{}<>`]/.test(v)) return null;
  let parts: string[];
  if (v.includes('|')) parts = v.split(/\s*\|\s*/);
  else if (/\s\/\s/.test(v)) parts = v.split(/\s+\/\s+/);
  else return null;
  parts = parts.map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '' || p.split(/\s+/).length > 4)) return null;
  return parts;
}
