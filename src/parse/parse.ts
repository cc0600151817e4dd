import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { LineIndex } from './line-index.js';

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
  const tree = processor.runSync(processor.parse(text)) as Root;
  return { text, tree, lines: new LineIndex(text) };
}
