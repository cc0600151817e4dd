import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { preamblePass, titleSchema } from '../../src/schema/generate/preamble.js';
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
});
