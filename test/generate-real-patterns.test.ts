/**
 * Issue 11, points 1-4: what real templates write, on small templates of our
 * own. Each case generates a schema (as `plan-lint schema generate` does) and
 * lints plans written from the template: complete plans get no findings, the
 * real defects are still reported.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { generateSchema } from '../src/schema/generate.js';
import { compileTemplate } from '../src/schema/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-patterns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function schemaFile(template: string): string {
  const schema = generateSchema(template, { name: `p${++n}`, source: 'template.md' });
  expect(() => compileTemplate(schema, `p${n}.schema.json`)).not.toThrow();
  const path = join(dir, `p${n}.schema.json`);
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  return path;
}

/** `line ruleId` of every finding. */
const lint = (plan: string, path: string): string[] => lintText(plan, 'plan.md', { schema: path }).messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`);
const rules = (found: string[]): string[] => found.map((f) => f.split(' ').slice(0, 2).join(' '));

describe('optional parts, in every form templates write them', () => {
  const template = `# Proposal: [Name]

## Summary

[One paragraph.]

## Design

[How it works.]

<!-- optional: delete this part if it does not apply -->
## Migration

[Steps.]

## Data Model

*(include if the feature stores data)*

[Entities.]

## Security

Fill ONLY if the change touches authentication.

## Extras

These sections are optional.

### Benchmarks

[Numbers.]

### Screenshots

[Images.]

## Tests for the API (OPTIONAL - only if tests are requested)

[Tests.]

## Rollback [optional]

[Steps.]

## Drawbacks

[Why not.]

## Prior Art

[Other work.]

The sections Drawbacks and Prior Art are optional.
`;
  const path = schemaFile(template);

  it('a plan with only the required parts is complete', () => {
    expect(lint('# Proposal: Cache\n\n## Summary\n\nA cache.\n\n## Design\n\nLRU in front of the store.\n', path)).toEqual([]);
  });

  it('optional parts, when present, are still checked in place', () => {
    const plan = '# Proposal: Cache\n\n## Summary\n\nA cache.\n\n## Design\n\nLRU.\n\n## Migration\n\n## Drawbacks\n\nMemory.\n';
    expect(rules(lint(plan, path))).toEqual(['11 empty-section']);
  });

  it('a required section left out is still reported', () => {
    expect(rules(lint('# Proposal: Cache\n\n## Summary\n\nA cache.\n', path))).toEqual(['1 required-section']);
  });
});

describe('frontmatter keys the template tells you to remove', () => {
  const template = `---
title: <title>
status: Draft
category: <Core or Tools> # Only required for core changes. Otherwise, remove this field.
requires: <numbers> # Optional: the proposals this one depends on
# Remove this key when there is no discussion thread.
discussion: <URL>
created: yyyy-mm-dd
---

# Summary

[Summary.]
`;
  const path = schemaFile(template);

  it('are never required; the others are', () => {
    expect(lint('---\ntitle: Cache\nstatus: Draft\ncreated: 2026-01-02\n---\n\n# Summary\n\nA cache.\n', path)).toEqual([]);
    const missing = lint('---\ntitle: Cache\nstatus: Draft\n---\n\n# Summary\n\nA cache.\n', path);
    expect(rules(missing)).toEqual(['6 field']);
    expect(missing[0]).toMatch(/"created"/);
  });
});

describe('example headings', () => {
  const template = `# Design: [Name]

## Proposal

### Overview

[Overview.]

### Section 1

_Section with proposal content_

### Section 2

_Section with proposal content_

## Key Questions

### Impact: ... 1

_Describe an impact._

### Option 1:

_Describe an option._

## User Stories

### User Story 1 (Priority: P1)

[Story.]

## Milestones

#### Deferred Milestone 1

[Milestone.]

## Timeline

### 1900-01-01

[What happened.]

## Risks

[Risks.]
`;
  const path = schemaFile(template);
  const complete = `# Design: Cache

## Proposal

### Overview

A cache.

### Eviction

LRU.

### Warm-up

On start.

## Key Questions

### Memory use

Bounded by config.

## User Stories

### Operator sees hit rate

A metric.

## Milestones

#### Distributed cache

Later.

## Timeline

### 2026-01-05

Design agreed.

## Risks

Stale reads.
`;

  it('take sections of any title at their level and place', () => {
    expect(lint(complete, path)).toEqual([]);
  });

  it('still need at least one section there', () => {
    const plan = complete.replace('### Memory use\n\nBounded by config.\n\n', '');
    // Key Questions is left with no section under it: empty, and its example section is missing.
    expect(rules(lint(plan, path))).toEqual(['17 empty-section', '17 required-section']);
  });

  it('never take a heading the template names elsewhere', () => {
    // "### Risks" under Proposal is the template's "## Risks" at the wrong level, not an example section.
    const plan = complete.replace('### Warm-up\n\nOn start.\n', '### Risks\n\nStale reads.\n').replace('\n## Risks\n\nStale reads.\n', '');
    const found = lint(plan, path);
    expect(rules(found)).toContain('13 heading-level');
    expect(found.some((f) => /Missing required section "## Risks"/.test(f))).toBe(false);
  });
});

describe('alternative headings', () => {
  const template = `# RFC: [Name]

## Summary

[Summary.]

## [Background | Prior Art]

[Context.]

## Goals / Non-Goals

[Goals.]

## Alternatives

This section is also called "Rejected Ideas" in older RFCs.

[Alternatives.]

## Unresolved Questions

[Questions.]
`;
  const path = schemaFile(template);
  const plan = (background: string, goals: string, alternatives: string): string =>
    `# RFC: Cache\n\n## Summary\n\nA cache.\n\n## ${background}\n\nThe store is slow.\n\n${goals}\n\n## ${alternatives}\n\nNone.\n\n## Unresolved Questions\n\nNone.\n`;

  it('accept any one of the alternatives', () => {
    for (const background of ['Background', 'Prior Art', 'Background | Prior Art']) {
      expect(lint(plan(background, '## Goals / Non-Goals\n\nFast reads.', 'Alternatives'), path)).toEqual([]);
    }
    expect(lint(plan('Prior Art', '## Goals\n\nFast reads.', 'Rejected Ideas'), path)).toEqual([]);
  });

  it('are not a wildcard: an unrelated heading is not taken for them', () => {
    const found = lint('# RFC: Cache\n\n## Summary\n\nA cache.\n\n## Goals / Non-Goals\n\nFast.\n\n## Alternatives\n\nNone.\n\n## Unresolved Questions\n\nNone.\n', path);
    expect(found).toEqual(['1 required-section Missing required section "## [Background | Prior Art]" (expected after "## Summary")']);
  });
});

describe('metadata between the title and the first section', () => {
  const template = `# Proposal: [Name]

* **Author:** {AUTHOR}
* **Owners:**
  * @owner
- Start Date: (fill me in with today's date, YYYY-MM-DD)
- Update date (optional): (fill me in)

> **Status:** Draft | Accepted | Rejected

## Summary

[Summary.]
`;
  const path = schemaFile(template);

  it('bullet and quoted fields are found in a complete plan', () => {
    const plan = '# Proposal: Cache\n\n* **Author:** Ada\n* **Owners:**\n  * @ada\n- Start Date: 2026-01-05\n\n> **Status:** Accepted\n\n## Summary\n\nA cache.\n';
    expect(lint(plan, path)).toEqual([]);
  });

  it('plain `Label: value` lines on their own are fields too', () => {
    const plan = '# Proposal: Cache\n\nAuthor: Ada\nOwners: @ada\nStart Date: 2026-01-05\nStatus: Accepted\n\n## Summary\n\nA cache.\n';
    expect(lint(plan, path)).toEqual([]);
  });

  it('a label may differ by a parenthetical ("Author" for "Author(s)"), and a colon that introduces prose is no field', () => {
    const path2 = schemaFile('# Proposal: [Name]\n\nAuthor(s): [Names]\n\nAbout the process:\n\n1. Iterate.\n\n## Summary\n\n[Summary.]\n');
    expect(lint('# Proposal: Cache\n\nAuthor: Ada\n\n## Summary\n\nA cache.\n', path2)).toEqual([]);
    expect(rules(lint('# Proposal: Cache\n\n## Summary\n\nA cache.\n', path2))).toEqual(['1 field']);
  });

  it('their values are checked like any other field', () => {
    const plan = '# Proposal: Cache\n\n* **Author:** Ada\n- Start Date: (fill me in with today\'s date, YYYY-MM-DD)\n\n> **Status:** Maybe\n\n## Summary\n\nA cache.\n';
    const found = rules(lint(plan, path));
    expect(found).toContain('1 field'); // Owners missing
    expect(found).toContain('6 field'); // Status not one of the choices
    expect(found.filter((f) => f.startsWith('4 '))).not.toEqual([]); // the start date left as the template's instruction
  });
});

describe('the plan’s title and the template’s own header (issue 11, points 2 and 5)', () => {
  const headed = schemaFile(
    '# Template\n\nCopy this file and fill in the details.\n\n## Your Proposal Title\n\nShort summary.\n\n## Why\n\nThe motivation.\n\n## Goals\n\nThe goals.\n\n# Appendix: questions to consider\n\nThese questions are not a part of the proposal.\n\n## Naming\n\nIs the name clear?\n',
  );
  const stand = schemaFile('# Replace this with your proposal title\n\nOne sentence.\n\n## Motivation\n\nWhy.\n\n## Design\n\nHow.\n');
  const idName = schemaFile('# ABC-003: Template\n\n## Summary\n\nText.\n\n## Goals\n\nList.\n');
  const run = schemaFile('- Start Date: (fill me in with today\'s date)\n\n# Summary\n\nBrief.\n\n# Motivation\n\nWhy.\n\n# Drawbacks\n\nCost.\n');

  it('a plan’s own title fills the slot, as an H1 or as a first `##` where the template’s slot is one', () => {
    expect(lint('# Faster queries\n\n## Why\n\nSlow.\n\n## Goals\n\nFast.\n', headed)).toEqual([]);
    expect(lint('## Faster queries\n\nSummary.\n\n## Why\n\nSlow.\n\n## Goals\n\nFast.\n', headed)).toEqual([]);
    expect(lint('# Faster queries\n\nOne.\n\n## Motivation\n\nSlow.\n\n## Design\n\nCache.\n', stand)).toEqual([]);
    expect(lint('# ABC-123: Faster queries\n\n## Summary\n\nText.\n\n## Goals\n\nFast.\n', idName)).toEqual([]);
  });

  it('the template’s header and its appendix for authors are not required; its sections still are', () => {
    expect(rules(lint('## Faster queries\n\nSummary.\n\n## Why\n\nSlow.\n', headed))).toEqual(['1 required-section']);
    expect(lint('## Faster queries\n\nSummary.\n\n## Why\n\nSlow.\n', headed)[0]).toContain('"## Goals"');
  });

  it('a title still the template’s own is reported as a placeholder, at the title', () => {
    expect(lint('# Replace this with your proposal title\n\nOne.\n\n## Motivation\n\nSlow.\n\n## Design\n\nCache.\n', stand)).toEqual([
      '1 placeholder Title "Replace this with your proposal title" is still the template\'s own: give the plan a title of its own',
    ]);
    expect(rules(lint('## Your Proposal Title\n\nSummary.\n\n## Why\n\nSlow.\n\n## Goals\n\nFast.\n', headed))).toEqual(['1 placeholder']);
    expect(rules(lint('# ABC-003: Template\n\n## Summary\n\nText.\n\n## Goals\n\nFast.\n', idName))).toEqual(['1 placeholder']);
  });

  it('a title without the name the template’s “ID: name” asks for is reported', () => {
    expect(rules(lint('# ABC-123\n\n## Summary\n\nText.\n\n## Goals\n\nFast.\n', idName))).toEqual(['1 required-section']);
  });

  it('a first H1 that opens a run of H1 sections is a section: required, and never taken for the title', () => {
    const plan = '- Start Date: 2024-01-02\n\n# Summary\n\nBrief.\n\n# Motivation\n\nWhy.\n\n# Drawbacks\n\nCost.\n';
    expect(lint(plan, run)).toEqual([]);
    const found = lint(plan.replace('# Summary\n\nBrief.\n\n', ''), run);
    expect(rules(found)).toEqual(['1 required-section']);
    expect(found[0]).toContain('"# Summary"');
  });
});

describe('a section under another parent is misplaced, not missing', () => {
  const template = `# Proposal: [Name]

## Motivation

[Why.]

### User Stories

[Stories.]

### Goals

[Goals.]

## Proposal

[What.]

### Risks

[Risks.]

## Design

[How.]
`;
  const path = schemaFile(template);
  const plan = (motivation: string, proposal: string, after = ''): string =>
    `# Proposal: Cache\n\n## Motivation\n\nSlow reads.\n\n${motivation}## Proposal\n\nA cache.\n\n${proposal}## Design\n\nLRU.\n${after}`;

  it('a complete plan has no findings', () => {
    expect(lint(plan('### User Stories\n\nAs a user.\n\n### Goals\n\nFast.\n\n', '### Risks\n\nStale data.\n\n'), path)).toEqual([]);
  });

  it('a section under the parent before its own, still in template order, gives no finding', () => {
    expect(lint(plan('### User Stories\n\nAs a user.\n\n### Goals\n\nFast.\n\n### Risks\n\nStale data.\n\n', ''), path)).toEqual([]);
  });

  it('a section under another parent, out of order, is one section-order finding that says where it belongs', () => {
    expect(lint(plan('### Goals\n\nFast.\n\n', '### User Stories\n\nAs a user.\n\n### Risks\n\nStale data.\n\n'), path)).toEqual([
      '15 section-order Section "### User Stories" is out of order (expected under "## Motivation", before "### Goals")',
    ]);
  });

  it('a section at another level is one heading-level finding', () => {
    expect(rules(lint(plan('### User Stories\n\nAs a user.\n\n### Goals\n\nFast.\n\n', '', '\n## Risks\n\nStale data.\n'), path))).toEqual(['23 heading-level']);
  });

  it('a section deleted is still missing', () => {
    expect(rules(lint(plan('### Goals\n\nFast.\n\n', '### Risks\n\nStale data.\n\n'), path))).toEqual(['3 required-section']);
  });
});

describe('a frontmatter value outside its choices', () => {
  const path = schemaFile('---\ntitle: x\nstatus: draft|implementable|implemented\n---\n\n# [Title]\n\n## Summary\n\nText.\n');
  const plan = (status: string): string => `---\ntitle: my-thing\nstatus: ${status}\n---\n\n# My thing\n\n## Summary\n\nText.\n`;

  it('a value outside the list is still a field finding, and its suggestion replaces only the value', () => {
    const r = lintText(plan('implementabel'), 'plan.md', { schema: path });
    expect(r.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn])).toEqual([['field', 3, 9, 22]]);
    expect(r.messages[0]?.suggestions?.map((s) => s.fix.range)).toEqual([[28, 41]]);
  });
});

describe('an example heading is a wildcard only at its own level', () => {
  const template = '# Proposal: [Name]\n\n## Proposal\n\n[What.]\n\n### User Stories (Optional)\n\n[Stories.]\n\n#### Story 1 (Optional)\n\n[One.]\n\n### Risks\n\n[Risks.]\n\n## QA Results\n\n### Review Date: {{qa_date}}\n\n### Notes\n\n[Notes.]\n';
  const path = schemaFile(template);

  it('an unrelated heading at another level is not taken for the example heading', () => {
    const plan = '# Proposal: Cache\n\n## Proposal\n\nA cache.\n\n### User Stories\n\nAs a user.\n\n### Proposal Details\n\nLRU.\n\n### Risks\n\nStale data.\n\n## QA Results\n\n### Review Date: 2026-01-02\n\n### Notes\n\nFine.\n';
    expect(lint(plan, path)).toEqual([]);
  });

  it('a heading that carries its value needs no body; its value is still required', () => {
    const plan = '# Proposal: Cache\n\n## Proposal\n\nA cache.\n\n### Risks\n\nStale data.\n\n## QA Results\n\n### Review Date:\n\n### Notes\n\nFine.\n';
    // The section is there (line 13), only its value is not: reported on that heading, not as a missing section.
    expect(lint(plan, path)).toEqual(['13 required-section Heading "### Review Date:" has no value; the template\'s is "### Review Date: {{qa_date}}"']);
  });
});

describe('a field heading: a label and a placeholder value ("### Review Date: {{qa_date}}")', () => {
  const template = [
    '# Story: {{title}}',
    '## QA Results',
    '### Review Date: {{qa_date}}',
    '### Reviewed By: [reviewer]',
    '### Owner: <owner>',
    '### Team: {team}',
    '### Findings: {{summary}}\n\n{{details}}',
    '### Table: `table_name`',
    '### Notes\n\n{{notes}}',
  ].join('\n\n');
  const path = schemaFile(`${template}\n`);
  /** The plan with each field heading (and what follows it) as given, in template order. */
  const plan = (...fields: string[]): string => `# Story: Cache\n\n## QA Results\n\n${fields.join('\n\n')}\n\n### Notes\n\nFine.\n`;
  const filled = ['### Review Date: 2026-01-02', '### Reviewed By: Quinn', '### Owner: Dana', '### Team: Core', '### Findings: Pass\n\nNo issues.', '### Table: `users`'];
  /** `line:column-endLine:endColumn ruleId message` of every finding. */
  const at = (text: string): string[] =>
    lintText(text, 'plan.md', { schema: path }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`);

  it('binds the bare label and keeps the value pattern apart; a name in code is not a field value', () => {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { properties: { sections: { properties: Record<string, any> } } };
    const qa = schema.properties.sections.properties['qa results'].properties.sections.properties as Record<string, { 'x-heading': Record<string, unknown> }>;
    expect(Object.values(qa).map((s) => [s['x-heading']['pattern'], s['x-heading']['valuePattern']])).toEqual([
      ['^review date(?: .+)?$', '^review date .+$'],
      ['^reviewed by(?: .+)?$', '^reviewed by .+$'],
      ['^owner(?: .+)?$', '^owner .+$'],
      ['^team(?: .+)?$', '^team .+$'],
      ['^findings(?: .+)?$', '^findings .+$'],
      ['^table .+$', undefined],
      [undefined, undefined],
    ]);
  });

  it('a value filled in each heading gives no finding', () => {
    expect(at(plan(...filled))).toEqual([]);
  });

  it('a bare label with its value written under it gives no finding (the template gives the section no body)', () => {
    const under = ['### Review Date\n\n2026-01-02', '### Reviewed By:\n\nQuinn', '### Owner\n\nDana', '### Team\n\nCore', ...filled.slice(4)];
    expect(at(plan(...under))).toEqual([]);
  });

  it('a bare label with no value anywhere is reported on its heading as having no value, with or without the colon', () => {
    const bare = ['### Review Date', '### Reviewed By:', '### Owner', '### Team:', ...filled.slice(4)];
    expect(at(plan(...bare))).toEqual([
      '5:1-5:16 required-section Heading "### Review Date" has no value; the template\'s is "### Review Date: {{qa_date}}"',
      '7:1-7:17 required-section Heading "### Reviewed By:" has no value; the template\'s is "### Reviewed By: [reviewer]"',
      '9:1-9:10 required-section Heading "### Owner" has no value; the template\'s is "### Owner: <owner>"',
      '11:1-11:10 required-section Heading "### Team:" has no value; the template\'s is "### Team: {team}"',
    ]);
  });

  it('where the template has a body, the body is the section\'s content, not the heading\'s value', () => {
    const found = at(plan(...filled.slice(0, 4), '### Findings\n\nNo issues.', filled[5] as string));
    expect(found).toEqual(['13:1-13:13 required-section Heading "### Findings" has no value; the template\'s is "### Findings: {{summary}}"']);
  });

  it('a name in code (`### Table: `table_name``) still needs its name: the bare label is no match', () => {
    const found = at(plan(...filled.slice(0, 5), '### Table'));
    expect(rules(found.map((f) => f.replace(/^(\d+):\S+/, '$1')))).toEqual(['3 required-section']);
    expect(found[0]).toContain('Missing required section "### Table: `table_name`" (at least one section like it)');
  });

  it('a field heading left out altogether is still a missing section; the placeholder left in it is still a placeholder', () => {
    expect(at(plan(...filled.slice(1)))).toEqual([
      '3:1-3:14 required-section Missing required section "### Review Date: {{qa_date}}" (at least one section like it) (expected before "### Reviewed By: [reviewer]")',
    ]);
    expect(rules(at(plan('### Review Date: {{qa_date}}', ...filled.slice(1))).map((f) => f.replace(/^(\d+):\S+/, '$1')))).toEqual(['5 placeholder']);
  });
});
