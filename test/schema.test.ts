import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTemplate, generateSchema, lintText, loadTemplate, PlanLintError } from '../src/index.js';
import { BUILTIN_NAMES } from '../src/schema/builtins.js';
import { ROOT, SHARED, hasShared, read } from './helpers.js';

const builtin = (n: string) => JSON.parse(read(`${ROOT}schemas/${n}.schema.json`)) as Record<string, unknown>;

describe('built-in schemas', () => {
  it.each(BUILTIN_NAMES)('%s compiles in strict mode and passes the meta-schema', (name) => {
    const t = loadTemplate(name);
    expect(t.name).toBe(name);
    expect(t.model.sections.length).toBeGreaterThan(5);
    expect(builtin(name)['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.skipIf(!hasShared)('%s matches what the generator makes of the shared template', () => {
    for (const name of BUILTIN_NAMES) {
      const overrides = JSON.parse(read(`${ROOT}schemas/builtins.overrides.json`)) as Record<string, { title: string; template?: string }>;
      const file = overrides[name]!.template ?? `${name}.md`;
      const md = readFileSync(`${SHARED}templates/${file}`, 'utf8');
      const fresh = generateSchema(md, { name, source: file, title: overrides[name]!.title });
      expect(fresh, `schemas/${name}.schema.json is stale: run npm run schemas`).toEqual(builtin(name));
    }
  });

  it('every top-level template section is required, in template order, at level 2', () => {
    const t = loadTemplate('rfc');
    expect(t.model.sections.map((s) => s.display).slice(0, 4)).toEqual(['## Problem Statement', '## Goals', '## Non-Goals', '## Architecture Decision']);
    expect(t.model.sections.every((s) => s.required && s.heading.depth === 2)).toBe(true);
    const option = t.model.sections[3]?.children[0];
    expect(option?.heading.instance).toBe(true);
    expect(option?.regex?.test('option d serverless')).toBe(true);
  });
});

describe('meta-schema', () => {
  const base = () => JSON.parse(JSON.stringify(builtin('rfc'))) as Record<string, any>;

  it('rejects a schema without x-plan-lint', () => {
    const s = base();
    delete s['x-plan-lint'];
    s['$id'] = 'plan-lint:test-no-name';
    expect(() => compileTemplate(s, 'bad.json')).toThrow(/bad\.json: not a plan-lint template schema/);
  });

  it('rejects an invalid heading pattern with the pointer and reason', () => {
    const s = base();
    s['$id'] = 'plan-lint:test-bad-regex';
    s.properties.sections.properties['goals']['x-heading'].pattern = '([unclosed';
    expect(() => compileTemplate(s, 'bad.json')).toThrow(PlanLintError);
    expect(() => compileTemplate(s, 'bad.json')).toThrow(/\/properties\/sections\/properties\/goals\/x-heading\/pattern/);
  });

  it('rejects something that is not JSON Schema', () => {
    expect(() => compileTemplate({ type: 'nonsense', 'x-plan-lint': { name: 'x' }, properties: { sections: {} } }, 'x.json')).toThrow(
      /not a valid JSON Schema/,
    );
  });
});

describe('ajv errors become human diagnostics', () => {
  const plan = read(`${ROOT}fixtures/rfc/valid/complete.md`);

  it('reports every missing section at once, quoting the template heading', () => {
    const cut = plan.replace(/## Goals[\s\S]*?(?=## Non-Goals)/, '').replace(/## Rollback Plan[\s\S]*?(?=## Success Metrics)/, '');
    const r = lintText(cut, 'p.md', { schema: 'rfc' });
    const missing = r.messages.filter((m) => m.ruleId === 'required-section').map((m) => m.message);
    expect(missing).toEqual([
      'Missing required section "## Goals" (expected after "## Problem Statement")',
      'Missing required section "## Rollback Plan" (expected after "## Rollout Plan")',
    ]);
  });

  it('never shows ajv text or JSON pointers, and every diagnostic has a full range inside the file', () => {
    const broken = plan
      .replace('## Goals', '### Goals')
      .replace(/\| Library \| Version \| Purpose \|/, '| Library | Version | Use |')
      .replace(/## Open Questions[\s\S]*?(?=## References)/, '## Open Questions\n\n')
      .replace('## References', '## References\n\n[Owner] by YYYY-MM-DD, TODO.\n');
    const r = lintText(broken, 'p.md', { schema: 'rfc' });
    expect(new Set(r.messages.map((m) => m.ruleId))).toEqual(new Set(['heading-level', 'table-columns', 'empty-section', 'placeholder']));
    const lines = broken.split('\n');
    for (const m of r.messages) {
      expect(m.message).not.toMatch(/must have required property|must be equal to constant|\/sections\/|#\/properties|instancePath/);
      expect(m.line).toBeGreaterThanOrEqual(1);
      expect(m.endLine).toBeGreaterThanOrEqual(m.line);
      expect(m.line).toBeLessThanOrEqual(lines.length);
      expect(m.column).toBeGreaterThanOrEqual(1);
      if (m.endLine === m.line) expect(m.endColumn).toBeGreaterThan(m.column);
    }
  });

  it('suggests the nearest allowed value for a near miss', () => {
    const md = read(`${ROOT}fixtures/technical/valid/complete.md`).replace(/\*\*Status:\*\* .*/, '**Status:** Aproved');
    const r = lintText(md, 'p.md', { schema: 'technical' });
    expect(r.messages.map((m) => m.message)).toEqual(['Field "Status" has value "Aproved"; expected one of: Draft, In Review, Approved (did you mean "Approved"?)']);
  });
});
