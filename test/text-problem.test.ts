/**
 * The nesting check that runs before parsing (src/read.ts textProblem): YAML
 * frontmatter is not Markdown, so its lines never count as nesting; the
 * Markdown after it is checked as before, with its own line numbers.
 */
import { describe, expect, it } from 'vitest';
import { frontmatterEnd, textProblem } from '../src/read.js';
import { lintText } from '../src/index.js';

const deepList = `matrix:\n  ${'- '.repeat(101)}x`;
const deepFlow = `nested: ${'['.repeat(101)}x${']'.repeat(101)}`;
const body = '# Plan\n\n## Goals\n\nShip it.\n';

describe('textProblem and YAML frontmatter', () => {
  it('skips the frontmatter: YAML sequences nested 101 deep on one line, and flow collections 101 deep, are no Markdown nesting', () => {
    expect(textProblem(`---\n${deepList}\n${deepFlow}\n---\n${body}`)).toBeNull();
    // CRLF, blanks after the fences, a BOM, a frontmatter that ends the file.
    expect(textProblem(`\ufeff---  \r\n${deepFlow}\r\n---\t\r\n${body}`)).toBeNull();
    expect(textProblem(`---\n${deepFlow}\n---`)).toBeNull();
  });

  it('checks the same lines where they are Markdown, counting the frontmatter lines', () => {
    expect(textProblem(`${body}\n${deepFlow}\n`)).toBe('Inline nesting deeper than 100 levels (emphasis, links, images) at line 7; not linted');
    expect(textProblem(`---\ntitle: x\n---\n${body}\n${'- '.repeat(101)}x\n`)).toBe('Nesting deeper than 100 levels (block quotes and lists) at line 10; not linted');
  });

  it('is frontmatter only as the parser reads it: "---" on the first line, closed by a line "---"', () => {
    expect(frontmatterEnd('---\na: 1\n---\nrest')).toEqual({ next: 13, lines: 3 });
    expect(frontmatterEnd('---\r\na: 1\r\n---')).toEqual({ next: 15, lines: 3 });
    // Not on the first line, never closed, a fence with text after it, a longer fence: Markdown, and checked.
    for (const text of [`\n---\n${deepFlow}\n---\n`, `---\n${deepFlow}\n`, `---x\n${deepFlow}\n---\n`, `----\n${deepFlow}\n----\n`, `---\n${deepFlow}\n--- x\n`]) {
      expect(textProblem(text), JSON.stringify(text.slice(0, 12))).toMatch(/^Inline nesting deeper than 100 levels/);
    }
    expect(frontmatterEnd('---')).toBeNull();
    expect(frontmatterEnd('---\n')).toBeNull();
    expect(frontmatterEnd('')).toBeNull();
  });

  it('a plan with YAML nested 10,000 deep in its frontmatter is linted: the frontmatter is a finding, not a crash', () => {
    const plan = `---\nnested: ${'['.repeat(10_000)}x${']'.repeat(10_000)}\n---\n# Plan: [Name]\n`;
    const r = lintText(plan, 'plan.md', { schema: 'rfc' });
    expect(r.fatalErrorCount).toBe(0);
    const front = r.messages.filter((m) => m.ruleId === 'frontmatter').map((m) => m.message);
    expect(front).toEqual(['Frontmatter is not valid YAML: nested too deeply (line 2)']);
    expect(r.messages.some((m) => m.message === 'Unfilled placeholder "[Name]"')).toBe(true);
  });
});
