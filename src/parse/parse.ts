import type { Root } from 'mdast';
import type { Extension } from 'micromark-util-types';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmSyntaxFor } from './gfm-syntax.js';
import { LineIndex } from './line-index.js';
import { nestFences } from './nested-fences.js';

export interface ParsedSource {
  /** The text that was parsed: BOM removed, otherwise exactly the file. */
  text: string;
  tree: Root;
  lines: LineIndex;
}

/**
 * unified + remark-parse + remark-frontmatter (YAML) + GitHub Flavored
 * Markdown as remark-gfm parses it (micromark's gfm syntax, mdast-util-gfm's
 * nodes), less two things:
 *
 * - remark-gfm's tree transform that looks for bare URLs and e-mail
 *   addresses in every text node after the parse (four regular expressions,
 *   four walks of the tree; measured at ~7% of a plan's parse). The literal
 *   autolinks micromark's gfm syntax finds itself stay links, with their
 *   positions. What the transform adds are `link` nodes without positions
 *   (and text nodes split around them, also without positions): nothing here
 *   reads them, since the extractors find masked spans by node positions
 *   (src/extract/document.ts, placeholders.ts), and the text of a paragraph
 *   or cell is the same with or without them.
 * - GFM constructs that cannot match in the document (gfm-syntax.ts): the
 *   tree is the same, the parse does less. The syntax is chosen per
 *   document, so the plugin gives remark-parse one list of micromark
 *   extensions that `parseTree` refills before each (synchronous) parse.
 */
let documentSyntax: { list: Extension[]; base: number } | undefined;

function gfmForDocument(this: Processor): void {
  const data = this.data();
  const list = (data.micromarkExtensions ??= []) as Extension[];
  documentSyntax = { list, base: list.length };
  (data.fromMarkdownExtensions ??= []).push([
    { ...gfmAutolinkLiteralFromMarkdown(), transforms: [] },
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ]);
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmForDocument).freeze();

function parseTree(text: string): Root {
  const syntax = documentSyntax!;
  syntax.list.length = syntax.base;
  syntax.list.push(...gfmSyntaxFor(text));
  return processor.runSync(processor.parse(text)) as Root;
}

/** Remove a leading BOM; everything else (CRLF included) is parsed as it is. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseMarkdown(input: string): ParsedSource {
  const text = stripBom(input);
  // Nested code fences read as their author meant them (see nested-fences.ts); positions are the text's own.
  const tree = nestFences(text, parseTree(text), parseTree);
  return { text, tree, lines: new LineIndex(text) };
}
