/**
 * Rule `frontmatter`: YAML that does not parse is one finding on the
 * frontmatter's first line, never one `field` finding per template key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { generateSchema } from '../src/schema/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-frontmatter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const template = '---\ntitle: <title>\nauthors:\n  - <name>\nstatus: provisional|implementable|implemented\ncreation-date: yyyy-mm-dd\n---\n\n# <title>\n\n## Summary\n\n<summary>\n';
const schema = join(dir, 'fm.schema.json');
writeFileSync(schema, JSON.stringify(generateSchema(template, { name: 'fm', source: 'template.md' })));

const lint = (plan: string): string[] =>
  lintText(plan, 'p.md', { schema }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`);
const body = '\n# Export\n\n## Summary\n\nMonthly invoice export.\n';

describe('frontmatter', () => {
  it('a complete frontmatter gives nothing', () => {
    expect(lint(`---\ntitle: Export\nauthors:\n  - Ana\nstatus: implementable\ncreation-date: 2026-01-05\n---\n${body}`)).toEqual([]);
  });

  it('YAML that does not parse is one finding on the opening line, not one missing field per key', () => {
    const plan = `---\ntitle: Export\nauthors: [Ana, Bo\nstatus: implementable\ncreation-date: 2026-01-05\n---\n${body}`;
    expect(lint(plan)).toEqual([
      '1:1-1:4 frontmatter Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 4)',
    ]);
  });

  it('the same in a CRLF file', () => {
    const plan = `---\ntitle: Export\nauthors: [Ana, Bo\nstatus: implementable\ncreation-date: 2026-01-05\n---\n${body}`.replace(/\n/g, '\r\n');
    expect(lint(plan)).toEqual([
      '1:1-1:4 frontmatter Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 4)',
    ]);
  });

  it('a frontmatter that is not a mapping is one finding too', () => {
    expect(lint(`---\n- just\n- a list\n---\n${body}`)).toEqual(['1:1-1:4 frontmatter Frontmatter must be a mapping of keys to values (key: value lines)']);
  });

  it('a missing key of a frontmatter that parses is still a field finding', () => {
    expect(lint(`---\ntitle: Export\nauthors:\n  - Ana\nstatus: implementable\n---\n${body}`).map((f) => f.split(' ')[1])).toEqual(['field']);
  });

  it('plans without a template frontmatter get the finding too (built-in schema)', () => {
    const plan = `---\nowner: [Ana\n---\n\n# Technical Plan: Export\n\n## Problem Statement\n\nText.\n`;
    const found = lintText(plan, 'p.md', { schema: 'rfc' }).messages.filter((m) => m.ruleId === 'frontmatter');
    expect(found.map((m) => `${m.line}:${m.column}`)).toEqual(['1:1']);
  });
});

describe('frontmatter field positions', () => {
  const tpl = '---\nstatus: "{draft | accepted}"\ndeciders: "{list everyone involved}"\nreviewers: [reviewer-one, reviewer-two]\nowner: your-handle # who answers questions\nsupersedes:\n---\n\n# {title}\n\n## Context\n\n{context}\n';
  const file = join(dir, 'pos.schema.json');
  writeFileSync(file, JSON.stringify(generateSchema(tpl, { name: 'pos', source: 'template.md' })));
  const lintPos = (plan: string): string[] =>
    lintText(plan, 'p.md', { schema: file }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId}`);
  const rest = '\n# Export\n\n## Context\n\nWhy.\n';

  it('a quoted value put back is reported (by placeholder: the template\'s value left in) on its key line, at the value inside the quotes', () => {
    const plan = `---\nstatus: "{draft | accepted}"\ndeciders: "{list everyone involved}"\nreviewers: [ana, bo]\nowner: ana\nsupersedes: x\n---\n${rest}`;
    expect(lintPos(plan)).toEqual(['2:10-2:28 placeholder', '3:12-3:36 placeholder']);
  });

  it('a flow list put back is reported at the list on its key line', () => {
    const plan = `---\nstatus: accepted\ndeciders: Ana\nreviewers: [reviewer-one, reviewer-two]\nowner: your-handle\nsupersedes: x\n---\n${rest}`;
    expect(lintPos(plan)).toEqual(['4:12-4:40 placeholder', '5:8-5:19 placeholder']);
  });

  it('an empty value is reported on its key line, never at 1:1', () => {
    const plan = `---\nstatus: accepted\ndeciders:\nreviewers: [ana, bo]\nowner: ana\nsupersedes: x\n---\n${rest}`;
    expect(lintPos(plan)).toEqual(['3:1-3:10 field']);
  });
});
