import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { optionalPass } from '../../src/schema/generate/optional.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import type { OutlineNode } from '../../src/schema/generate/context.js';
import { run } from './helpers.js';

/** `depth text: optional?` of every node, children indented. */
const optionality = (nodes: OutlineNode[], indent = ''): string[] =>
  nodes.flatMap((n) => [`${indent}${n.shape.text}: ${Boolean(n.optional || n.conditional || n.shape.marker)}`, ...optionality(n.children, `${indent}  `)]);

describe('optional pass', () => {
  it('makes a comment before a heading and a prose list of optional sections optional', () => {
    const ctx = run('# T\n\n## Summary\n\nText.\n\n<!-- optional: delete this part if it does not apply -->\n## Migration\n\nSteps.\n\n## Drawbacks\n\nWhy not.\n\nThe sections Drawbacks and Summary are optional.\n', [stylesPass, headingsPass, optionalPass]);
    expect(optionality(ctx.sections)).toEqual(['Summary: true', 'Migration: true', 'Drawbacks: true']);
  });

  it('reads conditional guidance written in Japanese or Chinese (no spaces between words) from the opening sentence only', () => {
    const template =
      '# 計画\n\n## 概要\n\n[概要]\n\n## 技術\n\n**言語**: [例：Go]\n**ストレージ**: [該当する場合、例：PostgreSQL]\n\n## 例外\n\n*違反がある場合のみ記入*\n\n| 違反 | 理由 |\n|---|---|\n| [違反] | [理由] |\n\n## 付録\n\n（任意）参考資料。\n\n## 记录\n\n仅在有变更时填写。\n\n## 形式\n\n任意の形式で書く。\n';
    const ctx = run(template, [stylesPass, headingsPass, optionalPass]);
    expect(optionality(ctx.sections)).toEqual(['概要: false', '技術: false', '例外: true', '付録: true', '记录: true', '形式: false']);
  });

  it('takes a sentence that only mentions a section for no list of optional sections', () => {
    const template = '# T\n\n## Motivation\n\nWhy.\n\n### Goals\n\nList.\n\n## Proposal\n\nWhat.\n\n### User Stories\n\n<!--\nOptional if existing issues are linked in the motivation section.\n-->\n';
    const ctx = run(template, [stylesPass, headingsPass, optionalPass]);
    expect(optionality(ctx.sections)).toEqual(['Motivation: false', '  Goals: false', 'Proposal: false', '  User Stories: true']);
  });

  it('makes the sections under an optional section optional, and only those', () => {
    const template = '# T\n\n## Proposal\n\nText.\n\n### Requirements (Optional)\n\nList them.\n\n#### Functional\n\n##### FR1\n\n#### Non-Functional\n\n##### NFR1\n\n### Design\n\nText.\n\n#### Data\n\nText.\n';
    const ctx = run(template, [stylesPass, headingsPass, optionalPass]);
    expect(optionality(ctx.sections)).toEqual([
      'Proposal: false',
      '  Requirements: true',
      '    Functional: true',
      '      FR1: true',
      '    Non-Functional: true',
      '      NFR1: true',
      '  Design: false',
      '    Data: false',
    ]);
  });

  it('reads the wording variants of an optional comment before a heading', () => {
    const comments = [
      'This is an optional element. Feel free to remove.',
      'Feel free to remove this part.',
      'Remove if not applicable.',
      'Delete it if there are none.',
      'This part can be omitted.',
      'If applicable.',
    ];
    for (const c of comments) {
      const ctx = run(`# T\n\n## Context\n\nWhy.\n\n<!-- ${c} -->\n## Drivers\n\n* One.\n\n## Outcome\n\nChosen.\n\n<!-- ${c} -->\n### Consequences\n\n* Good.\n`, [stylesPass, headingsPass, optionalPass]);
      expect(optionality(ctx.sections), c).toEqual(['Context: false', 'Drivers: true', 'Outcome: false', '  Consequences: true']);
    }
  });

  it('makes a section optional when its own opening comment says to remove it when empty', () => {
    for (const c of ['Optional. Remove if there are none.', 'This is an optional element. Feel free to remove.', 'Remove if not applicable.']) {
      const ctx = run(`# T\n\n## Problem\n\n<!-- What is broken? -->\n\n## Open Questions\n\n<!-- ${c} -->\n\n### Blocking\n\nList.\n`, [stylesPass, headingsPass, optionalPass]);
      expect(optionality(ctx.sections), c).toEqual(['Problem: false', 'Open Questions: true', '  Blocking: true']);
    }
  });

  it('makes a section optional when its guidance, emphasised as a whole, opens with "Optional."', () => {
    for (const g of ['*Optional. Describe the constraints, if any.*', '_Optional: add a diagram._', '**Optional** - list them.', 'Optional. Describe them.']) {
      const ctx = run(`# T\n\n## Design\n\n*Describe it.*\n\n### Constraints\n\n${g}\n\n## Risks\n\n*List them; optional details welcome.*\n`, [stylesPass, headingsPass, optionalPass]);
      expect(optionality(ctx.sections), g).toEqual(['Design: false', '  Constraints: true', 'Risks: false']);
    }
  });

  it('reads guidance written as a blockquote like prose: "> Optional, but ..." opening a section', () => {
    const tpl = '# T\n\n## Design\n\n> Explain the design.\n\n## Open questions\n\n> Optional, but suggested for first drafts. What parts of the design are\nstill open?\n';
    const ctx = run(tpl, [stylesPass, headingsPass, optionalPass]);
    expect(optionality(ctx.sections)).toEqual(['Design: false', 'Open questions: true']);
    // A blockquote that only mentions the word later is no mark.
    const later = run('# T\n\n## Design\n\n> Explain it; optional details welcome.\n', [stylesPass, headingsPass, optionalPass]);
    expect(optionality(later.sections)).toEqual(['Design: false']);
  });

  it('reads "Remove this subsection if there are none" as "Remove this section if ..."', () => {
    const tpl = '# T\n\n## Summary\n\nState it.\n\n### Terminology\n\nDefine the terms. Remove this subsection if there are none.\n\n### Scope\n\nWhat changes.\n';
    const ctx = run(tpl, [stylesPass, headingsPass, optionalPass]);
    expect(optionality(ctx.sections)).toEqual(['Summary: false', '  Terminology: true', '  Scope: false']);
  });

  it('takes no weaker hint in prose or a comment for an optional mark', () => {
    const hints = ['Optionally, you may add a diagram.', 'Describe what can be removed from the old design.', 'Keep this short; remove jargon if you can.'];
    for (const h of hints) {
      const ctx = run(`# T\n\n## Context\n\n${h}\n\n<!-- ${h} -->\n## Design\n\n${h}\n`, [stylesPass, headingsPass, optionalPass]);
      expect(optionality(ctx.sections), h).toEqual(['Context: false', 'Design: false']);
    }
  });
});
