/**
 * Attacks from a stranger's pull request, third round (issue 13; rows S38 on in
 * docs/reliability.md): each runs the built binary in a repository the
 * attacker wrote, except the cost of a config's globs, which counts the
 * compilations instead of timing them.
 */
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, cli, read, tempDirs } from './helpers.js';

const mkTemp = tempDirs();
const DEFECTS = `${ROOT}fixtures/rfc/invalid/multiple-defects.md`;
const FIELD = `${ROOT}fixtures/rfc/fix/field.md`;

/** A repository written by the attacker: a git work tree. */
function repo(): string {
  const dir = mkTemp('plan-lint-attack3-');
  mkdirSync(join(dir, '.git'));
  return dir;
}

/** `##[cmd]` (GitHub's older workflow command form) and `##vso[` (Azure Pipelines): the runner reads them anywhere in a line. */
const LEGACY = /##(\[|vso\[)/i;

describe('attack: the older workflow command form "##[...]" anywhere in a line', () => {
  it('a "##[" or "##vso[" command in a file name, a quoted text, a template heading or a config key is written inertly in every format and on stderr', () => {
    const dir = repo();
    const name = 'x##[stop-commands]tok ##vso[task.setvariable variable=A]b-plan.md';
    // The plan's own title, quoted in a finding ("Title ... does not follow the template title").
    writeFileSync(join(dir, name), read(DEFECTS).replace(/^# .*/, '# Notes ##[add-mask]secret'));
    // One run, every format: stylish on standard output, the others to files.
    const others = ['compact', 'json', 'sarif', 'github', 'junit', 'summary'];
    const r = cli(['-s', 'rfc', '-f', 'stylish', ...others.flatMap((f) => ['-f', `${f}:out.${f}`]), '--', name], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    const outputs: Record<string, string> = { stylish: r.stdout, stderr: r.stderr, ...Object.fromEntries(others.map((f) => [f, read(join(dir, `out.${f}`))])) };
    for (const [format, text] of Object.entries(outputs)) {
      for (const line of text.split('\n')) expect(line, `${format}: ${line}`).not.toMatch(LEGACY);
    }
    for (const format of ['stylish', 'compact']) expect(outputs[format]).toContain('x#\\x23[stop-commands]tok #\\x23vso[task.setvariable variable=A]b-plan.md');
    // JSON keeps the data: the name and the quoted text parse back as they were.
    const parsed = JSON.parse(outputs['json'] as string)[0];
    expect(parsed.filePath).toBe(join(dir, name));
    expect(parsed.messages.some((m: { message: string }) => m.message.includes('##[add-mask]secret'))).toBe(true);

    // An error line (a config key), and schema generate's JSON on standard output (a template heading).
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ rules: { 'x##[error]y': 'error' } }));
    const bad = cli(['--', name], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('x#\\x23[error]y');
    expect(bad.stderr).not.toMatch(LEGACY);
    writeFileSync(join(dir, 't-template.md'), '# Plan: [Name]\n\n## Goals ##[error]x \u202e\u009b31m\n\n[Goal]\n');
    const gen = cli(['schema', 'generate', 't-template.md'], { cwd: dir });
    expect(gen.status, gen.stderr).toBe(0);
    expect(gen.stdout).not.toMatch(LEGACY);
    expect(gen.stdout).not.toMatch(/[\u009b\u202e]/);
    expect(JSON.stringify(JSON.parse(gen.stdout))).toContain('Goals ##[error]x \u202e\u009b31m');
  });
});

describe('attack: a file name long enough to break --fix', () => {
  it('--fix of a plan with a 250-byte name holding a newline and "::error": fixed, no temporary file left, nothing raw on stderr', () => {
    const dir = repo();
    // 250 bytes: its temporary file's name (`.<name>.<pid>.<random>.tmp`) was over 255 (ENAMETOOLONG), and the
    // error line quoted the name raw, so "::error ..." began a line of stderr.
    const name = `${'a'.repeat(215)}\n::error title=pwned::owned-plan.md`;
    expect(Buffer.byteLength(name)).toBe(250);
    copyFileSync(FIELD, join(dir, name));
    const before = read(join(dir, name));
    const r = cli(['-s', 'rfc', '--fix', '-f', 'compact', '--', name], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(read(join(dir, name))).not.toBe(before);
    expect(read(join(dir, name))).toContain('**Created:** YYYY-MM-DD');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const line of r.stdout.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });
});

describe('attack: a plan that links out of the repository, named by a changed-files list', () => {
  it('untrusted, a named plan linking out of the repository or into .git is a fatal result, nothing of it quoted; the others are linted (the Action on a pull request from a fork too)', () => {
    const dir = repo();
    const outside = mkTemp('plan-lint-home-');
    // A credentials file that a placeholder or a title would quote.
    writeFileSync(join(outside, 'credentials'), '# aws_secret_access_key = SECRET-1\n\n[SECRET-2]\n');
    // A folder link out, named as a folder, is not walked (it could be `/`).
    writeFileSync(join(outside, 'notes.md'), '# SECRET-4\n');
    writeFileSync(join(dir, '.git', 'config'), '[http]\n\textraheader = AUTHORIZATION: basic SECRET-3\n');
    symlinkSync(join(outside, 'credentials'), join(dir, 'a-plan.md'));
    symlinkSync('.git/config', join(dir, 'b-plan.md'));
    symlinkSync(outside, join(dir, 'home'));
    copyFileSync(DEFECTS, join(dir, 'plan.md'));
    const names = ['a-plan.md', 'b-plan.md', 'home', 'home/credentials', 'plan.md'];
    const refused = `Resolves to a path outside the repository (${dir}) or inside its .git folder; untrusted mode (--untrusted) lints only the repository's own files`;
    const r = cli(['--untrusted', '-s', 'rfc', '-f', 'json', '--', ...names], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).not.toContain('SECRET');
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { message: string; fatal?: boolean }[] }[];
    expect(results.map((x) => x.filePath)).toEqual(names.map((n) => join(dir, n)));
    for (const x of results.slice(0, 4)) expect(x.messages).toEqual([expect.objectContaining({ message: refused, fatal: true })]);
    expect((results[4] as { messages: unknown[] }).messages.length).toBeGreaterThan(5);
    // Trusted, a path named on the command line is the user's own choice: linted.
    expect(cli(['-s', 'rfc', '-f', 'compact', '--', 'a-plan.md'], { cwd: dir }).stdout).toContain('SECRET-1');

    // The Action on a pull request from a fork (untrusted by default), its files input a changed-files list.
    const temp = mkTemp('plan-lint-runner-');
    writeFileSync(join(temp, 'event.json'), JSON.stringify({ pull_request: { head: { repo: { full_name: 'stranger/fork' } }, base: { repo: { full_name: 'owner/repo' } } } }));
    const a = spawnSync(process.execPath, [`${ROOT}action/dist/index.js`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INPUT_FILES: names.join('\n'), INPUT_SCHEMA: 'rfc', GITHUB_WORKSPACE: dir, RUNNER_TEMP: temp, GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(temp, 'event.json') },
    });
    expect(a.status, a.stderr).toBe(2);
    expect(a.stdout).toContain('(untrusted: a pull request from a fork)');
    expect(a.stdout).not.toContain('SECRET');
    expect(a.stdout).toContain('::error file=a-plan.md,line=1,col=1');
  });
});

describe('attack: a committed folder link to another git work tree', () => {
  it("untrusted, a plan reached through a committed link to another checkout is a fatal result, nothing of it quoted; the repository's own plans are linted", () => {
    const dir = repo();
    // Another git work tree on the machine (another project's checkout), holding a plan.
    const other = repo();
    writeFileSync(join(other, 'x.md'), '# SECRET-5\n\n[SECRET-6]\n');
    symlinkSync(other, join(dir, 'plans'));
    copyFileSync(DEFECTS, join(dir, 'plan.md'));
    const names = ['plan.md', 'plans', 'plans/x.md'];
    const refused = `Resolves to a path outside the repository (${dir}) or inside its .git folder; untrusted mode (--untrusted) lints only the repository's own files`;
    const r = cli(['--untrusted', '-s', 'rfc', '-f', 'json', '--', ...names], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('SECRET');
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { message: string; fatal?: boolean }[] }[];
    expect(results.map((x) => x.filePath)).toEqual(names.map((n) => join(dir, n)));
    expect((results[0] as { messages: unknown[] }).messages.length).toBeGreaterThan(5);
    for (const x of results.slice(1)) expect(x.messages).toEqual([expect.objectContaining({ message: refused, fatal: true })]);
    // Trusted, a path named on the command line is the user's own choice: linted.
    expect(cli(['-s', 'rfc', '-f', 'compact', '--', 'plans/x.md'], { cwd: dir }).stdout).toContain('SECRET-5');
  });
});

describe('attack: a report led out of the repository by a committed folder link', () => {
  it('untrusted, a report named inside the repository whose folder links out is refused (the sarif-file of the Action too); a path outside named as such is written', () => {
    const dir = repo();
    const outside = mkTemp('plan-lint-elsewhere-');
    symlinkSync(outside, join(dir, 'reports'));
    copyFileSync(DEFECTS, join(dir, 'plan.md'));
    const r = cli(['--untrusted', '-s', 'rfc', '-f', 'sarif:reports/plan-lint.sarif', '-f', `json:${join(outside, 'own.json')}`, '--', 'plan.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`plan-lint: Cannot write reports/plan-lint.sarif: a symbolic link on its path leads out of the repository (${dir}); in untrusted mode a report named inside the repository is written inside it\n`);
    expect(readdirSync(outside)).toEqual([]);
    // A path outside the repository, named as such (a workflow's runner.temp), is the caller's choice.
    expect(cli(['--untrusted', '-s', 'rfc', '-f', `json:${join(outside, 'own.json')}`, '--', 'plan.md'], { cwd: dir }).status).toBe(1);
    expect(readdirSync(outside)).toEqual(['own.json']);
    const temp = mkTemp('plan-lint-runner-');
    const a = spawnSync(process.execPath, [`${ROOT}action/dist/index.js`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INPUT_FILES: 'plan.md', 'INPUT_SARIF-FILE': 'reports/plan-lint.sarif', INPUT_UNTRUSTED: 'true', GITHUB_WORKSPACE: dir, RUNNER_TEMP: temp, GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '', GITHUB_EVENT_NAME: 'push' },
    });
    expect(a.status).toBe(2);
    expect(a.stdout).toContain('::error title=plan-lint::plan-lint: Cannot write reports/plan-lint.sarif: a symbolic link on its path leads out of the repository');
    expect(readdirSync(outside)).toEqual(['own.json']);
  });
});

describe('bounded cost: a config of many globs', () => {
  it('override and ignore globs are compiled once per config, not once per plan', async () => {
    vi.resetModules();
    const compiled: string[][] = [];
    vi.doMock('../src/lazy.js', async (orig) => {
      const real = (await orig()) as typeof import('../src/lazy.js');
      return {
        ...real,
        picomatch: () => {
          const pm = real.picomatch();
          return ((globs: string[], o: object) => {
            compiled.push(globs);
            return pm(globs, o);
          }) as unknown as ReturnType<typeof real.picomatch>;
        },
      };
    });
    const { configFor, loadConfigFile } = await import('../src/config/load.js');
    const dir = repo();
    const overrides = Array.from({ length: 50 }, (_, i) => ({ files: [`x${i}/**/*.md`, `**/y${i}-plan.md`], rules: { placeholder: 'warn' } }));
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ overrides, ignores: ['drafts/**'] }));
    const cfg = await loadConfigFile(join(dir, '.plan-lintrc.json'));
    const files = Array.from({ length: 20 }, (_, i) => join(dir, `x${i}`, 'plan.md'));
    const got = files.map((f) => configFor(f, cfg));
    // 50 overrides and one ignores list: 51 compilations for 20 plans (it was 51 per plan, 1,020).
    expect(compiled).toHaveLength(51);
    got.forEach((fc, i) => expect(fc.rules['placeholder'], files[i]).toBe('warn'));
    expect(configFor(join(dir, 'x3', 'y7-plan.md'), cfg).because).toEqual(expect.arrayContaining(['overrides[3] (x3/**/*.md, **/y3-plan.md) matches x3/y7-plan.md', 'overrides[7] (x7/**/*.md, **/y7-plan.md) matches x3/y7-plan.md']));
    expect(configFor(join(dir, 'drafts', 'a.md'), cfg).ignored).toBe(true);
    expect(compiled).toHaveLength(51);
    vi.doUnmock('../src/lazy.js');
  });
});
