/**
 * `plan-lint schema generate` on small inline templates: every generator
 * feature is checked on the schema it writes (compiled with compileTemplate,
 * as the CLI does) and on plans linted with it (lintText with the schema file).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { addStylePlaceholders, scanStyles, type PlaceholderStyle } from '../src/extract/placeholders.js';
import { extract } from '../src/extract/document.js';
import { generateSchema, type GenerateOptions } from '../src/schema/generate.js';
import { compileTemplate } from '../src/schema/registry.js';
import { looseKey, templateAlternatives } from '../src/extract/text.js';
import { romanLabels } from '../src/schema/generate/instances.js';

type Json = Record<string, unknown>;

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Generate a schema from a template, check it loads (meta-schema + ajv), write it to a file. */
function generate(template: string, options: Partial<GenerateOptions> = {}): { schema: Json; path: string } {
  const schema = generateSchema(template, { name: `t${++n}`, source: 'template.md', ...options });
  expect(() => compileTemplate(schema, `t${n}.schema.json`)).not.toThrow();
  const path = join(dir, `t${n}.schema.json`);
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  return { schema, path };
}

/** `line rule message` for every finding of a plan under a schema file. */
function lint(plan: string, schemaPath: string): string[] {
  return lintText(plan, 'p.md', { schema: schemaPath }).messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`);
}

const rules = (found: string[]): string[] => found.map((f) => f.split(' ')[1] as string);

const at = (o: unknown, ...path: string[]): Json => {
  let cur = o as Json;
  for (const p of path) cur = (cur as Json)[p] as Json;
  return cur;
};

const styles = (schema: Json): PlaceholderStyle[] => ((schema['x-plan-lint'] as Json)['placeholders'] as PlaceholderStyle[] | undefined) ?? [];

/** The template's own styles found in a plan (what lint.ts adds once it calls addStylePlaceholders). */
const styleHits = (plan: string, schema: Json): string[] => scanStyles(parseMarkdown(plan), styles(schema)).map((p) => `${p.kind} ${p.text}`);

/** Whether lint.ts already runs the template's styles (the model carries them): then lintText must report them too. */
const wired = (path: string): boolean => {
  const compiled = compileTemplate(JSON.parse(readFileSync(path, 'utf8')), path);
  return Array.isArray((compiled.model as unknown as Json)['placeholderStyles']);
};

describe('optional headings', () => {
  const template = `# Design: [Name]

## Summary

[One paragraph]

## Open Questions (optional)

[Questions]

## Test Plan [optional]

[How it is tested]

## Migration *(if applicable)*

[Steps]

## Rollout (if needed)

[Steps]

## [REMOVE IF UNUSED] Appendix

[More]

## Alternatives

[Others]
`;
  const { schema, path } = generate(template);
  const sections = at(schema, 'properties', 'sections');

  it('are known but not required, whatever the marker', () => {
    expect(sections['required']).toEqual(['summary', 'alternatives']);
    const props = at(sections, 'properties');
    expect(Object.keys(props)).toEqual(['summary', 'open questions', 'test plan', 'migration', 'rollout', 'appendix', 'alternatives']);
    // The title keeps the heading as written; the binder matches it without the marker.
    expect(at(props, 'test plan')['title']).toBe('## Test Plan [optional]');
    expect(at(props, 'test plan', 'x-heading')['text']).toBe('Test Plan');
    expect(String(at(props, 'migration')['description'])).toMatch(/^Optional: the template marks it "\*\(if applicable\)\*"/);
  });

  it('may be left out, and match with or without the marker', () => {
    expect(lint('# Design: Cache\n\n## Summary\n\nA cache.\n\n## Alternatives\n\nNone.\n', path)).toEqual([]);
    const full = `# Design: Cache

## Summary

A cache.

## Open Questions

Eviction.

## Test Plan [optional]

Unit tests.

## Migration

None needed.

## Rollout (if needed)

Flag.

## Appendix

Links.

## Alternatives

None.
`;
    expect(lint(full, path)).toEqual([]);
  });

  it('are still checked when present: order, level, content', () => {
    const plan = '# Design: Cache\n\n## Summary\n\nA cache.\n\n## Alternatives\n\nNone.\n\n### Test Plan\n\n## Migration\n\nSteps.\n';
    expect(rules(lint(plan, path)).sort()).toEqual(['empty-section', 'heading-level', 'section-order']);
  });

  it('a section whose guidance says "Fill ONLY if" is optional and may stay empty, its table too', () => {
    const t = `# Plan: [Feature]

## Summary

[Summary]

## Complexity Tracking

> **Fill ONLY if Constitution Check has violations that must be justified**

| Violation | Why Needed |
|-----------|------------|
| [e.g., 4th project] | [need] |
`;
    const g = generate(t);
    expect(at(g.schema, 'properties', 'sections')['required']).toEqual(['summary']);
    expect(lint('# Plan: Cache\n\n## Summary\n\nA cache.\n', g.path)).toEqual([]);
    expect(lint('# Plan: Cache\n\n## Summary\n\nA cache.\n\n## Complexity Tracking\n\nNo violations.\n', g.path)).toEqual([]);
    expect(lint('# Plan: Cache\n\n## Summary\n\nA cache.\n\n## Complexity Tracking\n', g.path)).toEqual([]);
    // The template's table, when it is there, needs its columns; a table of the author's own is left alone.
    expect(lint('# Plan: Cache\n\n## Summary\n\nA cache.\n\n## Complexity Tracking\n\n| Violation | Reason |\n|---|---|\n| a | b |\n', g.path)).toEqual([
      '9 table-columns Table is missing required column "Why Needed" (expected columns: Violation | Why Needed)',
    ]);
    expect(lint('# Plan: Cache\n\n## Summary\n\nA cache.\n\n## Complexity Tracking\n\n| Decision | Rationale |\n|---|---|\n| a | b |\n', g.path)).toEqual([]);
  });
});

describe('instance headings', () => {
  const template = `# Plan: {{ feature }}

## 2. Phases

### 2.1 Phase 1: {{ name }}

{{ what }}

### 2.2 Phase 2: {{ name }}

{{ what }}

## 3. Options

### Option A: [Approach]

[Describe]

### Option B: [Approach]

[Describe]

## 4. API

### Endpoint 1: {Name}

{Describe}

### Removing a deprecated feature

{How}
`;
  const { schema, path } = generate(template);
  const phases = at(schema, 'properties', 'sections', 'properties', 'phases', 'properties', 'sections', 'properties');

  it('become one repeatable pattern per group, the number kept in the title', () => {
    expect(Object.keys(phases)).toEqual(['phase']);
    expect(phases['phase']).toMatchObject({
      title: '### 2.1 Phase 1: {{ name }}',
      type: 'array',
      minItems: 1,
      'x-heading': { text: '2.1 Phase 1: {{ name }}', depth: 3, instance: true, pattern: '^phase (?:[a-z]|\\d{1,3})(?: |$)' },
    });
    const api = at(schema, 'properties', 'sections', 'properties', 'api', 'properties', 'sections', 'properties');
    // "Removing a deprecated feature" is no instance: "a" is an article, not an id.
    expect(Object.keys(api)).toEqual(['endpoint', 'removing a deprecated feature']);
    expect(at(api, 'removing a deprecated feature', 'x-heading')).toEqual({ text: 'Removing a deprecated feature', depth: 3 });
  });

  it('match any number of instances, numbered or not', () => {
    const plan = `# Plan: Export

## 2. Phases

### 2.1 Phase 1: Setup

Scaffold.

### 2.2 Phase 2: Build

Code.

### 2.3 Phase 3: Ship

Release.

## 3. Options

### Option A: Batch

Nightly.

## 4. API

### Endpoint 1: Export

POST /export.

### Endpoint 2: Status

GET /status.

### Removing a deprecated feature

Nothing is removed.
`;
    expect(lint(plan, path)).toEqual([]);
  });

  it('need at least one instance; the message quotes the template heading as written', () => {
    const plan = '# Plan: Export\n\n## 2. Phases\n\nNone yet.\n\n## 3. Options\n\n### Option A: Batch\n\nNightly.\n\n## 4. API\n\n### Endpoint 1: Export\n\nPOST.\n\n### Removing a deprecated feature\n\nNothing.\n';
    expect(lint(plan, path)).toEqual(['3 required-section Missing required section "### 2.1 Phase 1: {{ name }}" (at least one section like it)']);
  });
});

describe('headings numbered in Roman numerals', () => {
  it('are fixed parts, each its own section: "Article I" and "Article V" are not letter ids of one instance heading', () => {
    expect([...romanLabels(['Article I: Library-First', 'Article IV: Test-First', 'Article V: Simplicity'])]).toEqual(['article']);
    expect([...romanLabels(['Part I', 'Part V'])]).toEqual(['part']);
    expect([...romanLabels(['Option A: [x]', 'Option B: [y]', 'Option C: [z]'])]).toEqual([]);
    expect([...romanLabels(['Option C: [z]'])]).toEqual([]);
    const t = '# Plan: [Feature]\n\n## Compliance\n\n### Article I: Library-First\n\nLibraries first.\n\n### Article IV: Test-First\n\nTests first.\n\n### Article V: Simplicity\n\nKeep it simple.\n';
    const { schema, path } = generate(t);
    const articles = at(schema, 'properties', 'sections', 'properties', 'compliance', 'properties', 'sections');
    expect(articles['required']).toEqual(['article i library first', 'article iv test first', 'article v simplicity']);
    expect(at(articles, 'properties', 'article v simplicity', 'x-heading')).toEqual({ text: 'Article V: Simplicity', depth: 3 });
    const plan = '# Plan: Cache\n\n## Compliance\n\n### Article I: Library-First\n\nA library.\n\n### Article IV: Test-First\n\nTests.\n';
    expect(lint(plan, path)).toEqual(['3 required-section Missing required section "### Article V: Simplicity" (expected after "### Article IV: Test-First")']);
  });
});

describe('headings with a parenthetical remark', () => {
  it('match a plan heading without it, in full-width parentheses too', () => {
    expect(looseKey('技術的背景（任意）')).toBe(looseKey('技術的背景'));
    const { path } = generate('# 実装計画: [機能]\n\n## 概要\n\n[説明]\n\n## 技術的背景（任意）\n\n[背景]\n\n## Source Code (repository root)\n\n[Tree]\n');
    expect(lint('# 実装計画: 検索\n\n## 概要\n\n検索を速くする。\n\n## 技術的背景\n\nキャッシュを使う。\n\n## Source Code\n\nsrc/\n', path)).toEqual([]);
  });
});

describe('placeholder styles of the template', () => {
  // One template per style: the template's own placeholder, a plan that keeps it, the plan filled in.
  const cases: { style: string; template: string; kept: string; filled: string; extra: boolean }[] = [
    { style: '[x]', template: '**Owner**: [Team name]', kept: '**Owner**: [Team name]', filled: '**Owner**: Payments', extra: false },
    { style: '{x}', template: '**Owner**: {Team name}', kept: '**Owner**: {Team name}', filled: '**Owner**: Payments', extra: false },
    { style: '{{ x }}', template: '**Owner**: {{ team }}', kept: '**Owner**: {{ team }}', filled: '**Owner**: Payments', extra: false },
    { style: 'YYYY-MM-DD', template: '**Created**: YYYY-MM-DD', kept: '**Created**: YYYY-MM-DD', filled: '**Created**: 2024-05-01', extra: false },
    { style: 'INC-XXXX', template: '**Incident**: INC-XXXX', kept: '**Incident**: INC-XXXX', filled: '**Incident**: INC-2041', extra: false },
    { style: '<x>', template: '**Owner**: <team name>', kept: '**Owner**: <team name>', filled: '**Owner**: Payments', extra: true },
    { style: '__X__', template: '**Command**: run `__PLAN_COMMAND__` first', kept: '**Command**: run `__PLAN_COMMAND__` first', filled: '**Command**: run `/plan` first', extra: true },
    { style: '_TODO: ..._', template: '**Owner**: _TODO: name the team_', kept: '**Owner**: _TODO: name the team_', filled: '**Owner**: Payments', extra: true },
    { style: 'NNNN', template: '**Tracking**: KEP-NNNN', kept: '**Tracking**: KEP-NNNN', filled: '**Tracking**: KEP-3017', extra: true },
    { style: '(fill in ...)', template: '**Owner**: (fill in the team name)', kept: '**Owner**: (fill in the team name)', filled: '**Owner**: Payments', extra: true },
  ];
  for (const c of cases) {
    it(`${c.style}: found in a plan that keeps it, not once it is filled`, () => {
      const doc = (line: string): string => `# Plan: Export\n\n${line}\n\n## Summary\n\nExport invoices as CSV.\n`;
      const { schema, path } = generate(`# Plan: [Feature]\n\n${c.template}\n\n## Summary\n\n[Summary]\n`);
      const own = styles(schema);
      if (c.extra) {
        // The style goes into the schema, and scanning a plan finds it.
        expect(own.length).toBeGreaterThan(0);
        expect(styleHits(doc(c.kept), schema).length).toBe(1);
        expect(styleHits(doc(c.filled), schema)).toEqual([]);
        if (wired(path)) expect(rules(lint(doc(c.kept), path))).toContain('placeholder');
      } else {
        // The default scan finds it already: no extra style.
        expect(own).toEqual([]);
        expect(rules(lint(doc(c.kept), path))).toContain('placeholder');
      }
      expect(lint(doc(c.filled), path)).toEqual([]);
    });
  }

  it('an angle placeholder in inline code (`<package>`) is a style of its own; HTML and generics are not placeholders', () => {
    const { schema } = generate('# Plan: [Feature]\n\n## Tests\n\n- `<package>`: `<date>` - `<coverage>`\n');
    expect(styles(schema).map((s) => [s.kind, s.in])).toEqual([['angle', ['code']]]);
    expect(styleHits('## Tests\n\n- `<package>`: `2024-05-01` - `80%`\n', schema)).toEqual(['angle `<package>`']);
    expect(styleHits('## Tests\n\n- `k8s.io/api`: `2024-05-01` - `80%`, see `List<String>` and `<br>`\n', schema)).toEqual([]);
    const prose = generate('# Plan: [Feature]\n\n**Owner**: <team name>\n\n## Summary\n\n[Summary]\n').schema;
    expect(styleHits('Use <details><summary>More</summary></details>, a List<String>, <https://example.com> and a <br/>.\n', prose)).toEqual([]);
  });

  it('lower-case date masks in the frontmatter are found in the plan frontmatter', () => {
    const { schema } = generate('---\ncreation-date: yyyy-mm-dd\n---\n\n# Plan: [Feature]\n\n## Summary\n\n[Summary]\n');
    expect(styles(schema)).toMatchObject([{ kind: 'date-mask', in: ['frontmatter'], ignoreCase: true }]);
    expect(styleHits('---\ncreation-date: yyyy-mm-dd\n---\n\n# Plan: X\n', schema)).toEqual(['date-mask yyyy-mm-dd']);
    expect(styleHits('---\ncreation-date: 2024-05-01\n---\n\n# Plan: X\n', schema)).toEqual([]);
  });

  it('addStylePlaceholders merges the style findings into the plan document', () => {
    const { schema } = generate('# Plan: [Feature]\n\n**Owner**: <team name>\n\n## Summary\n\n[Summary]\n');
    const src = parseMarkdown('# Plan: X\n\n**Owner**: <team name> [Team]\n');
    const doc = extract(src);
    expect(doc.placeholders.map((p) => p.text)).toEqual(['[Team]']);
    addStylePlaceholders(src, doc, styles(schema));
    expect(doc.placeholders.map((p) => `${p.kind} ${p.text}`)).toEqual(['angle <team name>', 'bracket [Team]']);
  });

  it('the template\'s optional markers and link names left in a plan are not placeholders', () => {
    const t = `# Plan: [Feature]

## Metrics

- [Optional] Aggregation method: [method]

See the [existing SLOs].

[existing SLOs]: https://example.com/slos

## Open Questions [optional]

[Questions]
`;
    const { path } = generate(t);
    const plan = '# Plan: Export\n\n## Metrics\n\n- [Optional] Aggregation method: sum\n\nCovered by [existing SLOs]?\n\n## Open Questions [optional]\n\nNone.\n';
    expect(lint(plan, path)).toEqual([]);
    expect(lint(plan.replace('sum', '[method]'), path)).toEqual(['5 placeholder Unfilled placeholder "[method]"']);
  });

  it('with templateLeftoversOnly, styles the template does not use are not reported', () => {
    const t = '# Plan: (fill in the feature name)\n\n## Policy\n\n(describe the policy)\n';
    // One leftover of each default style the template does not use (a JSON literal is no placeholder at all).
    const plan = '# Plan: Cache\n\n## Policy\n\nThe key is {{ request.object.metadata.name }}, the owner {Owner}; [see below].\n';
    expect(rules(lint(plan, generate(t).path))).toEqual(['placeholder', 'placeholder', 'placeholder']);
    const own = generate(t, { templateLeftoversOnly: true });
    expect(lint(plan, own.path)).toEqual([]);
    expect(String(at(own.schema, 'properties', 'placeholders')['description'])).toContain('styles the template does not use (bracket, curly, mustache)');
  });
});

describe('fields, alternatives and frontmatter', () => {
  const template = `---
title: neat-idea
creation-date: yyyy-mm-dd
status: provisional|implementable|implemented
see-also:
  - "/docs/other-proposal.md"
---

# Neat Idea

**Stage:** Draft / In Review / Approved
**Owner:** [Team]
**Method:** GET | POST

**Note**: This template is filled in by the planning command.

## Risks

| Risk | Impact |
|------|--------|
| [Risk] | Low / Medium / High |
`;
  const { schema, path } = generate(template);
  const fields = at(schema, 'properties', 'fields');

  it('metadata fields and frontmatter keys are required; reference lists and guidance notes are not', () => {
    expect(fields['required']).toEqual(['stage', 'owner', 'method', 'title', 'creation date', 'status']);
    expect(Object.keys(at(fields, 'properties'))).toEqual(['stage', 'owner', 'method', 'title', 'creation date', 'status', 'see also']);
    expect(at(fields, 'properties', 'creation date')).toMatchObject({ title: 'creation-date (frontmatter)', 'x-field': { label: 'creation-date', frontmatter: true } });
  });

  it('`A / B / C`, `A | B` and `a|b|c` become allowed values', () => {
    expect(at(fields, 'properties', 'stage', 'properties', 'choice')).toEqual({ enum: ['draft', 'in review', 'approved'] });
    expect(at(fields, 'properties', 'status', 'properties', 'choice')).toEqual({ enum: ['provisional', 'implementable', 'implemented'] });
    expect(at(fields, 'properties', 'method', 'properties', 'choice')).toEqual({ enum: ['get', 'post'] });
    expect(at(fields, 'properties', 'status')['description']).toBe('One of: provisional, implementable, implemented');
    const cell = at(schema, 'properties', 'sections', 'properties', 'risks', 'properties', 'tables', 'properties', 'table 1', 'properties', 'rows', 'items', 'properties', 'impact');
    expect(cell['properties']).toMatchObject({ choice: { enum: ['low', 'medium', 'high'] } });
    expect(templateAlternatives('Literature Review | Empirical Study | Case Study')).toEqual(['Literature Review', 'Empirical Study', 'Case Study']);
    expect(templateAlternatives('Authentication/Authorization')).toBeNull();
    expect(templateAlternatives('[single/web/mobile]')).toBeNull();
  });

  const plan = (fm: string, status = 'In Review', impact = 'Medium'): string => `---
${fm}
---

# Cache Warmup

**Stage:** ${status}
**Owner:** Payments
**Method:** POST

## Risks

| Risk | Impact |
|------|--------|
| Stale reads | ${impact} |
`;
  const good = 'title: cache-warmup\ncreation-date: 2024-05-01\nstatus: implementable';

  it('a filled plan passes; the title stands for any title', () => {
    expect(lint(plan(good), path)).toEqual([]);
  });

  it('a missing frontmatter key, a value outside the alternatives and a left choice list are reported', () => {
    expect(lint(plan('title: cache-warmup\nstatus: implementable'), path)).toEqual(['6 field Missing required field "creation-date" (as in "**creation-date:** yyyy-mm-dd")']);
    expect(rules(lint(plan(good.replace('implementable', 'done')), path))).toEqual(['field']);
    expect(rules(lint(plan(good, 'Shipped'), path))).toEqual(['field']);
    expect(lint(plan(good, 'Draft / In Review / Approved'), path)).toEqual(['9 placeholder Unresolved choice "Draft / In Review / Approved": keep one of the alternatives']);
    expect(rules(lint(plan(good, 'In Review', 'Severe'), path))).toEqual(['table-cell']);
  });
});

describe('titles, comments and guides', () => {
  it('a title that stands for the plan\'s own ("Title of proposal", "KEP-NNNN: Your short, descriptive title") matches any title of that shape', () => {
    const a = generate('# Title of proposal\n\n## Overview\n\nText.\n');
    expect(at(a.schema, 'properties', 'title', 'x-heading')).toEqual({ text: 'Title of proposal', depth: 1, pattern: '.+' });
    expect(lint('# Workflow rerun\n\n## Overview\n\nRerun.\n', a.path)).toEqual([]);
    const b = generate('# KEP-NNNN: Your short, descriptive title\n\n## Summary\n\nText.\n');
    expect(at(b.schema, 'properties', 'title', 'x-heading')['pattern']).toBe('^kep .+$');
    expect(lint('# KEP-3017: Unhealthy Pod Eviction Policy\n\n## Summary\n\nText.\n', b.path)).toEqual([]);
    expect(rules(lint('# Unhealthy Pod Eviction Policy\n\n## Summary\n\nText.\n', b.path))).toEqual(['required-section']);
  });

  it('a setext "Title" standing for the title is not a section', () => {
    const { schema, path } = generate('Title\n----\n* Author(s): [Name]\n\n## Abstract\n\n[Summary]\n');
    expect(Object.keys(at(schema, 'properties', 'sections', 'properties'))).toEqual(['abstract']);
    expect(lint('A107: Key offloading\n----\n* Author(s): Ann\n\n## Abstract\n\nOffload keys.\n', path)).toEqual([]);
  });

  it('tool markers of the template (<!-- toc -->) stay; with templateLeftoversOnly the author\'s own comments are not findings', () => {
    const t = '# Plan: [Feature]\n\n<!-- toc -->\n- [Summary](#summary)\n<!-- /toc -->\n\n## Summary\n\n<!-- One paragraph explanation of the feature. -->\n';
    const plan = (extra: string): string => `# Plan: Cache\n\n<!-- toc -->\n- [Summary](#summary)\n<!-- /toc -->\n\n## Summary\n\nA cache. ${extra}\n`;
    const d = generate(t);
    expect(lint(plan(''), d.path)).toEqual([]);
    expect(rules(lint(plan('<!-- ask Ann -->'), d.path))).toEqual(['guidance-comment']);
    const own = generate(t, { templateLeftoversOnly: true });
    expect(lint(plan('<!-- ask Ann -->'), own.path)).toEqual([]);
    expect(rules(lint(plan('\n\n<!--\n  One paragraph explanation of the feature.\n-->'), own.path))).toEqual(['guidance-comment']);
  });

  it('a guide that carries the template in a fenced markdown block generates from the block', () => {
    const guide = '# Writing plans\n\n## Header\n\nEvery plan starts with:\n\n```markdown\n# [Feature Name] Implementation Plan\n\n**Goal:** [One sentence]\n\n## Constraints\n\n[Constraints]\n```\n\n## Tips\n\nKeep tasks small.\n';
    const { schema, path } = generate(guide);
    expect(at(schema, 'properties', 'title')['title']).toBe('# [Feature Name] Implementation Plan');
    expect(Object.keys(at(schema, 'properties', 'sections', 'properties'))).toEqual(['constraints']);
    expect(lint('# Cache Implementation Plan\n\n**Goal:** Warm the cache.\n\n## Constraints\n\nNode 20.\n', path)).toEqual([]);
  });

  it('a heading with a trailing parenthetical matches a plan that rewords it', () => {
    const { path } = generate('# Plan: [Feature]\n\n## Project Structure\n\n### Source Code (repository root)\n\n[Tree]\n');
    expect(lint('# Plan: Cache\n\n## Project Structure\n\n### Source Code — Monorepo Structure (target state)\n\nTree.\n', path)).toEqual([]);
  });
});
