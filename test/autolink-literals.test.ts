import { describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import { extract, parseMarkdown } from '../src/index.js';

/** Every node of the tree, depth first. */
function nodes(n: Nodes, out: Nodes[] = []): Nodes[] {
  out.push(n);
  if ('children' in n) for (const c of n.children) nodes(c as Nodes, out);
  return out;
}

describe('bare URLs and e-mail addresses (GFM literal autolinks)', () => {
  it('stay links, with exact positions, where the gfm syntax finds them', () => {
    const md = 'See https://example.com/XXX now, www.example.org/TODO.\n\nMail "ops@example.com" (x:https://example.net/a)\n';
    const links = nodes(parseMarkdown(md).tree).filter((n) => n.type === 'link');
    expect(links.map((l) => [l.type === 'link' ? l.url : '', md.slice(l.position?.start.offset, l.position?.end.offset)])).toEqual([
      ['https://example.com/XXX', 'https://example.com/XXX'],
      ['http://www.example.org/TODO', 'www.example.org/TODO'],
      ['mailto:ops@example.com', 'ops@example.com'],
      ['https://example.net/a', 'https://example.net/a'],
    ]);
    // A link is not prose: the masks in its URL are not placeholders.
    expect(extract(parseMarkdown(md)).placeholders).toEqual([]);
  });

  it('leave no node without a position (no after-parse transform splits text nodes)', () => {
    // URLs the syntax does not take for links (after a bracket): remark-gfm's
    // tree transform made position-less links of them; they are text here.
    const md = 'See the [Guide)(http://example.com/doc) and {"images":["https://example.com/a:1","https://example.com/b"]}\n\n| A | B |\n|---|---|\n| x ["https://example.com/c"] | y |\n';
    const all = nodes(parseMarkdown(md).tree);
    expect(all.filter((n) => !n.position)).toEqual([]);
    expect(all.filter((n) => n.type === 'link')).toEqual([]);
    const text = all.filter((n) => n.type === 'text').map((n) => (n.type === 'text' ? n.value : ''));
    expect(text.join('|')).toContain('https://example.com/a:1","https://example.com/b');
    const cell = extract(parseMarkdown(md)).tables[0]?.rows[0]?.cells[0];
    expect(cell && md.slice(cell.span.start, cell.span.end)).toBe('x ["https://example.com/c"]');
  });
});
