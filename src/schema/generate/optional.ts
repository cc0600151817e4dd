import type { Section } from '../../extract/document.js';
import { normalizeKey } from '../../extract/text.js';
import type { GenContext, OutlineNode } from './context.js';
import { preorder } from '../tree.js';
import { REMOVE_WHEN } from './headings.js';

/**
 * Pass: optionality the template states outside a heading. A guidance
 * comment just before the heading (`<!-- optional: delete this part if it
 * does not apply -->`), a note that the sections below are optional ("These
 * sections are optional": the section and everything under it), and a prose
 * list of optional sections ("The following sections are optional: Drawbacks,
 * Alternatives") all make those sections optional. The sections under an
 * optional section are optional too.
 */
export function optionalPass(ctx: GenContext): void {
  const all = preorder(ctx.sections);
  for (const n of all) {
    if (commentBefore(ctx, n.section)) n.optional ??= 'a comment before it says it is optional';
    // "These sections are optional" opening a section: it and the sections under it.
    if (n.conditional && SCOPE.test(opening(ctx.text, n.section))) {
      const down = (c: OutlineNode): void => {
        c.optional ??= 'the template says the sections under its parent are optional';
        c.children.forEach(down);
      };
      n.children.forEach(down);
    }
  }
  for (const sentence of optionalSentences(ctx.text)) {
    const words = ` ${normalizeKey(sentence)} `;
    for (const n of all) {
      const key = normalizeKey(n.shape.text);
      if (key.length >= 3 && words.includes(` ${key} `)) n.optional ??= 'the template lists it among the optional sections';
    }
  }
  // An optional part is optional as a whole: a plan that writes it may leave out any of the sections under it.
  const under = (n: OutlineNode, inherited: boolean): void => {
    if (inherited) n.optional ??= 'the section it belongs to is optional';
    const own = inherited || Boolean(n.shape.marker) || n.conditional || Boolean(n.optional);
    n.children.forEach((c) => under(c, own));
  };
  ctx.sections.forEach((n) => under(n, false));
}

/** "These sections are optional": the note covers the sections below it. */
const SCOPE = /\b(?:these|the following|all (?:of )?(?:the )?(?:following|these)) (?:sub)?sections (?:are|may be) optional\b/i;

/**
 * A comment that makes the heading after it optional: it opens with
 * "optional" or "if applicable", calls the part an optional element, invites
 * the writer to remove it ("Feel free to remove"), or says when to delete it
 * ("remove if not applicable", "remove if there are none", "can be omitted").
 */
const OPTIONAL_COMMENT = new RegExp(
  [
    '^[\\s*_(]*(?:optional|if (?:applicable|needed|relevant|any))\\b',
    '\\b(?:the following|the next) (?:section|part|heading) is optional\\b',
    '\\b(?:this is |an? )?optional (?:element|part|section|block|heading|subsection)\\b',
    '\\bfeel free to (?:remove|delete|omit|drop|skip)\\b',
    '\\b(?:delete|remove|omit|skip) (?:this|the following|the next) (?:section|part|heading)s? (?:if|when|unless)\\b',
    '\\bif (?:it|this) (?:does not|doesn\'t) apply\\b',
    REMOVE_WHEN,
  ].join('|'),
  'i',
);

/**
 * Whether a comment just before the heading makes it optional. A comment that
 * opens the section before (right under its heading) is that section's
 * guidance ("This section is optional" under "## Motivation"), not this one's.
 */
function commentBefore(ctx: GenContext, s: Section): boolean {
  const { text } = ctx;
  const c = ctx.doc.comments.find((x) => x.span.end <= s.span.start && /^\s*$/.test(text.slice(x.span.end, s.span.start)));
  if (!c || !OPTIONAL_COMMENT.test(c.text.replace(/^<!--|-->$/g, ''))) return false;
  const prev = ctx.doc.sections[s.index - 1];
  return !prev || !/^\s*$/.test(text.slice(prev.span.end, c.span.start));
}

function opening(text: string, s: Section): string {
  return text.slice(s.ownSpan.start, Math.min(s.ownSpan.end, s.ownSpan.start + 400)).replace(/\s+/g, ' ');
}

/** "Sections X and Y are optional", "X is an optional section", "The following sections are optional:". */
const OPTIONAL_LIST = /\bsections?\b[^.!?]*\b(?:are|is|as) optional\b|\boptional (?:sub)?sections?\b/i;

/**
 * Sentences that say which sections are optional ("Sections X and Y are
 * optional", "The following sections are optional:" and the list after it).
 */
function optionalSentences(text: string): string[] {
  const out: string[] = [];
  // Sentences end at a full stop, a blank line, or a heading; a colon may introduce a list.
  const blocks = text.split(/\n[ \t]*\n|(?=\n#)/);
  blocks.forEach((block, i) => {
    for (const sentence of block.split(/(?<=[.!?])\s+/)) {
      // It must say which sections are optional, not merely mention one ("Optional if ... linked in the motivation section").
      if (!OPTIONAL_LIST.test(sentence)) continue;
      let s = sentence;
      // "... are optional:" followed by a list of the sections.
      const next = blocks[i + 1];
      if (/:\s*$/.test(sentence) && next && /^\s*(?:[-*+]|\d+[.)])\s/.test(next)) s += ` ${next}`;
      out.push(s);
    }
  });
  return out;
}
