import { describe, expect, it } from 'vitest';
import { extract, parseMarkdown, lintText } from '../src/index.js';

const doc = (md: string) => extract(parseMarkdown(md));

describe('extract', () => {
  it('reads title, fields in both spellings, and the section tree', () => {
    const d = doc('# Plan: Export\n\n**Status:** Draft  \n**Owner**: Ana\n\n## Goals\n\nShip it.\n\n### Stretch\n\nMore.\n\n## Risks\n');
    expect(d.title?.text).toBe('Plan: Export');
    expect(d.fields.map((f) => [f.label, f.value, f.section])).toEqual([
      ['Status', 'Draft', null],
      ['Owner', 'Ana', null],
    ]);
    expect(d.sections.map((s) => [s.text, s.depth, s.parent, s.children, s.hasContent])).toEqual([
      ['Plan: Export', 1, null, [1, 3], true],
      ['Goals', 2, 0, [2], true],
      ['Stretch', 3, 1, [], true],
      ['Risks', 2, 0, [], false],
    ]);
  });

  it('reads tables with cells and exact cell spans', () => {
    const src = parseMarkdown('| Risk | Impact |\n|---|---|\n| Outage | High |\n| Drift |  |\n');
    const d = extract(src);
    const t = d.tables[0];
    expect(t?.columns.map((c) => c.text)).toEqual(['Risk', 'Impact']);
    expect(t?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Outage', 'High'],
      ['Drift', ''],
    ]);
    const empty = t?.rows[1]?.cells[1];
    expect(empty?.empty).toBe(true);
    expect(empty && src.lines.range(empty.span).line).toBe(4);
  });

  it('collects tasks, code blocks, guidance comments and directives', () => {
    const d = doc('- [ ] a\n- [x] b\n\n```sql\nselect 1;\n```\n\n<!-- fill me in -->\n\n<!-- plan-lint-disable placeholder -->\n');
    expect(d.tasks.map((t) => [t.text, t.checked])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(d.codeBlocks.map((c) => c.lang)).toEqual(['sql']);
    expect(d.comments.map((c) => c.directive?.kind ?? 'guidance')).toEqual(['guidance', 'disable']);
  });

  it('parses YAML frontmatter into plain data', () => {
    const d = doc('---\ntitle: Export\nowner: ana\n---\n# Export\n');
    expect(d.frontmatter?.data).toEqual({ title: 'Export', owner: 'ana' });
  });

  it('is JSON-serializable', () => {
    const d = doc('# T\n\n## A\n\n| x |\n|---|\n| 1 |\n');
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('gives CRLF files the same lines and columns as LF files', () => {
    const lf = '# Technical Plan: X\n\n## Goals\n\nUse [Thing] by YYYY-MM-DD.\n';
    const a = parseMarkdown(lf);
    const b = parseMarkdown(lf.replace(/\n/g, '\r\n'));
    const ra = extract(a).placeholders.map((p) => a.lines.range(p.span));
    const rb = extract(b).placeholders.map((p) => b.lines.range(p.span));
    expect(rb).toEqual(ra);
    expect(ra.length).toBe(2);
  });

  it('accepts a BOM without shifting columns', () => {
    const a = parseMarkdown('# [Name]\n');
    const b = parseMarkdown('\uFEFF# [Name]\n');
    expect(extract(b).placeholders.map((p) => b.lines.range(p.span))).toEqual(extract(a).placeholders.map((p) => a.lines.range(p.span)));
  });

  it('keeps heading text such as __proto__ and constructor away from prototypes', () => {
    // `## __proto__` is Markdown for a bold "proto"; the escaped form keeps the underscores.
    const md = '# Technical Plan: X\n\n## __proto__\n\ntext\n\n## \\_\\_proto\\_\\_\n\ntext\n\n## constructor\n\ntext\n\n## toString\n\ntext\n';
    const d = doc(md);
    expect(d.sections.map((s) => s.text)).toEqual(['Technical Plan: X', 'proto', '__proto__', 'constructor', 'toString']);
    const r = lintText(md, 'proto.md', { schema: 'rfc' });
    expect(r.fatalErrorCount).toBe(0);
    expect(r.messages.some((m) => m.ruleId === 'required-section')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('heading');
  });
});

describe('PlanDocument JSON Schema', () => {
  it('describes what extract() returns, for every fixture', async () => {
    const { readdirSync } = await import('node:fs');
    const { createAjv } = await import('../src/schema/ajv.js');
    const { ROOT, read } = await import('./helpers.js');
    const validate = createAjv().compile(JSON.parse(read(`${ROOT}schemas/plan-document.schema.json`)) as object);
    const files: string[] = [];
    for (const t of readdirSync(`${ROOT}fixtures`)) {
      for (const kind of ['valid', 'invalid']) {
        try {
          for (const f of readdirSync(`${ROOT}fixtures/${t}/${kind}`)) if (f.endsWith('.md')) files.push(`${ROOT}fixtures/${t}/${kind}/${f}`);
        } catch {
          /* no such folder */
        }
      }
    }
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const d = extract(parseMarkdown(read(f)));
      expect(validate(JSON.parse(JSON.stringify(d))), `${f}: ${JSON.stringify(validate.errors?.[0])}`).toBe(true);
    }
  });
});
