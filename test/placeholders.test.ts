import { describe, expect, it } from 'vitest';
import { extract, parseMarkdown } from '../src/index.js';

const found = (md: string): string[] => extract(parseMarkdown(md)).placeholders.map((p) => `${p.kind}:${p.text}`);

describe('placeholders that must be found', () => {
  it.each([
    ['[Feature Name] is here', 'bracket:[Feature Name]'],
    ['Owner: {Your Name}', 'curly:{Your Name}'],
    ['Author: {{AUTHOR}}', 'mustache:{{AUTHOR}}'],
    ['Created YYYY-MM-DD', 'date-mask:YYYY-MM-DD'],
    ['On MM/DD/YYYY', 'date-mask:MM/DD/YYYY'],
    ['Spec SPEC-XXX', 'id-mask:SPEC-XXX'],
    ['Tasks T001-T00X', 'id-mask:T00X'],
    ['ticket XXX', 'id-mask:XXX'],
    ['Adoption: X%', 'number-mask:X%'],
    ['Latency < Yms', 'number-mask:Yms'],
    ['Effort: X days', 'number-mask:X days'],
    ['p95 ≤ {X}ms', 'curly:{X}'],
    ['Decide TODO', 'marker:TODO'],
    ['Owner TBD', 'marker:TBD'],
    ['FIXME later', 'marker:FIXME'],
    ['[NEEDS CLARIFICATION: which region?]', 'marker:[NEEDS CLARIFICATION: which region?]'],
    ['[NEEDS CLARIFICATION - p95 target]', 'marker:[NEEDS CLARIFICATION - p95 target]'],
    ['**Testing**: NEEDS CLARIFICATION', 'marker:NEEDS CLARIFICATION'],
    ['- Storage: NEEDS CLARIFICATION: Postgres or SQLite?', 'marker:NEEDS CLARIFICATION'],
    ['**Language**: Python 3.12\n**Testing**: NEEDS CLARIFICATION (pytest or unittest)', 'marker:NEEDS CLARIFICATION'],
    ['**Storage:** NEEDS CLARIFICATION.', 'marker:NEEDS CLARIFICATION'],
    ['- NEEDS CLARIFICATION', 'marker:NEEDS CLARIFICATION'],
    ['NEEDS CLARIFICATION - which region?', 'marker:NEEDS CLARIFICATION'],
    ['| Field | Value |\n|---|---|\n| Storage | NEEDS CLARIFICATION |', 'marker:NEEDS CLARIFICATION'],
    ['> Target: NEEDS CLARIFICATION', 'marker:NEEDS CLARIFICATION'],
    ['**Status:** Draft | In Review | Approved', 'choice:Draft | In Review | Approved'],
    ['- Database query optimization needed: Yes/No', 'choice:Yes/No'],
    ['| A | B |\n|---|---|\n| x | Low/Med/High |', 'choice:Low/Med/High'],
    ['- one\n-\n- three', 'empty-item:-'],
    ['```ts\nconst a = "{{TOKEN}}";\n```', 'mustache:{{TOKEN}}'],
    ['Use `{{NAME}}` here', 'mustache:{{NAME}}'],
    ['# Plan: [Feature Name]', 'bracket:[Feature Name]'],
    ['Retry [N] times', 'bracket:[N]'],
    ['See [Link 1]', 'bracket:[Link 1]'],
    ['Owner: [OWNER]', 'bracket:[OWNER]'],
    ['Authors: {Author Name, Co-Author Name}', 'curly:{Author Name, Co-Author Name}'],
    ['See {link to the issue}', 'curly:{link to the issue}'],
  ])('%j -> %s', (md, expected) => {
    expect(found(md)).toEqual([expected]);
  });

  it('reports the exact range of each placeholder', () => {
    const src = parseMarkdown('Intro line\n\nBuild [Approach 1] in X days.\n');
    const doc = extract(src);
    expect(doc.placeholders.map((p) => src.lines.range(p.span))).toEqual([
      { line: 3, column: 7, endLine: 3, endColumn: 19 },
      { line: 3, column: 23, endLine: 3, endColumn: 29 },
    ]);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    const src = parseMarkdown('🚀🚀 [Name]\n');
    const p = extract(src).placeholders[0];
    expect(p && src.lines.range(p.span)).toEqual({ line: 1, column: 4, endLine: 1, endColumn: 10 });
  });
});

describe('legitimate text that must not be flagged', () => {
  it.each([
    ['a link', 'See [the docs](https://example.com) and [ref][r].\n\n[r]: https://example.com'],
    ['an image', '![Diagram](d.png)'],
    ['task boxes', '- [ ] open task\n- [x] done task'],
    ['a footnote', 'Claim[^1].\n\n[^1]: Source.'],
    ['mermaid labels', '```mermaid\ngraph TD\n  A[Frontend] --> B[API]\n```'],
    ['path params in inline code', 'Call `GET /api/items/{id}` now'],
    ['JSON in code', '```json\n{ "data": {}, "meta": [1, 2] }\n```'],
    ['TypeScript in code', '```ts\nconst x: Record<string, number> = {};\n```'],
    ['real dates', 'Shipped 2024-05-01, reviewed 2024/05/02'],
    ['percentiles and thresholds', 'p95 under 200ms, coverage ≥80%, 10 days, 3 requests'],
    ['fixed wording with a slash', '- [ ] Authentication/Authorization\n- E2E Tests (Playwright/Cypress)\n- Status: Read/Write'],
    ['escaped brackets', 'Literal \\[not a placeholder\\] and \\{this\\}'],
    ['citations and alerts', 'As shown [1].\n\n> [!NOTE]\n> Careful.'],
    ['array indexing in prose', 'Read items[index] from the list'],
    ['words that contain X', 'XSS, XML and 2X faster via Redux'],
    ['lower-case todo', 'The todo list feature'],
    ['bracketed ids and task tags', '- [ ] T012 [P] [US1] Add the parser\n- Covers [R-2] and [FR-001]'],
    ['sets and object literals in braces', 'Plugins {url_launcher, video_player}, args ["exec", "arg1"], type { cidr: string, reservedRange: string }'],
    ['dotted keys', 'Set it in the [tool.poetry] table and [dependency-groups.dev]'],
    ["a standard's number", 'Key words per [RFC 2119] and dates per [ISO 8601], see [CVE-2021-44228]'],
    ['a resolved-clarifications checkbox', '- [x] All NEEDS CLARIFICATION resolved'],
    ['a clarification named in an output line', '**Output**: research.md with all NEEDS CLARIFICATION resolved'],
    ['a clarification named in a step', 'For each NEEDS CLARIFICATION → research task'],
    ['a clarification in a table cell sentence', '| Gate | Status |\n|---|---|\n| No NEEDS CLARIFICATION left | PASS |'],
    ['a clarification on a continued line', 'Resolve every\nNEEDS CLARIFICATION.'],
    ['a label followed by a sentence', 'Note: NEEDS CLARIFICATION items were resolved in research.md'],
  ])('%s', (_name, md) => {
    expect(found(md)).toEqual([]);
  });
});

describe('a placeholder that wraps a line', () => {
  it('is quoted on one line, the same in LF and CRLF files (found by fuzzing)', async () => {
    const { lintText } = await import('../src/index.js');
    const plan = '# Technical Plan: X\n\nAsk [Owner\nName] first.\n';
    const lf = lintText(plan, 'p.md', { schema: 'rfc' }).messages.filter((m) => m.ruleId === 'placeholder');
    const crlf = lintText(plan.replace(/\n/g, '\r\n'), 'p.md', { schema: 'rfc' }).messages.filter((m) => m.ruleId === 'placeholder');
    expect(lf.map((m) => m.message)).toEqual(['Unfilled placeholder "[Owner Name]"']);
    expect(crlf).toEqual(lf);
  });
});
