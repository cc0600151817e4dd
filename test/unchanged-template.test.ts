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

  describe('instruction prose copied unchanged: a warning, while sample values stay errors', () => {
    const tpl = `# Plan: [Name]

## Testing

Describe the tests you will add and who runs them.

This section should name the owner of each test.

**Purpose**: Verify the change end to end

- [ ] Add logging for key operations
- Test 1

1. Add admin checks to both routes today
`;
    const file = join(dir, 'i.schema.json');
    writeFileSync(file, JSON.stringify(generateSchema(tpl, { name: 'i', source: 'template.md' })));
    const copied = tpl.replace('# Plan: [Name]', '# Plan: Export');
    const run = (text: string, rules?: Record<string, RuleSetting>, quiet = false): string[] =>
      lintText(text, 'p.md', { schema: file, quiet, ...(rules ? { rules } : {}) }).messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.message}`);

    it('an instruction sentence (imperative, or the template speaking of itself) is a warning; a label, a checklist item and an example task (a list item) are not', () => {
      expect(run(copied)).toEqual([
        '5:1 1 unchanged-template Template instructions left in the plan: "Describe the tests you will add and who runs them."',
        '7:1 1 unchanged-template Template instructions left in the plan: "This section should name the owner of each test."',
        '12:3 2 unchanged-template Template sample text left unchanged: "Test 1"',
      ]);
    });

    it('CRLF line endings give the same findings at the same places', () => {
      expect(run(copied.replace(/\n/g, '\r\n'))).toEqual(run(copied));
    });

    it('the rule\'s configured severity: "off" silences both tiers, "warn" makes both warnings, "error" keeps the warning tier', () => {
      expect(run(copied, { 'unchanged-template': 'off' })).toEqual([]);
      expect(run(copied, { 'unchanged-template': 'warn' }).map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual(['5:1 1', '7:1 1', '12:3 1']);
      expect(run(copied, { 'unchanged-template': 'error' }).map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual(['5:1 1', '7:1 1', '12:3 2']);
    });

    it('--quiet drops the warning tier and keeps the errors', () => {
      expect(run(copied, undefined, true)).toEqual(['12:3 2 unchanged-template Template sample text left unchanged: "Test 1"']);
    });

    it('the plan\'s own sentences, and instructions it rewrote, are not findings', () => {
      const own = copied
        .replace('Describe the tests you will add and who runs them.', 'We add golden-file tests; Dana runs them nightly.')
        .replace('This section should name the owner of each test.', 'Describe the failure modes first, then the happy path.')
        .replace('- Test 1', '- Golden CSV for March');
      expect(run(own)).toEqual([]);
    });
  });

  describe('fill-ins learned from the shape of the template text', () => {
    const tpl = `# Brief: [name]

## Why now

_What happens if we do nothing for a year?_

## Scope

_The parts of the product this touches._

## Gate

*GATE: Must pass before review.*

Who signs off: [name]

## Metrics

| Metric | Baseline | Target |
| --- | --- | --- |
| Example metric | 10% | 20% |
| Sample size | 200 | 400 |
`;
    const file = join(dir, 'f.schema.json');
    writeFileSync(file, JSON.stringify(generateSchema(tpl, { name: 'f', source: 'template.md' })));
    const run = (text: string): string[] =>
      lintText(text, 'p.md', { schema: file }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId} ${m.message}`);
    const copied = tpl.replace('# Brief: [name]', '# Brief: SMS codes').replace('Who signs off: [name]', 'Who signs off: Dana');

    it('a paragraph wholly in emphasis that asks the author, or stands alone as the section text, is instructions; a gate line in emphasis is fixed wording', () => {
      expect(run(copied)).toEqual([
        '5:1-5:44 1 unchanged-template Template instructions left in the plan: "What happens if we do nothing for a year?"',
        '9:1-9:41 1 unchanged-template Template instructions left in the plan: "The parts of the product this touches."',
        '21:1-21:31 2 unchanged-template Template sample text left unchanged: "Example metric | 10% | 20%"',
      ]);
    });

    it('a table row that names itself an example is a sample; a measure ("Sample size") and rows the plan wrote are not', () => {
      const own = copied
        .replace('_What happens if we do nothing for a year?_', 'Support tickets about lost phones double every quarter.')
        .replace('_The parts of the product this touches._', '_Login only_, and the _recovery_ page.')
        .replace('| Example metric | 10% | 20% |', '| Lockouts per week | 120 | 30 |');
      expect(run(own)).toEqual([]);
    });
  });

  it('a paragraph the template folds into <details> is guidance: left in, a warning; the plan\'s own <details> are not', () => {
    const tpl = '# Plan: [Name]\n\n## Background\n\n<details>\n<summary>Guidance</summary>\n\nThe current state of the system and the problem with it.\n\n</details>\n\n## Design\n\nText.\n';
    const file = join(dir, 'd.schema.json');
    writeFileSync(file, JSON.stringify(generateSchema(tpl, { name: 'd', source: 'template.md' })));
    const run = (text: string): string[] => lintText(text, 'p.md', { schema: file }).messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}`);
    const left = tpl.replace('[Name]', 'Export').replace('## Design\n\nText.', '## Design\n\nStream rows.');
    expect(run(left)).toEqual(['8:1 1 unchanged-template']);
    const own = '# Plan: Export\n\n## Background\n\nExports time out.\n\n<details>\n<summary>Logs</summary>\n\nThe job ran 31 minutes on 2026-05-02.\n\n</details>\n\n## Design\n\nStream rows.\n';
    expect(run(own)).toEqual([]);
  });
});
