import type { RootContent } from 'mdast';
import type { GenContext, OutlineNode } from './context.js';

/**
 * Pass: skeletons. The template's own body of each section (`x-skeleton`),
 * which `--fix` inserts for a missing section: its guidance comments, the
 * blocks that hold placeholders (the lines a plan author fills in), and its
 * tables cut to the header, the delimiter row and one empty row. Fixed prose
 * of the template is left out (copied, it would read as the plan's own text),
 * and so are subsections: each has a skeleton of its own.
 */
export function skeletonPass(ctx: GenContext): void {
  const visit = (nodes: OutlineNode[]): void =>
    nodes.forEach((n) => {
      n.skeleton = sectionSkeleton(ctx, n);
      visit(n.children);
    });
  visit(ctx.sections);
}

const offsets = (node: RootContent): [number, number] => [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];

function sectionSkeleton(ctx: GenContext, n: OutlineNode): string {
  const { start, end } = n.section.ownSpan;
  const text = ctx.text;
  const blocks: string[] = [];
  for (const node of ctx.src.tree.children) {
    const [a, b] = offsets(node);
    if (a < start || b > end) continue;
    // From the start of the block's first line (its indentation kept), in LF form.
    let from = a;
    while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
    const raw = text.slice(from, b).replace(/\r\n?/g, '\n');
    if (node.type === 'html') {
      if (/^\s*<!--/.test(raw)) blocks.push(raw);
    } else if (node.type === 'table') {
      const [header, delimiter] = raw.split('\n');
      if (header === undefined || delimiter === undefined) continue;
      const cells = node.children[0]?.children.length ?? 0;
      blocks.push(`${header}\n${delimiter}\n|${'  |'.repeat(cells)}`);
    } else if (node.type !== 'heading' && node.type !== 'thematicBreak' && node.type !== 'yaml') {
      if (ctx.placeholders.some((p) => p.span.start >= a && p.span.end <= b)) blocks.push(raw);
    }
  }
  return blocks.join('\n\n');
}
