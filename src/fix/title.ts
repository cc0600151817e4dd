/**
 * `required-section` on a plan without any title: insert the template's title
 * line at the top (after the frontmatter), as the template writes it. Its
 * placeholder part (`# [Feature Name] - Implementation Plan`) or stand-in
 * (`# Replace this with your title`) is then reported by `placeholder` or
 * `unchanged-template` until the author names the plan.
 *
 * A title the author wrote that does not follow the template's is title-words.ts's.
 */
import type { RuleContext } from '../rules/types.js';
import type { Finding, Fix } from '../types.js';
import { eolOf, insertBlock, lineEnd, nextLine } from './edits.js';

export function titleFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Fix | null {
  const title = ctx.model.title;
  if (f.target?.kind !== 'title' || !title || ctx.doc.title) return null;
  const text = ctx.text;
  const fm = ctx.doc.frontmatter;
  // After the frontmatter's closing line, else at the very top.
  const at = fm ? nextLine(text, lineEnd(text, Math.max(fm.span.start, fm.span.end - 1))) : 0;
  if (fm && at <= fm.span.start) return null;
  return insertBlock(text, Math.min(at, text.length), [`${'#'.repeat(title.heading.depth)} ${title.heading.text}`], eolOf(text));
}
