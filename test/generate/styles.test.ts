import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { allowancesPass, stylesPass } from '../../src/schema/generate/styles.js';
import { tempDirs } from '../helpers.js';
import { lintWith as lintIn, run } from './helpers.js';

describe('placeholder styles passes', () => {
  it('learns the styles the template uses beyond the default scan', () => {
    const ctx = run('# T\n\n## Summary\n\nWrite <short description> here. Date: yyyy-mm-dd. See KEP-NNNN.\n', [stylesPass]);
    expect(ctx.styles.map((s) => s.kind)).toEqual(['angle', 'mask', 'date-mask']);
    expect(ctx.placeholders.some((p) => p.text === '<short description>')).toBe(true);
  });

  it('allows the template’s optional markers and link labels in a plan', () => {
    const ctx = run('# T\n\n## Summary\n\n- [Optional] Method: [method]\n\nSee [existing SLOs].\n\n[existing SLOs]: https://example.com\n', [stylesPass, headingsPass, allowancesPass]);
    expect([...ctx.markers]).toEqual(['[Optional]']);
    expect(ctx.labels).toEqual(['[existing SLOs]']);
  });

  it('with templateLeftoversOnly, ignores the default styles the template does not use', () => {
    const ctx = run('# T\n\n## Summary\n\n[What it does]\n', [stylesPass, headingsPass, allowancesPass], { templateLeftoversOnly: true });
    expect(ctx.ignoredKinds).toEqual(['curly', 'mustache']);
  });
});

describe('role mentions', () => {
  const temp = tempDirs()('plan-lint-role-mention-');
  const template = '# T\n\n## Tasks\n\n- [ ] Docs updated (@owner)\n- [ ] Support briefed (@owner)\n';
  it('finds a role mention of the template (`@owner`) left in a plan', () => {
    expect(lintIn(template, '# T\n\n## Tasks\n\n- [x] Docs updated (@Ana Ruiz)\n- [ ] Support briefed (@owner)\n', temp)).toEqual([
      '6:24 placeholder Unfilled placeholder "@owner"',
    ]);
  });
  it('takes no person’s handle, address or package scope for one', () => {
    const plan = '# T\n\n## Tasks\n\n- [x] Docs updated (@aruiz, mail a@owner.org)\n- [ ] Support briefed (@lead-dev), bump `@owner/pkg` and @owner/pkg\n';
    expect(lintIn(template, plan, temp)).toEqual([]);
    // A template without role mentions learns nothing from them.
    expect(lintIn('# T\n\n## Tasks\n\n- [ ] Docs updated\n', '# T\n\n## Tasks\n\n- [ ] Docs updated (@owner)\n', temp)).toEqual([]);
  });
});
