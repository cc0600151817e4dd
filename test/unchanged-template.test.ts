/**
 * Rule `unchanged-template` on schemas generated from small templates: sample
 * values left in a plan are findings; the template's fixed wording (table
 * headers, tables of contents, gate lines, labels) is not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText, type RuleSetting } from '../src/index.js';
import { generateSchema } from '../src/schema/generate.js';
import { getRule } from '../src/rules/index.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-unchanged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const template = `# Plan: [Name]

- [Goals](#goals)
- [Phase 1](#phase-1)

## Goals

- Goal 1
- Goal 2

*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*

## Dependencies

| Library | Version | Phase 1 |
|---------|---------|---------|
| Library A | ^1.0.0 | yes |

Setup (Phase 1): No dependencies - can start immediately

## Tasks

- [ ] Task 1
- [ ] Task 2
`;
const schema = join(dir, 'u.schema.json');
writeFileSync(schema, JSON.stringify(generateSchema(template, { name: 'u', source: 'template.md' })));

const lint = (plan: string, rules?: Record<string, RuleSetting>): string[] =>
  lintText(plan, 'p.md', { schema, ...(rules ? { rules } : {}) }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);

const plan = (goals: string, row: string, task: string): string => `# Plan: Export

- [Goals](#goals)
- [Phase 1](#phase-1)

## Goals

${goals}

*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*

## Dependencies

| Library | Version | Phase 1 |
|---------|---------|---------|
${row}

Setup (Phase 1): No dependencies - can start immediately

## Tasks

${task}
`;

describe('unchanged-template', () => {
  it('fixed wording kept on purpose is not a finding: the header row, the table of contents, the gate line, a numbered label', () => {
    expect(lint(plan('- Export a month of invoices as CSV', '| csv-stringify | ^6.4.0 | yes |', '- [ ] Stream rows from the replica'))).toEqual([]);
  });

  it('sample values left as they were are errors', () => {
    expect(lint(plan('- Goal 1', '| Library A | ^1.0.0 | yes |', '- [ ] Task 1'))).toEqual([
      '8:3 unchanged-template Template sample text left unchanged: "Goal 1"',
      '16:1 unchanged-template Template sample text left unchanged: "Library A | ^1.0.0 | yes"',
      '22:7 unchanged-template Template sample text left unchanged: "Task 1"',
    ]);
  });

  it('the allow option keeps the texts a project names (exactly, or by /regex/)', () => {
    const found = lint(plan('- Goal 1', '| Library A | ^1.0.0 | yes |', '- [ ] Task 1'), { 'unchanged-template': ['error', { allow: ['Goal 1', '/^Library [A-Z] /'] }] });
    expect(found).toEqual(['22:7 unchanged-template Template sample text left unchanged: "Task 1"']);
  });

  it('a bad /regex/ in allow is refused when the config is read', () => {
    expect(getRule('unchanged-template')?.checkOptions?.({ allow: ['/(/'] })).toMatch(/^"allow": \/\(\/ is not a valid regular expression/);
  });
});
