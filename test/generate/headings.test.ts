import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { generateSchema } from '../../src/schema/generate.js';
import { tempDirs } from '../helpers.js';
import { lintWith, outline, run } from './helpers.js';

type Json = Record<string, unknown>;

describe('headings pass', () => {
  it('takes the title’s children as the top level, nested sections below them', () => {
    const ctx = run('# Plan: [Name]\n\n## Summary\n\nText.\n\n### Details\n\nMore.\n\n## Goals\n\nList.\n', [stylesPass, headingsPass]);
    expect(ctx.title?.pattern).toBe('^plan .+$');
    expect(outline(ctx.sections)).toEqual(['2 Summary', '  3 Details', '2 Goals']);
  });

  it('reads an optional marker off a heading and keeps it as an allowed placeholder', () => {
    const ctx = run('# T\n\n## Risks [optional]\n\nText.\n\n## Goals\n\nList.\n', [stylesPass, headingsPass]);
    const risks = ctx.sections[0];
    expect(risks?.shape.text).toBe('Risks');
    expect(risks?.shape.marker).toBe('[optional]');
    expect([...ctx.markers]).toEqual(['[optional]']);
    // Every heading may carry the template's marker in a plan.
    expect(ctx.sections[1]?.shape.pattern).toBe('^goals(?: (?:optional))?$');
  });

  it('reads the optional marker in other languages: (opcional), (facultatif), (optionnel), (opzionale)', () => {
    for (const m of ['(opcional)', '(facultatif)', '(Optionnel)', '(opzionale)', '[optioneel]']) {
      const ctx = run(`# T\n\n## Riesgos ${m}\n\nTexto.\n\n## Objetivos\n\nLista.\n`, [stylesPass, headingsPass]);
      expect(ctx.sections[0]?.shape.marker, m).toBe(m);
      expect(ctx.sections[0]?.shape.text, m).toBe('Riesgos');
    }
    // A parenthesis that is the heading's own words is no marker.
    expect(run('# T\n\n## Riesgos (operativos)\n\nTexto.\n', [stylesPass, headingsPass]).sections[0]?.shape.marker).toBeFalsy();
  });

  it('marks a section conditional from the guidance that opens it', () => {
    const ctx = run('# T\n\n## Data Model\n\nFill ONLY if the feature stores data.\n\n## Goals\n\nList.\n', [stylesPass, headingsPass]);
    expect(ctx.sections.map((s) => s.conditional)).toEqual([true, false]);
  });

  it('reads the optional note that opens a section in a guidance comment, prose, or an invitation', () => {
    const template = [
      '# T',
      '## Caveats\n\n<!--\n(optional)\n\nGo into as much detail as needed.\n-->',
      '## Open Questions\n\nOptional, but suggested for first drafts. What is still open?',
      '## Appendix\n\nFeel free to add any number of appendices as you see fit.',
      '## Design\n\nDescribe the design. You can add an appendix with the details.',
      '## Goals\n\n<!-- What this achieves. -->',
    ].join('\n\n');
    const ctx = run(`${template}\n`, [stylesPass, headingsPass]);
    expect(ctx.sections.map((s) => [s.shape.text, s.conditional])).toEqual([
      ['Caveats', true],
      ['Open Questions', true],
      ['Appendix', true],
      ['Design', false],
      ['Goals', false],
    ]);
  });

  it('takes a "Label: {value}" heading with no body in the template for a field: no body expected', () => {
    const ctx = run('# T\n\n## QA\n\n### Review Date: {{qa_date}}\n\n### Reviewed By: {{qa_reviewer}}\n\n### Findings: {{summary}}\n\n{{details}}\n\n### Notes\n\n', [stylesPass, headingsPass]);
    expect(ctx.sections[0]?.children.map((n) => [n.shape.text, Boolean(n.carriesValue)])).toEqual([
      ['Review Date: {{qa_date}}', true],
      ['Reviewed By: {{qa_reviewer}}', true],
      ['Findings: {{summary}}', false],
      ['Notes', false],
    ]);
  });

  it('lets a field heading ("Label: {{value}}") bind its bare label, keeping the pattern of the heading with its value apart', () => {
    const template = '# T\n\n## QA\n\n### Review Date: {{qa_date}} (optional)\n\n### {{component}} Owner: [name]\n\n### Decision: [Accepted | Rejected]\n\n### Table: `table_name`\n\n### Status: TBD\n';
    const ctx = run(template, [stylesPass, headingsPass]);
    expect(ctx.sections[0]?.children.map((n) => [n.shape.written, n.shape.pattern, n.shape.valuePattern])).toEqual([
      // The optional marker stays optional after the value, as before.
      ['Review Date: {{qa_date}} (optional)', '^review date(?: .+)?(?: optional)?$', '^review date .+(?: optional)?$'],
      // A placeholder before the label stays required: only the value after the colon may be left out.
      ['{{component}} Owner: [name]', '^.+ owner(?: .+)?$', '^.+ owner .+$'],
      // Not fields: a choice of alternatives, a name in code, a marker word.
      ['Decision: [Accepted | Rejected]', '^decision (?:accepted|rejected)$', undefined],
      ['Table: `table_name`', '^table .+$', undefined],
      ['Status: TBD', '^status .+$', undefined],
    ]);
  });

  it('drops a leading heading that only stands for the plan’s title', () => {
    const ctx = run('Title of the proposal\n-----\n\n## Summary\n\nText.\n', [stylesPass, headingsPass]);
    expect(ctx.titleSec).toBeUndefined();
    expect(outline(ctx.sections)).toEqual(['2 Summary']);
  });
});

describe('a heading the template anchors with a link definition', () => {
  const dir = tempDirs()('plan-lint-anchor-');
  const template = '- Feature: (fill me in)\n\n# Summary\n[summary]: #summary\n\nOne paragraph.\n\n# Unresolved questions\n[unresolved-questions]: #unresolved-questions\n\nWhat is left open?\n\n# Future work\n[future]: #future-work\n\nWhat comes next?\n';

  it('records the anchor in the schema', () => {
    const schema = generateSchema(template, { name: 'anchor' }) as Json;
    const sections = ((schema['properties'] as Json)['sections'] as Json)['properties'] as Json;
    expect((sections['unresolved questions'] as Json)['x-heading']).toEqual({ text: 'Unresolved questions', depth: 1, anchor: 'unresolved questions' });
  });

  it('takes a reworded heading that keeps the definition for that section, and only that one', () => {
    const plan = (h: string, def: string): string => `- Feature: cache\n\n# Summary\n[summary]: #summary\n\nA cache.\n\n# ${h}\n${def}\n\nNone.\n\n# Future work\n[future]: #future-work\n\nEviction.\n`;
    expect(lintWith(template, plan('Open questions', '[unresolved-questions]: #unresolved-questions'), dir)).toEqual([]);
    expect(lintWith(template, plan('Open questions', ''), dir).map((f) => f.split(' ')[1])).toEqual(['required-section']);
    expect(lintWith(template, plan('Open questions', '[summary-2]: #summary'), dir).map((f) => f.split(' ')[1])).toEqual(['required-section']);
  });
});
