import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { preamblePass, titleSchema } from '../../src/schema/generate/preamble.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { metaPass } from '../../src/schema/generate/title.js';
import { tempDirs } from '../helpers.js';
import { lintWith, outline, run } from './helpers.js';

const dir = tempDirs()('plan-lint-title-');

type Json = Record<string, unknown>;
const heading = (ctx: ReturnType<typeof run>): Json | undefined => titleSchema(ctx)?.['x-heading'] as Json | undefined;

describe('title slot and the template’s own header', () => {
  it('drops a header that names the template when an H1 title stand-in follows it', () => {
    const ctx = run('# Proposal template for new APIs\n\nThis document is a template for proposals.\n\n# Title\n\n## Summary\n\nText.\n\n## Use cases\n\nList.\n', [stylesPass, headingsPass, preamblePass]);
    expect(ctx.titleSec?.text).toBe('Title');
    expect(heading(ctx)).toEqual({ text: 'Title', depth: 1, pattern: '.+' });
    expect(outline(ctx.sections)).toEqual(['2 Summary', '2 Use cases']);
  });

  it('takes a `##` title stand-in under a “# Template” header as the title slot, at its level', () => {
    const ctx = run('# Template\n\nCopy this file.\n\n## Your Proposal Title\n\n* **Owner:** `<@author>`\n\n## Why\n\nText.\n\n## Goals\n\nList.\n', [stylesPass, headingsPass, preamblePass]);
    expect(heading(ctx)).toEqual({ text: 'Your Proposal Title', depth: 2, pattern: '.+' });
    expect(outline(ctx.sections)).toEqual(['2 Why', '2 Goals']);
  });

  it('keeps the id prefix of a title in the template’s “ID: name” pattern, the name and the number free', () => {
    const ctx = run('# ABC-003: Template\n\n## Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(heading(ctx)?.['pattern']).toBe('^abc [^ ]+ .+$');
    const re = new RegExp(String(heading(ctx)?.['pattern']));
    expect(re.test('abc 30572 non default deny')).toBe(true);
    // The id alone is not a title: the name is missing.
    expect(re.test('abc 30572')).toBe(false);
    expect(re.test('non default deny')).toBe(false);
  });

  it('reads a stand-in title written in emphasis (`_name of the proposal_`) as the plan’s own', () => {
    const ctx = run('# Proposal: _name of the proposal_\n\n## Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect(heading(ctx)?.['pattern']).toBe('^proposal .+$');
  });

  it('reads a title whose variable part is a placeholder token, a mask, filler or an instruction as a stand-in, keeping its fixed words', () => {
    const pattern = (template: string): unknown => heading(run(template, [stylesPass, headingsPass, preamblePass]))?.['pattern'];
    expect(pattern('# Release $VERSION\n\nOwner: $OWNER\n\n## Scope\n\nText.\n')).toBe('^release .+$');
    expect(pattern('# NNN. Short noun phrase naming the decision\n\n## Status\n\nText.\n')).toBe('.+');
    expect(pattern('# A one-line summary of the change\n\n## Status\n\nText.\n')).toBe('.+');
    expect(pattern('# Brief: Lorem Ipsum Dashboard\n\n## Problem\n\nLorem ipsum dolor sit amet.\n')).toBe('^brief .+$');
    expect(pattern('# Decision: *what we decided*\n\n## Context\n\nText.\n')).toBe('^decision .+$');
    // Fixed titles stay literal.
    expect(pattern('# Design Review\n\n## Scope\n\nText.\n')).toBeUndefined();
    expect(pattern('# Short-term Roadmap\n\n## Scope\n\nText.\n')).toBeUndefined();
  });

  it('accepts a plan’s own title for a stand-in title, and reports the stand-in left as the title', () => {
    const template = '# Release $VERSION\n\nOwner: $OWNER\n\n## Scope\n\nText.\n';
    const rules = (plan: string): string[] => lintWith(template, plan, dir).map((m) => m.split(' ').slice(0, 2).join(' '));
    expect(rules('# Release 4.12.0\n\nOwner: Ann\n\n## Scope\n\nFixes.\n')).toEqual([]);
    expect(rules('# Release $VERSION\n\nOwner: Ann\n\n## Scope\n\nFixes.\n')).toEqual(['1:11 placeholder']);
    const adr = '# NNN. Short noun phrase naming the decision\n\n## Status\n\nAccepted.\n';
    expect(lintWith(adr, '# 7. Use PostgreSQL for reports\n\n## Status\n\nAccepted.\n', dir)).toEqual([]);
    expect(lintWith(adr, adr, dir).map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual(['1:3 placeholder']);
  });

  it('reads a first H1 that opens a run of H1 sections as a section, not as the title', () => {
    const ctx = run('- Start Date: (fill me in)\n\n# Summary\n\nText.\n\n# Motivation\n\nWhy.\n\n# Drawbacks\n\nCost.\n', [stylesPass, headingsPass, preamblePass]);
    expect(titleSchema(ctx)).toBeNull();
    expect(outline(ctx.sections)).toEqual(['1 Summary', '1 Motivation', '1 Drawbacks']);
  });

  it('keeps a literal H1 with sections under it as the title', () => {
    const ctx = run('# Design\n\n## Summary\n\nText.\n\n# Appendix\n\nMore.\n\n# Glossary\n\nTerms.\n', [stylesPass, headingsPass, preamblePass]);
    expect(heading(ctx)).toEqual({ text: 'Design', depth: 1 });
    expect(outline(ctx.sections)).toEqual(['2 Summary', '1 Appendix', '1 Glossary']);
  });

  it('drops the parts about the template itself: how to use it, an appendix that is not part of the plan', () => {
    const template = [
      '# [Title]',
      '',
      '## How to use this template',
      '',
      'Copy it.',
      '',
      '## Summary',
      '',
      'Text.',
      '',
      '## Appendix: Questions to consider',
      '',
      'These questions are not a part of the proposal, but be ready to answer them.',
      '',
      '### Naming',
      '',
      'Is the name clear?',
      '',
      '## Notes for reviewers',
      '',
      'Delete this section before submitting the proposal.',
      '',
    ].join('\n');
    const ctx = run(template, [stylesPass, headingsPass, metaPass]);
    expect(outline(ctx.sections)).toEqual(['2 Summary']);
  });

  it('keeps a section that only mentions the template in its body', () => {
    const ctx = run('# [Title]\n\n## Summary\n\nFollow the template conventions and keep it short.\n\n## Goals\n\nList.\n', [stylesPass, headingsPass, metaPass]);
    expect(outline(ctx.sections)).toEqual(['2 Summary', '2 Goals']);
  });
});
