/**
 * The GitHub Action (action.yml), run locally the way the runner runs a
 * JavaScript action: `node` on the committed, bundled entry (runs.main,
 * action/dist/index.js) in the workspace, with every declared input as an
 * `INPUT_<NAME>` variable (the default when not given) and GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH and RUNNER_TEMP as temporary files.
 * Nothing is installed or built: the test runs what is committed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, read, tempDirs } from './helpers.js';

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value?: string }>;
  runs: { using: string; main: string; steps?: unknown };
}

const ACTION = parse(read(`${ROOT}action.yml`)) as ActionYml;
const ENTRY = join(ROOT, ACTION.runs.main);
const PREVIOUS_SUMMARY = '## An earlier step\n\nIts summary stays.\n';

const mkTemp = tempDirs();

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** `name=value` lines and `name<<DELIM` blocks, as the runner reads GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delim] = heredoc;
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== delim) body.push(lines[i] ?? '');
      out[name] = body.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

interface RunOptions {
  /** The event: its name and its payload (GITHUB_EVENT_PATH). */
  event?: { name: string; payload: unknown };
  /** The entry to run (default: the committed one, runs.main). */
  entry?: string;
}

/** Run the action in `workspace` with `inputs`, as the runner does. */
function runAction(workspace: string, inputs: Record<string, string> = {}, opts: RunOptions = {}): ActionRun {
  for (const name of Object.keys(inputs)) expect(ACTION.inputs, `unknown input ${name}`).toHaveProperty(name);
  const temp = mkTemp('plan-lint-runner-');
  const summaryFile = join(temp, 'step_summary.md');
  const outputFile = join(temp, 'output');
  const eventFile = join(temp, 'event.json');
  writeFileSync(summaryFile, PREVIOUS_SUMMARY);
  writeFileSync(outputFile, '');
  writeFileSync(eventFile, JSON.stringify(opts.event?.payload ?? {}));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('GITHUB_') && !k.startsWith('INPUT_') && !k.startsWith('PLAN_LINT_')) env[k] = v;
  // The runner passes every declared input, its default when the workflow gives none.
  for (const [name, decl] of Object.entries(ACTION.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? decl.default ?? '';
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT.replace(/\/$/, ''),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_PATH: join(temp, 'path'),
    GITHUB_EVENT_NAME: opts.event?.name ?? 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: 'octo/plans',
    RUNNER_TEMP: temp,
    NO_COLOR: '1',
  });
  const r = spawnSync(process.execPath, [opts.entry ?? ENTRY], { cwd: workspace, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: read(summaryFile), outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) };
}

const tmp = (): string => mkTemp('plan-lint-ws-');
function place(ws: string, fixture: string, to: string): string {
  const dest = join(ws, to);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(`${ROOT}fixtures/${fixture}`, dest);
  return dest;
}
function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('action.yml', () => {
  it('is a JavaScript action on Node 20 running a committed bundle, with the inputs the brief names', () => {
    expect(ACTION.runs).toEqual({ using: 'node20', main: 'action/dist/index.js' });
    expect(existsSync(ENTRY)).toBe(true);
    const tracked = spawnSync('git', ['ls-files', '--error-unmatch', ACTION.runs.main], { cwd: ROOT, encoding: 'utf8' });
    if (tracked.status !== 128 || !/not a git repository/.test(tracked.stderr)) expect(tracked.status, 'the bundle is committed').toBe(0);
    expect(Object.keys(ACTION.inputs)).toEqual(expect.arrayContaining(['files', 'schema', 'config', 'changed-since', 'fail-on-warnings', 'fail-on-no-files', 'untrusted', 'cache-location', 'version', 'sarif-file']));
    expect(ACTION.inputs['fail-on-warnings']?.default).toBe('false');
    expect(ACTION.inputs['fail-on-no-files']?.default).toBe('false');
    expect(ACTION.inputs['untrusted']?.default).toBe('');
    expect(ACTION.inputs['version']?.default).toBe('');
    expect(Object.keys(ACTION.outputs).sort()).toEqual(['errors', 'exit-code', 'files', 'sarif-file', 'warnings']);
  });

  it('annotates a defective plan, appends the job summary and fails the step with exit code 1', () => {
    const ws = tmp();
    place(ws, 'rfc/invalid/multiple-defects.md', 'specs/001-export/plan.md');
    place(ws, 'rfc/valid/complete.md', 'specs/002-import/plan.md');
    const r = runAction(ws);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^plan-lint \d+\.\d+\.\d+ on Node\.js v\d+/m);
    // One workflow command per finding, at the sidecar's positions, with paths from the workspace root.
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error ') || l.startsWith('::warning '));
    const expected = read(`${ROOT}fixtures/rfc/invalid/multiple-defects.expected`).trim().split('\n');
    expect(annotations).toHaveLength(expected.length);
    for (const [i, want] of expected.entries()) {
      const [pos = '', rule = ''] = want.split(' ');
      const [line, col] = pos.split(':');
      expect(annotations[i]).toMatch(new RegExp(`^::(error|warning) file=specs/001-export/plan\\.md,line=${line},col=${col},endLine=\\d+,endColumn=\\d+,title=${rule}::\\S`));
    }
    expect(annotations[0]).toBe('::error file=specs/001-export/plan.md,line=1,col=19,endLine=1,endColumn=33,title=placeholder::Unfilled placeholder "[Feature Name]"');
    expect(annotations.some((a) => a.startsWith('::warning ') && a.includes('title=guidance-comment'))).toBe(true);
    // The summary is appended after what earlier steps wrote, never replacing it.
    expect(r.summary.startsWith(PREVIOUS_SUMMARY)).toBe(true);
    const appended = r.summary.slice(PREVIOUS_SUMMARY.length);
    expect(appended).toMatch(/^## plan-lint\n\n❌ \*\*2 plans\*\*: 1 clean, 1 with findings; 5 errors, 1 warning\n/);
    expect(appended).toContain('| ❌ | specs/001-export/plan.md | rfc |');
    expect(appended).toContain('| ✅ | specs/002-import/plan.md | rfc |');
    expect(appended).toContain('<summary>❌ specs/001-export/plan.md: 5 errors, 1 warning</summary>');
    expect(r.outputs).toEqual({ 'exit-code': '1', errors: '5', warnings: '1', files: '2' });
  });

  it('passes on complete plans, and writes SARIF when asked', () => {
    const ws = tmp();
    place(ws, 'rfc/valid/complete.md', 'docs/plans/rfc.md');
    place(ws, 'spec-reference/valid/complete.md', 'specs/003-sync/plan.md');
    const r = runAction(ws, { files: 'docs/plans/*.md\n**/plan.md', 'sarif-file': 'reports/plan-lint.sarif' });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/^::(error|warning)/m);
    expect(r.summary.slice(PREVIOUS_SUMMARY.length)).toMatch(/^## plan-lint\n\n✅ \*\*2 plans\*\*: 2 clean, 0 with findings; 0 errors, 0 warnings\n/);
    expect(r.outputs).toMatchObject({ 'exit-code': '0', errors: '0', warnings: '0', files: '2', 'sarif-file': 'reports/plan-lint.sarif' });
    const sarif = JSON.parse(read(join(ws, 'reports/plan-lint.sarif'))) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toEqual([]);
  });

  it('fails on warnings only with fail-on-warnings: true, and puts the findings in SARIF', () => {
    const ws = tmp();
    place(ws, 'rfc/invalid/guidance-comments.md', 'plan.md');
    const lenient = runAction(ws, { schema: 'rfc' });
    expect(lenient.status).toBe(0);
    expect(lenient.stdout.match(/^::warning file=plan\.md,/gm)).toHaveLength(3);
    expect(lenient.outputs).toMatchObject({ 'exit-code': '0', errors: '0', warnings: '3' });

    const strict = runAction(ws, { schema: 'rfc', 'fail-on-warnings': 'true', 'sarif-file': 'plan-lint.sarif' });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('plan-lint found too many warnings (maximum: 0).');
    expect(strict.outputs).toMatchObject({ 'exit-code': '1', warnings: '3' });
    const sarif = JSON.parse(read(join(ws, 'plan-lint.sarif'))) as { runs: Array<{ results: Array<{ ruleId: string; level: string }> }> };
    expect(sarif.runs[0]?.results.map((x) => [x.ruleId, x.level])).toEqual(Array(3).fill(['guidance-comment', 'warning']));

    expect(runAction(ws, { 'fail-on-warnings': 'maybe' }).status).toBe(2);
  });

  it('lints only the plans changed since a ref (changed-since)', () => {
    const ws = tmp();
    git(ws, 'init', '-q', '-b', 'main');
    place(ws, 'rfc/invalid/missing-section.md', 'specs/001-old/plan.md');
    git(ws, 'add', '.');
    git(ws, 'commit', '-qm', 'an old, incomplete plan');
    git(ws, 'checkout', '-qb', 'feature');
    place(ws, 'rfc/valid/complete.md', 'specs/002-new/plan.md');
    git(ws, 'add', '.');
    git(ws, 'commit', '-qm', 'a new plan');

    const clean = runAction(ws, { 'changed-since': 'main' });
    expect(clean.status).toBe(0);
    expect(clean.outputs).toMatchObject({ files: '1', errors: '0' });
    expect(clean.summary).toContain('specs/002-new/plan.md');
    expect(clean.summary).not.toContain('specs/001-old/plan.md');

    // Nothing changed at all: no plans, no failure.
    expect(runAction(ws, { 'changed-since': 'HEAD' })).toMatchObject({ status: 0, outputs: { files: '0' } });

    // Touch the old plan: now it is linted, and fails.
    writeFileSync(join(ws, 'specs/001-old/plan.md'), `${read(join(ws, 'specs/001-old/plan.md'))}\n`);
    const dirty = runAction(ws, { 'changed-since': 'main' });
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toMatch(/^::error file=specs\/001-old\/plan\.md,line=1,col=1,.*title=required-section::/m);

    const unknown = runAction(ws, { 'changed-since': 'origin/nope' });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toContain('::error title=plan-lint::plan-lint: --changed-since: unknown git ref "origin/nope"');
    expect(unknown.summary).toContain('⛔ plan-lint could not run (exit code 2): plan-lint: --changed-since: unknown git ref "origin/nope"');
  });

  it('exits 2 with one annotation on a bad schema or when no file matches', () => {
    const ws = tmp();
    place(ws, 'rfc/valid/complete.md', 'plan.md');
    const bad = runAction(ws, { schema: 'no-such-schema' });
    expect(bad.status).toBe(2);
    expect(bad.stdout.match(/^::error title=plan-lint::plan-lint: .*no-such-schema/gm)).toHaveLength(1);
    expect(bad.outputs).toMatchObject({ 'exit-code': '2', files: '0' });

    // No plan matches: a notice and success by default; a failure with fail-on-no-files.
    const none = runAction(ws, { files: 'plans/**/*.md' });
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('::notice title=plan-lint::No plan matched plans/**/*.md; nothing to lint');
    expect(none.outputs).toMatchObject({ 'exit-code': '0', files: '0' });
    const strict = runAction(ws, { files: 'plans/**/*.md', 'fail-on-no-files': 'true' });
    expect(strict.status).toBe(2);
    expect(strict.stdout).toContain('::error title=plan-lint::plan-lint: No files matching the pattern "plans/**/*.md" were found');
    expect(strict.outputs).toMatchObject({ 'exit-code': '2', files: '0' });
    expect(runAction(ws, { 'fail-on-no-files': 'yes' }).stdout).toContain('::error title=plan-lint::fail-on-no-files must be true or false, not "yes"');
  });

  it('lints a pull request from a fork as untrusted, unless told otherwise', () => {
    const ws = tmp();
    place(ws, 'rfc/valid/complete.md', 'specs/001/plan.md');
    const pr = (head: string) => ({ name: 'pull_request', payload: { pull_request: { head: { repo: { full_name: head } }, base: { repo: { full_name: 'octo/plans' } } } } });
    const fork = runAction(ws, {}, { event: pr('stranger/plans') });
    expect(fork.status).toBe(0);
    expect(fork.stdout).toMatch(/^plan-lint \S+ on Node\.js \S+ \(untrusted: a pull request from a fork\)$/m);
    const own = runAction(ws, {}, { event: pr('octo/plans') });
    expect(own.stdout).toMatch(/^plan-lint \S+ on Node\.js v[\d.]+$/m);
    expect(runAction(ws, { untrusted: 'false' }, { event: pr('stranger/plans') }).stdout).toMatch(/^plan-lint \S+ on Node\.js v[\d.]+$/m);
    expect(runAction(ws, { untrusted: 'true' }).stdout).toMatch(/\(untrusted: the untrusted input\)$/m);
  });

  it('needs no node_modules: a folder walk with .gitignore files and a glob run on the bundle alone', () => {
    // The action's checkout as the runner makes it: no node_modules anywhere above the bundle.
    const checkout = mkTemp('plan-lint-action-checkout-');
    // The bundle's folder: index.js and the file it requires recheck (the ReDoS checker) from.
    for (const f of ['action.yml', 'package.json', 'schemas', dirname(ACTION.runs.main)]) cpSync(join(ROOT, f), join(checkout, f), { recursive: true });
    // recheck, apart from index.js, runs from the bundle's folder alone (the pure JavaScript backend src/regex-safety.ts uses).
    const check = spawnSync(
      process.execPath,
      ['-e', `const r = require('module').createRequire(process.argv[1])('./recheck.cjs').checkSync('^(a+)+$', ''); process.stdout.write(r.status)`, join(checkout, ACTION.runs.main)],
      { cwd: checkout, encoding: 'utf8', env: { ...process.env, RECHECK_SYNC_BACKEND: 'pure' } },
    );
    expect(check.stdout).toBe('vulnerable');
    const ws = tmp();
    git(ws, 'init', '-q');
    writeFileSync(join(ws, '.gitignore'), 'drafts/\n');
    place(ws, 'rfc/valid/complete.md', 'docs/plan.md');
    place(ws, 'rfc/invalid/multiple-defects.md', 'docs/drafts/plan.md');
    for (const files of ['docs', 'docs/**/plan.md']) {
      const r = runAction(ws, { files }, { entry: join(checkout, ACTION.runs.main) });
      expect(r.stdout, files).not.toMatch(/internal error|Cannot find/);
      expect(r.outputs['exit-code'], files).toBe(files === 'docs' ? '0' : '1');
      // The folder walk leaves out what .gitignore ignores; a glob takes what it matches.
      expect(r.outputs['files'], files).toBe(files === 'docs' ? '1' : '2');
    }
  });

  it('lints 50 plans in one run: annotations, job summary, counts and SARIF', () => {
    const ws = tmp();
    for (let i = 1; i <= 50; i++) place(ws, i % 10 === 0 ? 'rfc/invalid/multiple-defects.md' : 'rfc/valid/complete.md', `specs/${String(i).padStart(3, '0')}/plan.md`);
    const started = process.hrtime.bigint();
    const r = runAction(ws, { 'sarif-file': 'reports/plan-lint.sarif' });
    // Reported for the closing note, not asserted: the suite never depends on the machine's speed.
    console.log(`action on 50 plans: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s wall`);
    expect(r.status).toBe(1);
    expect(r.outputs).toEqual({ 'exit-code': '1', errors: '25', warnings: '5', files: '50', 'sarif-file': 'reports/plan-lint.sarif' });
    expect(r.stdout.match(/^::error file=specs\/\d{3}\/plan\.md,/gm)).toHaveLength(25);
    expect(r.summary.slice(PREVIOUS_SUMMARY.length)).toMatch(/^## plan-lint\n\n❌ \*\*50 plans\*\*: 45 clean, 5 with findings; 25 errors, 5 warnings\n/);
    const sarif = JSON.parse(read(join(ws, 'reports/plan-lint.sarif'))) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]?.results).toHaveLength(30);
  });
});
