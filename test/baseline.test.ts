/**
 * The baseline (`--baseline-write`, `--baseline-prune`, `--no-baseline`,
 * `--baseline-location`): on small plans of our own (always), and on a real
 * family of documents copied from ../shared/corpus at test time (skipped without it).
 * The CLI runs as the built binary.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, scanHeadings, sectionsOf } from '../src/baseline/fingerprint.js';
import { ROOT, SHARED, cli, hasShared, read, tempDirs } from './helpers.js';

const mkTemp = tempDirs();

interface Message {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  endColumn: number;
}
interface Result {
  filePath: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
  baselinedCount?: number;
}
type BaselineJson = { version: number; files: Record<string, Record<string, Record<string, { count: number; message: string; section: string }>>> };

const json = (stdout: string): Result[] => JSON.parse(stdout) as Result[];
const shown = (results: Result[]): string[] => results.flatMap((r) => r.messages.map((m) => `${r.filePath.split('/').slice(-2).join('/')} ${m.ruleId} ${m.message}`));
const baselineOf = (dir: string, name = '.plan-lint-baseline.json'): BaselineJson => JSON.parse(read(join(dir, name))) as BaselineJson;

describe('fingerprints', () => {
  it('finds ATX and setext headings, not those in code, comments or frontmatter', () => {
    const text = ['---', '# not: frontmatter', '---', '# Title', '', '## Goals', '```md', '## not: code', '```', '<!--', '## not: a comment', '-->', 'Setext', '------', '', '- item', '---', '### Deep ###'].join('\n');
    expect(scanHeadings(text).map((h) => `${h.line} ${h.depth} ${h.text}`)).toEqual(['4 1 Title', '6 2 Goals', '13 2 Setext', '18 3 Deep']);
  });

  it('names the section of a line by the headings above it, without the title', () => {
    const section = sectionsOf(['# My plan', 'intro', '## A', 'a', '### A1', 'a1', '## B', 'b'].join('\n'));
    expect([1, 2, 3, 4, 6, 8].map(section)).toEqual(['', '', '## A', '## A', '## A > ### A1', '## B']);
  });

  it('depends on rule, section and message, never on the position', () => {
    const a = fingerprint('placeholder', '## Goals', 'Unfilled placeholder "[X]"');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint('placeholder', '## Goals', 'Unfilled placeholder  "[X]"')).toBe(a);
    expect(fingerprint('placeholder', '## Non-Goals', 'Unfilled placeholder "[X]"')).not.toBe(a);
    expect(fingerprint('field', '## Goals', 'Unfilled placeholder "[X]"')).not.toBe(a);
  });
});

/** A small repository of our own: one incomplete RFC-style plan and one complete one. */
function smallRepo(): string {
  const dir = mkTemp('plan-lint-baseline-');
  mkdirSync(join(dir, 'specs/old'), { recursive: true });
  mkdirSync(join(dir, 'specs/done'), { recursive: true });
  copyFileSync(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`, join(dir, 'specs/old/plan.md'));
  copyFileSync(`${ROOT}fixtures/rfc/valid/complete.md`, join(dir, 'specs/done/plan.md'));
  return dir;
}

describe('baseline on small plans', () => {
  it('records today\'s findings, then reports only new ones, however lines move', () => {
    const dir = smallRepo();
    const before = json(cli(['-f', 'json', 'specs'], { cwd: dir }).stdout);
    // Sorted by path: specs/done/plan.md (complete), then specs/old/plan.md.
    expect(before.map((x) => x.messages.length)).toEqual([0, expect.any(Number)]);
    const known = before[1]!.messages.length;
    expect(known).toBeGreaterThan(3);

    const w = cli(['--baseline-write', 'specs'], { cwd: dir });
    expect(w.status, w.stderr).toBe(0);
    expect(w.stderr).toBe(`Wrote .plan-lint-baseline.json: ${known} findings in 1 file\n`);
    expect(w.stdout).toBe(`\n${known} baselined problems not shown (--no-baseline shows them)\n`);
    const b = baselineOf(dir);
    expect(b.version).toBe(1);
    expect(Object.keys(b.files)).toEqual(['specs/old/plan.md']);

    // Lines added above every finding, and one new defect in the complete plan.
    const old = join(dir, 'specs/old/plan.md');
    writeFileSync(old, read(old).replace(/\n## /, '\n\nA new paragraph.\n\nAnd another.\n\n## '));
    const done = join(dir, 'specs/done/plan.md');
    writeFileSync(done, read(done).replace(/\n## Goals\n/, '\n## Goals\n\nTBD\n'));
    const r = cli(['-f', 'json', 'specs'], { cwd: dir });
    expect(r.status).toBe(1);
    const after = json(r.stdout);
    expect(shown(after)).toEqual(['done/plan.md placeholder Unresolved marker "TBD"']);
    expect(after.map((x) => x.baselinedCount)).toEqual([0, known]);

    const s = cli(['specs'], { cwd: dir });
    expect(s.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)\n\d+ baselined problems not shown \(--no-baseline shows them\)\n$/);

    // --no-baseline shows everything.
    const all = json(cli(['-f', 'json', '--no-baseline', 'specs'], { cwd: dir }).stdout);
    expect(shown(all)).toHaveLength(known + 1);
    expect(all.every((x) => x.baselinedCount === undefined)).toBe(true);
  });

  it('a second finding like a baselined one shows both (the count is exceeded), as ESLint does', () => {
    const dir = smallRepo();
    expect(cli(['--baseline-write', 'specs'], { cwd: dir }).status).toBe(0);
    const old = join(dir, 'specs/old/plan.md');
    // multiple-defects.md has one "TBD" in its Performance section; add a second one there.
    const text = read(old);
    const at = text.indexOf('TBD');
    writeFileSync(old, `${text.slice(0, at)}TBD, TBD${text.slice(at + 3)}`);
    const r = json(cli(['-f', 'json', 'specs'], { cwd: dir }).stdout);
    expect(shown(r)).toEqual(['old/plan.md placeholder Unresolved marker "TBD"', 'old/plan.md placeholder Unresolved marker "TBD"']);
  });

  it('--baseline-prune drops exactly the findings fixed since, and keeps other files\' entries', () => {
    const dir = smallRepo();
    expect(cli(['--baseline-write', 'specs'], { cwd: dir }).status).toBe(0);
    const b0 = baselineOf(dir);
    // An entry of a file this run does not lint, and one of a file that is gone.
    b0.files['other/plan.md'] = { placeholder: { '0123456789abcdef': { count: 1, message: 'x', section: '' } } };
    writeFileSync(join(dir, '.plan-lint-baseline.json'), JSON.stringify(b0));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other/plan.md'), '# not linted this time\n');
    const withGone = baselineOf(dir);
    withGone.files['gone/plan.md'] = { placeholder: { fedcba9876543210: { count: 2, message: 'y', section: '' } } };
    writeFileSync(join(dir, '.plan-lint-baseline.json'), JSON.stringify(withGone));

    const old = join(dir, 'specs/old/plan.md');
    writeFileSync(old, read(old).replace('TBD', 'in the second quarter'));
    const p = cli(['--baseline-prune', 'specs'], { cwd: dir });
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/^Pruned \.plan-lint-baseline\.json: 3 fixed findings removed, \d+ findings in 2 files left\n$/);
    const b1 = baselineOf(dir);
    expect(Object.keys(b1.files)).toEqual(['other/plan.md', 'specs/old/plan.md']);
    const entries = (b: BaselineJson): string[] =>
      Object.entries(b.files['specs/old/plan.md']!).flatMap(([rule, prints]) => Object.entries(prints).map(([fp, e]) => `${rule} ${fp} ${e.count} ${e.message}`));
    const removed = entries(b0).filter((e) => !entries(b1).includes(e));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatch(/^placeholder [0-9a-f]{16} 1 Unresolved marker "TBD"$/);
    expect(entries(b1).every((e) => entries(b0).includes(e))).toBe(true);
  });

  it('--baseline-location names the file; its paths are relative to its folder', () => {
    const dir = smallRepo();
    const w = cli(['--baseline-write', '--baseline-location', 'ci/known.json', 'specs'], { cwd: dir });
    expect(w.status, w.stderr).toBe(0);
    expect(existsSync(join(dir, '.plan-lint-baseline.json'))).toBe(false);
    expect(Object.keys(baselineOf(dir, 'ci/known.json').files)).toEqual(['../specs/old/plan.md']);
    // Without the flag the default file is looked for, and there is none: everything shows.
    expect(cli(['specs'], { cwd: dir }).status).toBe(1);
    expect(cli(['--baseline-location', 'ci/known.json', 'specs'], { cwd: dir }).status).toBe(0);
    // From another folder, the same baseline applies to the same files.
    expect(cli(['--baseline-location', '../ci/known.json', 'old/plan.md'], { cwd: join(dir, 'specs') }).status).toBe(0);
  });

  it('a malformed or missing named baseline is one clear error (exit 2), and nothing is linted', () => {
    const dir = smallRepo();
    const cases: [string, RegExp][] = [
      ['not json', /^plan-lint: \.plan-lint-baseline\.json: not a valid plan-lint baseline \(invalid JSON: .*\); write a new one with --baseline-write\n$/],
      ['{"version":2,"files":{}}', /"version" must be 1/],
      ['{"version":1,"files":{"a.md":{"placeholder":{"0123456789abcdef":{"count":0}}}}}', /"count" must be a whole number above 0/],
      ['{"version":1,"files":{"a.md":{"placeholder":{"require(\'child_process\')":{"count":1}}}}}', /is not a fingerprint/],
      ['{"version":1,"files":[]}', /"files" must be an object/],
      ['{"version":1,"files":{},"__proto__":{"polluted":1}}', /unknown key "__proto__"/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, '.plan-lint-baseline.json'), text);
      const r = cli(['-f', 'json', 'specs'], { cwd: dir });
      expect(r.status, text).toBe(2);
      expect(r.stdout, text).toBe('');
      expect(r.stderr, text).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
    const m = cli(['--baseline-location', 'nothere.json', 'specs'], { cwd: dir });
    expect(m.status).toBe(2);
    expect(m.stderr).toBe('plan-lint: Baseline file not found: nothere.json\n');
  });

  it('refuses flag combinations that would record the wrong findings', () => {
    const dir = smallRepo();
    for (const args of [
      ['--baseline-write', '--baseline-prune'],
      ['--baseline-write', '--no-baseline'],
      ['--baseline-write', '--quiet'],
      ['--baseline-prune', '--quiet'],
      ['--baseline-location', 'x.json', '--no-baseline'],
    ]) {
      const r = cli([...args, 'specs'], { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^plan-lint: --[a-z-]+ (and --[a-z-]+ )?cannot be combined( with --[a-z-]+)?\n/);
    }
    expect(existsSync(join(dir, '.plan-lint-baseline.json'))).toBe(false);
  });

  it('a file named but ignored by the config keeps its baseline entries on write and prune', () => {
    const dir = smallRepo();
    expect(cli(['--baseline-write', 'specs'], { cwd: dir }).status).toBe(0);
    const b0 = read(join(dir, '.plan-lint-baseline.json'));
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ ignores: ['specs/old/**'] }));
    for (const flag of ['--baseline-write', '--baseline-prune']) {
      const r = cli([flag, 'specs/old/plan.md'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      expect(read(join(dir, '.plan-lint-baseline.json')), flag).toBe(b0);
    }
  });

  it('applies to standard input with --stdin-filename', () => {
    const dir = smallRepo();
    expect(cli(['--baseline-write', 'specs'], { cwd: dir }).status).toBe(0);
    const text = read(join(dir, 'specs/old/plan.md'));
    expect(cli(['--stdin', '--stdin-filename', 'specs/old/plan.md'], { cwd: dir, input: text }).status).toBe(0);
    expect(cli(['--stdin', '--stdin-filename', 'specs/new.md'], { cwd: dir, input: text }).status).toBe(1);
  });
});

/** The Dapr proposals family: its template and documents, laid out as in their repository. */
const FAMILY = { template: 'dapr__proposals__templates__proposal.md', prefix: 'dapr__proposals__' };

describe.skipIf(!hasShared)('baseline on a copied real family (../shared/corpus)', () => {
  it('write, one new defect reported alone, prune after a fix removes exactly that entry', () => {
    const dir = mkTemp('plan-lint-baseline-family-');
    const corpus = `${SHARED}corpus/`;
    mkdirSync(join(dir, 'templates'));
    copyFileSync(`${corpus}templates/${FAMILY.template}`, join(dir, 'templates/proposal.md'));
    const docs = readdirSync(`${corpus}real-plans`).filter((f) => f.startsWith(FAMILY.prefix));
    expect(docs.length).toBeGreaterThanOrEqual(3);
    for (const d of docs) copyFileSync(`${corpus}real-plans/${d}`, join(dir, d.slice(FAMILY.prefix.length)));
    // The five-line recipe: a schema from the template (its name comes from the template), a config naming it.
    const g = cli(['schema', 'generate', 'templates/proposal.md', '-o', 'schemas/proposal.schema.json'], { cwd: dir });
    expect(g.status, g.stderr).toBe(0);
    expect((JSON.parse(read(join(dir, 'schemas/proposal.schema.json'))) as { 'x-plan-lint': { name: string } })['x-plan-lint'].name).toBe('proposal');
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schemas: { proposal: 'schemas/proposal.schema.json' }, schema: 'proposal', ignores: ['templates/**'] }));
    // An old placeholder the team already has (the real documents may have none left to report): fixed later, pruned.
    const second = join(dir, docs[1]!.slice(FAMILY.prefix.length));
    writeFileSync(second, read(second).replace(/\n(## [^\n]+\n)/, '\n$1\nThe rollout date is TBD.\n'));

    const before = json(cli(['-f', 'json', '.'], { cwd: dir }).stdout);
    expect(before).toHaveLength(docs.length);
    const total = before.reduce((n, r) => n + r.messages.length, 0);
    expect(total).toBeGreaterThan(0);

    const w = cli(['--baseline-write', '.'], { cwd: dir });
    expect(w.status, w.stderr).toBe(0);
    const b0 = baselineOf(dir);
    const clean = json(cli(['-f', 'json', '.'], { cwd: dir }).stdout);
    expect(shown(clean)).toEqual([]);
    expect(clean.reduce((n, r) => n + (r.baselinedCount ?? 0), 0)).toBe(total);

    // One new defect in the first document's first section, after lines added above everything.
    const first = join(dir, docs[0]!.slice(FAMILY.prefix.length));
    const original = read(first);
    const withDefect = `\n\n${original.replace(/\n(## [^\n]+\n)/, '\n$1\nTBD\n')}`;
    writeFileSync(first, withDefect);
    const r = cli(['-f', 'json', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(shown(json(r.stdout))).toEqual([`${first.split('/').slice(-2).join('/')} placeholder Unresolved marker "TBD"`]);
    writeFileSync(first, original);

    // Fix one old finding: a placeholder of a document, replaced by filled text.
    const all = json(cli(['-f', 'json', '--no-baseline', '.'], { cwd: dir }).stdout);
    const target = all.find((x) => x.messages.some((m) => m.ruleId === 'placeholder'));
    expect(target, 'a document of the family with a placeholder finding').toBeDefined();
    const m = target!.messages.find((x) => x.ruleId === 'placeholder')!;
    const lines = read(target!.filePath).split('\n');
    const line = lines[m.line - 1]!;
    lines[m.line - 1] = `${line.slice(0, m.column - 1)}filled in${line.slice(m.endColumn - 1)}`;
    writeFileSync(target!.filePath, lines.join('\n'));

    const p = cli(['--baseline-prune', '.'], { cwd: dir });
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/^Pruned \.plan-lint-baseline\.json: 1 fixed finding removed/);
    const b1 = baselineOf(dir);
    const flat = (b: BaselineJson): string[] =>
      Object.entries(b.files).flatMap(([f, rules]) => Object.entries(rules).flatMap(([rule, prints]) => Object.entries(prints).map(([fp, e]) => `${f} ${rule} ${fp} ${e.count} ${e.message}`)));
    const removed = flat(b0).filter((e) => !flat(b1).includes(e));
    const added = flat(b1).filter((e) => !flat(b0).includes(e));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toContain(`placeholder`);
    expect(removed[0]).toContain(m.message);
    // An entry whose count went from n to n-1 shows as one removed and one added line; otherwise nothing is added.
    expect(added.length).toBeLessThanOrEqual(1);
    if (added.length) expect(added[0]!.replace(/ \d+ /, ' # ')).toBe(removed[0]!.replace(/ \d+ /, ' # '));
  });
});
