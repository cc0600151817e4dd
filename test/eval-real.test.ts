// The harness of `npm run eval:real` (scripts/eval-real/), on small inputs of our own: label files,
// the stable sample, precision arithmetic, and plants with their detection. The corpus run itself is
// not a test (it needs ../shared and takes a while); this checks the arithmetic it reports with.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../dist/index.js';
import { schemaGenerateCommand } from '../dist/commands/schema-generate.js';
// @ts-expect-error: plain JavaScript modules without type declarations
import { findingKey, parseLabels, precision, sampleKeys, sumTallies, tally } from '../scripts/eval-real/labels.mjs';
// @ts-expect-error: plain JavaScript modules without type declarations
import { candidates, detected, templateFacts } from '../scripts/eval-real/plants.mjs';
// @ts-expect-error: plain JavaScript modules without type declarations
import { isOptionalSection, outline, removeCell, tokensIn } from '../scripts/eval-real/markdown.mjs';

interface Msg {
  ruleId: string | null;
  line: number;
  message: string;
}
interface Plant {
  kind: string;
  id: string;
  line: number;
  heading?: string;
  apply(): string;
}

describe('labels', () => {
  it('keys a finding by file, line, rule and the first quote of its message', () => {
    expect(findingKey('a.md', { ruleId: 'required-section', line: 1, message: 'Missing required section "## Goals" (expected after "## Summary")' })).toBe(
      'a.md:1:required-section "## Goals"',
    );
    expect(findingKey('a.md', { ruleId: 'placeholder', line: 4, message: 'Unresolved marker' })).toBe('a.md:4:placeholder');
  });

  it('keeps two long quotes with one start apart', () => {
    const long = (end: string) => ({ ruleId: 'required-section', line: 9, message: `Missing required section "${'x'.repeat(80)} ${end}"` });
    const a = findingKey('a.md', long('one'));
    const b = findingKey('a.md', long('two'));
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThan(120);
  });

  it('parses label lines and refuses bad ones', () => {
    const text = [
      '# comment',
      '',
      'a.md:1:placeholder\ttrue',
      'a.md:2:placeholder\tfalse\ta task tag, not a placeholder',
      'a.md:3:placeholder\tdebatable\told template wording',
      'a.md:4:placeholder\tfalse',
      'a.md:5:placeholder\tmaybe\twhy',
      'a.md:1:placeholder\ttrue',
      'a.md:2:placeholder\ttrue',
    ].join('\n');
    const { labels, errors } = parseLabels(text, 'x.tsv');
    expect([...labels.keys()]).toEqual(['a.md:1:placeholder', 'a.md:2:placeholder', 'a.md:3:placeholder']);
    expect(labels.get('a.md:2:placeholder')).toEqual({ verdict: 'false', reason: 'a task tag, not a placeholder' });
    expect(errors).toEqual([
      'x.tsv:6: a false label needs a one-line reason',
      'x.tsv:7: expected "key<TAB>true|false|debatable<TAB>reason"',
      'x.tsv:9: "a.md:2:placeholder" is labelled both false and true',
    ]);
  });

  it('samples by key: all when few, the same subset on every run and in any order when many', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `f.md:${i}:placeholder`);
    expect(sampleKeys(keys.slice(0, 10), 60)).toEqual(keys.slice(0, 10));
    const one = sampleKeys(keys, 60);
    expect(one).toHaveLength(60);
    expect(new Set(sampleKeys([...keys].reverse(), 60))).toEqual(new Set(one));
    // A finding that stays keeps its place unless a newcomer hashes lower: dropping others never drops it.
    const kept = sampleKeys(keys.filter((k) => one.includes(k) || k.endsWith(':0:placeholder')), 60);
    expect(new Set(kept)).toEqual(new Set(one));
  });

  it('counts precision as true / (true + false), lenient with debatable as true, strict with debatable as false', () => {
    expect(precision(6, 2, 2)).toEqual({ precision: 0.75, lenient: 0.8, strict: 0.6 });
    expect(precision(0, 0, 0)).toEqual({ precision: null, lenient: null, strict: null });
    expect(precision(0, 3, 0)).toEqual({ precision: null, lenient: 1, strict: 0 });
    const labels = parseLabels('a:1:r\ttrue\na:2:r\tdebatable\twhy\na:3:r\tfalse\twhy\ngone:9:r\ttrue').labels;
    const t = tally(['a:1:r', 'a:2:r', 'a:3:r', 'a:4:r', 'a:1:r'], labels);
    expect(t).toMatchObject({ findings: 5, sampled: 4, labelled: 3, true: 1, debatable: 1, false: 1, stale: 1 });
    expect(t.unlabelled).toEqual(['a:4:r']);
    expect(t.precision).toBeCloseTo(1 / 2);
    expect(t.lenient).toBeCloseTo(2 / 3);
    expect(t.strict).toBeCloseTo(1 / 3);
    const all = sumTallies([t, tally(['b:1:r'], parseLabels('b:1:r\tfalse\twhy').labels)]);
    expect(all).toMatchObject({ findings: 6, labelled: 4, true: 1, debatable: 1, false: 2, unlabelled: 1, stale: 1, precision: 1 / 3, lenient: 0.5, strict: 0.25 });
    expect(all.reasons).toEqual({ false: { why: 2 }, debatable: { why: 1 } });
  });
});

describe('template facts', () => {
  it('finds placeholder tokens of several styles, not HTML tags, links or [optional] markers', () => {
    const found = tokensIn('Owner: {AUTHOR} on [Date] <br> see <your name> (fill me in) [optional] NNNN').map((t: { token: string }) => t.token);
    expect(found).toEqual(['{AUTHOR}', '[Date]', '<your name>', '(fill me in)', 'NNNN']);
    expect(tokensIn('mail <a@example.com> or <https://x.y>')).toEqual([]);
    expect(tokensIn('@{BAR_RAISER}').map((t: { token: string }) => t.token)).toEqual(['{BAR_RAISER}']);
    expect(tokensIn('REQUIRED SUB-SKILL', { upper: false })).toEqual([]);
  });

  it('reads a section as optional from its heading, its body or a comment above it, not from the section before', () => {
    const o = outline(
      ['# T', '', '## A', '', 'Text. Omit this section if it is not applicable.', '', '## B', '', 'Body.', '', '<!-- optional -->', '## C', '', '## D (optional)', '', '## E', '', '<!-- This section is optional. -->', '', '## F', ''].join('\n'),
    );
    const byName = (n: string) => o.headings.find((h: { text: string }) => h.text.startsWith(n));
    expect(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => isOptionalSection(o, byName(n)))).toEqual([true, false, true, true, true, false]);
  });

  it('removes a table column cell by cell, keeping escaped pipes and code', () => {
    expect(removeCell('| a | `x|y` | c \\| d |', 1)).toBe('| a | c \\| d |');
    expect(removeCell('a | b | c', 0)).toBe(' b | c');
  });
});

describe('plants', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-lint-eval-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const template = [
    '# Plan: [Feature]',
    '',
    '**Status:** Draft | Review | Approved',
    '',
    '## Summary',
    '',
    '[One paragraph summary]',
    '',
    '## Design',
    '',
    '| Component | Owner | Notes |',
    '|---|---|---|',
    '| [name] | [who] | [notes] |',
    '',
    '## Appendix (optional)',
    '',
    'Anything else.',
    '',
  ].join('\n');
  const plan = [
    '# Plan: Export',
    '',
    '**Status:** Approved',
    '',
    '## Summary',
    '',
    'Users export invoices as CSV.',
    '',
    '## Design',
    '',
    'A worker writes the file.',
    '',
    '| Component | Owner | Notes |',
    '|---|---|---|',
    '| worker | ana | streams rows |',
    '',
  ].join('\n');

  async function schemaFile(): Promise<string> {
    const file = join(dir, 'template.md');
    writeFileSync(file, template);
    let out = '';
    const io = { cwd: dir, stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: () => true } };
    await schemaGenerateCommand({ template: file, force: false }, io as never);
    const schema = join(dir, 'template.schema.json');
    writeFileSync(schema, out);
    return schema;
  }

  it('chooses candidates by rule: required sections, prose paragraphs, the template table, fill-in fields', () => {
    const facts = templateFacts(template);
    expect([...facts.required]).toEqual(['summary', 'design']);
    const kinds = (candidates('p.md', plan, facts) as Plant[]).map((c) => `${c.kind}@${c.line}`);
    expect(kinds).toEqual([
      'section-deleted@5',
      'section-emptied@5',
      'section-deleted@9',
      'section-emptied@9',
      'tbd@7',
      'template-placeholder@7',
      'tbd@11',
      'template-placeholder@11',
      'table-column@13',
      'metadata-value@3',
    ]);
  });

  it('plants each defect into a copy and detects it with the linter', async () => {
    const schema = await schemaFile();
    const lint = (text: string): Msg[] => lintText(text, 'p.md', { schema }).messages as Msg[];
    const before = lint(plan);
    expect(before).toEqual([]);
    const plants = candidates('p.md', plan, templateFacts(template)) as Plant[];
    const byKind = (k: string, line?: number) => plants.find((p) => p.kind === k && (line === undefined || p.line === line))!;

    const deleted = byKind('section-deleted', 9);
    expect(deleted.apply()).not.toContain('## Design');
    expect(detected(deleted, before, lint(deleted.apply()))).toBe(true);

    const tbd = byKind('tbd', 7);
    expect(tbd.apply()).toContain('Users export invoices as CSV. TBD');
    expect(detected(tbd, before, lint(tbd.apply()))).toBe(true);

    const emptied = byKind('section-emptied', 5);
    expect(emptied.apply()).not.toContain('Users export');
    expect(detected(emptied, before, lint(emptied.apply()))).toBe(true);

    const column = byKind('table-column');
    expect(column.apply().split('\n')[12]!.split('|').length).toBe(4); // two columns left
    expect(detected(column, before, lint(column.apply()))).toBe(true);

    const field = byKind('metadata-value');
    expect(field.apply()).toContain('**Status:** Draft | Review | Approved');
    expect(detected(field, before, lint(field.apply()))).toBe(true);

    // The planted text is a copy: the plan itself is unchanged.
    expect(plan).toContain('**Status:** Approved');
  });

  it('does not count a finding that was there before, nor one elsewhere', () => {
    const plant = { kind: 'tbd', id: 'p.md:7', line: 7 };
    const old = { ruleId: 'placeholder', line: 7, message: 'Unresolved marker "TBD"' };
    expect(detected(plant, [old], [old])).toBe(false);
    expect(detected(plant, [], [{ ...old, line: 8 }])).toBe(false);
    expect(detected(plant, [], [{ ...old, ruleId: 'empty-section' }])).toBe(false);
    const gone = { kind: 'section-deleted', id: 'p.md:9', line: 9, heading: '## design' };
    const other = { ruleId: 'required-section', line: 1, message: 'Missing required section "## Risks" (expected after "## Design")' };
    expect(detected(gone, [], [other])).toBe(false);
    expect(detected(gone, [], [{ ...other, message: 'Missing required section "## Design"' }])).toBe(true);
  });
});
