import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/index.js';
import { emailStarts, gfmSyntaxFor } from '../src/parse/gfm-syntax.js';
import { nestFences } from '../src/parse/nested-fences.js';

/**
 * The reference: the parse as it was made before gfm-syntax.ts, unified +
 * remark-parse + remark-frontmatter + the whole GFM syntax
 * (micromark-extension-gfm), without remark-gfm's autolink transform.
 */
function wholeGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfm());
  (data.fromMarkdownExtensions ??= []).push([
    { ...gfmAutolinkLiteralFromMarkdown(), transforms: [] },
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ]);
}
const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(wholeGfm);
const referenceParse = (t: string): Root => reference.runSync(reference.parse(t)) as Root;

/** Byte for byte: the JSON of the tree (every key, in order, with every position). */
function expectSameTree(text: string): void {
  const want = JSON.stringify(nestFences(text, referenceParse(text), referenceParse));
  const got = JSON.stringify(parseMarkdown(text).tree);
  expect(got).toBe(want);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdownFiles(p) : n.endsWith('.md') ? [p] : [];
  });
}

/** Shapes where a construct left out, or tried at fewer places, could have mattered. */
const CASES: Record<string, string> = {
  'one-column tables without a pipe': 'a\n:-\nb\n\nc\n-:\n\nd\n:-:\n',
  'thematic breaks and setext underlines (no table)': 'a\n---\n\nb\n- - -\n\n***\n',
  'a pipe table': '| A | B |\n|---|:-:|\n| x | y@z.io |\n',
  'a pipe in text only': 'a | b\nc\n',
  'e-mail addresses': 'Mail ops@example.com, a.b+c_d-e@x.y.org. Not @handle, not a@b, not x@y.z_ or _x@y.co_ or x.@y.com.\n',
  'e-mail at line starts, after tabs and in containers': 'ops@example.com\n\tq@example.com\n> - \tr@example.com\n>   s@example.co\n1. t@example.org\n',
  'e-mail with CRLF and a BOM-less wide character': 'é ops@example.com\r\nnext ops@example.com 😀x@example.com\r\n',
  'e-mail inside emphasis, links and code': '*a@b.co* [x@y.co](z) `c@d.co` **e@f.co**_g@h.co_ ~~i@j.co~~\n',
  'an @ with no address characters before it': '@@ @x.co a@ @\n',
  'www and protocol literals': 'WWW.Example.com www.x.y/z?a HTTP://A.B https://c.d/e) hTtPs://f.g ftp://h.i http:/j\n',
  'www and http without their prefix elsewhere': 'when where whom here http there\n',
  'task lists and footnotes': '- [ ] a@b.co\n- [x] www.c.d\n\nText[^1].\n\n[^1]: Note http://e.f\n',
  'frontmatter': '---\ntitle: a@b.co | x\n---\n\n# T\n',
  'nested fences': '```markdown\n# T\n```bash\nx@y.co\n```\n| a |\n```\n',
};

describe('GFM syntax chosen per document (src/parse/gfm-syntax.ts)', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`gives the tree of the whole GFM syntax: ${name}`, () => expectSameTree(text));
  }

  it('gives the tree of the whole GFM syntax on every fixture plan and template', () => {
    const files = markdownFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expectSameTree(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
  });

  it('leaves out the table without a | or a :- / -:, and the autolink literals without their prefixes', () => {
    const names = (text: string): string[] =>
      gfmSyntaxFor(text).flatMap((e) => [...Object.values(e.flow ?? {}), ...Object.values(e.text ?? {})].flat().map((c) => (c && c.name) || ''));
    expect(names('# Plan\n\n- Item\n\nText\n')).not.toContain('table');
    expect(names('# Plan\n\n- Item\n\nText\n')).not.toContain('emailAutolink');
    expect(names('a | b')).toContain('table');
    expect(names('a\n:-')).toContain('table');
    expect(names('see www.x.org')).toContain('wwwAutolink');
    expect(names('see www.x.org')).not.toContain('protocolAutolink');
    expect(names('see HTTPS://x')).toContain('protocolAutolink');
    expect(names('mail a@b.co')).toContain('emailAutolink');
  });

  it('marks the offsets where an e-mail address can start: address characters that reach an @', () => {
    expect(emailStarts('no at sign')).toBeNull();
    const text = 'x a.b@c y@ @z';
    const marks = emailStarts(text);
    expect([...text].filter((_, i) => marks?.[i] === 1).join('')).toBe('a.by');
  });
});
