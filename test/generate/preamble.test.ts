import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { isFillIn, preamblePass, titleSchema } from '../../src/schema/generate/preamble.js';
import { isSampleList } from '../../src/schema/generate/fill-in.js';
import { tempDirs } from '../helpers.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { lintWith, run } from './helpers.js';

type Json = Record<string, unknown>;

describe('preamble pass', () => {
  it('makes the metadata fields under the title required, with their alternatives', () => {
    const ctx = run('# T\n\n**Status:** Draft | In Review | Approved\n**Author:** [Name]\n\n## Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(ctx.fields.required).toEqual(['status', 'author']);
    expect(((ctx.fields.props['status'] as Json)['properties'] as Json)['choice']).toEqual({ enum: ['draft', 'in review', 'approved'] });
  });

  it('makes frontmatter keys required, except a list of references', () => {
    const ctx = run('---\ntitle: My proposal\nstatus: draft\nsee-also:\n  - "/docs/other.md"\n---\n\n# T\n\n## Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(ctx.fields.required).toEqual(['title', 'status']);
    expect(Object.keys(ctx.fields.props)).toContain('see also');
  });

  it('makes the fields a template leaves unmarked optional when it marks others required', () => {
    const tpl = 'Number: <REQUIRED: number>\nTitle: <REQUIRED: title>\nSponsor: <name of sponsor>\nRequires: <numbers>\nStatus: Draft (required)\n\n# Summary\n\nText.\n';
    const ctx = run(tpl, [stylesPass, headingsPass, preamblePass]);
    expect(ctx.fields.required).toEqual(['number', 'title', 'status']);
    expect(Object.keys(ctx.fields.props)).toEqual(['number', 'title', 'sponsor', 'requires', 'status']);
    // "required" inside a sentence is no mark: every field stays required.
    const plain = run('**Owner:** [name]\n**Review:** [sign-off required by legal]\n**Workers:** REQUIRED SUB-SKILL: use the runner\n**Inputs:** plan.md (required), spec.md\n\n# Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(plain.fields.required).toEqual(['owner', 'review', 'workers', 'inputs']);
    // "Required" as a whole value is the field's fixed answer, not a mark: the other fields stay required.
    const answer = run('**Owner:** [name]\n**Security review:** Required\n**Legal:** *Mandatory*\n**Due:** [date]\n\n# Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(answer.fields.required).toEqual(['owner', 'security review', 'legal', 'due']);
    // Bracketed marks and a mark before a colon still count.
    const marked = run('**Owner:** [required]\n**Reviewer:** [name]\n**Title:** REQUIRED: the title\n\n# Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(marked.fields.required).toEqual(['owner', 'title']);
  });

  it('lets any title stand for a title stand-in', () => {
    const ctx = run('# Your Feature Title\n\n## Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect((titleSchema(ctx)?.['x-heading'] as Json)['pattern']).toBe('.+');
  });

  it('takes masks, upper-case tokens and example handles for fill-ins, never identifiers with digits, links, paths or defaults', () => {
    for (const v of ['YYYY-MM-DD', 'X.XX', 'SIG-NAME', 'TBD', '@xxxxx', 'dana <dana@example.com>']) expect(isFillIn(v), v).toBe(true);
    for (const v of ['SPEC-142', 'v2', '[spec.md](./spec.md)', './docs/spec.md', 'Draft', 'N/A']) expect(isFillIn(v), v).toBe(false);
    // A move between two named states is the plan's value to keep; one upper-case token alone is a mask.
    for (const v of ['STUB \u2192 IMPL', 'OPEN -> CLOSED']) expect(isFillIn(v), v).toBe(false);
    for (const v of ['STUB', 'STUB IMPL']) expect(isFillIn(v), v).toBe(true);
  });

  it('takes values addressed to the writer, sample identifiers, sample names and numbered sample lists for fill-ins', () => {
    for (const v of ['your-github-handle', '_your name_', 'Title goes here', 'PROJ-123', 'EPIC-000', 'ABC-9999', 'Jane Doe', 'Name Surname', 'x.y.z']) expect(isFillIn(v), v).toBe(true);
    for (const v of ['SPEC-142', 'RFC-7', 'Jane Austen', 'Draft', 'feature', 'true', '3', '2024-05-01', 'Exploring']) expect(isFillIn(v), v).toBe(false);
    for (const l of [['reviewer-one', 'reviewer-two'], ['name1', 'name2'], ['Team A', 'Team B'], ['your-handle']]) expect(isSampleList(l), l.join()).toBe(true);
    for (const l of [['backend', 'api'], ['rfc'], ['v1', 'v1'], [1, 2], []]) expect(isSampleList(l as unknown[]), JSON.stringify(l)).toBe(false);
  });
});

describe('metadata values left as the template wrote them', () => {
  const mkTemp = tempDirs();
  const dir = mkTemp('plan-lint-fill-in-');
  const template = '---\nowner: your-github-handle\nreviewers: [reviewer-one, reviewer-two]\ntype: feature\ndraft: true\n---\n\n# Brief\n\n**Ticket:** PROJ-123\n**Manager:** Jane Doe\n**Status:** Draft\n\n> **Author:** _your name_\n\n## Problem\n\nWhat.\n';
  const plan = (over: Record<string, string>): string => {
    const v = { owner: 'dana', reviewers: '[ana, bo]', type: 'feature', draft: 'true', ticket: 'SHOP-42', manager: 'Li Wei', status: 'Draft', author: 'Ana Ruiz', ...over };
    return `---\nowner: ${v.owner}\nreviewers: ${v.reviewers}\ntype: ${v.type}\ndraft: ${v.draft}\n---\n\n# Brief\n\n**Ticket:** ${v.ticket}\n**Manager:** ${v.manager}\n**Status:** ${v.status}\n\n> **Author:** ${v.author}\n\n## Problem\n\nSlow exports.\n`;
  };

  it('keeps the values a plan may keep (a single status, a type, a boolean)', () => {
    expect(lintWith(template, plan({}), dir)).toEqual([]);
  });

  it('reports each sample value put back, on its own line', () => {
    const found = lintWith(template, plan({ owner: 'your-github-handle', reviewers: '[reviewer-one, reviewer-two]', ticket: 'PROJ-123', manager: 'Jane Doe', author: '_your name_' }), dir);
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['2:8 placeholder', '3:12 placeholder', '10:13 placeholder', '11:14 placeholder', '14:15 placeholder']);
  });
});

describe('a metadata label written in the singular or the plural', () => {
  const mkTemp = tempDirs();
  const dir = mkTemp('plan-lint-plural-');
  const template = '# Proposal: [name]\n\n* Authors: [Author 1](https://example.org/a)\n* Reviewer: [name]\n* Status: Draft\n\n## Summary\n\nWhat.\n';

  it('fills the template’s field: "Author:" for "Authors:", "Reviewers:" for "Reviewer:"', () => {
    expect(lintWith(template, '# Proposal: Cache\n\n* Author: [Ann Lee](https://example.org/ann)\n* Reviewers: Bo, Cy\n* Status: Draft\n\n## Summary\n\nA cache.\n', dir)).toEqual([]);
  });

  it('does not take another word for the label: "Owner" is not "Authors"', () => {
    const found = lintWith(template, '# Proposal: Cache\n\n* Owner: Ann Lee\n* Reviewer: Bo\n* Status: Draft\n\n## Summary\n\nA cache.\n', dir);
    expect(found.map((f) => f.split(' ').slice(1, 2).join(' '))).toEqual(['field']);
  });
});
