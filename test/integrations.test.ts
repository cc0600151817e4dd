/**
 * Commit-time integrations, proven with the real tools on temporary git repositories:
 *
 * - pre-commit (the framework): this checkout's .pre-commit-hooks.yaml, installed the way
 *   pre-commit installs any `language: node` hook repository (`npm install`, `npm pack`,
 *   `npm install -g <tarball>`). A defective plan cannot be committed; the fixed one can.
 * - husky + lint-staged: the recipe of docs/integrations.md, verbatim.
 *
 * pre-commit's environment is kept in node_modules/.cache/plan-lint-pre-commit/ and reused
 * while the checkout's files it installs from are unchanged (the snapshot commit is
 * deterministic, and leaves out the tests and the other folders neither the package nor its
 * build reads); a change there installs afresh (about 35-60 s: npm install with its build,
 * npm pack, npm install -g).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, read, tempDirs } from './helpers.js';

const DEFECTIVE = `${ROOT}fixtures/rfc/invalid/multiple-defects.md`;
const COMPLETE = `${ROOT}fixtures/rfc/valid/complete.md`;
/** The recipe's lint-staged configuration (package.json), as docs/integrations.md shows it. */
const LINT_STAGED = { 'lint-staged': { '**/{plan,*-plan,*_plan,*.plan}.md': 'plan-lint', '**/plans/**/*.md': 'plan-lint' } };

const mkTemp = tempDirs();

/** The environment for child processes: no GIT_* of an enclosing hook, no HUSKY=0, a fixed identity. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && k !== 'HUSKY' && !k.startsWith('PRE_COMMIT')) env[k] = v;
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Plan Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Plan Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv()): SpawnSyncReturns<string> & { out: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return Object.assign(r, { out: `${r.stdout ?? ''}${r.stderr ?? ''}` });
}

function git(cwd: string, ...args: string[]): string {
  const r = sh('git', args, cwd);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.out}`);
  return r.stdout;
}

function newRepo(prefix: string): string {
  const dir = mkTemp(prefix);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), '# A project\n\nTODO: write the README. [Placeholder] text outside plans is not linted.\n');
  git(dir, 'add', 'README.md');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'initial');
  return dir;
}

function put(repo: string, from: string, to: string): void {
  mkdirSync(dirname(join(repo, to)), { recursive: true });
  copyFileSync(from, join(repo, to));
}

const commits = (repo: string): number => Number(git(repo, 'rev-list', '--count', 'HEAD').trim());

const hasPreCommit = sh('pre-commit', ['--version'], ROOT).status === 0;
const hasGit = sh('git', ['--version'], ROOT).status === 0;

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(read(`${ROOT}.pre-commit-hooks.yaml`)) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h['id'] === 'plan-lint') ?? {};

  it('defines the plan-lint hook as a node hook over Markdown files', () => {
    expect(hook).toMatchObject({ id: 'plan-lint', name: 'plan-lint', language: 'node', entry: 'plan-lint', types: ['markdown'] });
    // The staged files come after `--`: a file named like an option stays a file name.
    expect(hook['args']).toEqual(['--']);
    // pre-commit installs the repository with `npm install` and `npm pack`: only a `prepare` build
    // puts dist/bin.js in the tarball, and only quiet pack-time scripts keep `npm pack`'s stdout
    // down to the tarball's name, which pre-commit reads.
    const pkg = JSON.parse(read(`${ROOT}package.json`)) as { bin: Record<string, string>; files: string[]; scripts: Record<string, string> };
    expect(pkg.bin['plan-lint']).toBe('dist/bin.js');
    expect(pkg.files).toContain('dist');
    // (scripts/prepare.mjs runs `npm run build`, and skips it when dist/ is already built from the same
    // inputs: `npm pack` runs `prepare` again right after `npm install` did.)
    expect(pkg.scripts['prepare'] ?? '(none)', 'package.json needs a "prepare" that builds, for pre-commit (and git) installs').toBe('node scripts/prepare.mjs');
    expect(read(`${ROOT}scripts/prepare.mjs`)).toContain("'run', 'build'");
    expect(existsSync(`${ROOT}.npmrc`) ? read(`${ROOT}.npmrc`) : '', '.npmrc needs foreground-scripts=false so that `npm pack` prints only the tarball name').toMatch(/^foreground-scripts\s*=\s*false$/m);
  });

  it('matches plans by their usual names by default, and nothing else', () => {
    const files = new RegExp(String(hook['files']));
    const plans = ['plan.md', 'specs/001-invoice-export/plan.md', 'docs/auth-plan.md', 'docs/auth_plan.md', 'docs/q3.plan.md', 'plans/q3.md', 'docs/plans/2025/sso.md', 'specs/002/plan.markdown'];
    const others = ['README.md', 'docs/planning.md', 'explain.md', 'docs/plans.md', 'specs/001/spec.md', 'specs/001/tasks.md', 'planets/mars.md', 'plan.md.bak'];
    for (const p of plans) expect(files.test(p), p).toBe(true);
    for (const p of others) expect(files.test(p), p).toBe(false);
  });
});

describe('docs/integrations.md', () => {
  const doc = read(`${ROOT}docs/integrations.md`);
  const blocks = [...doc.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
  const ws = mkTemp('plan-lint-docs-');
  put(ws, DEFECTIVE, 'specs/001-invoice-export/plan.md');
  const run = (format: string): string => {
    const r = sh('node', [`${ROOT}dist/bin.js`, '--format', format, 'specs/001-invoice-export/plan.md'], ws);
    expect(r.status, r.out).toBe(1);
    return r.stdout;
  };

  it('shows the real output of the github, summary and stylish formatters', () => {
    expect(blocks.find((b) => b.body.startsWith('::error '))?.body).toBe(run('github'));
    expect(blocks.find((b) => b.lang === 'markdown' && b.body.startsWith('## plan-lint'))?.body).toBe(run('summary'));
    const stylish = run('stylish').replaceAll(ws, '/home/me/shop').replace(/^\n/, '');
    expect(blocks.find((b) => b.body.startsWith('/home/me/shop/'))?.body).toBe(stylish);
  });

  it('shows the lint-staged configuration the tests use', () => {
    const config = blocks.find((b) => b.lang === 'json' && b.body.includes('"lint-staged"'));
    expect(JSON.parse(config?.body ?? '{}')).toEqual(LINT_STAGED);
    expect(doc).toContain('echo "npx lint-staged" > .husky/pre-commit');
  });
});

describe.skipIf(!hasGit || !hasPreCommit)('pre-commit (the framework), with this checkout as the hook repository', () => {
  const cache = `${ROOT}node_modules/.cache/plan-lint-pre-commit`;
  const hookRepo = `${cache}/hook-repo`;
  const home = `${cache}/home`;
  let rev = '';
  const env = (): NodeJS.ProcessEnv => childEnv({ PRE_COMMIT_HOME: home, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });

  beforeAll(() => {
    // A git repository of this checkout's files as they are (tracked and untracked, not ignored),
    // committed at a fixed date so that the same files give the same revision, and a reusable env.
    rmSync(hookRepo, { recursive: true, force: true });
    mkdirSync(hookRepo, { recursive: true });
    // Without the folders that neither the package nor its build reads (the tests, benchmarks,
    // evaluation, editor clients, the Action's bundle, CI files): an edit there keeps the revision, so
    // the installed environment (a full build, some 60 s of CPU) is reused.
    const unread = new Set(['test', 'bench', 'eval', 'editors', 'action', '.github', '.ci']);
    const files = git(ROOT, 'ls-files', '--cached', '--others', '--exclude-standard', '-z')
      .split('\0')
      .filter((f) => f && !unread.has(f.split('/')[0] as string) && existsSync(join(ROOT, f)));
    for (const f of files) {
      mkdirSync(dirname(join(hookRepo, f)), { recursive: true });
      copyFileSync(join(ROOT, f), join(hookRepo, f));
    }
    git(hookRepo, 'init', '-q', '-b', 'main');
    git(hookRepo, 'add', '-A');
    const fixed = childEnv({ GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z' });
    const c = sh('git', ['commit', '-q', '--no-verify', '--no-gpg-sign', '-m', 'plan-lint snapshot'], hookRepo, fixed);
    if (c.status !== 0) throw new Error(c.out);
    rev = git(hookRepo, 'rev-parse', 'HEAD').trim();
    const stamp = join(home, 'plan-lint-rev');
    if (!existsSync(stamp) || read(stamp) !== rev) {
      rmSync(home, { recursive: true, force: true });
      mkdirSync(home, { recursive: true });
      writeFileSync(stamp, rev);
    }
  });

  function project(): string {
    const repo = newRepo('plan-lint-pre-commit-');
    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: plan-lint\n`);
    const r = sh('pre-commit', ['install'], repo, env());
    expect(r.status, r.out).toBe(0);
    git(repo, 'add', '.pre-commit-config.yaml');
    git(repo, 'commit', '-q', '--no-verify', '-m', 'pre-commit config');
    return repo;
  }

  it('installs the hook environment (npm install, npm pack, npm install -g)', () => {
    const repo = project();
    const t0 = Date.now();
    const r = sh('pre-commit', ['install-hooks'], repo, env());
    expect(r.status, r.out).toBe(0);
    const seconds = (Date.now() - t0) / 1000;
    // Visible in the test log: how long a fresh install takes here (0 when reused).
    console.log(`pre-commit install-hooks: ${seconds.toFixed(1)} s`);
  });

  it('refuses a commit with a defective plan, showing the findings, and accepts it once fixed', () => {
    const repo = project();
    put(repo, DEFECTIVE, 'specs/001-invoice-export/plan.md');
    writeFileSync(join(repo, 'NOTES.md'), '# Notes\n\nTBD: [Anything] goes here, it is not a plan.\n');
    git(repo, 'add', '.');
    const before = commits(repo);

    const bad = sh('git', ['commit', '-m', 'Add the invoice export plan'], repo, env());
    expect(bad.status, bad.out).not.toBe(0);
    expect(bad.out).toMatch(/^plan-lint\.+Failed$/m);
    expect(bad.out).toContain('- hook id: plan-lint');
    expect(bad.out).toContain('- exit code: 1');
    expect(bad.out).toContain(`${repo}/specs/001-invoice-export/plan.md (rfc)`);
    expect(bad.out).toMatch(/1:19 +error +Unfilled placeholder "\[Feature Name\]" +placeholder/);
    expect(bad.out).toContain('✖ 6 problems (5 errors, 1 warning)');
    expect(bad.out).not.toContain('NOTES.md');
    expect(commits(repo)).toBe(before);

    put(repo, COMPLETE, 'specs/001-invoice-export/plan.md');
    git(repo, 'add', '.');
    const good = sh('git', ['commit', '-m', 'Add the invoice export plan'], repo, env());
    expect(good.status, good.out).toBe(0);
    expect(good.out).toMatch(/^plan-lint\.+Passed$/m);
    expect(commits(repo)).toBe(before + 1);

    // A commit without plans skips the hook.
    writeFileSync(join(repo, 'NOTES.md'), '# Notes\n\nTODO\n');
    git(repo, 'add', '.');
    const none = sh('git', ['commit', '-m', 'Notes'], repo, env());
    expect(none.status, none.out).toBe(0);
    expect(none.out).toMatch(/^plan-lint\.+\(no files to check\)Skipped$/m);
  });

  it('runs on demand with `pre-commit run --files` and takes args from the config', () => {
    const repo = project();
    put(repo, `${ROOT}fixtures/rfc/invalid/guidance-comments.md`, 'docs/plans/sso.md');
    const warnOnly = sh('pre-commit', ['run', 'plan-lint', '--files', 'docs/plans/sso.md'], repo, env());
    expect(warnOnly.status, warnOnly.out).toBe(0);
    expect(warnOnly.out).toMatch(/^plan-lint\.+Passed$/m);

    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: plan-lint\n        args: [--max-warnings, '0', --]\n`);
    const strict = sh('pre-commit', ['run', 'plan-lint', '--files', 'docs/plans/sso.md'], repo, env());
    expect(strict.status, strict.out).not.toBe(0);
    expect(strict.out).toContain('plan-lint found too many warnings (maximum: 0).');
  });
});

describe.skipIf(!hasGit)('husky + lint-staged (the docs/integrations.md recipe)', () => {
  /**
   * A project as `npm install --save-dev plan-lint husky lint-staged` leaves it: node_modules
   * links to this checkout (plan-lint) and to its husky and lint-staged, bins in node_modules/.bin.
   */
  function project(): string {
    const repo = newRepo('plan-lint-lint-staged-');
    const nm = join(repo, 'node_modules');
    mkdirSync(join(nm, '.bin'), { recursive: true });
    symlinkSync(ROOT.replace(/\/$/, ''), join(nm, 'plan-lint'), 'dir');
    for (const p of ['husky', 'lint-staged']) symlinkSync(`${ROOT}node_modules/${p}`, join(nm, p), 'dir');
    symlinkSync('../plan-lint/dist/bin.js', join(nm, '.bin/plan-lint'));
    symlinkSync('../husky/bin.js', join(nm, '.bin/husky'));
    symlinkSync('../lint-staged/bin/lint-staged.js', join(nm, '.bin/lint-staged'));
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    const pkg = {
      name: 'my-project',
      private: true,
      devDependencies: { husky: '^9.1.7', 'lint-staged': '^16.4.0', 'plan-lint': '^0.1.0' },
      ...LINT_STAGED,
    };
    writeFileSync(join(repo, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    // `npx husky init`, then the hook the recipe writes.
    const init = sh('node', [join(nm, '.bin/husky'), 'init'], repo);
    expect(init.status, init.out).toBe(0);
    writeFileSync(join(repo, '.husky/pre-commit'), 'npx lint-staged\n');
    expect(git(repo, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '--no-verify', '-m', 'husky and lint-staged');
    return repo;
  }

  it('lint-staged fails on a staged defective plan, showing the findings, and passes once fixed', () => {
    const repo = project();
    put(repo, DEFECTIVE, 'specs/001-invoice-export/plan.md');
    git(repo, 'add', '.');
    const bad = sh('node', [join(repo, 'node_modules/.bin/lint-staged')], repo);
    expect(bad.status, bad.out).toBe(1);
    expect(bad.out).toMatch(/✖ plan-lint/);
    expect(bad.out).toContain(`${repo}/specs/001-invoice-export/plan.md (rfc)`);
    expect(bad.out).toMatch(/1:19 +error +Unfilled placeholder "\[Feature Name\]" +placeholder/);
    // The staged plan is left as it was.
    expect(git(repo, 'diff', '--cached', '--name-only').trim()).toBe('specs/001-invoice-export/plan.md');

    put(repo, COMPLETE, 'specs/001-invoice-export/plan.md');
    git(repo, 'add', '.');
    const good = sh('node', [join(repo, 'node_modules/.bin/lint-staged')], repo);
    expect(good.status, good.out).toBe(0);
  });

  it('the husky pre-commit hook refuses the commit, and lets the fixed plan in', () => {
    const repo = project();
    const before = commits(repo);
    put(repo, DEFECTIVE, 'docs/plans/invoice-export.md');
    put(repo, DEFECTIVE, 'NOT-A-PLAN.md');
    git(repo, 'add', '.');
    const bad = sh('git', ['commit', '-m', 'Add the invoice export plan'], repo);
    expect(bad.status, bad.out).not.toBe(0);
    expect(bad.out).toContain(`${repo}/docs/plans/invoice-export.md (rfc)`);
    expect(bad.out).toContain('✖ 6 problems (5 errors, 1 warning)');
    expect(bad.out).toContain('husky - pre-commit script failed (code 1)');
    expect(bad.out).not.toContain('NOT-A-PLAN.md (rfc)');
    expect(commits(repo)).toBe(before);

    put(repo, COMPLETE, 'docs/plans/invoice-export.md');
    git(repo, 'add', '.');
    const good = sh('git', ['commit', '-m', 'Add the invoice export plan'], repo);
    expect(good.status, good.out).toBe(0);
    expect(commits(repo)).toBe(before + 1);
    expect(readFileSync(join(repo, 'docs/plans/invoice-export.md'), 'utf8')).toBe(read(COMPLETE));
  });
});

describe('README integrations', () => {
  it('show the recipes of docs/integrations.md verbatim (those are run above)', () => {
    const readme = read(`${ROOT}README.md`);
    const doc = read(`${ROOT}docs/integrations.md`);
    const start = readme.indexOf('## Integrations');
    const part = readme.slice(start, readme.indexOf('\n## ', start + 3));
    const blocks = [...part.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => m[0]);
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const b of blocks) expect(doc.includes(b), b.slice(0, 80)).toBe(true);
  });
});
