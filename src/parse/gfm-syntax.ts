import type { Code, Construct, ConstructRecord, Extension, TokenizeContext } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

/**
 * micromark's GFM syntax (what micromark-extension-gfm combines), chosen for
 * one document: constructs that cannot match anywhere in it are left out, and
 * the e-mail autolink literal is tried only where an address can start. The
 * tree is the same as with the whole GFM syntax (test/gfm-syntax.test.ts
 * compares them); the parse does less.
 *
 * - A GFM table needs a delimiter row, which holds a `|`, or a `:` beside a
 *   `-` (`:-`, `-:`: a one-column table). Without any of them the table
 *   construct, tried at the start of every flow line, can only fail.
 * - The literal autolinks are text constructs tried at letters and digits:
 *   `www.` (case-insensitive) at `w`, `http:`/`https:` at `h`, and the e-mail
 *   address at *every* word start (it reads the word, then fails when no `@`
 *   follows). Each try also ends the running text token there, and a failed
 *   try is undone. A kind whose prefix the document never holds is left out;
 *   the e-mail construct is kept only at the offsets of a run of address
 *   characters (`A-Z a-z 0-9 + - . _`) that reaches an `@`.
 *
 * Failed tries have no effect on the tree (micromark restores its state and
 * merges adjacent text tokens), so leaving them out changes nothing but the
 * work.
 */

const autolinks: ConstructRecord = gfmAutolinkLiteral().text ?? {};
const always: Extension[] = [gfmFootnote(), gfmStrikethrough()];
const table = gfmTable();
const taskListItem = gfmTaskListItem();

/** A delimiter row needs one of these. */
const TABLE_POSSIBLE = /\||:-|-:/;
const WWW_POSSIBLE = /www\./i;
const PROTOCOL_POSSIBLE = /https?:/i;

/** `A-Z a-z 0-9 + - . _`: what may come before the `@` of an e-mail autolink literal. */
function isAtext(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 45 || c === 46 || c === 95;
}

/**
 * Offsets where an e-mail autolink literal could start: every offset inside a
 * run of address characters that ends at an `@`. Null when the text has no `@`.
 */
export function emailStarts(text: string): Uint8Array | null {
  let at = text.indexOf('@');
  if (at === -1) return null;
  const marks = new Uint8Array(text.length);
  while (at !== -1) {
    let i = at - 1;
    while (i >= 0 && marks[i] === 0 && isAtext(text.charCodeAt(i))) marks[i--] = 1;
    at = text.indexOf('@', at + 1);
  }
  return marks;
}

/** The construct, tried only at the marked offsets (micromark's offsets are the text's UTF-16 offsets). */
function onlyAt(construct: Construct, marks: Uint8Array): Construct {
  const previous = construct.previous;
  return {
    ...construct,
    previous(this: TokenizeContext, code: Code): boolean {
      return marks[this.now().offset] === 1 && (previous === undefined || previous.call(this, code));
    },
  };
}

function autolinkLiterals(text: string): Extension | null {
  const www = WWW_POSSIBLE.test(text);
  const protocol = PROTOCOL_POSSIBLE.test(text);
  const marks = emailStarts(text);
  if (!www && !protocol && !marks) return null;
  const gated = new Map<Construct, Construct>();
  const record: ConstructRecord = {};
  for (const [key, value] of Object.entries(autolinks)) {
    const list = ((Array.isArray(value) ? value : [value]) as Construct[]).flatMap((c): Construct[] => {
      if (c.name === 'wwwAutolink') return www ? [c] : [];
      if (c.name === 'protocolAutolink') return protocol ? [c] : [];
      if (c.name === 'emailAutolink') {
        if (!marks) return [];
        let g = gated.get(c);
        if (!g) gated.set(c, (g = onlyAt(c, marks)));
        return [g];
      }
      return [c];
    });
    if (list.length > 0) record[key] = list;
  }
  return { text: record };
}

/** The GFM syntax extensions for this text, in micromark-extension-gfm's order. */
export function gfmSyntaxFor(text: string): Extension[] {
  const out: Extension[] = [];
  const literals = autolinkLiterals(text);
  if (literals) out.push(literals);
  out.push(...always);
  if (TABLE_POSSIBLE.test(text)) out.push(table);
  out.push(taskListItem);
  return out;
}
