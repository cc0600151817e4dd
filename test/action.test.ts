/**
 * The GitHub Action (action.yml), run locally the way the runner runs a composite action:
 * each step's `run:` script with its `${{ ... }}` expressions substituted, through
 * `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`), with GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_ENV and RUNNER_TEMP set to temporary files.
 * The setup step skips its `npm ci && npm run build` because dist/bin.js exists.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, read, tempDirs } from './helpers.js';

interface Step {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION = parse(read(`${ROOT}action.yml`)) as ActionYml;
const ACTION_PATH = ROOT.replace(/\/$/, '');
const PREVIOUS_SUMMARY = '## An earlier step\n\nIts summary stays.\n';

const mkTemp = tempDirs();

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  steps: string[];
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

/** Run the action's steps in `workspace` with `inputs`, as GitHub would. */
function runAction(workspace: string, inputs: Record<string, string> = {}): ActionRun {
  for (const name of Object.keys(inputs)) expect(ACTION.inputs, `unknown input ${name}`).toHaveProperty(name);
  const temp = mkTemp('plan-lint-runner-');
  const summaryFile = join(temp, 'step_summary.md');
  writeFileSync(summaryFile, PREVIOUS_SUMMARY);
  const stepOutputs: Record<string, Record<string, string>> = {};
  const expr = (text: string): string =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => {
      let m: RegExpExecArray | null;
      if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
        const input = ACTION.inputs[m[1] ?? ''];
        if (!input) throw new Error(`action.yml uses an undeclared input: ${e}`);
        return inputs[m[1] ?? ''] ?? input.default ?? '';
      }
      if (e === 'github.action_path') return ACTION_PATH;
      if (e === 'github.workspace') return workspace;
      if (e === 'runner.temp') return temp;
      if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return stepOutputs[m[1] ?? '']?.[m[2] ?? ''] ?? '';
      throw new Error(`the test runner does not know the expression \${{ ${e} }}`);
    });

  let stdout = '';
  let stderr = '';
  let status: number | null = 0;
  const ran: string[] = [];
  for (const [i, step] of ACTION.runs.steps.entries()) {
    expect(step.uses, 'composite steps here are run: scripts').toBeUndefined();
    expect(step.if, 'conditions live in the scripts').toBeUndefined();
    expect(step.shell).toBe('bash');
    const outputFile = join(temp, `output_${i}`);
    writeFileSync(outputFile, '');
    const script = join(temp, `step_${i}.sh`);
    writeFileSync(script, expr(step.run ?? ''));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('GITHUB_') && !k.startsWith('INPUT_')) env[k] = v;
    Object.assign(env, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ACTION_PATH,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ENV: join(temp, 'env'),
      GITHUB_PATH: join(temp, 'path'),
      RUNNER_TEMP: temp,
      NO_COLOR: '1',
    });
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(String(v));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
    stdout += r.stdout;
    stderr += r.stderr;
    status = r.status;
    ran.push(step.id ?? step.name ?? String(i));
    if (step.id) stepOutputs[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(Object.entries(ACTION.outputs).map(([k, o]) => [k, expr(o.value)]));
  return { status, stdout, stderr, summary: read(summaryFile), outputs, steps: ran };
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
  it('is a composite action whose inputs the brief names, on Node 20+', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(Object.keys(ACTION.inputs)).toEqual(expect.arrayContaining(['files', 'schema', 'config', 'changed-since', 'fail-on-warnings', 'version', 'sarif-file']));
    expect(ACTION.inputs['fail-on-warnings']?.default).toBe('false');
    expect(ACTION.inputs['version']?.default).toBe('');
    const setup = ACTION.runs.steps[0]?.run ?? '';
    // Rebuilding from source only when the action's own dist/bin.js is missing.
    expect(setup).toMatch(/if \[ ! -f "\$bin" \]; then[\s\S]*npm ci[\s\S]*npm run build/);
    expect(existsSync(`${ROOT}dist/bin.js`)).toBe(true);
  });

  it('annotates a defective plan, appends the job summary and fails the step with exit code 1', () => {
    const ws = tmp();
    place(ws, 'rfc/invalid/multiple-defects.md', 'specs/001-export/plan.md');
    place(ws, 'rfc/valid/complete.md', 'specs/002-import/plan.md');
    const r = runAction(ws);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.steps).toEqual(['setup', 'lint']);
    expect(r.stdout).not.toContain('Build plan-lint from source');
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
    expect(r.outputs).toEqual({ 'exit-code': '1', errors: '5', warnings: '1', files: '2', 'sarif-file': '' });
  });

  it('passes on complete plans, and writes SARIF when asked', () => {
    const ws = tmp();
    place(ws, 'rfc/valid/complete.md', 'docs/plans/rfc.md');
    place(ws, 'speckit/valid/complete.md', 'specs/003-sync/plan.md');
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

    const none = runAction(ws, { files: 'plans/**/*.md' });
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('::error title=plan-lint::plan-lint: No files matching the pattern "plans/**/*.md" were found');
  });
});
