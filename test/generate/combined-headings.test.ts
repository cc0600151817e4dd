import { describe, expect, it } from 'vitest';
import { combinedParts } from '../../src/schema/bind.js';
import { tempDirs } from '../helpers.js';
import { lintWith as lintIn } from './helpers.js';

const temp = tempDirs()('plan-lint-bind-');
const lintWith = (template: string, plan: string): string[] => lintIn(template, plan, temp);
const sections = (msgs: string[]): string[] => msgs.filter((m) => /required-section|heading-level|section-order/.test(m));

describe('a plan heading that combines template headings', () => {
  it('splits a heading at " / ", " & " or " + ", not inside words', () => {
    expect(combinedParts('Motivation / Use cases')).toEqual(['motivation', 'use cases']);
    expect(combinedParts('Goals & Non-goals')).toEqual(['goals', 'non goals']);
    expect(combinedParts('CI/CD Integration')).toEqual([]);
    expect(combinedParts('Summary')).toEqual([]);
  });

  it('covers each template heading it names: neither is missing', () => {
    const template = '# [Title]\n\n## Summary\n\nText.\n\n## Goals\n\nText.\n\n## Non-goals\n\nText.\n\n## Use cases\n\nText.\n\n## Design\n\nText.\n';
    const plan = '# Mine\n\n## Summary\n\nOurs.\n\n## Goals & Non-goals\n\nBoth.\n\n## Motivation / Use cases\n\nWhy.\n\n## Design\n\nHow.\n';
    expect(sections(lintWith(template, plan))).toEqual([]);
  });

  it('still reports a template heading the combined heading does not name', () => {
    const template = '# [Title]\n\n## Goals\n\nText.\n\n## Non-goals\n\nText.\n\n## Risks\n\nText.\n';
    const plan = '# Mine\n\n## Goals / Non-goals\n\nBoth.\n\n## Design / Rollout\n\nHow.\n';
    expect(sections(lintWith(template, plan))).toEqual([expect.stringContaining('Missing required section "## Risks"')]);
  });
});

describe('an optional template section the plan has elsewhere', () => {
  const template = '# [Title]\n\n## Summary\n\nText.\n\n## Implementation\n\nText.\n\n## Risks\n\nText.\n\n## API Changes (optional)\n\nText.\n';
  const nested = '# Mine\n\n## Summary\n\nOurs.\n\n## Implementation\n\nSteps.\n\n### API Changes\n\nA new field.\n\n## Risks\n\nNone.\n';

  it('is the plan own subsection when it sits under another parent, at another depth, out of the template order', () => {
    expect(sections(lintWith(template, nested))).toEqual([]);
  });

  it('is the template section at the wrong level when its place fits the template order', () => {
    const inOrder = '# Mine\n\n## Summary\n\nOurs.\n\n## Implementation\n\nSteps.\n\n## Risks\n\nNone.\n\n### API Changes\n\nA new field.\n';
    expect(sections(lintWith(template, inOrder))).toEqual([expect.stringContaining('heading-level')]);
  });

  it('a required section there is still reported', () => {
    expect(sections(lintWith(template.replace(' (optional)', ''), nested)).length).toBeGreaterThan(0);
  });
});
