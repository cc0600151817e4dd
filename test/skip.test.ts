/**
 * Only plans are plans: a file reached by walking a folder or a glob that
 * fits no template is skipped (one summary line in stylish, a `skipped`
 * reason in json); a template met on a walk is skipped too; a file routed by
 * the config is always linted; folder walks honour .gitignore.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempDirs } from './helpers.js';

const mkTemp = tempDirs();
const PLAN = `${ROOT}fixtures/rfc/valid/complete.md`;
const DEFECTIVE = `${ROOT}fixtures/rfc/invalid/missing-section.md`;
const NOTES = '# Shopping\n\n## Fruit\n\nApples.\n';

interface Res {
  filePath: string;
  schema: string | null;
  skipped?: string;
  messages: { ruleId: string | null; severity: number }[];
  errorCount: number;
  fatalErrorCount: number;
}

function repo(): string {
  const dir = mkTemp('pl-skip-');
  mkdirSync(join(dir, 'docs', 'templates'), { recursive: true });
  copyFileSync(PLAN, join(dir, 'docs', 'plan.md'));
  writeFileSync(join(dir, 'docs', 'notes.md'), NOTES);
  writeFileSync(join(dir, 'docs', 'CHANGES.md'), '# Changes\n\n- fixed a typo\n');
  copyFileSync(`${ROOT}fixtures/rfc/valid/complete.md`, join(dir, 'docs', 'templates', 'rfc.md'));
  return dir;
}

const byName = (results: Res[]): Record<string, Res> => Object.fromEntries(results.map((r) => [r.filePath.split(/[\\/]/).slice(-2).join('/'), r]));

describe('skipping what is not a plan', () => {
  it('json: a file that fits nothing and a template met on a walk get a skipped reason and no message', () => {
    const dir = repo();
    const r = cli(['-f', 'json', 'docs'], { cwd: dir });
    expect(r.status).toBe(0);
    const res = byName(JSON.parse(r.stdout) as Res[]);
    expect(Object.keys(res).sort()).toEqual(['docs/CHANGES.md', 'docs/notes.md', 'docs/plan.md', 'templates/rfc.md']);
    expect(res['docs/plan.md']).toMatchObject({ schema: 'rfc', messages: [], errorCount: 0 });
    expect(res['docs/plan.md']?.skipped).toBeUndefined();
    for (const k of ['docs/CHANGES.md', 'docs/notes.md']) {
      expect(res[k]).toMatchObject({ schema: null, messages: [], errorCount: 0, fatalErrorCount: 0 });
      expect(res[k]?.skipped).toMatch(/^fits no template \(closest: [\w-]+ \d+%, [\w-]+ \d+%\)$/);
    }
    expect(res['templates/rfc.md']).toMatchObject({ skipped: 'a template, not a plan', messages: [] });
  });

  it('stylish: one summary line with how many were skipped and how to see why', () => {
    const dir = repo();
    copyFileSync(DEFECTIVE, join(dir, 'docs', 'old-plan.md'));
    const r = cli(['docs'], { cwd: dir });
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('3 files skipped: not plans (they fit no template in play); see why with --format json or plan-lint detect <file>');
    expect(lines.filter((l) => /^✖ 2 problems \(2 errors, 0 warnings\)$/.test(l))).toHaveLength(1);
    expect(r.stdout).not.toContain('notes.md');
  });

  it('a glob skips too; a file routed by the config is always linted against its schema', () => {
    const dir = repo();
    expect(JSON.parse(cli(['-f', 'json', 'docs/*.md'], { cwd: dir }).stdout).filter((x: Res) => x.skipped)).toHaveLength(2);
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ overrides: [{ files: 'docs/notes.md', schema: 'rfc' }] }));
    const r = cli(['-f', 'json', 'docs'], { cwd: dir });
    expect(r.status).toBe(1);
    const notes = byName(JSON.parse(r.stdout) as Res[])['docs/notes.md'];
    expect(notes?.schema).toBe('rfc');
    expect(notes?.skipped).toBeUndefined();
    expect(notes?.messages.some((m) => m.ruleId === 'required-section')).toBe(true);
  });

  it('a hook naming a Markdown file that is not a plan does not block the commit', () => {
    const dir = repo();
    const r = cli(['docs/notes.md'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('warning  No template fits this file');
    expect(r.stdout).toContain('plan-lint init');
  });

  it('folder walks honour .gitignore (up to the repository root, and nested ones); --no-gitignore includes ignored files', () => {
    const dir = repo();
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'docs', 'build'), { recursive: true });
    mkdirSync(join(dir, 'docs', 'vendor'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    writeFileSync(join(dir, 'docs', '.gitignore'), 'vendor/*.md\n!vendor/keep.md\n');
    copyFileSync(DEFECTIVE, join(dir, 'docs', 'build', 'plan.md'));
    copyFileSync(DEFECTIVE, join(dir, 'docs', 'vendor', 'plan.md'));
    copyFileSync(PLAN, join(dir, 'docs', 'vendor', 'keep.md'));
    const files = (args: string[]): string[] =>
      (JSON.parse(cli(['-f', 'json', ...args], { cwd: join(dir, 'docs') }).stdout) as Res[]).map((x) => x.filePath.slice(dir.length + 1)).sort();
    expect(files(['.'])).toEqual(['docs/CHANGES.md', 'docs/notes.md', 'docs/plan.md', 'docs/templates/rfc.md', 'docs/vendor/keep.md']);
    expect(files(['--no-gitignore', '.'])).toContain('docs/build/plan.md');
    expect(files(['--no-gitignore', '.'])).toContain('docs/vendor/plan.md');
    // A file named on the command line is linted even when ignored.
    expect(files(['build/plan.md'])).toEqual(['docs/build/plan.md']);
  });
});
