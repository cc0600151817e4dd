/** One run, every report (--format repeated), --format compact, explain, --no-inline-config, --ignore-pattern: the built binary. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, read, tempDirs } from './helpers.js';

const VALID = `${ROOT}fixtures/rfc/valid/complete.md`;
const mkTemp = tempDirs();

/** A folder with one complete plan (ok.md) and one with two findings (bad.md). */
function workspace(): string {
  const dir = mkTemp('plan-lint-outputs-');
  writeFileSync(join(dir, 'ok.md'), read(VALID));
  writeFileSync(join(dir, 'bad.md'), read(VALID).replace(/## Goals[\s\S]*?(?=## Non-Goals)/, '').replace('## References', '## References\n\nAsk [Owner].\n'));
  return dir;
}

describe('--format given several times', () => {
  it('writes every report from one run: one to standard output, the others to their files', () => {
    const dir = workspace();
    const r = cli(['-f', 'compact', '-f', 'json:out/r.json', '-f', 'sarif:out/r.sarif', '-f', 'summary:out/summary.md', '-f', 'github:out/gh.txt', 'bad.md', 'ok.md'], { cwd: dir });
    // No such folder yet: the writes fail after the run, with one line.
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`plan-lint: Cannot write ${join(dir, 'out/r.json')}: its directory does not exist\n`);
    mkdirSync(join(dir, 'out'));
    const ok = cli(['-f', 'compact', '-f', 'json:out/r.json', '-f', 'sarif:out/r.sarif', '-f', 'summary:out/summary.md', '-f', 'github:out/gh.txt', 'bad.md', 'ok.md'], { cwd: dir });
    expect(ok.status).toBe(1);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.split('\n').filter(Boolean)).toEqual([
      'bad.md:1:1: error Missing required section "## Goals" (expected after "## Problem Statement") (required-section)',
      expect.stringMatching(/^bad\.md:\d+:\d+: error Unfilled placeholder "\[Owner\]" \(placeholder\)$/),
    ]);
    const json = JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8')) as { filePath: string; errorCount: number }[];
    expect(json.map((x) => [x.filePath, x.errorCount])).toEqual([
      [join(dir, 'bad.md'), 2],
      [join(dir, 'ok.md'), 0],
    ]);
    const sarif = JSON.parse(readFileSync(join(dir, 'out/r.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results).toHaveLength(2);
    expect(readFileSync(join(dir, 'out/summary.md'), 'utf8')).toMatch(/^## plan-lint/);
    expect(readFileSync(join(dir, 'out/gh.txt'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    // The same reports again: the earlier ones are replaced.
    writeFileSync(join(dir, 'bad.md'), read(VALID));
    expect(cli(['-f', 'json:out/r.json', 'bad.md', 'ok.md'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect((JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8')) as { errorCount: number }[]).map((x) => x.errorCount)).toEqual([0, 0]);
  });

  it('refuses, before linting: two formats on standard output, two reports to one file, a report over an input, an unknown format', () => {
    const dir = workspace();
    const cases: [string[], string][] = [
      [['-f', 'json', '-f', 'compact', '.'], 'plan-lint: Only one format can go to standard output (json, compact); write the others to files with --format name:path'],
      [['-f', 'json:r.json', '-f', 'sarif:r.json', '.'], 'plan-lint: Two reports would be written to r.json'],
      [['-f', 'json:r.json', '-o', 'x.json', '.'], 'plan-lint: --output-file names the file of the format given without a path, and every --format has one'],
      [['-f', 'nope:r.json', '.'], 'plan-lint: Unknown format "nope"; use one of: stylish, compact, json, sarif, github, junit, summary'],
      [['-f', 'json:', '.'], 'plan-lint: --format json: needs a file after the colon'],
      [['-f', 'json:ok.md', '--force', '.'], `plan-lint: Refusing to write the report to ${join(dir, 'ok.md')}: it is one of the files being linted`],
    ];
    for (const [args, line] of cases) {
      const r = cli(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], args.join(' ')).toBe(line);
    }
    expect(read(join(dir, 'ok.md'))).toBe(read(VALID));
  });
});

describe('--format compact', () => {
  it('prints one line per finding, escapes control characters, names fatal results without a rule', () => {
    const dir = mkTemp('plan-lint-compact-');
    writeFileSync(join(dir, 'plan.md'), read(VALID).replace('## References', '## References\n\nAsk [Own\u0007er].\n'));
    const r = cli(['-f', 'compact', 'plan.md', 'missing.md'], { cwd: dir });
    expect(r.status).toBe(2);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('missing.md:1:1: error File not found');
    expect(lines[1]).toMatch(/^plan\.md:\d+:\d+: error Unfilled placeholder "\[Own\\x07er\]" \(placeholder\)$/);
  });

  it('prints nothing for a clean run', () => {
    expect(cli(['-f', 'compact', VALID])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('plan-lint explain', () => {
  it("prints the rule's documentation page; an unknown rule (or a path) is one line and exit 2", () => {
    const r = cli(['explain', 'placeholder']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(read(`${ROOT}docs/rules/placeholder.md`));
    for (const arg of ['nope', '../README', 'placeholder.md']) {
      const bad = cli(['explain', arg]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(new RegExp(`^plan-lint: Unknown rule "${arg.replace(/\./g, '\\.')}"; rules: required-section, `));
      expect(bad.stdout).toBe('');
    }
  });
});

describe('--no-inline-config and --ignore-pattern', () => {
  it('--no-inline-config: disable comments switch nothing off (and are not reported unused)', () => {
    const dir = mkTemp('plan-lint-inline-');
    writeFileSync(join(dir, 'plan.md'), read(VALID).replace('## References', '## References\n\n<!-- plan-lint-disable-next-line placeholder -->\nAsk [Owner].\n'));
    expect(cli(['-f', 'compact', 'plan.md'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    const r = cli(['-f', 'compact', '--no-inline-config', 'plan.md'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^plan\.md:\d+:5: error Unfilled placeholder "\[Owner\]" \(placeholder\)\n$/);
  });

  it('--ignore-pattern: matching files are skipped, a named one gets a warning, a folder pattern covers what is under it', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'wip.md'), read(join(dir, 'bad.md')));
    const r = cli(['-f', 'json', '--ignore-pattern', 'bad.md', '--ignore-pattern', 'drafts/', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual([join(dir, 'ok.md')]);
    const named = cli(['-f', 'compact', '--ignore-pattern', '**/wip.md', 'drafts/wip.md', 'ok.md'], { cwd: dir });
    expect(named).toEqual({ status: 0, stdout: 'drafts/wip.md:1:1: warning File ignored because of a matching --ignore-pattern\n', stderr: '' });
  });
});
