import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/index.js';
import { commentsSchema, detailsParagraphs, samplesPass } from '../../src/schema/generate/guidance.js';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { instancesPass } from '../../src/schema/generate/instances.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { run } from './helpers.js';

describe('samples pass', () => {
  it('collects the sample lines of a section, not its placeholder lines', () => {
    const ctx = run('# T\n\n## Goals\n\n- Goal 1\n- Goal 2\n- [Your goal]\n', [stylesPass, headingsPass, instancesPass, samplesPass]);
    expect(ctx.sections[0]?.samples.length).toBe(2);
  });

  it('collects the samples of every instance into the repeatable heading', () => {
    const ctx = run('# T\n\n## Option A\n\n- Pro 1\n\n## Option B\n\n- Con 1\n', [stylesPass, headingsPass, instancesPass, samplesPass]);
    expect(ctx.sections).toHaveLength(1);
    expect(ctx.sections[0]?.samples.length).toBe(2);
  });

  it('a numbered name that one of the template’s own headings starts with refers to that section: fixed wording, not a sample', () => {
    const template = '# T\n\n## Stages\n\n### Stage 0: Gates\n\n**Cost Gate (Rule V):**\n- [ ] Budget agreed\n\n### Stage 1: Build\n\nBuild it.\n\n## Rules\n\n### Rule V: Frugality\n\n- Spend little\n\n## Checklist\n\n- [ ] Stage 0 gates all passed\n- [ ] Stage 3 signed off\n- [ ] Goal 1 met\n';
    const ctx = run(template, [stylesPass, headingsPass, instancesPass, samplesPass]);
    const samples = ctx.sections.flatMap((n) => [...n.samples, ...n.children.flatMap((c) => c.samples)]);
    // "Stage 3" and "Goal 1" name no heading of the template: stand-ins, still samples.
    expect(samples.sort()).toEqual(['goal 1 met', 'stage 3 signed off']);
  });
});

describe('paragraphs folded into <details>', () => {
  const folded = (md: string): string[] => {
    const src = parseMarkdown(md);
    return [...detailsParagraphs(src.tree)].map((at) => src.text.slice(at, src.text.indexOf('\n', at)));
  };

  it('takes the paragraphs of a closed block', () => {
    expect(folded('# T\n\n## A\n\n<details><summary>Help</summary>\n\nExplain the reason.\n\n</details>\n\nPlan text.\n')).toEqual(['Explain the reason.']);
  });

  it('ignores a tag named inside an HTML comment', () => {
    expect(folded('# T\n\n## Logs\n\n<!-- wrap long logs in <details> -->\n\nThe logs go here.\n\n## Next\n\nMore text.\n')).toEqual([]);
  });

  it('ends an unclosed block at the next heading of its level or higher, not at a deeper one', () => {
    const md = '# T\n\n## A\n\n<details><summary>Help</summary>\n\nFolded one.\n\n### Inner\n\nFolded two.\n\n## B\n\nPlan text.\n\n# Other\n\nMore plan text.\n';
    expect(folded(md)).toEqual(['Folded one.', 'Folded two.']);
  });
});

describe('guidance comments', () => {
  it('keeps tool markers and, with own, recognizes guidance comments by their first words', () => {
    const ctx = run('# T\n\n<!-- toc -->\n\n## Goals\n\n<!-- Describe the goals of the change here. -->\n', [stylesPass]);
    const every = commentsSchema(ctx.doc, false);
    expect(JSON.stringify(every)).toContain('toc');
    const own = commentsSchema(ctx.doc, true) as { items: { not: { anyOf: unknown[] } } };
    expect(own.items.not.anyOf).toHaveLength(1);
    expect(JSON.stringify(own)).toContain('[dD][eE][sS][cC][rR][iI][bB][eE]');
  });
});
