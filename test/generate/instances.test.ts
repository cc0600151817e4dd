import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { instanceOf, instancesPass } from '../../src/schema/generate/instances.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { outline, run } from './helpers.js';

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
