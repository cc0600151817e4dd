/**
 * Fixture pairs for `--fix`: each `<case>.md` under fixtures/<template>/fix/
 * (built-in schemas) and test/fix-corpus/<family>/ (schemas generated at test
 * time from templates of ../shared/corpus) is fixed; the output must equal
 * `<case>.fixed.md` and the findings left exactly the `line:column ruleId`
 * lines of `<case>.remaining`. Every pair runs as written (LF) and with CRLF
 * line endings, which must stay CRLF.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchema, lintText } from '../src/index.js';
import { BUILTIN_NAMES } from '../src/schema/builtins.js';
import { ROOT, SHARED, hasShared, read, tempDirs } from './helpers.js';

const FIXABLE = ['required-section', 'heading-level', 'table-columns', 'field'];
const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');
const lines = (file: string): string[] => read(file).split('\n').filter((l) => l.trim() !== '');

function cases(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md')).sort().map((f) => join(dir, f)) : [];
}

function check(file: string, schema: string, eol: 'LF' | 'CRLF'): void {
  const conv = eol === 'CRLF' ? crlf : (s: string): string => s;
  const input = conv(read(file));
  const expected = conv(read(file.replace(/\.md$/, '.fixed.md')));
  const before = lintText(input, file, { schema });
  expect(before.messages.some((m) => m.fix), 'a fix case must have a finding with a fix').toBe(true);
  const r = lintText(input, file, { schema, fix: true });
  expect(r.output).toBe(expected);
  expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(lines(file.replace(/\.md$/, '.remaining')));
  // Nothing fixable is left, and the fixed text is stable: fixing it again changes nothing.
  expect(r.messages.filter((m) => FIXABLE.includes(m.ruleId ?? '') && m.fix)).toEqual([]);
  expect(lintText(expected, file, { schema, fix: true }).output).toBeUndefined();
  if (eol === 'CRLF') expect((r.output ?? '').replace(/\r\n/g, '')).not.toMatch(/\n/);
}

describe.each(BUILTIN_NAMES)('%s: fix pairs', (template) => {
  const list = cases(`${ROOT}fixtures/${template}/fix/`);
  it('covers required-section and heading-level, and table-columns and field where the template has tables and fields', () => {
    const names = list.map((f) => f.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['missing-section.md', 'heading-level.md']));
    const schema = JSON.parse(read(`${ROOT}schemas/${template}.schema.json`)) as Record<string, unknown>;
    const text = JSON.stringify(schema);
    if (text.includes('"x-table"')) expect(names).toContain('table-columns.md');
    if (text.includes('"x-field"')) expect(names).toContain('field.md');
  });
  it.each(list.flatMap((f) => [[f, 'LF'], [f, 'CRLF']] as const))('%s (%s)', (file, eol) => check(file, template, eol));
});

const CORPUS: Record<string, string> = {
  'golang-proposal': 'golang__proposal__design__TEMPLATE.md',
  'openspec-design': 'Fission-AI__OpenSpec__schemas__spec-driven__templates__design.md',
  'openshift-enhancement': 'openshift__enhancements__guidelines__enhancement_template.md',
  'cilium-cfp': 'cilium__design-cfps__cfps__CFP-003-template.md',
  'superpowers-plan': 'obra__superpowers__skills__writing-plans__SKILL.md',
};

describe.skipIf(!hasShared)('fix pairs on schemas generated from ../shared/corpus templates', () => {
  const mkTemp = tempDirs();
  const dir = hasShared ? mkTemp('plan-lint-fix-') : '';
  it.each(Object.keys(CORPUS))('%s', (family) => {
    const schemaFile = join(dir, `${family}.schema.json`);
    writeFileSync(schemaFile, JSON.stringify(generateSchema(read(`${SHARED}corpus/templates/${CORPUS[family]}`), { name: family })));
    const list = cases(`${ROOT}test/fix-corpus/${family}/`);
    expect(list.length).toBeGreaterThan(0);
    for (const file of list) {
      check(file, schemaFile, 'LF');
      check(file, schemaFile, 'CRLF');
    }
  });
});

if (!hasShared) console.warn('fix-fixtures: ../shared is absent; the corpus-template fix pairs are skipped');
