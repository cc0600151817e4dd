/**
 * Which template values stand for the plan's own (a plan that keeps them has
 * left the template's value in) and which are values a plan may keep
 * (`Draft`, `true`, `3`, `2024-05-01`, `SPEC-142`, a link or a path).
 */

/**
 * A template value that stands for the plan's own: anything but a few plain
 * words a plan may keep (`Draft`, `Standard Library API proposal`, `N/A`).
 * Masks (`X.XX`, `yyyy-mm-dd`, `SIG-NAME`), instructions in parentheses or
 * addressed to the writer (`your name`, `your-github-handle`, `Title goes
 * here`), example addresses and handles (`alice <alice@example.com>`, `@me`),
 * sample identifiers (`PROJ-123`, `EPIC-000`), conventional sample names
 * (`Jane Doe`) and lists of alternatives are fill-ins.
 */
export function isFillIn(value: string): boolean {
  const v = value.trim().replace(/^([*_]{1,2})(.+)\1$/, '$2').trim();
  if (!v) return false;
  if (/\b(?:y{2,4}|m{1,2}|d{1,2})([-/.])(?:m{1,2}|d{1,2})\1(?:d{1,2}|y{2,4})\b/i.test(v)) return true;
  if (isSampleIdentifier(v) || isSampleName(v) || addressesWriter(v)) return true;
  // Upper case only: a mask or a token (`X.XX`, `SIG-NAME`, `TBD`), except the values that say "none".
  // A digit makes it an identifier the plan keeps (`SPEC-142`, `v2`), not a mask.
  // A move between two named states (`STUB → IMPL`, `OPEN -> CLOSED`) is a value a plan keeps, not a mask.
  if (/^\p{Lu}{2,}(?:\s*(?:\u2192|->|=>)\s*\p{Lu}{2,})+$/u.test(v)) return false;
  if (!/\p{Ll}/u.test(v)) return /\p{Lu}/u.test(v) && !/\p{N}/u.test(v) && !/^(?:N\/?A|NONE)$/i.test(v);
  // A link (`[spec.md](./spec.md)`) or a path may be exactly what a plan keeps; any other value that is not a plain
  // phrase (an instruction, a handle, a bracket, a list of alternatives) is the template's to replace.
  if (/^\[[^\]\n]+\]\([^)\s]+\)$/.test(v) || /^(?:https?:\/\/|\.{0,2}\/)\S+$/.test(v)) return false;
  return !/^[\p{L}][\p{L}\p{N}'’\/ -]{0,40}$/u.test(v) || v.split(/\s+/).length > 5;
}

/**
 * An identifier whose number is a stand-in: all zeros, one digit repeated, or
 * counting up from 1 (`PROJ-123`, `EPIC-000`, `JIRA-1234`, `ABC-999`). A real
 * number (`SPEC-142`, `RFC-7`) is the plan's own.
 */
export function isSampleIdentifier(v: string): boolean {
  const m = /^\p{Lu}[\p{Lu}\p{N}]*[-_ #]?(\d{3,})$/u.exec(v);
  const n = m?.[1];
  return Boolean(n && (/^0+$/.test(n) || /^(\d)\1+$/.test(n) || '1234567890'.startsWith(n)));
}

/** The names documents use for "some person" (`Jane Doe`, `John Smith`, `Name Surname`, `First Last`). */
const SAMPLE_NAMES = /^(?:(?:jane|john|joe|j\.?) (?:doe|smith|bloggs|public)|(?:first(?: ?name)?|given name|name) (?:last(?: ?name)?|surname|family name)|(?:max|erika) mustermann|a\.? ?n\.? other)$/i;

export function isSampleName(v: string): boolean {
  return SAMPLE_NAMES.test(v.replace(/\s+/g, ' '));
}

/** A value that speaks to the writer (`your name`, `your-github-handle`, `Design title goes here`, `Insert the date`). */
export function addressesWriter(v: string): boolean {
  return /\byour\b|\b(?:goes|go) here\b|^(?:insert|enter|replace(?: this)?(?: with)?|fill in|put|write|describe) /i.test(v);
}

/**
 * A list of sample entries: one of them a fill-in, or the same stem numbered
 * (`[reviewer-one, reviewer-two]`, `[name1, name2]`, `[Team A, Team B]`).
 */
export function isSampleList(values: unknown[]): boolean {
  if (!values.length || !values.every((x) => typeof x === 'string' && x.trim() !== '')) return false;
  const items = values as string[];
  if (items.some((x) => isFillIn(x))) return true;
  if (items.length < 2) return false;
  const ordinal = /(?:[-_ ]?\d{1,2}|[-_ ](?:[a-d]|one|two|three|four|five|first|second|third))$/i;
  const stems = items.map((x) => (ordinal.test(x) ? x.replace(ordinal, '').toLowerCase() : null));
  return stems.every((s) => s !== null && s !== '' && s === stems[0]) && new Set(items.map((x) => x.toLowerCase())).size === items.length;
}
