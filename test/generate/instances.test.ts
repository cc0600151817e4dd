import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { illustrativeExample, instanceOf, instancesPass } from '../../src/schema/generate/instances.js';
import { tempDirs } from '../helpers.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { lintWith as lintIn, outline, run } from './helpers.js';

describe('instances pass', () => {
  it('merges sibling instances of one heading into its first, with every instance in the group', () => {
    const ctx = run('# T\n\n## Options\n\n### Option A\n\nText.\n\n### Option B\n\nText.\n\n## Decision\n\nText.\n', [stylesPass, headingsPass, instancesPass]);
    expect(outline(ctx.sections)).toEqual(['2 options', '  3 option', '2 decision']);
    const option = ctx.sections[0]?.children[0];
    expect(option?.shape.instance).toBe(true);
    expect(option?.group.map((s) => s.key)).toEqual(['option a', 'option b']);
  });

  it('names headings with a variable part by their literal words, and keeps keys unique (numbered by the section)', () => {
    const ctx = run('# T\n\n## Endpoint 1: {Name}\n\nText.\n\n## Notes\n\nA.\n\n## Notes\n\nB.\n', [stylesPass, headingsPass, instancesPass]);
    expect(ctx.sections.map((s) => s.key)).toEqual(['endpoint', 'notes', 'notes 4']);
  });

  it('takes a number or a capital letter as an instance id, not an ordinary word', () => {
    expect(instanceOf('Phase 2')).toBe('^phase (?:[a-z]|\\d{1,3})(?: |$)');
    expect(instanceOf('Task N: [Component]')).toBe('^task (?:[a-z]|\\d{1,3})(?: |$)');
    expect(instanceOf('How can a rollout fail?')).toBeNull();
    expect(instanceOf('Removing a deprecated feature')).toBeNull();
  });
});

const temp = tempDirs()('plan-lint-instances-');
// As `plan-lint schema generate` runs on a team's template.
const lintWith = (template: string, plan: string): string[] => lintIn(template, plan, temp, { ownStylesOnly: true });
const sections = (msgs: string[]): string[] => msgs.filter((m) => /required-section|heading-level|section-order/.test(m));

describe('example headings', () => {
  it('reads "Example" followed by a numbered sample as an illustrative example of a kind', () => {
    expect(illustrativeExample('Parallel Example: User Story 1')).toBe('parallel example');
    expect(illustrativeExample('Example 1')).toBe('');
    expect(illustrativeExample('Example: Scenario 2')).toBe('');
    expect(illustrativeExample('Basic example')).toBeNull();
    expect(illustrativeExample('Examples')).toBeNull();
    expect(illustrativeExample('Option 1')).toBeNull();
  });

  it('makes an illustrative example heading optional, and binds any sample of its kind', () => {
    const template = '# Tasks\n\n## Phases\n\nThe work.\n\n## Batch Example: Story 1\n\nRun these together.\n\n## Notes\n\nAnything.\n';
    expect(sections(lintWith(template, '# Tasks\n\n## Phases\n\nOurs.\n\n## Notes\n\nNone.\n'))).toEqual([]);
    expect(sections(lintWith(template, '# Tasks\n\n## Phases\n\nOurs.\n\n## Batch Example: Story 3 uploads\n\nRun.\n\n## Notes\n\nNone.\n'))).toEqual([]);
    // Out of place, it is still the template's section: one order finding.
    expect(sections(lintWith(template, '# Tasks\n\n## Batch Example: Story 3 uploads\n\nRun.\n\n## Phases\n\nOurs.\n\n## Notes\n\nNone.\n'))).toHaveLength(1);
  });

  it('makes a numbered heading that the guidance introduces "for example" optional, and keeps it required otherwise', () => {
    const plan = '# Spec\n\n## Scenarios\n\nWe have none yet.\n\n## Risks\n\nNone.\n';
    const introduced = '# Spec\n\n## Scenarios\n\nDescribe each scenario, for example:\n\n### Scenario 1\n\nGiven, when, then.\n\n## Risks\n\nText.\n';
    expect(sections(lintWith(introduced, plan))).toEqual([]);
    const plain = '# Spec\n\n## Scenarios\n\nDescribe each scenario.\n\n### Scenario 1\n\nGiven, when, then.\n\n## Risks\n\nText.\n';
    expect(sections(lintWith(plain, plan))).toEqual([expect.stringContaining('Missing required section "### Scenario 1"')]);
  });
});

describe('instance headings named by a placeholder', () => {
  const template =
    '# Evaluation\n\n## Options\n\n### Option 1: [name]\n\n- [summary]\n\n### Option 2: [name]\n\n- [summary]\n\n## Recommendation\n\n[Which one.]\n';

  it('takes any subsection under the parent as an instance, whatever the plan calls it', () => {
    for (const names of [['Option A — Postgres', 'Option B — MySQL'], ['Postgres (option 1)', 'MySQL (option 2)'], ['Managed Postgres', 'SQLite']]) {
      const plan = `# Evaluation\n\n## Options\n\n### ${names[0]}\n\n- Fast.\n\n### ${names[1]}\n\n- Small.\n\n## Recommendation\n\nPostgres.\n`;
      expect(sections(lintWith(template, plan))).toEqual([]);
    }
  });

  it('still reports an options section without any option in it, and a plan without the section', () => {
    const empty = '# Evaluation\n\n## Options\n\nWe looked at two.\n\n## Recommendation\n\nPostgres.\n';
    expect(sections(lintWith(template, empty))).toEqual([expect.stringContaining('Missing required section "### Option 1: [name]"')]);
    const none = '# Evaluation\n\n## Recommendation\n\nPostgres.\n';
    expect(sections(lintWith(template, none))).toEqual([expect.stringContaining('Missing required section "## Options"')]);
  });

  it('keeps the label required at the top level, where a wildcard would take unrelated sections', () => {
    const top = '# Plan\n\n## Summary\n\nText.\n\n## Phase 1: [name]\n\nSteps.\n\n## Risks\n\nText.\n';
    const ctx = run(top, [stylesPass, headingsPass, instancesPass], { ownStylesOnly: true });
    expect(ctx.sections[1]?.shape.pattern).toBe('^phase (?:[a-z]|\\d{1,3})(?: |$)');
    expect(sections(lintWith(top, '# Plan\n\n## Summary\n\nText.\n\n## Phase 1: Build\n\nSteps.\n\n## Risks\n\nText.\n'))).toEqual([]);
  });
});

describe('a heading that labels the variable headings after it', () => {
  const temp = tempDirs()('plan-lint-label-heading-');
  const template = '# T\n\n## FAQ\n\n### External\n\n### Q: [Question a customer asks]\n\n[Answer.]\n\n### Internal\n\n### Q: [Question a stakeholder asks]\n\n[Answer.]\n\n## Goals\n\n### Goals\n\n### Non-goals\n';
  it('needs no body of its own: the headings that follow at its level are its content', () => {
    const plan = '# T\n\n## FAQ\n\n### External\n\n### Q: Does it cost extra?\n\nNo.\n\n### Internal\n\n### Q: Why now?\n\nBecause.\n\n## Goals\n\n### Goals\n\n- Fast.\n\n### Non-goals\n\n- Cheap.\n';
    expect(lintIn(template, plan, temp)).toEqual([]);
  });
  it('still requires its heading, and an empty section before a fixed heading still needs content', () => {
    const plan = '# T\n\n## FAQ\n\n### External\n\n### Q: Does it cost extra?\n\nNo.\n\n### Q: Why now?\n\nBecause.\n\n## Goals\n\n### Goals\n\n### Non-goals\n\n- Cheap.\n';
    expect(lintIn(template, plan, temp)).toEqual([
      '3:1 required-section Missing required section "### Internal" (expected after "### Q: [Question a customer asks]")',
      '17:1 empty-section Section "### Goals" is empty',
    ]);
    // Alternative wordings of the next heading (`Goals / Non-Goals`) are no variable part.
    const alt = '# T\n\n## Context\n\n<!-- why -->\n\n## Goals / Non-Goals\n\n<!-- what -->\n';
    expect(lintIn(alt, '# T\n\n## Context\n\n## Goals\n\nFast.\n', temp)).toEqual(['3:1 empty-section Section "## Context" is empty']);
  });
});
