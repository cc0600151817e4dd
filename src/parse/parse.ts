import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { LineIndex } from './line-index.js';
import { nestFences } from './nested-fences.js';

export interface ParsedSource {
  /** The text that was parsed: BOM removed, otherwise exactly the file. */
  text: string;
  tree: Root;
  lines: LineIndex;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** Remove a leading BOM; everything else (CRLF included) is parsed as it is. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseMarkdown(input: string): ParsedSource {
  const text = stripBom(input);
  const parse = (t: string): Root => processor.runSync(processor.parse(t)) as Root;
  // Nested code fences read as their author meant them (see nested-fences.ts); positions are the text's own.
  const tree = nestFences(text, parse(text), parse);
  return { text, tree, lines: new LineIndex(text) };
}
