/**
 * A bare upper-case `NEEDS CLARIFICATION` (spec-kit's stand-in for a field
 * it could not fill) is a leftover only where it is the value: right after
 * a field label (`**Testing**: NEEDS CLARIFICATION`), or as the whole of a
 * paragraph, list item or table cell, optionally followed by end punctuation
 * or an explanation (`NEEDS CLARIFICATION: Postgres or SQLite?`). Where it is
 * a noun in a sentence (`- [x] All NEEDS CLARIFICATION resolved`,
 * `For each NEEDS CLARIFICATION → research task`) it is template wording
 * kept in a filled plan, not a slot.
 */

/** Line prefixes that are structure, not text: blockquote, list marker, task box, table pipe, emphasis. */
const STRUCTURE = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\|[ \t]*)?[*_]{0,3}[ \t]*$/;
/** A field label ending right before the value: `**Label**:`, `**Label:**`, `Label:` (no sentence after the colon). */
const LABEL = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\|[ \t]*)?[^\n:|]{1,80}[:：][*_]{0,3}[ \t]+[*_]{0,3}$/;
/** What may follow the value on its line: nothing, end punctuation, an explanation after `:`/`-`/`—`/`(`, or a cell's pipe. */
const AFTER = /^[*_]{0,3}[ \t]*(?:[.!?;]?[ \t]*(?:\r?\n|$)|\||[:(—–-])/;

/**
 * Whether the bare marker at `index` (of `length` characters) in `text`
 * stands as a value. `text` is one scanned slice: a paragraph, heading or
 * table cell with code, links and HTML masked out.
 */
export function isClarificationValue(text: string, index: number, length: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(lineStart, index);
  const after = text.slice(index + length, index + length + 80);
  if (!AFTER.test(after)) return false;
  if (LABEL.test(before)) return true;
  // The whole of its block only when it opens the slice (a later line of a
  // paragraph continues a sentence: "Resolve every\nNEEDS CLARIFICATION.").
  return STRUCTURE.test(before) && !/\S/.test(text.slice(0, lineStart));
}
