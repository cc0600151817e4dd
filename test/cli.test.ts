/** The built binary, run as a child process. */
import { mkdtempSync, writeFileSync, chmodSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, read } from './helpers.js';
import { BUILTIN_NAMES, PRESET_NAMES } from '../src/schema/builtins.js';

const VALID = `${ROOT}fixtures/rfc/valid/complete.md`;
const tmp = () => mkdtempSync(join(tmpdir(), 'plan-lint-'));

function defective(dir: string): string {
  const p = join(dir, 'plan.md');
  writeFileSync(p, read(VALID).replace(/## Goals[\s\S]*?(?=## Non-Goals)/, '').replace('## References', '## References\n\nAsk [Owner].\n'));
  return p;
}

describe('plan-lint (binary)', () => {
  it('exits 0 with no output on a complete plan', () => {
    const r = cli([VALID]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('exits 1 and prints stylish output for lint errors', () => {
    const file = defective(tmp());
    const r = cli([file]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(`${file} (rfc)`);
    expect(lines[2]).toMatch(/^ {2}1:1 +error +Missing required section "## Goals" \(expected after "## Problem Statement"\) +required-section$/);
    expect(r.stdout).toMatch(/Unfilled placeholder "\[Owner\]" +placeholder/);
    expect(r.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
  });

  it('prints the ESLint-compatible JSON shape', () => {
    const file = defective(tmp());
    const r = cli(['--format', 'json', file]);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(1);
    const [res] = json as [Record<string, any>];
    expect(Object.keys(res)).toEqual(['filePath', 'schema', 'messages', 'errorCount', 'warningCount', 'fatalErrorCount', 'stats']);
    expect(res.stats).toMatchObject({ sections: { required: expect.any(Number) }, placeholders: 1 });
    expect(res.stats.sections.present).toBe(res.stats.sections.required - 1);
    expect(res.filePath).toBe(file);
    expect(res.schema).toBe('rfc');
    expect(res.errorCount).toBe(2);
    expect(res.messages[0]).toMatchObject({ ruleId: 'required-section', severity: 2, line: 1, column: 1, endLine: 1 });
    for (const m of res.messages) expect(Object.keys(m)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']));
  });

  it('lints the other files when one cannot be read, and exits 2', () => {
    const dir = tmp();
    const file = defective(dir);
    const r = cli(['-f', 'json', join(dir, 'missing.md'), file]);
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout) as Array<Record<string, any>>;
    expect(json.map((x) => x.filePath)).toEqual([join(dir, 'missing.md'), file]);
    expect(json[0]?.messages[0]).toMatchObject({ fatal: true, ruleId: null, severity: 2, message: 'File not found' });
    expect(json[1]?.errorCount).toBe(2);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file as fatal', () => {
    const dir = tmp();
    const p = join(dir, 'secret.md');
    writeFileSync(p, '# x\n');
    chmodSync(p, 0o000);
    const r = cli(['-f', 'json', p]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)[0].messages[0].message).toBe('Permission denied');
  });

  it('warns (not a fatal) on a named file that fits no template, naming the closest and the way out', () => {
    const dir = tmp();
    const p = join(dir, 'notes.md');
    writeFileSync(p, '# Shopping\n\n## Fruit\n\nApples.\n');
    const r = cli(['-f', 'json', p]);
    expect(r.status).toBe(0);
    const [res] = JSON.parse(r.stdout);
    expect(res.messages).toHaveLength(1);
    expect(res.messages[0]).toMatchObject({ ruleId: null, severity: 1, line: 1, column: 1 });
    expect(res.messages[0].fatal).toBeUndefined();
    expect(res.messages[0].message).toMatch(
      /^No template fits this file \(closest: [\w-]+ \d+%, [\w-]+ \d+%\); if it is a plan, run "plan-lint init" to map your templates, pass --schema <name\|path>, or route it with a config override$/,
    );
    expect(res.fatalErrorCount).toBe(0);
  });

  it('expands directories to their Markdown files', () => {
    const r = cli(['-f', 'json', `${ROOT}fixtures/rfc/valid`]);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it('errors (exit 2) on a glob that matches nothing', () => {
    const r = cli(['nothing-here/**/*.md']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('plan-lint: No files matching the pattern "nothing-here/**/*.md" were found\n');
  });

  it('honours --max-warnings and --quiet', () => {
    const dir = tmp();
    const p = join(dir, 'plan.md');
    writeFileSync(p, read(VALID).replace('## Goals\n', '## Goals\n\n<!-- list measurable goals -->\n'));
    expect(cli([p]).status).toBe(0);
    const over = cli(['--max-warnings', '0', p]);
    expect(over.status).toBe(1);
    expect(over.stdout).toMatch(/warning +Template guidance comment left in the plan: "list measurable goals" +guidance-comment/);
    expect(cli(['--max-warnings', '1', p]).status).toBe(0);
    const quiet = cli(['--quiet', '--max-warnings', '0', p]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
  });

  it('lints standard input with --stdin-filename', () => {
    const r = cli(['--stdin', '--stdin-filename', 'specs/plan.md', '-f', 'json', '-s', 'rfc'], { input: '# Technical Plan: X\n' });
    expect(r.status).toBe(1);
    const [res] = JSON.parse(r.stdout) as [Record<string, any>];
    expect(res.filePath).toBe(join(ROOT, 'specs/plan.md'));
    expect(res.messages.length).toBeGreaterThan(5);
  });

  it('exits 2 with one line for usage mistakes and bad schemas', () => {
    for (const args of [['--format', 'nope', VALID], ['--bogus', VALID], ['--schema', 'nope', VALID], ['--schema', './missing.json', VALID], ['--max-warnings', 'abc', VALID], []]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], args.join(' ')).toMatch(/^plan-lint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('writes --output-file, replaces an earlier report, and never replaces a Markdown file without --force', () => {
    const dir = tmp();
    const out = join(dir, 'report.json');
    const file = defective(dir);
    expect(cli(['-f', 'json', '-o', out, file]).status).toBe(1);
    const first = readFileSync(out, 'utf8');
    expect(JSON.parse(first)[0].errorCount).toBe(2);
    const again = cli(['-f', 'json', '-o', out, VALID]);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].errorCount).toBe(0);
    expect(existsSync(`${out}.tmp`)).toBe(false);
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, '# Notes\n');
    const md = cli(['-f', 'summary', '-o', notes, VALID]);
    expect(md.status).toBe(2);
    expect(md.stderr).toBe(`plan-lint: Refusing to replace ${notes}: it is a Markdown file, not a report; pass --force to replace it\n`);
    expect(readFileSync(notes, 'utf8')).toBe('# Notes\n');
    expect(cli(['-f', 'summary', '-o', notes, '--force', VALID]).status).toBe(0);
    expect(readFileSync(notes, 'utf8')).toMatch(/^## plan-lint/);
  });

  it('lists the built-in schemas, then the presets with their source and license', () => {
    const r = cli(['schemas']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(' ')[0])).toEqual([...BUILTIN_NAMES, ...PRESET_NAMES]);
    expect(BUILTIN_NAMES).toEqual(['fullstack', 'tdd', 'rfc', 'spec-reference', 'technical']);
    expect(PRESET_NAMES.length).toBeGreaterThanOrEqual(6);
    expect(lines.find((l) => l.startsWith('speckit-plan '))).toMatch(/from github\/spec-kit templates\/plan-template\.md at [0-9a-f]{7}, MIT\)$/);
    expect(lines.find((l) => l.startsWith('kep '))).toMatch(/from kubernetes\/enhancements .*, Apache-2\.0\)$/);
    expect(r.stderr).toContain('"speckit" is a deprecated name of spec-reference');
  });

  it('still accepts the old name speckit, and says on stderr that it is deprecated', () => {
    const plan = `${ROOT}fixtures/spec-reference/valid/complete.md`;
    const r = cli(['--schema', 'speckit', '-f', 'json', plan]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].schema).toBe('spec-reference');
    expect(r.stderr).toBe('plan-lint: the schema name "speckit" is deprecated (it is not GitHub spec-kit\'s template): use "spec-reference" (or the preset "speckit-plan" for spec-kit\'s plan.md)\n');
  });

  it('detects the template of each file with a score and runner-up', () => {
    const r = cli(['detect', VALID]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/complete\.md: rfc 100% \(runner-up: \w+ \d+%\)\n$/);
  });
});

describe('standard input as "-"', () => {
  it('lints standard input like --stdin', () => {
    const r = cli(['-', '-f', 'json'], { input: read(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`) });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ filePath: '<stdin>', schema: 'rfc', errorCount: 5, warningCount: 1 });
  });
});
