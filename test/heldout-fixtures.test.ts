/**
 * The held-out set of `npm run eval:heldout` (test/fixtures/heldout/): well
 * formed, so that its figures mean what they say. Each family has a template
 * and two or more complete documents; each hand-written defect names the
 * complete document it was made from, differs from it first at the line its
 * expected finding is at, and expects only rules that exist. And the
 * evaluation meets issue 11's targets (docs/heldout.md): 0 errors on complete
 * documents, precision >= 90%, recall >= 95%.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const HELDOUT = join(ROOT, 'test', 'fixtures', 'heldout');
const families = readdirSync(HELDOUT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const RULES = new Set(
  readdirSync(join(ROOT, 'docs', 'rules'))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => f.replace(/\.md$/, '')),
);

it('meets its targets: npm run eval:heldout -- --check on the built library', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'eval-heldout.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stdout).toContain('0 errors, 0 warnings on them');
  expect(r.stdout).toContain('eval:heldout: targets met');
  expect(r.status).toBe(0);
});

it('holds twelve or more template families', () => {
  expect(families.length).toBeGreaterThanOrEqual(12);
});

describe.each(families)('held-out family %s', (family) => {
  const dir = join(HELDOUT, family);
  const files = readdirSync(dir);

  it('has a template and two or more complete documents, and nothing else but defects and family.json', () => {
    expect(files).toContain('template.md');
    expect(files.filter((f) => /^complete-.+\.md$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => !/^(?:template\.md|family\.json|complete-.+\.md|defect-.+\.(?:md|expected))$/.test(f))).toEqual([]);
  });

  const defects = files.filter((f) => /^defect-.+\.md$/.test(f));
  it.runIf(defects.length > 0)('states where each hand-written defect is and what should report it', () => {
    for (const file of defects) {
      const expected = join(dir, file.replace(/\.md$/, '.expected'));
      expect(existsSync(expected), `${file} has a .expected sidecar`).toBe(true);
      const [head, ...rest] = readFileSync(expected, 'utf8').trim().split(/\r?\n/);
      const from = /^from (complete-.+\.md)$/.exec(head ?? '')?.[1];
      expect(from && files.includes(from), `${file}: first line "from <complete-*.md>"`).toBe(true);
      const a = readFileSync(join(dir, from as string), 'utf8').split('\n');
      const b = readFileSync(join(dir, file), 'utf8').split('\n');
      const firstChange = b.findIndex((line, i) => line !== a[i]) + 1;
      expect(rest.length).toBeGreaterThan(0);
      for (const line of rest) {
        const m = /^(\d+) ([a-z-]+(?:\|[a-z-]+)*)$/.exec(line.trim());
        expect(m, `${file}: "${line}" is "<line> <rule>|<rule>"`).not.toBeNull();
        for (const rule of (m?.[2] ?? '').split('|')) expect(RULES.has(rule), `${file}: rule ${rule} exists`).toBe(true);
      }
      expect(Number(/^(\d+)/.exec(rest[0] ?? '')?.[1]), `${file}: the first expected finding is at the first changed line`).toBe(firstChange);
    }
  });
});
