/**
 * Nested code fences (src/parse/nested-fences.ts): a fenced block that embeds
 * a Markdown template with its own fenced blocks of the same fence length is
 * one code block for plan-lint, when its nesting balances.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { balancedRegion } from '../src/parse/nested-fences.js';
import { generateSchema } from '../src/schema/generate.js';

const shape = (text: string): string[] =>
  parseMarkdown(text).tree.children.map((n) => `${n.type}:${n.position?.start.line}-${n.position?.end.line}${n.type === 'code' ? `:${n.lang ?? ''}` : ''}`);

const NESTED = [
  '# Plan', //                       1
  '',
  '## Notes',
  '',
  'Each note follows this shape:', // 5
  '',
  '```markdown',
  '# Note: [Name]',
  '',
  '## Install', //                   10
  '```bash',
  '# how to install',
  '```',
  '',
  '## Limits', //                    15
  '[What limits it?]',
  '```',
  '',
  '## Risks',
  '', //                             20
  'Rate limits, at most twice.',
  '',
].join('\n');

describe('nested code fences', () => {
  it('reads a balanced nesting as one code block, its inner fences kept in the value', () => {
    expect(shape(NESTED)).toEqual(['heading:1-1', 'heading:3-3', 'paragraph:5-5', 'code:7-17:markdown', 'heading:19-19', 'paragraph:21-21']);
    const code = parseMarkdown(NESTED).tree.children[3];
    expect(code?.type === 'code' && code.value).toBe(NESTED.split('\n').slice(7, 16).join('\n'));
  });

  it('leaves consecutive code blocks as CommonMark reads them', () => {
    const text = '# P\n\n```bash\nmake\n```\n\n```js\nrun()\n```\n\n```\nplain\n```\n\nAfter.\n';
    expect(shape(text)).toEqual(['heading:1-1', 'code:3-5:bash', 'code:7-9:js', 'code:11-13:', 'paragraph:15-15']);
  });

  it('falls back to CommonMark when an inner level is never closed', () => {
    // ```bash opens a level that nothing closes: the outer block ends where CommonMark ends it.
    const text = '```markdown\n## Inner\n```bash\nls\n```\n\n## Outside\n';
    const before = shape(text);
    expect(before).toEqual(['code:1-5:markdown', 'heading:7-7']);
    expect(balancedRegion(text.split('\n'), 0)).toBeNull();
    // A forgotten closing fence before another block: unbalanced at the end of the document, left alone.
    const forgot = '```bash\nmake\n```python\nrun()\n```\n\nText.\n';
    expect(shape(forgot)).toEqual(['code:1-5:bash', 'paragraph:7-7']);
  });

  it('handles tilde fences, longer fences and several regions', () => {
    const text = [
      '~~~md', '~~~yaml', 'a: 1', '~~~', '~~~', '', '# Middle', '', '```markdown', '```sh', 'x', '```', '```', '', 'End.',
    ].join('\n');
    expect(shape(text)).toEqual(['code:1-5:md', 'heading:7-7', 'code:9-13:markdown', 'paragraph:15-15']);
    // A longer outer fence already nests under CommonMark: nothing to change.
    const four = '````markdown\n```bash\nx\n```\n````\n\nEnd.\n';
    expect(shape(four)).toEqual(['code:1-5:markdown', 'paragraph:7-7']);
  });

  it('keeps CRLF positions exact', () => {
    const text = NESTED.replace(/\n/g, '\r\n');
    expect(shape(text)).toEqual(['heading:1-1', 'heading:3-3', 'paragraph:5-5', 'code:7-17:markdown', 'heading:19-19', 'paragraph:21-21']);
  });
});

describe('nested code fences in linting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-lint-nested-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const template = '# Plan\n\n## Notes\n\n[What the notes say]\n\n## Risks\n\n[The risks]\n';
  const path = join(dir, 'plan.schema.json');
  writeFileSync(path, JSON.stringify(generateSchema(template, { name: 'plan', source: 'plan.template.md', ownStylesOnly: true })));
  const lint = (text: string) => lintText(text, 'plan.md', { schema: path }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`);

  it('finds nothing inside the region, and the section after it is in place', () => {
    expect(lint(NESTED)).toEqual([]);
  });

  it('reports a placeholder after the region at its exact position', () => {
    const text = NESTED.replace('Rate limits, at most twice.', 'Rate limits: [The risks]');
    expect(lint(text)).toEqual(['21:14-21:25 placeholder Unfilled placeholder "[The risks]"']);
  });
});
