/**
 * Metadata between the title and the first section, on schemas generated from
 * small templates: fields in bullets, in one `|`-separated line, with the value
 * inside the bold label, under a heading right after the title; a value left
 * as the template's; the template's notes and self-description are not fields.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { generateSchema } from '../src/schema/generate.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { extract } from '../src/extract/document.js';
import { isFillIn } from '../src/schema/generate/preamble.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-preamble-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Lint `plan` with the schema generated from `template`: `line:column ruleId message` per finding. */
function lint(template: string, plan: string): string[] {
  const schema = join(dir, `t${++n}.schema.json`);
  writeFileSync(schema, JSON.stringify(generateSchema(template, { name: 't', source: 'template.md' })));
  return lintText(plan, 'p.md', { schema }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
}

const fields = (md: string): string[] => extract(parseMarkdown(md)).fields.filter((f) => f.section === null).map((f) => `${f.label}=${f.value}`);

describe('preamble metadata: reading fields', () => {
  it('reads several bold fields on one line separated by "|"', () => {
    expect(fields('# T\n\n**Branch**: `[###-name]` | **Date**: [DATE] | **Spec**: [link]\n\n## A\n\nx\n')).toEqual(['Branch=[###-name]', 'Date=[DATE]', 'Spec=[link]']);
  });

  it('reads a value written inside the bold label', () => {
    expect(fields('# T\n\n**Begin Design Discussion: 2024-08-28**\n**Authors:** Ann\n\n## A\n\nx\n')).toEqual(['Begin Design Discussion=2024-08-28', 'Authors=Ann']);
  });

  it('reads a block of bold fields that opens the first section below the title', () => {
    expect(fields('# RFC\n\n## A longer subtitle\n\n* **Author:** @me\n* **Issue:** #1\n\nProse.\n\n## Next\n\n* **Owner:** not metadata\n* **Team:** not metadata\n')).toEqual(['Author=@me', 'Issue=#1']);
  });

  it('does not take a section\'s list of plain items or prose first for metadata', () => {
    expect(fields('# RFC\n\n## Goals\n\n- Speed: make it fast\n- Size: make it small\n')).toEqual([]);
    expect(fields('# RFC\n\n## Goals\n\nWe want this.\n\n* **Author:** @me\n* **Issue:** #1\n')).toEqual([]);
    expect(fields('# RFC\n\n## Goals\n\n* **Author:** @me\n* **Issue:** #1\n* and a plain item\n')).toEqual([]);
    // An item with a bold label but no colon belongs to the block; the block's fields are read.
    expect(fields('## RFC title\n\n* **Owners**\n  * Ann\n* **Status:** Draft\n* **Issues:** #1\n')).toEqual(['Status=Draft', 'Issues=#1']);
  });
});

describe('preamble metadata: checking fields', () => {
  const template = '# {TITLE}\n\n* **Author:** @{AUTHOR}\n* **Release:** X.XX\n* **Created:** yyyy-mm-dd\n* **Status:** Draft\n\n## Summary\n\nSay what.\n';

  it('a complete plan has no findings, also with its metadata under a subtitle', () => {
    expect(lint(template, '# Export\n\n* **Author:** @ann\n* **Release:** 1.17\n* **Created:** 2026-01-02\n* **Status:** Draft\n\n## Summary\n\nExports.\n')).toEqual([]);
    expect(lint(template, '# Export\n\n## Invoices as CSV, for finance\n\n* **Author:** @ann\n* **Release:** 1.17\n* **Created:** 2026-01-02\n* **Status:** Draft\n\n## Summary\n\nExports.\n')).toEqual([
      // The subtitle is the plan's own heading; the metadata under it is found.
    ]);
  });

  it('a value left as the template\'s fill-in is a finding (once: a placeholder is the placeholder rule\'s); a plain value the template gives (Draft) is not', () => {
    expect(lint(template, '# Export\n\n* **Author:** @ann\n* **Release:** X.XX\n* **Created:** yyyy-mm-dd\n* **Status:** Draft\n\n## Summary\n\nExports.\n')).toEqual([
      // X.XX is a placeholder style the template uses: one finding, by the placeholder rule.
      '4:16 placeholder Unfilled placeholder "X.XX"',
      '5:16 placeholder Unfilled placeholder "yyyy-mm-dd"',
    ]);
  });

  it('a list of alternatives left whole, in a field or a frontmatter key, is a finding', () => {
    const t = '---\nstatus: provisional|implementable|implemented\nowner: "@someone"\n---\n\n# T\n\n**Stage:** Alpha, Beta, Stable\n\n## Summary\n\nSay what.\n';
    const found = lint(t, '---\nstatus: provisional|implementable|implemented\nowner: "@ann"\n---\n\n# Export\n\n**Stage:** Alpha, Beta, Stable\n\n## Summary\n\nExports.\n');
    // Both are the template's alternatives left unresolved: one finding each, by placeholder (never also a wrong value),
    // whether the placeholder styles find the list ("|") or only the comparison with the template's value finds it (",").
    expect(found.filter((f) => / (field|placeholder) /.test(f))).toEqual([
      '2:9 placeholder Unresolved choice "provisional|implementable|implemented": keep one of the alternatives',
      '8:12 placeholder Field "Stage" still has the template\'s value "Alpha, Beta, Stable"',
    ]);
  });

  it('a value the template wrote for the plan to replace, left in, is a placeholder finding, in a field or a frontmatter key; field reports only what is missing, empty or not allowed', () => {
    const t = '---\ntracking: ["TBD"]\n---\n\n# {TITLE}\n\n**Owner:** alice <alice@example.com>\n**Status:** Draft\n\n## Summary\n\nSay what.\n';
    const kept = lint(t, '---\ntracking: ["TBD"]\n---\n\n# Export\n\n**Owner:** alice <alice@example.com>\n**Status:** Draft\n\n## Summary\n\nExports.\n');
    expect(kept.filter((f) => / (field|placeholder) /.test(f))).toEqual([
      '2:11 placeholder Field "tracking" still has the template\'s value "["TBD"]"',
      '7:12 placeholder Field "Owner" still has the template\'s value "alice <alice@example.com>"',
    ]);
    expect(lint(t, '---\ntracking: ["#12"]\n---\n\n# Export\n\n**Owner:** Ann <ann@corp.example>\n**Status:** Draft\n\n## Summary\n\nExports.\n')).toEqual([]);
    expect(lint(t, '---\ntracking: ["#12"]\n---\n\n# Export\n\n**Owner:**\n**Status:** Draft\n\n## Summary\n\nExports.\n')).toEqual(['7:1 field Field "Owner" is empty']);
  });

  it('--fix inserts a missing field or frontmatter key with the template\'s value: what remains is a placeholder, no field finding', () => {
    const t = '---\ntracking: ["TBD"]\n---\n\n# {TITLE}\n\n**Owner:** alice <alice@example.com>\n**Stage:** Alpha, Beta, Stable\n\n## Summary\n\nSay what.\n';
    const schema = join(dir, `t${++n}.schema.json`);
    writeFileSync(schema, JSON.stringify(generateSchema(t, { name: 't', source: 'template.md' })));
    for (const eol of ['\n', '\r\n']) {
      const plan = '---\ntitle: x\n---\n\n# Export\n\n**Owner:** Ann\n\n## Summary\n\nExports.\n'.replace(/\n/g, eol);
      const before = lintText(plan, 'p.md', { schema }).messages.map((m) => `${m.ruleId}/${m.messageId}`);
      expect(before).toEqual(['field/missing', 'field/missing']);
      const fixed = lintText(plan, 'p.md', { schema, fix: true });
      expect(fixed.output).toBe('---\ntitle: x\ntracking: ["TBD"]\n---\n\n# Export\n\n**Owner:** Ann\n\n**Stage:** Alpha, Beta, Stable\n\n## Summary\n\nExports.\n'.replace(/\n/g, eol));
      expect(lintText(fixed.output ?? '', 'p.md', { schema }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId}`)).toEqual([
        '3:11 placeholder/fieldValue',
        '10:12 placeholder/fieldValue',
      ]);
    }
  });

  it('a value in "|"-separated fields left as the template\'s is found', () => {
    const t = '# Plan: [FEATURE]\n\n**Branch**: `[###-feature-name]` | **Date**: [DATE]\n\n## Summary\n\n[Say what]\n';
    expect(lint(t, '# Plan: Export\n\n**Branch**: `001-export` | **Date**: 2026-01-02\n\n## Summary\n\nExports.\n')).toEqual([]);
    expect(lint(t, '# Plan: Export\n\n**Branch**: `[###-feature-name]` | **Date**: 2026-01-02\n\n## Summary\n\nExports.\n')).toEqual([
      // The template's placeholder in inline code: one finding, by the placeholder rule.
      '3:14 placeholder Unfilled placeholder "[###-feature-name]"',
    ]);
  });

  it('a note of sentences in the preamble and a frontmatter description of the template itself are not fields', () => {
    const t =
      '---\ndescription: "Task list template for feature implementation"\n---\n\n# Tasks: [FEATURE]\n\n**Input**: [documents]\n\n**Tests**: The examples below include test tasks. Tests are optional - only include them if asked.\n\n## Tasks\n\n[tasks]\n';
    expect(lint(t, '# Tasks: Export\n\n**Input**: spec.md\n\n## Tasks\n\n- [ ] T001 Stream rows\n')).toEqual([]);
  });
});

describe('preamble metadata: tables', () => {
  const template =
    '# Design: [Name]\n\n| Field | Value |\n|---|---|\n| Owner | [name] |\n| Status | Draft / Review / Done |\n\n| Version | Date | Change |\n|---|---|---|\n| 0.1 | YYYY-MM-DD | [what changed] |\n\n## Summary\n\n[Say what]\n';

  it('a plan that keeps the metadata and revision tables, filled, has no findings', () => {
    expect(lint(template, '# Design: Export\n\n| Field | Value |\n|---|---|\n| Owner | Ann |\n| Status | Review |\n\n| Version | Date | Change |\n|---|---|---|\n| 0.1 | 2026-01-02 | First draft |\n\n## Summary\n\nExports.\n')).toEqual([]);
  });

  it('their columns and rows are checked like a section\'s tables; one row\'s alternatives in a key/value table are not the column\'s', () => {
    expect(lint(template, '# Design: Export\n\n| Field | Value |\n|---|---|\n| Owner | Ann |\n| Status | Shipped |\n\n| Version | Change |\n|---|---|\n| 0.1 | First draft |\n\n## Summary\n\nExports.\n')).toEqual([
      '8:1 table-columns Table is missing required column "Date" (expected columns: Version | Date | Change)',
    ]);
  });

  it('a preamble table left out is a finding', () => {
    expect(lint(template, '# Design: Export\n\n| Field | Value |\n|---|---|\n| Owner | Ann |\n| Status | Review |\n\n## Summary\n\nExports.\n')).toEqual([
      '1:1 table-columns Section "# Design: Export" is missing its table (Version | Date | Change)',
    ]);
  });
});

describe('isFillIn', () => {
  it('tells a value to replace from a plain value a plan may keep', () => {
    for (const v of ['X.XX', 'YYYY-MM-DD', 'yyyy-mm-dd', 'SIG-NAME', '(leave this empty)', 'alice <alice@example.com>', '@{AUTHOR}', 'a|b|c']) expect([v, isFillIn(v)]).toEqual([v, true]);
    for (const v of ['Draft', 'N/A', 'Standard Library API proposal', 'provisional', '']) expect([v, isFillIn(v)]).toEqual([v, false]);
  });
});
