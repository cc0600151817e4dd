/**
 * A template is a schema: a config's `schemas` entry or `--schema` may name a
 * template Markdown file, whose schema is generated at run time, so that the
 * next run follows an edit of the template with no regeneration step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText, loadTemplate } from '../src/index.js';
import { templateName } from '../src/schema/from-template.js';
import { cli, tempDirs } from './helpers.js';

const mkTemp = tempDirs();

const TEMPLATE = ['# Proposal: [Title]', '', '**Status:** Draft', '', '## Summary', '', '[One paragraph]', '', '## Design', '', '[How it works]', ''].join('\n');
const PLAN = ['# Proposal: Faster builds', '', '**Status:** Draft', '', '## Summary', '', 'Builds take too long.', '', '## Design', '', 'Cache the compiler output.', ''].join('\n');

describe('a template file as a schema', () => {
  it('lints with --schema <template.md> and follows an edit of the template on the next run', () => {
    const dir = mkTemp('pl-tpl-');
    writeFileSync(join(dir, 'proposal-template.md'), TEMPLATE);
    writeFileSync(join(dir, 'faster-builds.md'), PLAN);
    const first = cli(['--schema', 'proposal-template.md', '--format', 'json', 'faster-builds.md'], { cwd: dir });
    expect(first.status).toBe(0);
    const [r1] = JSON.parse(first.stdout) as { schema: string; messages: unknown[] }[];
    expect(r1?.schema).toBe('proposal');
    expect(r1?.messages).toEqual([]);

    // The team adds a required section to its template: the very next run asks for it.
    writeFileSync(join(dir, 'proposal-template.md'), `${TEMPLATE}\n## Rollout\n\n[Steps]\n`);
    const second = cli(['--schema', 'proposal-template.md', '--format', 'json', 'faster-builds.md'], { cwd: dir });
    expect(second.status).toBe(1);
    const [r2] = JSON.parse(second.stdout) as { messages: { ruleId: string; message: string; line: number }[] }[];
    expect(r2?.messages.map((m) => [m.ruleId, m.line])).toEqual([['required-section', 1]]);
    expect(r2?.messages[0]?.message).toContain('Rollout');
  });

  it('lints with a config "schemas" entry that names a template, through an override', () => {
    const dir = mkTemp('pl-tpl-');
    mkdirSync(join(dir, 'docs', 'proposals'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'proposals', 'TEMPLATE.md'), TEMPLATE);
    writeFileSync(join(dir, 'docs', 'proposals', '0001-faster-builds.md'), PLAN.replace('Cache the compiler output.', '[How it works]'));
    writeFileSync(
      join(dir, '.plan-lintrc.json'),
      JSON.stringify({ schemas: { proposal: 'docs/proposals/TEMPLATE.md' }, overrides: [{ files: 'docs/proposals/0*.md', schema: 'proposal' }] }),
    );
    const r = cli(['--format', 'json', 'docs/proposals/0001-faster-builds.md'], { cwd: dir });
    expect(r.status).toBe(1);
    const [res] = JSON.parse(r.stdout) as { schema: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(res?.schema).toBe('proposals');
    expect(res?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['11:1 placeholder']);
  });

  it('in the library, a long-lived process follows the template too', () => {
    const dir = mkTemp('pl-tpl-');
    const tpl = join(dir, 'design.template.md');
    writeFileSync(tpl, TEMPLATE);
    expect(lintText(PLAN, 'p.md', { schema: tpl }).messages).toEqual([]);
    writeFileSync(tpl, TEMPLATE.replace('## Design', '## Approach'));
    expect(lintText(PLAN, 'p.md', { schema: tpl }).messages.map((m) => m.ruleId)).toContain('required-section');
    expect(loadTemplate(tpl).name).toBe('design');
  });

  it('names a schema after its template file, or its folder when the file name is generic', () => {
    expect(templateName('.specify/templates/plan-template.md')).toBe('plan');
    expect(templateName('keps/NNNN-kep-template/README.md')).toBe('kep');
    expect(templateName('rfcs/RFC-0000/README.md')).toBe('rfc');
    expect(templateName('teps/tools/tep-template.md.template')).toBe('tep');
    expect(templateName('design/TEMPLATE.md')).toBe('design');
    expect(templateName('docs/proposals/YYYYMMDD-template.md')).toBe('proposals');
    expect(templateName('0000-template.md')).toBe('template');
  });
});
