/**
 * The fixture table: every plan under fixtures/<template>/{valid,invalid}/
 * is linted with its template; valid plans must give no diagnostics, invalid
 * ones exactly the `line:column ruleId` lines of their `.expected` sidecar.
 */
import { readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { BUILTIN_NAMES } from '../src/schema/builtins.js';
import { ROOT, read } from './helpers.js';

const FIXTURES = `${ROOT}fixtures/`;

function cases(template: string, kind: 'valid' | 'invalid'): string[] {
  const dir = `${FIXTURES}${template}/${kind}/`;
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => `${dir}${f}`) : [];
}

const asLines = (file: string, schema?: string): string[] =>
  lintText(read(file), file, schema ? { schema } : {}).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe.each(BUILTIN_NAMES)('%s fixtures', (template) => {
  const valid = cases(template, 'valid');
  const invalid = cases(template, 'invalid');

  it('has at least one complete plan and eight defective ones', () => {
    expect(valid.length).toBeGreaterThanOrEqual(1);
    expect(invalid.length).toBeGreaterThanOrEqual(8);
  });

  it.each(valid)('valid %s gives no diagnostics, with the schema given or detected', (file) => {
    expect(asLines(file, template)).toEqual([]);
    const detected = lintText(read(file), file);
    expect(detected.schema).toBe(template);
    expect(detected.messages).toEqual([]);
  });

  it.each(invalid)('invalid %s gives exactly its sidecar', (file) => {
    const sidecar = file.replace(/\.md$/, '.expected');
    expect(existsSync(sidecar), `missing sidecar ${sidecar}`).toBe(true);
    const expected = read(sidecar).split('\n').filter((l) => l.trim() !== '');
    expect(expected.length, 'a defective fixture must expect at least one diagnostic').toBeGreaterThan(0);
    expect(asLines(file, template)).toEqual(expected);
  });

  it.each(invalid)('invalid %s is still detected as its template', (file) => {
    expect(lintText(read(file), file).schema).toBe(template);
  });
});

describe('fixtures cover every rule', () => {
  it('each rule id appears in some sidecar', async () => {
    const { ruleIds } = await import('../src/rules/index.js');
    const seen = new Set<string>();
    for (const t of BUILTIN_NAMES) {
      for (const f of cases(t, 'invalid')) {
        const sidecar = f.replace(/\.md$/, '.expected');
        if (!existsSync(sidecar)) continue;
        for (const l of read(sidecar).split('\n')) if (l.trim()) seen.add(l.split(' ')[1] as string);
      }
    }
    expect([...ruleIds].filter((id) => !seen.has(id))).toEqual([]);
  });
});
