/**
 * Attacks from a stranger's pull request (issue 13, docs/security.md), each
 * run against the built binary in a repository the attacker wrote: a
 * committed file never runs code, a path never leaves the repository, a file
 * name never becomes an option, output never carries a workflow command or a
 * terminal sequence, and the caches cannot be forged.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, read, tempDirs } from './helpers.js';

const mkTemp = tempDirs();
const COMPLETE = `${ROOT}fixtures/rfc/valid/complete.md`;
const DEFECTS = `${ROOT}fixtures/rfc/invalid/multiple-defects.md`;
// A busy machine makes the binary slow: no test here has a limit of its own, the suite's (vitest.config.ts) applies.

/** A repository written by the attacker: a git work tree with a plan full of defects. */
function repo(): string {
  const dir = mkTemp('plan-lint-attack-');
  mkdirSync(join(dir, '.git'));
  copyFileSync(DEFECTS, join(dir, 'plan.md'));
  return dir;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

let fx = '';
/**
 * Copy to `to` the schema `plan-lint schema generate` makes from the complete plan (named fx): made
 * once per file by the binary, not once per test (the runs are identical: some 1 s of CPU each).
 */
function fxSchema(to: string): void {
  if (!fx) {
    fx = join(mkTemp('plan-lint-fx-'), 'fx.schema.json');
    const g = cli(['schema', 'generate', COMPLETE, '--name', 'fx', '-o', fx]);
    expect(g.status, g.stderr).toBe(0);
  }
  copyFileSync(fx, to);
}

describe('attack: a committed cache runs code or hides findings', () => {
  it('a compiled-schema entry committed under node_modules/.cache is never run', () => {
    const dir = repo();
    const schema = join(dir, 'fx.schema.json');
    fxSchema(schema);
    const marker = join(dir, 'pwned');
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = () => true;`;
    // Every name and header an attacker could guess, under every cache folder plan-lint ever used.
    const cacheDir = join(dir, 'node_modules/.cache/plan-lint/schemas');
    mkdirSync(cacheDir, { recursive: true });
    const honest = cli(['-s', schema, '-f', 'json', join(dir, 'plan.md')], { env: { PLAN_LINT_CACHE_DIR: join(dir, 'honest-cache') } });
    expect(honest.status).toBe(1);
    const names = readdirSync(join(dir, 'honest-cache/schemas'));
    expect(names).toHaveLength(1);
    for (const name of names) {
      writeFileSync(join(cacheDir, name), `plan-lint-cache/2 schemas ${sha256(payload)}\n${payload}`);
    }
    // The default cache (the user's folder) and one the user points into the repository alike.
    for (const env of [{ PLAN_LINT_CACHE_DIR: '' }, { PLAN_LINT_CACHE_DIR: join(dir, 'node_modules/.cache/plan-lint') }]) {
      const r = cli(['-s', schema, '-f', 'json', join(dir, 'plan.md')], { cwd: dir, env });
      expect(r.status).toBe(1);
      expect(existsSync(marker)).toBe(false);
      expect(JSON.parse(r.stdout)[0].messages).toEqual(JSON.parse(honest.stdout)[0].messages);
    }
  });

  it('a forged --cache file does not hide findings', () => {
    const dir = repo();
    const plan = join(dir, 'plan.md');
    const cache = join(dir, '.plan-lint-cache');
    const first = cli(['--cache', '--cache-location', cache, '-f', 'json', plan], { cwd: dir });
    expect(first.status).toBe(1);
    // Rewrite every entry as a clean pass, with the checksum an attacker can compute.
    const text = read(cache);
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { entries: Record<string, { result: { messages: unknown[]; errorCount: number } }> };
    for (const e of Object.values(body.entries)) {
      e.result.messages = [];
      e.result.errorCount = 0;
    }
    const forged = JSON.stringify(body);
    writeFileSync(cache, `plan-lint-cache/2 results ${sha256(forged)}\n${forged}`);
    const r = cli(['--cache', '--cache-location', cache, '-f', 'json', plan], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(first.stdout);
  });
});

describe('fault: --cache-location', () => {
  it('never replaces a plan or any file that is not a plan-lint cache', () => {
    const dir = repo();
    const plan = join(dir, 'plan.md');
    const other = join(dir, 'notes.md');
    writeFileSync(other, '# Notes\n');
    const before = read(plan);
    const asInput = cli(['--cache-location', plan, plan], { cwd: dir });
    expect(asInput.status).toBe(2);
    expect(asInput.stderr).toBe(`plan-lint: Refusing to use ${plan} as the cache: it is one of the files being linted\n`);
    const notCache = cli(['--cache-location', 'notes.md', plan], { cwd: dir });
    expect(notCache.status).toBe(2);
    expect(notCache.stderr).toBe(`plan-lint: Refusing to use ${other} as the cache: it is not a plan-lint cache file\n`);
    expect(read(plan)).toBe(before);
    expect(read(other)).toBe('# Notes\n');
    // A new file is fine, and so is replacing it on the next run.
    expect(cli(['--cache-location', 'c', plan], { cwd: dir }).status).toBe(1);
    expect(read(join(dir, 'c'))).toMatch(/^plan-lint-cache\/2 results /);
    expect(cli(['--cache-location', 'c', plan], { cwd: dir }).status).toBe(1);
  });

  it('the --cache key covers every file a schema $refs', () => {
    const dir = repo();
    const plan = join(dir, 'plan.md');
    const schema = join(dir, 'fx.schema.json');
    fxSchema(schema);
    const json = JSON.parse(read(schema));
    json.properties.placeholders = { $ref: './shared.json' };
    writeFileSync(schema, JSON.stringify(json));
    writeFileSync(join(dir, 'shared.json'), JSON.stringify({ type: 'array', items: false }));
    const args = ['--cache', '--cache-location', join(dir, 'c'), '-s', schema, '-f', 'json', plan];
    const rules = (stdout: string): string[] => (JSON.parse(stdout)[0].messages as { ruleId: string }[]).map((m) => m.ruleId);
    expect(rules(cli(args, { cwd: dir }).stdout)).toContain('placeholder');
    // Only the $ref'd file changes: placeholders allowed now.
    writeFileSync(join(dir, 'shared.json'), JSON.stringify({ type: 'array' }));
    expect(rules(cli(args, { cwd: dir }).stdout)).not.toContain('placeholder');
  });
});


describe('attack: a file name becomes an option', () => {
  it('after --, names that look like options are files, for every command', () => {
    const dir = repo();
    const evil = ['--print-config=x-plan.md', '--cache-location=a-plan.md', '-o'];
    for (const name of evil) copyFileSync(DEFECTS, join(dir, name));
    copyFileSync(COMPLETE, join(dir, 'a-plan.md'));
    const before = read(join(dir, 'a-plan.md'));
    const r = cli(['-f', 'json', '--', ...evil, 'a-plan.md'], { cwd: dir });
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number }[];
    const byName = new Map(results.map((x) => [x.filePath, x.errorCount]));
    expect([...byName.keys()].sort()).toEqual([...evil, 'a-plan.md'].map((n) => join(dir, n)).sort());
    for (const name of evil) expect(byName.get(join(dir, name)), name).toBeGreaterThan(0);
    expect(byName.get(join(dir, 'a-plan.md'))).toBe(0);
    expect(read(join(dir, 'a-plan.md'))).toBe(before);
    // `plan-lint -- a-plan.md` lints a-plan.md (it used to drop what followed --).
    const plain = cli(['--', 'a-plan.md'], { cwd: dir });
    expect(plain.status).toBe(0);
    expect(cli(['detect', '--', '--print-config=x-plan.md'], { cwd: dir }).stdout).toMatch(/^.*--print-config=x-plan\.md: rfc \d+%/);
    const gen = cli(['schema', 'generate', '--name', 'x', '--', '-o'], { cwd: dir });
    expect(gen.status, gen.stderr).toBe(0);
    expect(JSON.parse(gen.stdout)['x-plan-lint'].name).toBe('x');
    expect(cli(['schemas', '--', 'x'], { cwd: dir }).stderr).toBe('plan-lint: Unexpected argument "x"\nRun "plan-lint --help" for usage.\n');
  });

  it('the Action passes -- before its files input: names from a pull request are files', () => {
    const dir = repo();
    const evil = '--print-config=x-plan.md';
    copyFileSync(DEFECTS, join(dir, evil));
    const r = spawnSync(process.execPath, [`${ROOT}action/dist/index.js`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INPUT_FILES: `${evil} plan.md`, GITHUB_WORKSPACE: dir, RUNNER_TEMP: mkTemp('plan-lint-runner-'), GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '', GITHUB_EVENT_NAME: 'push' },
    });
    expect(r.stdout).not.toContain('"config"');
    const files = new Set(r.stdout.split('\n').filter((l) => l.startsWith('::error file=')).map((l) => l.slice('::error file='.length, l.indexOf(','))));
    expect([...files].sort()).toEqual([`--print-config=x-plan.md`, 'plan.md']);
    expect(r.status).toBe(1);
  });
});

describe('attack: a committed link to /dev/zero, or a FIFO, where plan-lint reads a file', () => {
  // Each of these read the file whole before any check: a hang on the FIFO, gigabytes from /dev/zero.
  it('a link to /dev/zero or a FIFO as a template, a --cache schema or plan, a .gitignore or package.json: refused or skipped at once, never read', () => {
    if (!existsSync('/dev/zero')) return;
    const dir = repo();
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    // A template (a .md schema) named by the config, or on the command line.
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema: 'zero.md' }));
    let r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toBe(`plan-lint: Schema file ${join(dir, 'zero.md')} is outside the project root (${dir}); plan-lint reads only files inside it\n`);
    expect(r.status).toBe(2);
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema: 'fifo.md' }));
    r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toBe(`plan-lint: Schema file ${join(dir, 'fifo.md')} is not a regular file\n`);
    expect(r.status).toBe(2);
    rmSync(join(dir, '.plan-lintrc.json'));
    r = cli(['-s', 'fifo.md', 'plan.md'], { cwd: dir });
    expect(r.stderr).toBe('plan-lint: Schema file fifo.md is not a regular file\n');
    expect(r.status).toBe(2);
    // --cache digests the schema and the plans before linting.
    symlinkSync('/dev/zero', join(dir, 'zero.schema.json'));
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema: 'zero.schema.json' }));
    r = cli(['--cache', 'plan.md'], { cwd: dir });
    expect(r.stderr).toBe(`plan-lint: Schema file ${join(dir, 'zero.schema.json')} is outside the project root (${dir}); plan-lint reads only files inside it\n`);
    expect(r.status).toBe(2);
    rmSync(join(dir, '.plan-lintrc.json'));
    r = cli(['--cache', '-f', 'json', 'fifo.md', 'plan.md'], { cwd: dir });
    const [fifo, plan] = JSON.parse(r.stdout) as { messages: { message: string }[]; errorCount: number; fatalErrorCount: number }[];
    expect(fifo?.messages.map((m) => m.message)).toEqual(['Not a regular file (a FIFO, socket or device); pipe it in with --stdin']);
    expect(plan?.fatalErrorCount).toBe(0);
    expect(plan?.errorCount).toBeGreaterThan(0);
    expect(r.status).toBe(2);
    // The .gitignore above a walked folder, and package.json (a config, or init looking for one): skipped.
    mkdirSync(join(dir, 'plans'));
    copyFileSync(DEFECTS, join(dir, 'plans/plan.md'));
    rmSync(join(dir, 'fifo.md'));
    rmSync(join(dir, 'zero.md'));
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    r = cli(['-f', 'json', 'plans'], { cwd: dir });
    expect(JSON.parse(r.stdout)[0].errorCount).toBeGreaterThan(0);
    expect(r.status).toBe(1);
    // package.json: also where yargs (bundled) looked for a version, on every run and in the Action.
    symlinkSync('/dev/zero', join(dir, 'package.json'));
    r = cli(['-f', 'json', 'plan.md'], { cwd: dir });
    expect(JSON.parse(r.stdout)[0].errorCount).toBeGreaterThan(0);
    expect(r.status).toBe(1);
    r = cli(['init', '--dry-run'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('--dry-run: would write');
    expect(r.status).toBe(0);
  });

  it('a --schema name from the "schemas" of the config is held to the project root', () => {
    const dir = repo();
    const outside = mkTemp('plan-lint-outside-');
    writeFileSync(join(outside, 'secret-template.md'), '# Plan: TOP-SECRET-TITLE\n\n## Goals\n\n[Goal]\n\n## Risks\n\n[Risk]\n');
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schemas: { x: join(outside, 'secret-template.md') } }));
    for (const args of [['-s', 'x'], []]) {
      const r = cli([...args, 'plan.md'], { cwd: dir });
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain('TOP-SECRET');
      if (!args.length) continue;
      expect(r.stderr).toBe(`plan-lint: Schema file ${join(outside, 'secret-template.md')} is outside the project root (${dir}); plan-lint reads only files inside it\n`);
      expect(r.status).toBe(2);
    }
  });

  it('a committed baseline linking out of the repository is refused, and a malformed one is never quoted', () => {
    const dir = repo();
    const outside = mkTemp('plan-lint-outside-');
    writeFileSync(join(outside, 'passwd'), 'root:x:0:0:TOP-SECRET\n');
    symlinkSync(join(outside, 'passwd'), join(dir, '.plan-lint-baseline.json'));
    let r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toBe(`plan-lint: Baseline file .plan-lint-baseline.json is outside the project root (${dir}); plan-lint reads only files inside it\n`);
    expect(r.status).toBe(2);
    // Inside the repository, the same text is invalid JSON, said by position.
    rmSync(join(dir, '.plan-lint-baseline.json'));
    writeFileSync(join(dir, '.plan-lint-baseline.json'), 'root:x:0:0:TOP-SECRET\n');
    r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toBe('plan-lint: .plan-lint-baseline.json: not a valid plan-lint baseline (invalid JSON: not JSON); write a new one with --baseline-write\n');
    expect(r.status).toBe(2);
    // A baseline the user names (--baseline-location) is the user's choice.
    r = cli(['--baseline-location', join(outside, 'passwd'), 'plan.md'], { cwd: dir });
    expect(r.stderr).not.toContain('TOP-SECRET');
    expect(r.status).toBe(2);
  });
});

describe('fault: plan-lint new -o an existing file', () => {
  it('refuses without --force, naming the flag it accepts, and replaces with --force', () => {
    const dir = repo();
    const out = join(dir, 'plan.md');
    const before = read(out);
    const refused = cli(['new', 'rfc', '-o', 'plan.md'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`plan-lint: Refusing to overwrite ${out}; pass --force to replace it\n`);
    expect(read(out)).toBe(before);
    const forced = cli(['new', 'rfc', '-o', 'plan.md', '--force'], { cwd: dir });
    expect(forced.status, forced.stderr).toBe(0);
    expect(read(out)).toBe(cli(['new', 'rfc']).stdout);
  });
});

describe('attack: output injection (workflow commands, terminal sequences)', () => {
  /**
   * Every line of a run's output: none may start a workflow command (the runner
   * reads one at a line start after leading spaces) or hold a control character.
   */
  function clean(text: string, what: string, ownCommands = false): void {
    for (const line of text.split('\n')) {
      if (!ownCommands) expect(line.trimStart().startsWith('::'), `${what}: ${JSON.stringify(line)}`).toBe(false);
      expect(line, what).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    }
  }

  it('a file name with a newline, "::error" and ESC, and a plan quoting ESC, in every format', () => {
    const dir = repo();
    const name = 'x\n::error title=pwned::owned\x1b[2J\u202e-plan.md';
    // The plan's own text quoted in a finding: a placeholder holding ESC and a bidi override.
    writeFileSync(join(dir, name), `${read(DEFECTS)}\n\nTODO [Owner \x1b(0 \x07 \u009b31m \u202e]\n`);
    for (const format of ['stylish', 'compact', 'json', 'sarif', 'github', 'junit', 'summary']) {
      const r = cli(['-f', format, '--', name], { cwd: dir });
      expect(r.status, `${format}: ${r.stderr}`).toBe(1);
      clean(r.stdout, format, format === 'github');
      clean(r.stderr, format);
      if (format === 'github') {
        for (const line of r.stdout.split('\n').filter(Boolean)) expect(line, line).toMatch(/^::(error|warning) file=x%0A%3A%3Aerror title=pwned%3A%3Aowned\\x1b\[2J\\u202e-plan\.md,line=/);
      }
      if (format === 'stylish' || format === 'compact') expect(r.stdout).toContain('x\\n::error title=pwned::owned\\x1b[2J\\u202e-plan.md');
      if (format === 'json' || format === 'sarif') expect(r.stdout).toContain('\\u009b31m');
    }
    // JSON keeps the data: the file name and the quoted text parse back as they were.
    const parsed = JSON.parse(cli(['-f', 'json', '--', name], { cwd: dir }).stdout)[0];
    expect(parsed.filePath).toBe(join(dir, name));
    expect(parsed.messages.some((m: { message: string }) => m.message.includes('\x1b(0 \x07 \u009b31m \u202e'))).toBe(true);
  });

  it('init prints a file name holding a newline and "::error" on one escaped line', () => {
    const dir = repo();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'x\x1b[31m\n::error title=pwned::y-template.md'), '# Plan: [Name]\n\n## Goals\n\n[Goal]\n\n## Risks\n\n[Risk]\n');
    writeFileSync(join(dir, 'x\n::warning::z.md'), '# Notes\n\nNothing here fits a template.\n');
    const r = cli(['init', '--dry-run'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    clean(r.stdout, 'init');
    expect(r.stdout).toContain('Template templates/x\\x1b[31m\\n::error title=pwned::y-template.md -> schema');
    expect(r.stdout).toContain('  x\\n::warning::z.md  (closest: ');
  });

  it('an error line naming a config key with CR, LF and "::" stays one escaped line', () => {
    const dir = repo();
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ rules: { 'x\r\n::error title=pwned::y\x1b[31m': 'error' } }));
    const r = cli(['plan.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    clean(r.stderr, 'stderr');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('x\\r\\n::error title=pwned::y\\x1b[31m');
  });
});

describe('attack: a path out of the repository', () => {
  /** A repository whose config names `schema` (and whose plan is plain). */
  function configured(schema: string): string {
    const dir = repo();
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema }));
    return dir;
  }

  it('a config naming /dev/zero, /etc/passwd or a committed link out: exit 2, the path named, nothing quoted', () => {
    const outside = mkTemp('plan-lint-outside-');
    const secret = join(outside, 'secret.schema.json');
    writeFileSync(secret, '{"root:x:0:0": "TOP-SECRET-VALUE"}');
    const cases: [string, (dir: string) => void][] = [
      ['/dev/zero', () => {}],
      [secret, () => {}],
      ['linked.schema.json', (dir) => symlinkSync(secret, join(dir, 'linked.schema.json'))],
      ['zero.schema.json', (dir) => symlinkSync('/dev/zero', join(dir, 'zero.schema.json'))],
      ...(existsSync('/etc/passwd') ? ([['/etc/passwd', () => {}]] as [string, (dir: string) => void][]) : []),
    ];
    for (const [schema, setUp] of cases) {
      const dir = configured(schema);
      setUp(dir);
      const r = cli(['plan.md'], { cwd: dir });
      expect(r.status, schema).toBe(2);
      expect(r.stdout, schema).toBe('');
      expect(r.stderr, schema).toMatch(/^plan-lint: Schema file \S+ is outside the project root \(.*\); plan-lint reads only files inside it\n$/);
      expect(r.stderr, schema).not.toMatch(/TOP-SECRET|root:x/);
    }
  });

  it('a path outside the root gets the same error whether or not it exists: a config cannot probe the disk', () => {
    const outside = mkTemp('plan-lint-outside-');
    const dir = repo();
    const target = join(outside, 'probe.schema.json');
    const fx = JSON.parse(read(`${ROOT}schemas/rfc.schema.json`));
    fx['x-plan-lint'].name = 'fx';
    fx.properties.placeholders = { $ref: join(outside, 'probe.json') };
    writeFileSync(join(dir, 'fx.schema.json'), JSON.stringify(fx));
    symlinkSync(join(outside, 'linked.schema.json'), join(dir, 'linked.schema.json'));
    const runs: [string, object | null, string[], string][] = [
      ['"schema"', { schema: target }, [], `Schema file ${target} is outside the project root (${dir}); plan-lint reads only files inside it`],
      ['"schemas"', { schemas: { probe: target }, schema: 'probe' }, [], `Schema file ${target} is outside the project root (${dir}); plan-lint reads only files inside it`],
      ['a committed link', { schema: 'linked.schema.json' }, [], `Schema file ${join(dir, 'linked.schema.json')} is outside the project root (${dir}); plan-lint reads only files inside it`],
      ['$ref', null, ['-s', 'fx.schema.json'], `fx.schema.json: $ref "${join(outside, 'probe.json')}": is outside the project root (${dir}); plan-lint reads only files inside it`],
    ];
    for (const [what, config, args, message] of runs) {
      if (config) writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify(config));
      else rmSync(join(dir, '.plan-lintrc.json'), { force: true });
      const seen: string[] = [];
      for (const exists of [false, true]) {
        for (const f of ['probe.schema.json', 'probe.json', 'linked.schema.json']) {
          if (exists) writeFileSync(join(outside, f), read(`${ROOT}schemas/rfc.schema.json`));
          else rmSync(join(outside, f), { force: true });
        }
        const r = cli([...args, 'plan.md'], { cwd: dir, env: { PLAN_LINT_CACHE_DIR: 'off' } });
        expect(r.status, what).toBe(2);
        seen.push(r.stderr);
      }
      expect(seen, what).toEqual([`plan-lint: ${message}\n`, `plan-lint: ${message}\n`]);
    }
  });

  it('a dangling link reached through a deeper committed folder link is placed from its real folder: the same error whether or not its target exists', () => {
    // <base>/repo is the repository; <base>/secret.schema.json the file probed.
    const base = mkTemp('plan-lint-probe-');
    const dir = join(base, 'repo');
    mkdirSync(join(dir, '.git'), { recursive: true });
    copyFileSync(DEFECTS, join(dir, 'plan.md'));
    mkdirSync(join(dir, 'sub', 'd1', 'd2'), { recursive: true });
    mkdirSync(join(dir, 't'));
    // sub/d1/d2/a is the folder t; t/z leads, from t, to <base>/secret.schema.json. Taken from the path
    // as written (sub/d1/d2/a), "../../" stayed inside the repository while the target was missing.
    symlinkSync('../../../t', join(dir, 'sub', 'd1', 'd2', 'a'));
    symlinkSync('../../secret.schema.json', join(dir, 't', 'z'));
    const message = `plan-lint: Schema file ${join(dir, 'sub/d1/d2/a/z')} is outside the project root (${dir}); plan-lint reads only files inside it\n`;
    for (const config of [{ schemas: { x: 'sub/d1/d2/a/z' }, schema: 'x' }, { schema: 'sub/d1/d2/a/z' }]) {
      writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify(config));
      const seen: string[] = [];
      for (const exists of [false, true]) {
        if (exists) writeFileSync(join(base, 'secret.schema.json'), read(`${ROOT}schemas/rfc.schema.json`));
        else rmSync(join(base, 'secret.schema.json'), { force: true });
        const r = cli(['plan.md'], { cwd: dir, env: { PLAN_LINT_CACHE_DIR: 'off' } });
        expect(r.status, JSON.stringify(config)).toBe(2);
        seen.push(r.stderr);
      }
      expect(seen, JSON.stringify(config)).toEqual([message, message]);
    }
  });

  it('a device inside the repository is refused at once, not read', () => {
    const dir = configured('fifo.schema.json');
    execFileSync('mkfifo', [join(dir, 'fifo.schema.json')]);
    const r = cli(['plan.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`plan-lint: Schema file ${join(dir, 'fifo.schema.json')} is not a regular file\n`);
  });

  it('a $ref out of the repository is refused and its values never reach a finding', () => {
    const dir = repo();
    const outside = mkTemp('plan-lint-outside-');
    writeFileSync(join(outside, 'leak.json'), JSON.stringify({ const: 'TOP-SECRET-VALUE' }));
    const schema = join(dir, 'fx.schema.json');
    fxSchema(schema);
    const json = JSON.parse(read(schema));
    json.properties.placeholders = { $ref: join(outside, 'leak.json') };
    writeFileSync(schema, JSON.stringify(json));
    for (const args of [['-s', 'fx.schema.json'], []]) {
      if (!args.length) writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema: 'fx.schema.json' }));
      const r = cli([...args, '-f', 'json', 'plan.md'], { cwd: dir, env: { PLAN_LINT_CACHE_DIR: 'off' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^plan-lint: \S*fx\.schema\.json: \$ref "[^"]*leak\.json": is outside the project root/);
      expect(r.stdout + r.stderr).not.toContain('TOP-SECRET');
    }
  });

  it('config discovery stops at the git work tree; a schema path from the command line is trusted', () => {
    const parent = mkTemp('plan-lint-parent-');
    writeFileSync(join(parent, '.plan-lintrc.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    const dir = join(parent, 'repo');
    mkdirSync(join(dir, '.git'), { recursive: true });
    copyFileSync(DEFECTS, join(dir, 'plan.md'));
    const r = cli(['--print-config', 'plan.md'], { cwd: dir });
    expect(JSON.parse(r.stdout).config).toBeNull();
    // Outside git, the nearest config above is found as before.
    rmSync(join(dir, '.git'), { recursive: true });
    expect(JSON.parse(cli(['--print-config', 'plan.md'], { cwd: dir }).stdout).config).toBe(join(parent, '.plan-lintrc.json'));
    mkdirSync(join(dir, '.git'));
    const schema = join(parent, 'mine.schema.json');
    expect(cli(['schema', 'generate', COMPLETE, '--name', 'mine', '-o', schema]).status).toBe(0);
    const own = cli(['-s', schema, '-f', 'json', 'plan.md'], { cwd: dir });
    expect(own.status, own.stderr).toBe(1);
    expect(JSON.parse(own.stdout)[0].schema).toBe('mine');
  });
});

describe('untrusted mode (--untrusted, PLAN_LINT_UNTRUSTED=1)', () => {
  it('refuses a JavaScript config without running it, and neither reads nor writes a cache', () => {
    const dir = repo();
    const marker = join(dir, 'pwned');
    writeFileSync(join(dir, 'plan-lint.config.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'x');\nexport default {};\n`);
    for (const [args, env] of [[['--untrusted'], {}], [[], { PLAN_LINT_UNTRUSTED: '1' }]] as [string[], Record<string, string>][]) {
      const r = cli([...args, 'plan.md'], { cwd: dir, env });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`plan-lint: ${join(dir, 'plan-lint.config.mjs')}: a JavaScript config runs code; untrusted mode (--untrusted, PLAN_LINT_UNTRUSTED=1) loads JSON and YAML configs only\n`);
      expect(existsSync(marker)).toBe(false);
    }
    // Trusted, the same config runs (it is the user's own repository then).
    expect(cli(['plan.md'], { cwd: dir }).status).toBe(1);
    expect(existsSync(marker)).toBe(true);

    const clean = repo();
    const schema = join(clean, 'fx.schema.json');
    fxSchema(schema);
    const cacheDir = join(clean, 'user-cache');
    const r = cli(['--untrusted', '--cache', '--cache-location', 'c', '-s', schema, 'plan.md'], { cwd: clean, env: { PLAN_LINT_CACHE_DIR: cacheDir } });
    expect(r.status).toBe(1);
    expect(existsSync(join(clean, 'c'))).toBe(false);
    expect(existsSync(cacheDir)).toBe(false);
  });
});

describe('attack: a regular expression that backtracks catastrophically', () => {
  const EVIL = '^(a+)+$';
  const refusal = (where: string, shown: string): string =>
    `plan-lint: ${where}: ${shown} can backtrack catastrophically (exponential time in the length of the text); rewrite it without nested or overlapping repetition\n`;

  /** The rfc schema under another name, with `edit` applied. */
  function schemaWith(dir: string, edit: (s: Record<string, any>) => void, file = 'evil.schema.json'): string {
    const s = JSON.parse(read(`${ROOT}schemas/rfc.schema.json`));
    s['x-plan-lint'].name = 'evil';
    edit(s);
    writeFileSync(join(dir, file), JSON.stringify(s));
    return file;
  }

  it('a schema pattern, patternProperties key, placeholder style or $ref, and a config "allow": exit 2 naming file and key, trusted or not', () => {
    const dir = repo();
    const cases: [string, string, string][] = [
      [schemaWith(dir, (s) => { s.properties.fields.properties.owner = { type: 'string', pattern: EVIL }; }, 'a.schema.json'), 'a.schema.json', `"pattern" /${EVIL}/`],
      [schemaWith(dir, (s) => { s.properties.fields.patternProperties = { '^(\\w+\\s?)*$': { type: 'string' } }; }, 'b.schema.json'), 'b.schema.json', '"patternProperties" key /^(\\w+\\s?)*$/'],
      [schemaWith(dir, (s) => { s['x-plan-lint'].placeholders = [{ kind: 'custom', pattern: '(x|x)*y' }]; }, 'c.schema.json'), 'c.schema.json', '"pattern" /(x|x)*y/'],
    ];
    cases.push([schemaWith(dir, (s) => { (Object.values(s.properties.sections.properties)[0] as Record<string, any>)['x-heading'].valuePattern = EVIL; }, 'e.schema.json'), 'e.schema.json', `"valuePattern" /${EVIL}/`]);
    writeFileSync(join(dir, 'shared.json'), JSON.stringify({ $defs: { id: { type: 'string', pattern: EVIL } } }));
    cases.push([schemaWith(dir, (s) => { s.properties.fields.properties.owner = { $ref: 'shared.json#/$defs/id' }; }, 'd.schema.json'), 'd.schema.json', `$ref "shared.json#/$defs/id": "pattern" /${EVIL}/`]);
    for (const [file, where, shown] of cases) {
      for (const env of [{}, { PLAN_LINT_UNTRUSTED: '1' }]) {
        const r = cli(['-s', file, 'plan.md'], { cwd: dir, env });
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(refusal(where, shown));
        expect(r.status).toBe(2);
      }
    }
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ rules: { placeholder: ['error', { allow: [`/${EVIL}/`] }] } }));
    for (const args of [[], ['--untrusted']]) {
      const r = cli([...args, '--schema', 'rfc', 'plan.md'], { cwd: dir });
      expect(r.stderr).toBe(refusal(`${join(dir, '.plan-lintrc.json')}: rules: rule "placeholder"`, `"allow": /${EVIL}/`));
      expect(r.status).toBe(2);
    }
  });

  it('loops that cannot give characters to each other are decided by shape, without the search', async () => {
    const { regexProblem, safeByShape } = await import('../src/regex-safety.js');
    // The shape of a generated guidance-comment pattern: separators that stop at the next word's letter.
    const guidance = '^<!--[^\\p{L}\\p{N}]*[fF][iI][lL][lL][^\\p{L}\\p{N}]+[iI][nN][^\\p{L}\\p{N}]+[tT][hH][eE](?![\\p{L}\\p{N}])';
    for (const ok of [guidance, '^\\s*=\\s*x\\s*;\\s*$', '^a+b+c+$', '^[a-z]+-[a-z]+-(?:x)+$']) {
      expect(safeByShape(ok, 'iu'), ok).toBe(true);
      expect(regexProblem(ok, 'iu'), ok).toBeNull();
    }
    // Loops that can trade characters still go to the search, and the bad ones are still refused.
    for (const unsure of ['^a*a*a*$', '^[a-z]+[a-z]+[a-z]+$', '^\\s*\\s*\\s*x', '^a+A+a+$']) expect(safeByShape(unsure, 'iu'), unsure).toBe(false);
    expect(regexProblem('^.*.*.*=', 'u')).toMatch(/power [3-9]/);
    expect(regexProblem('^(?:a|a)*$', 'u')).toMatch(/exponential/);
  });

  it('ordinary patterns pass: every generated heading and placeholder pattern, and a quadratic one', async () => {
    const { regexProblem } = await import('../src/regex-safety.js');
    for (const ok of ['^tech stack(?: .+)?$', '^choice (?:[a-z]|\\d{1,3})(?: |$)', '(?<![\\w<\\\\])<(?![/!?])[\\p{L}_][^<>\\n]{0,80}>(?!>)', '<[^>\\n]+>', '\\s*#\\s*$', '^\\s*(?:-\\s*)+$', '^(?:a|ab)+$', 'not [valid']) {
      expect(regexProblem(ok, 'u'), ok).toBeNull();
    }
    for (const bad of ['^(a+)+$', '(a|a)*$', '^(\\w+\\s?)*$', '^(a|b|ab)*c$']) expect(regexProblem(bad, 'u'), bad).toMatch(/exponential/);
    expect(regexProblem('^.*.*.*=', 'u')).toMatch(/power [3-9]/);
    const dir = repo();
    const schema = join(dir, 'fx.schema.json');
    fxSchema(schema);
    const r = cli(['--untrusted', '-s', schema, 'plan.md'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});

describe('regular expressions the checker cannot decide (issue 13, point 6)', () => {
  /** A loop over an alternation (not cleared by shape) longer than the checker takes: undecided, whatever the machine. */
  const LONG = `^(?:${Array.from({ length: 40 }, (_, i) => `word${i}x`).join('|')})+$`;

  it('the verdict needs no clock: past the length limit a pattern is undecided without a search; refused only in untrusted mode', async () => {
    const { MAX_CHECKED_LENGTH, UNDECIDED, regexProblem } = await import('../src/regex-safety.js');
    expect(LONG.length).toBeGreaterThan(MAX_CHECKED_LENGTH);
    expect(regexProblem(LONG, 'u', false)).toBeNull();
    expect(regexProblem(LONG, 'u', true)).toBe(UNDECIDED);
    // Decided patterns get the same verdict in both modes.
    expect(regexProblem('^(a+)+$', 'u', false)).toMatch(/exponential/);
    expect(regexProblem('^(a+)+$', 'u', true)).toMatch(/exponential/);
    expect(regexProblem('^tech stack(?: .+)?$', 'u', true)).toBeNull();
  });

  it('a long pattern is decided from its alternatives: one catastrophic alternative refuses it, all safe pass', async () => {
    const { MAX_CHECKED_LENGTH, MAX_CHECKED_TOTAL, UNDECIDED, regexProblem } = await import('../src/regex-safety.js');
    const words = (n: number, w = 'word'): string => Array.from({ length: n }, (_, i) => `${w}${i}`).join('');
    // A literal alternative is cleared by its shape; the other is short enough for the checker.
    const bad = `^(?:.|.)*x$|${'y'.repeat(300)}`;
    expect(bad.length).toBeGreaterThan(MAX_CHECKED_LENGTH);
    for (const untrusted of [false, true]) expect(regexProblem(bad, 'u', untrusted)).toBe('can backtrack catastrophically along its alternative /^(?:.|.)*x$/ (exponential time in the length of the text); rewrite it without nested or overlapping repetition');
    // An alternation in a group that is not repeated is distributed; the cubic variant is named as the engine runs it.
    const cubic = `^(?:${words(50)}|b)\\w*\\w*\\w*=`;
    expect(cubic.length).toBeGreaterThan(MAX_CHECKED_LENGTH);
    expect(regexProblem(cubic, 'u', false)).toBe('can backtrack catastrophically along its alternative /^(?:b)\\w*\\w*\\w*=/ (time grows with the length of the text to the power 3); rewrite it without overlapping repetition');
    // Every alternative safe: the pattern is safe, in untrusted mode too.
    const good = `^${words(50, 'w')}$|^(?:${words(50, 'v')}|(?:x|c)+d)$`;
    expect(good.length).toBeGreaterThan(MAX_CHECKED_LENGTH);
    expect(regexProblem(good, 'u', true)).toBeNull();
    // The checked pieces add up: past MAX_CHECKED_TOTAL characters the rest is undecided, never searched.
    const many = Array.from({ length: 2 }, (_, i) => `^${i}(?:${words(50, String.fromCharCode(97 + i))}|q)+$`).join('|');
    expect(many.length).toBeGreaterThan(MAX_CHECKED_TOTAL);
    expect(many.length / 2).toBeLessThan(MAX_CHECKED_TOTAL);
    expect(regexProblem(many, 'u', true)).toBe(UNDECIDED);
    expect(regexProblem(many, 'u', false)).toBeNull();
  });

  it('a literal run after ^ does not count towards the length: a long pattern decided without it', async () => {
    const { MAX_CHECKED_LENGTH, regexProblem } = await import('../src/regex-safety.js');
    const title = `^${'Release notes for the product '.repeat(10)}(?:\\w+\\s?)*$`;
    expect(title.length).toBeGreaterThan(MAX_CHECKED_LENGTH);
    expect(regexProblem(title, 'u', false)).toMatch(/^can backtrack catastrophically \(exponential/);
    expect(regexProblem(`^${'Release notes for the product '.repeat(10)}(?:x|c)+d$`, 'u', true)).toBeNull();
  });

  it('an alternation with a catastrophic alternative, as a schema pattern or config "allow": one exit-2 line, trusted or not', () => {
    const dir = repo();
    const bad = `^(?:.|.)*x$|${'y'.repeat(300)}`;
    const s = JSON.parse(read(`${ROOT}schemas/rfc.schema.json`));
    s['x-plan-lint'].name = 'alt';
    s.properties.fields.properties.owner = { type: 'string', pattern: bad };
    writeFileSync(join(dir, 'alt.schema.json'), JSON.stringify(s));
    const why = 'can backtrack catastrophically along its alternative /^(?:.|.)*x$/ (exponential time in the length of the text); rewrite it without nested or overlapping repetition';
    for (const args of [[], ['--untrusted']]) {
      const r = cli([...args, '-s', 'alt.schema.json', 'plan.md'], { cwd: dir });
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`plan-lint: alt.schema.json: "pattern" /${bad}/ ${why}\n`);
      expect(r.status).toBe(2);
    }
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ rules: { placeholder: ['error', { allow: [`/${bad}/`] }] } }));
    for (const args of [[], ['--untrusted']]) {
      const r = cli([...args, '--schema', 'rfc', 'plan.md'], { cwd: dir });
      expect(r.stderr).toBe(`plan-lint: ${join(dir, '.plan-lintrc.json')}: rules: rule "placeholder": "allow": /${bad}/ ${why}\n`);
      expect(r.status).toBe(2);
    }
  });

  it('an undecided schema pattern or config "allow": linted when trusted, one exit-2 line in untrusted mode', () => {
    const dir = repo();
    const s = JSON.parse(read(`${ROOT}schemas/rfc.schema.json`));
    s['x-plan-lint'].name = 'long';
    s.properties.fields.properties.owner = { type: 'string', pattern: LONG };
    writeFileSync(join(dir, 'long.schema.json'), JSON.stringify(s));
    expect(cli(['-s', 'long.schema.json', 'plan.md'], { cwd: dir }).status).toBe(1);
    const r = cli(['--untrusted', '-s', 'long.schema.json', 'plan.md'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^plan-lint: long\.schema\.json: "pattern" \/\^\(\?:word0x.*\/ cannot be shown safe from catastrophic backtracking within the checker's limits, and untrusted mode \(--untrusted\) runs only patterns shown safe; simplify it \(no repetition inside repetition\)\n$/);
    expect(r.status).toBe(2);

    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ rules: { placeholder: ['error', { allow: [`/${LONG}/`] }] } }));
    expect(cli(['--schema', 'rfc', 'plan.md'], { cwd: dir }).status).toBe(1);
    const u = cli(['--schema', 'rfc', 'plan.md'], { cwd: dir, env: { PLAN_LINT_UNTRUSTED: '1' } });
    expect(u.stderr).toMatch(/^plan-lint: .*\.plan-lintrc\.json: rules: rule "placeholder": "allow": \/.*\/ cannot be shown safe .*\n$/);
    expect(u.status).toBe(2);
  });
});

describe('faults (issue 13)', () => {
  it('configs and schemas within the size caps but nested thousands deep, or over the caps: one exit-2 line naming the file', () => {
    const dir = repo();
    const d = 50_000;
    const files: [string, string, string[], RegExp][] = [
      ['flow.yaml', `rules:\n  x: ${'['.repeat(d)}${']'.repeat(d)}\n`, ['-c', 'flow.yaml'], /^plan-lint: flow\.yaml:\d+:\d+ invalid YAML: nested too deeply\n$/],
      ['map.yaml', `rules: ${'{a: '.repeat(d)}x${'}'.repeat(d)}\n`, ['-c', 'map.yaml'], /^plan-lint: map\.yaml:\d+:\d+ invalid YAML: nested too deeply\n$/],
      ['block.yaml', `rules:\n${Array.from({ length: 1_500 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}${'  '.repeat(1_501)}b: 1\n`, ['-c', 'block.yaml'], /^plan-lint: block\.yaml:\d+:\d+ invalid YAML: nested too deeply\n$/],
      ['deep.json', `{"rules":${'['.repeat(d)}${']'.repeat(d)}}`, ['-c', 'deep.json'], /^plan-lint: deep\.json: "rules" must be object\n$/],
      ['deep.schema.json', `{"a":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`, ['-s', './deep.schema.json'], /^plan-lint: \.\/deep\.schema\.json: cannot be loaded: nested too deeply\n$/],
      ['big.json', `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`, ['-c', 'big.json'], /^plan-lint: Config file big\.json is too large \(\d+ bytes; at most 4194304\)\n$/],
      ['big.schema.json', `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`, ['-s', './big.schema.json'], /^plan-lint: Schema file \.\/big\.schema\.json is too large \(\d+ bytes; at most 4194304\)\n$/],
    ];
    for (const [name, text, args, expected] of files) {
      writeFileSync(join(dir, name), text);
      const r = cli([...args, 'plan.md'], { cwd: dir });
      expect(r.stderr, name).toMatch(expected);
      expect(r.stdout, name).toBe('');
      expect(r.status, name).toBe(2);
    }
    // Found by discovery, not named: the same line.
    writeFileSync(join(dir, '.plan-lintrc.yaml'), files[0]![1]);
    const r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toMatch(/^plan-lint: .*\.plan-lintrc\.yaml:\d+:\d+ invalid YAML: nested too deeply\n$/);
    expect(r.status).toBe(2);
  });

  it('a paragraph "~1 ~2 ... ~101" is linted: only delimiters that close count as nesting', () => {
    const dir = repo();
    const seq = Array.from({ length: 101 }, (_, i) => `~${i + 1}`).join(' ');
    writeFileSync(join(dir, 'plan.md'), read(COMPLETE).replace('## Goals', `${seq} and *a [b](c)* and [Owner]\n\n${'[x '.repeat(150)}\n\n## Goals`));
    const r = cli(['-f', 'json', 'plan.md'], { cwd: dir });
    const messages = JSON.parse(r.stdout)[0].messages;
    expect(messages.filter((m: { fatal?: boolean }) => m.fatal)).toEqual([]);
    expect(messages.map((m: { message: string }) => m.message)).toContain('Unfilled placeholder "[Owner]"');
    expect(r.status).toBe(1);
  });

  it('YAML frontmatter nested 101 deep is linted: the nesting check skips the frontmatter', () => {
    const dir = repo();
    const yaml = `matrix:\n  ${'- '.repeat(101)}x\nflow: ${'['.repeat(101)}x${']'.repeat(101)}\n`;
    writeFileSync(join(dir, 'plan.md'), `---\n${yaml}---\n${read(COMPLETE).replace('## Goals', 'Owner: [Owner]\n\n## Goals')}`);
    const r = cli(['-f', 'json', 'plan.md'], { cwd: dir });
    const messages = JSON.parse(r.stdout)[0].messages;
    expect(messages.filter((m: { fatal?: boolean }) => m.fatal)).toEqual([]);
    expect(messages.map((m: { message: string }) => m.message)).toContain('Unfilled placeholder "[Owner]"');
    expect(r.status).toBe(1);
  });

  it('20,000 plan-lint-enable comments under a blanket disable: linear memory', () => {
    const dir = repo();
    const rules = ['placeholder', 'field', 'required-section', 'empty-section'];
    const comments = Array.from({ length: 20_000 }, (_, i) => `<!-- plan-lint-enable ${rules[i % 4]}x${i} -->`).join('\n');
    writeFileSync(join(dir, 'plan.md'), `<!-- plan-lint-disable -->\n${read(COMPLETE)}\n${comments}\n\nTODO [Owner]\n`);
    // Bounded by memory, not time: the old copy per comment needed ~2.5 GB.
    const r = cli(['--concurrency', 'off', '-f', 'json', 'plan.md'], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=768' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].messages).toEqual([]);
  });

  it('schema generate accepts its own output for an empty "##" heading and a CR-only file', () => {
    const dir = repo();
    writeFileSync(join(dir, 'empty.md'), '# Plan: [Name]\n\n## Goals\n\n[Goal]\n\n##\n\nsome text\n\n### Details\n\n[Detail]\n\n## Risks\n\n[Risk]\n');
    writeFileSync(join(dir, 'cr.md'), '# Plan: [Name]\r\r## Goals\r\r[Goal]\r\r## Risks\r\r[Risk]\r');
    for (const t of ['empty', 'cr']) {
      const g = cli(['schema', 'generate', `${t}.md`, '-o', `${t}.schema.json`], { cwd: dir });
      expect(g.stderr, t).toBe(`Wrote ${join(dir, `${t}.schema.json`)}\n`);
      expect(g.status, t).toBe(0);
      const schema = read(join(dir, `${t}.schema.json`));
      expect(schema, t).not.toContain('\\r');
      const r = cli(['-s', `${t}.schema.json`, '-f', 'json', `${t}.md`], { cwd: dir });
      expect(r.stderr, t).toBe('');
      const ids = JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
      expect(new Set(ids), t).toEqual(new Set(['placeholder']));
    }
    expect(JSON.parse(read(join(dir, 'empty.schema.json'))).properties.sections.properties).toHaveProperty('details');
  });

  it('internal errors are one line naming the file: a YAML alias bomb, a schema nested 200,000 deep, a full disk', () => {
    const dir = repo();
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) bomb.push(`a${i}: &a${i} [${Array(9).fill(i === 1 ? '*a' : `*a${i - 1}`).join(', ')}]`);
    writeFileSync(join(dir, '.plan-lintrc.yaml'), `${bomb.join('\n')}\n`);
    let r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toBe(`plan-lint: ${join(dir, '.plan-lintrc.yaml')}: invalid YAML: Excessive alias count indicates a resource exhaustion attack\n`);
    expect(r.status).toBe(2);
    rmSync(join(dir, '.plan-lintrc.yaml'));
    writeFileSync(join(dir, 'deep.schema.json'), `{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    r = cli(['-s', 'deep.schema.json', 'plan.md'], { cwd: dir });
    expect(r.stderr).toBe('plan-lint: deep.schema.json: cannot be loaded: nested too deeply\n');
    expect(r.status).toBe(2);
    writeFileSync(join(dir, '.plan-lintrc.json'), `{"rules":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    r = cli(['plan.md'], { cwd: dir });
    expect(r.stderr).toMatch(new RegExp(`^plan-lint: ${join(dir, '.plan-lintrc.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [^\n]+\n$`));
    expect(r.status).toBe(2);
    rmSync(join(dir, '.plan-lintrc.json'));
    if (existsSync('/dev/full')) {
      const full = execFileSync('sh', ['-c', `"${process.execPath}" "${ROOT}dist/bin.js" plan.md > /dev/full 2>&1; echo " exit $?"`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      // stderr went to /dev/full too: only the exit code is seen; run again with stderr kept.
      expect(full.trim()).toBe('exit 2');
      const kept = execFileSync('sh', ['-c', `"${process.execPath}" "${ROOT}dist/bin.js" plan.md > /dev/full; echo " exit $?"`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(kept.trim()).toBe('exit 2');
      const both = spawnSync('sh', ['-c', `"${process.execPath}" "${ROOT}dist/bin.js" plan.md > /dev/full`], { cwd: dir, encoding: 'utf8' });
      expect(both.stderr).toBe('plan-lint: Cannot write to standard output: no space left on the device\n');
      expect(both.status).toBe(2);
    }
  });

  it('a YAML warning (an unknown %FOO directive, an unknown tag) prints no Node warning', () => {
    const dir = repo();
    writeFileSync(join(dir, 'plan.md'), `---\n%FOO bar\nowner: !foo x\n---\n${read(COMPLETE)}`);
    writeFileSync(join(dir, 'tag.md'), `---\nowner: !foo x\n---\n${read(COMPLETE)}`);
    const r = cli(['-s', 'rfc', 'plan.md', 'tag.md'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Frontmatter is not valid YAML');
    expect(r.status).toBe(1);
  });
});

describe('a report path that is not a regular file', () => {
  it('-o onto a named pipe is refused, even with --force, and the pipe stays a pipe', () => {
    const dir = repo();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = cli(['-o', 'pipe', '--force', 'plan.md'], { cwd: dir });
    expect(r.stderr).toBe(`plan-lint: Cannot write ${join(dir, 'pipe')}: it is not a regular file\n`);
    expect(r.status).toBe(2);
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });
});

describe('bounded cost: --max-file-time', () => {
  it('a plan that takes too long is a fatal result for that plan; the others are linted', () => {
    const dir = repo();
    // 200,000 setext headings, just under the 1 MiB size limit: some 35 s of work on a loaded two-core machine and
    // several times the 5 s budget on a fast quiet one; the other plan takes milliseconds.
    writeFileSync(join(dir, 'slow.md'), `# T\n\n${'a\n-\n\n'.repeat(200_000)}`);
    const r = cli(['--concurrency', '1', '--max-file-time', '5', '-s', 'rfc', '-f', 'json', 'slow.md', 'plan.md'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { filePath: string }[];
    const slow = out.find((x) => x.filePath === join(dir, 'slow.md')) as any;
    const plan = out.find((x) => x.filePath === join(dir, 'plan.md')) as any;
    expect(slow.messages).toEqual([expect.objectContaining({ fatal: true, ruleId: null, line: 1, column: 1, message: 'Linting took longer than 5 s (the limit is set with --max-file-time); not linted' })]);
    expect(plan.errorCount).toBeGreaterThan(0);
    expect(plan.fatalErrorCount).toBe(0);
    expect(r.status).toBe(2);
    const bad = cli(['--max-file-time', 'abc', 'plan.md'], { cwd: dir });
    expect(bad.stderr).toBe('plan-lint: --max-file-time takes a number of seconds (0: no limit), got "abc"\nRun "plan-lint --help" for usage.\n');
    expect(bad.status).toBe(2);
  });
});

/** 200,000 setext headings, just under the 1 MiB size limit: several times a 5 s budget on any machine. */
const SLOW_PLAN = `# T\n\n${'a\n-\n\n'.repeat(200_000)}`;
/** A list of 31,000 one-word items (124 KB): some 600 MB of heap to parse. */
/** A pattern that stays undecided (one alternative over the length limit, no literal run to cut) and backtracks 2^n ways on a text of n characters without an "x". */
const UNDECIDED_SLOW = `^(?:.|.)*x${'[yz]'.repeat(75)}`;
const HEAVY_PLAN = `# T\n\n${'- a\n'.repeat(31_000)}`;

describe('bounded cost without a pool (--concurrency off, --stdin)', () => {
  it('a plan that takes too long, with --concurrency off or --stdin, is a fatal result for that plan; the others are linted', () => {
    const dir = repo();
    writeFileSync(join(dir, 'slow.md'), SLOW_PLAN);
    const budget = 'Linting took longer than 5 s (the limit is set with --max-file-time); not linted';
    const r = cli(['--concurrency', 'off', '--max-file-time', '5', '-s', 'rfc', '-f', 'json', 'slow.md', 'plan.md'], { cwd: dir });
    const out = JSON.parse(r.stdout) as any[];
    const slow = out.find((x) => x.filePath === join(dir, 'slow.md'));
    const plan = out.find((x) => x.filePath === join(dir, 'plan.md'));
    expect(slow.messages).toEqual([expect.objectContaining({ fatal: true, ruleId: null, line: 1, column: 1, endLine: 1, endColumn: 1, message: budget })]);
    expect(plan.fatalErrorCount).toBe(0);
    expect(plan.errorCount).toBeGreaterThan(0);
    expect(r.status).toBe(2);
    const s = cli(['--stdin', '--max-file-time', '5', '-s', 'rfc', '-f', 'json'], { cwd: dir, input: SLOW_PLAN });
    expect(JSON.parse(s.stdout)[0].messages).toEqual([expect.objectContaining({ fatal: true, message: budget })]);
    expect(s.stderr).toBe('');
    expect(s.status).toBe(2);
  });

  it('a --max-file-time given explicitly, or untrusted mode, puts every plan under the budget, however small', () => {
    const dir = repo();
    // Any lint takes more than a microsecond: on the main thread (its vm timeout, S31) as in the worker, the plan gets the fatal.
    const budget = 'Linting took longer than 0.001 s (the limit is set with --max-file-time); not linted';
    for (const extra of [[], ['--untrusted']]) {
      const r = cli([...extra, '--concurrency', 'off', '--max-file-time', '0.001', '-s', 'rfc', '-f', 'json', 'plan.md'], { cwd: dir });
      expect(JSON.parse(r.stdout)[0].messages).toEqual([expect.objectContaining({ fatal: true, ruleId: null, message: budget })]);
      expect(r.status).toBe(2);
      const s = cli([...extra, '--stdin', '--max-file-time', '0.001', '-s', 'rfc', '-f', 'json'], { cwd: dir, input: read(DEFECTS) });
      expect(JSON.parse(s.stdout)[0].messages).toEqual([expect.objectContaining({ fatal: true, message: budget })]);
      expect(s.status).toBe(2);
    }
    // Untrusted, with the default budget: linted in the worker, in full.
    const u = cli(['--untrusted', '--concurrency', 'off', '-s', 'rfc', '-f', 'json', 'plan.md'], { cwd: dir });
    expect(JSON.parse(u.stdout)[0].errorCount).toBeGreaterThan(0);
    expect(u.status).toBe(1);
  });

  it('a plan small enough for the main thread that runs past --max-file-time is a fatal result; the next plan is linted exactly', async () => {
    const dir = repo();
    // The user's own pattern, too long for the checker to decide, so accepted in trusted mode (one alternative, no
    // literal run to cut): it backtracks 2^41 ways on this placeholder's text (hours), on a plan far below every
    // threshold of the worker routing.
    const { UNDECIDED, regexProblem } = await import('../src/regex-safety.js');
    expect(regexProblem(UNDECIDED_SLOW, 'u', true)).toBe(UNDECIDED);
    expect(regexProblem(UNDECIDED_SLOW, 'u', false)).toBeNull();
    const slowAllow = `/${UNDECIDED_SLOW}/`;
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ rules: { placeholder: ['error', { allow: [slowAllow] }] } }));
    const hostile = '# Plan\n\nOwner: [Name of the team that owns this feature]\n';
    writeFileSync(join(dir, 'hostile.md'), hostile);
    const { needsWorker } = (await import(`${ROOT}dist/isolate.js`)) as { needsWorker: (t: string) => boolean };
    expect(needsWorker(hostile)).toBe(false);
    const budget = 'Linting took longer than 5 s (the limit is set with --max-file-time); not linted';
    const alone = cli(['--concurrency', 'off', '-s', 'rfc', '-f', 'json', 'plan.md'], { cwd: dir });
    expect(alone.status).toBe(1);
    const r = cli(['--concurrency', 'off', '--max-file-time', '5', '-s', 'rfc', '-f', 'json', 'hostile.md', 'plan.md'], { cwd: dir });
    const [slow, plan] = JSON.parse(r.stdout) as any[];
    expect(slow.filePath).toBe(join(dir, 'hostile.md'));
    expect(slow.messages).toEqual([expect.objectContaining({ fatal: true, ruleId: null, line: 1, column: 1, endLine: 1, endColumn: 1, message: budget })]);
    // Linted after the interrupt: exactly the findings of a run without it.
    expect(plan).toEqual(JSON.parse(alone.stdout)[0]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    const s = cli(['--stdin', '--stdin-filename', 'hostile.md', '--max-file-time', '5', '-s', 'rfc', '-f', 'json'], { cwd: dir, input: hostile });
    expect(JSON.parse(s.stdout)[0].messages).toEqual([expect.objectContaining({ fatal: true, message: budget })]);
    expect(s.stderr).toBe('');
    expect(s.status).toBe(2);
    // Ctrl-C during the budgeted lint (default budget: 60 s) ends the process by the signal, with no report.
    const since = Date.now();
    const stopped = await interrupt(['--concurrency', 'off', '-s', 'rfc', '-o', 'report.json', '-f', 'json', 'hostile.md', 'plan.md'], dir, 'SIGINT', () => Date.now() - since > 2000);
    expect(stopped).toEqual({ code: null, signal: 'SIGINT', stdout: '', stderr: '' });
    expect(readdirSync(dir).sort()).toEqual(['.git', '.plan-lintrc.json', 'hostile.md', 'plan.md']);
  });

  it('a plan that exhausts memory, with --concurrency off or --stdin, is a fatal result for that plan, not a crash; the others are linted', () => {
    const dir = repo();
    writeFileSync(join(dir, 'heavy.md'), HEAVY_PLAN);
    // A heap limit far below what the plan needs (NODE_OPTIONS reaches the workers too); ordinary plans need a fraction of it.
    // The work before the limit is reached grows with the limit: 64 MB, not 160, halves it (6.0 -> 3.0 CPU s a run).
    const env = { NODE_OPTIONS: '--max-old-space-size=64' };
    const oom = 'Linting ran out of memory; not linted';
    const r = cli(['--concurrency', 'off', '-s', 'rfc', '-f', 'json', 'heavy.md', 'plan.md'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as any[];
    const heavy = out.find((x) => x.filePath === join(dir, 'heavy.md'));
    const plan = out.find((x) => x.filePath === join(dir, 'plan.md'));
    expect(heavy.messages).toEqual([expect.objectContaining({ fatal: true, ruleId: null, line: 1, column: 1, message: oom })]);
    expect(plan.fatalErrorCount).toBe(0);
    expect(plan.errorCount).toBeGreaterThan(0);
    expect(r.status).toBe(2);
    const s = cli(['--stdin', '-s', 'rfc'], { cwd: dir, env, input: HEAVY_PLAN });
    expect(s.stderr).toBe('');
    expect(s.stdout).toContain(`1:1  error  ${oom}`);
    expect(s.status).toBe(2);
  });
});

/** Run the binary, send `signal` once `ready(output so far)` holds, and wait for the end: how it ended and what it wrote. */
async function interrupt(args: string[], cwd: string, signal: NodeJS.Signals, ready: () => boolean | Promise<boolean>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${ROOT}dist/bin.js`, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, sig) => res({ code, signal: sig })));
  while (!(await ready())) await new Promise((r) => setTimeout(r, 50));
  child.kill(signal);
  const end = await ended;
  child.stdin.destroy();
  return { ...end, stdout, stderr };
}

describe('signals: SIGINT and SIGTERM end the run at once, whatever it is doing', () => {
  it('SIGINT or SIGTERM while the main thread parses a plan, while a worker lints one, or while standard input is read: the process ends by the signal, before any report', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'heavy.md'), HEAVY_PLAN);
    // Seconds of work each: a signal that waited for the work would come after the report. Sent
    // once heavy.md has been read (its access time moves; after 3 s where reads are not recorded).
    const heavy = join(dir, 'heavy.md');
    const readHeavy = (): (() => boolean) => {
      writeFileSync(heavy, HEAVY_PLAN);
      const before = statSync(heavy).atimeMs;
      const since = Date.now();
      return () => statSync(heavy).atimeMs !== before || Date.now() - since > 3000;
    };
    const waited = (): (() => boolean) => {
      const since = Date.now();
      return () => Date.now() - since > 1000;
    };
    // The main thread parses: detect has no worker.
    const detect = await interrupt(['detect', 'heavy.md'], dir, 'SIGINT', readHeavy());
    expect(detect).toEqual({ code: null, signal: 'SIGINT', stdout: '', stderr: '' });
    // A plan linted in a worker of its own, the report bound for a file: no report, no temporary file.
    const off = await interrupt(['--concurrency', 'off', '-s', 'rfc', '-o', 'report.json', '-f', 'json', 'plan.md', 'heavy.md'], dir, 'SIGTERM', readHeavy());
    expect(off).toEqual({ code: null, signal: 'SIGTERM', stdout: '', stderr: '' });
    expect(readdirSync(dir).sort()).toEqual(['.git', 'heavy.md', 'plan.md']);
    // Standard input still open, nothing written to it yet.
    const stdin = await interrupt(['--stdin', '-s', 'rfc'], dir, 'SIGINT', waited());
    expect(stdin).toEqual({ code: null, signal: 'SIGINT', stdout: '', stderr: '' });
  });
});

describe('docs/reliability.md', () => {
  it('each attack row (S1, S2, ...) names a test that exists', () => {
    const doc = read(`${ROOT}docs/reliability.md`);
    const here = read(`${ROOT}test/security.test.ts`) + read(`${ROOT}test/schema-cache.test.ts`) + read(`${ROOT}test/isolate.test.ts`) + read(`${ROOT}test/lsp.test.ts`) + read(`${ROOT}test/attacks.test.ts`);
    const rows = doc.split('\n').filter((l) => /^\| S\d+ \|/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const row of rows) {
      const test = (row.split(' | ').at(-1) as string).replace(/ \|$/, '').replace(/ \(`test\/[^`]+`\)$/, '');
      expect(here.includes(`it('${test}'`) || here.includes(`it("${test}"`), row).toBe(true);
    }
  });
});
