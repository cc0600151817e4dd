import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { isFillIn, preamblePass, titleSchema } from '../../src/schema/generate/preamble.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { run } from './helpers.js';

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

  it('lets any title stand for a title stand-in', () => {
    const ctx = run('# Your Feature Title\n\n## Summary\n\nText.\n', [stylesPass, headingsPass, preamblePass]);
    expect((titleSchema(ctx)?.['x-heading'] as Json)['pattern']).toBe('.+');
  });

  it('takes masks, upper-case tokens and example handles for fill-ins, never identifiers with digits, links, paths or defaults', () => {
    for (const v of ['YYYY-MM-DD', 'X.XX', 'SIG-NAME', 'TBD', '@xxxxx', 'dana <dana@example.com>']) expect(isFillIn(v), v).toBe(true);
    for (const v of ['SPEC-142', 'v2', '[spec.md](./spec.md)', './docs/spec.md', 'Draft', 'N/A']) expect(isFillIn(v), v).toBe(false);
  });
});
