import type { PlanDocument, Section } from '../../extract/document.js';
import { squash } from '../../extract/text.js';
import type { GenContext, OutlineNode } from './context.js';
import { headingSource } from './headings.js';

/**
 * The plan's title and the template's own header. Which heading of a
 * template is the slot for the plan's title, which headings are about the
 * template itself (its file header, a "How to use this template" part, an
 * appendix "not part of the proposal") and so are not required in plans.
 */

/** Words that show a title is the template's stand-in for the plan's own title. */
const TITLE_WORDS = /\b(?:title|name|feature name|your|replace|insert|templates?)\b/i;

/** Whether a heading's words name the plan's title ("Your Proposal Title", "_name of the proposal_"), emphasis aside. */
export function namesTitle(written: string): boolean {
  return TITLE_WORDS.test(written.replace(/[_*~`]+/g, ' '));
}

/**
 * Instruction words that say what the title should be rather than being one:
 * "Short noun phrase naming the decision", "A one-line summary of the change",
 * "Concise name for the feature".
 */
const DESCRIBES_TITLE =
  /\b(?:(?:short|brief|concise|descriptive|one[- ]line|meaningful|clear|catchy)\b[^:]{0,40}\b(?:title|name|phrase|summary|description|sentence|headline)s?|noun phrase|(?:naming|describing|summari[sz]ing) (?:the|this|your|it)|that (?:names|describes|summari[sz]es) (?:the|this|your|it))\b/i;

/**
 * Whether a part of the template's title ("Short noun phrase naming the
 * decision", "_name of the proposal_") stands for the plan's own words: it
 * names or describes the title, or it is written wholly in emphasis (an
 * instruction set off from the fixed words: `Proposal: _the proposal_`).
 */
export function standsForTitle(part: string): boolean {
  const t = part.trim().replace(/^[\s.,;:\u2013\u2014-]+|[\s.,;:\u2013\u2014-]+$/g, '');
  if (!t) return false;
  if (namesTitle(t) || DESCRIBES_TITLE.test(t.replace(/[_*~`]+/g, ' '))) return true;
  return /^(?:\*[^*\n]+\*|_[^_\n]+_|\*\*[^*\n]+\*\*|__[^_\n]+__)$/.test(t);
}

/** Words that name a document's name: the head of a generic stand-in ("Title", "Feature name", "Template"). */
const NAMING = /^(?:title|name|template|heading|headline|subject)s?$/;
/**
 * Words a generic stand-in for a document's name is made of besides its
 * naming word: addressing and describing words ("your short, descriptive"),
 * the kind of document or thing being named ("proposal", "feature",
 * "project"). A part with any other word ("Name Resolution", "Template
 * engine") says something of its own.
 */
const GENERIC = new Set(
  (
    'a an the this your my our of for here goes go to be with in on ' +
    'short shorter brief concise descriptive meaningful clear catchy awesome good great working one line new ' +
    'document doc proposal feature project rfc kep tep otep cfp adr decision design change spec specification plan idea enhancement ' +
    'initiative component service product system epic story incident task module api library'
  ).split(' '),
);

/**
 * Whether a stand-in part of the template's title is generic: it stands
 * for a document's name and says nothing a plan would keep as its own.
 * "Template", "Title", "Your short, descriptive title", "Feature name",
 * "Short noun phrase naming the decision" (an instruction) and a part wholly
 * in emphasis are; "Name Resolution Design" (which standsForTitle takes for
 * its word "name") is not. A plan's title that keeps a generic stand-in
 * beside the parts it filled (`# CFP-37315: Template`) has not been named.
 */
export function isGenericStandIn(part: string): boolean {
  if (!standsForTitle(part)) return false;
  const t = part.trim().replace(/^[\s.,;:\u2013\u2014-]+|[\s.,;:\u2013\u2014-]+$/g, '');
  if (DESCRIBES_TITLE.test(t.replace(/[_*~`]+/g, ' ')) || /^(?:\*[^*\n]+\*|_[^_\n]+_|\*\*[^*\n]+\*\*|__[^_\n]+__)$/.test(t)) return true;
  const words = t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.some((w) => NAMING.test(w)) && words.every((w) => NAMING.test(w) || GENERIC.has(w));
}

/** A heading that names the template itself: "# Template", "# Proposal template for new API". */
const NAMES_TEMPLATE = /\btemplates?\b/i;

/**
 * Guidance about the template itself, for its authors, not a part of plans:
 * a heading "How to use this template", or a section whose opening words say
 * it is not part of the document or is to be deleted before submitting.
 */
const META_HEADING = /\b(?:how to (?:use|fill(?: in| out)?|read) (?:this|the) template|(?:about|using) this template|template (?:instructions|guidance|usage))\b/i;
const META_OPENING = new RegExp(
  [
    '(?:is|are) not (?:a )?part of (?:the|this|your) (?:proposal|plan|document|design|rfc|spec(?:ification)?|enhancement|kep|doc)',
    '(?:delete|remove) (?:this|these) (?:section|sections|part|appendix|instructions)(?: \\w+){0,3} before (?:submitting|merging|publishing|opening)',
    '(?:do not|don\\u2019t|don\'t) (?:copy|include) (?:this|these) (?:section|sections|part|appendix|questions) (?:in|into) (?:the|your)',
  ].join('|'),
  'i',
);

export interface TitleSlot {
  /** The heading that holds the plan's title, if the template has one. */
  titleSec: Section | undefined;
  /** The heading of the template's own file header ("# Template") dropped in favour of the slot below it. */
  header: Section | undefined;
  /** The first H1 is an ordinary section of a run of H1 sections, not a title ("# Summary", "# Motivation", ...). */
  firstIsSection: boolean;
  /** Indices of the sections at the top level of the plan, in order. */
  top: number[];
}

/**
 * Find the title slot of a template:
 * - a first heading that names the template ("# Template") followed by a
 *   heading that stands for the plan's title ("# Title", "## Your Proposal
 *   Title"): the first is the template's own header, the second the slot;
 * - otherwise the H1 title, as the extractor found it, unless it opens a run
 *   of H1 sections without any `##` under it ("# Summary", "# Motivation",
 *   "# Drawbacks"): then the template has no title and that H1 is a section.
 */
export function titleSlot(doc: PlanDocument, text: string): TitleSlot {
  const secs = doc.sections;
  const roots = (except: Section[]): number[] => secs.filter((s) => s.parent === null && !except.includes(s)).map((s) => s.index);
  const first = secs[0];
  const next = secs[1];
  if (first && next && first.depth <= next.depth && NAMES_TEMPLATE.test(headingSource(text, first)) && namesTitle(headingSource(text, next)) && next.depth <= 2) {
    // The slot's own subsections, then the header's other subsections, then the other root sections.
    const underHeader = first.children.filter((i) => i !== next.index);
    const top = [...next.children, ...underHeader, ...roots([first, next])];
    return { titleSec: next, header: first, firstIsSection: false, top: [...new Set(top)].sort((a, b) => a - b) };
  }
  const titleSec = doc.title ? secs.find((s) => s.span.start === doc.title?.span.start) : undefined;
  if (titleSec && isSectionRun(doc, text, titleSec)) {
    return { titleSec, header: undefined, firstIsSection: true, top: roots([]) };
  }
  return { titleSec, header: undefined, firstIsSection: false, top: titleSec ? [...titleSec.children, ...roots([titleSec])] : roots([]) };
}

/** The first H1 opens a run of H1 sections: literal, nothing under it, and at least two more H1 sections follow. */
function isSectionRun(doc: PlanDocument, text: string, title: Section): boolean {
  if (title.children.length) return false;
  const written = headingSource(text, title);
  if (namesTitle(written) || doc.placeholders.some((p) => p.span.start >= title.span.start && p.span.end <= title.span.end)) return false;
  const laterH1 = doc.sections.filter((s) => s.depth === 1 && s.index > title.index);
  return laterH1.length >= 2;
}

/** Whether a section is about the template itself, not a part of plans. */
export function isMeta(text: string, s: Section): boolean {
  if (META_HEADING.test(headingSource(text, s))) return true;
  const opening = squash(text.slice(s.ownSpan.start, Math.min(s.ownSpan.end, s.ownSpan.start + 300)));
  return META_OPENING.test(opening);
}

/** Pass: drop the sections about the template itself (with everything under them) from the outline. */
export function metaPass(ctx: GenContext): void {
  const keep = (nodes: OutlineNode[]): OutlineNode[] =>
    nodes
      .filter((n) => !isMeta(ctx.text, n.section))
      .map((n) => {
        n.children = keep(n.children);
        return n;
      });
  ctx.sections = keep(ctx.sections);
}
