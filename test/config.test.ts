/** Bring your own template: schema generate, new, init, config discovery and mistakes (built binary). */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_NAMES } from '../src/schema/builtins.js';
import { ROOT, SHARED, cli, hasShared, read } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'plan-lint-cfg-'));
const VALID = `${ROOT}fixtures/rfc/valid/complete.md`;
const lines = (stdout: string): string[] =>
  (JSON.parse(stdout) as { messages: { line: number; column: number; ruleId: string }[] }[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe.skipIf(!hasShared)('schema generate', () => {
  it.each(BUILTIN_NAMES)('a schema generated from the template of %s judges the fixtures as the built-in does', (name) => {
    const dir = tmp();
    const out = join(dir, `${name}.json`);
    const overrides = JSON.parse(read(`${ROOT}schemas/builtins.overrides.json`)) as Record<string, { template?: string }>;
    // --all-styles: the built-ins check every placeholder style, not only the template's own (schema generate's default).
    const g = cli(['schema', 'generate', `${SHARED}templates/${overrides[name]?.template ?? `${name}.md`}`, '-o', out, '--all-styles']);
    expect(g.status, g.stderr).toBe(0);
    // One run over every fixture of the template, as a user would lint a folder.
    const files = ['valid', 'invalid'].flatMap((kind) =>
      readdirSync(`${ROOT}fixtures/${name}/${kind}/`)
        .filter((x) => x.endsWith('.md'))
        .map((x) => `${ROOT}fixtures/${name}/${kind}/${x}`),
    );
    const r = cli(['-f', 'json', '-s', out, ...files]);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
    expect(results).toHaveLength(files.length);
    for (const res of results) {
      const got = res.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
      const expected = res.filePath.includes('/valid/') ? [] : read(res.filePath.replace(/\.md$/, '.expected')).split('\n').filter(Boolean);
      expect(got, res.filePath).toEqual(expected);
    }
  });

  it('never overwrites the output without --force, and prints to stdout without -o', () => {
    const dir = tmp();
    const out = join(dir, 's.json');
    writeFileSync(out, 'keep me');
    const r = cli(['schema', 'generate', `${SHARED}templates/rfc.md`, '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^plan-lint: Refusing to overwrite .*s\.json; pass --force to replace it\n$/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const p = cli(['schema', 'generate', `${SHARED}templates/rfc.md`, '--name', 'my-rfc']);
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout)['x-plan-lint'].name).toBe('my-rfc');
  });
});

describe('new and init', () => {
  it('new writes a skeleton that lints as incomplete, and never overwrites', () => {
    const dir = tmp();
    const plan = join(dir, 'plan.md');
    expect(cli(['new', 'technical', '-o', plan]).status).toBe(0);
    const r = cli(['-f', 'json', plan]);
    expect(r.status).toBe(1);
    const res = JSON.parse(r.stdout)[0];
    expect(res.schema).toBe('technical');
    expect(res.messages.every((m: { ruleId: string }) => ['placeholder', 'field', 'table-cell', 'table-rows'].includes(m.ruleId))).toBe(true);
    const again = cli(['new', 'rfc', '-o', plan]);
    expect(again.status).toBe(2);
    expect(read(plan)).toMatch(/^# Technical Plan: \{\{FEATURE_NAME\}\}/);
  });

  it('init writes a starter config that validates, and refuses to overwrite', () => {
    const dir = tmp();
    expect(cli(['init'], { cwd: dir }).status).toBe(0);
    const cfg = JSON.parse(read(join(dir, '.plan-lintrc.json')));
    expect(cfg.rules).toBeTypeOf('object');
    const second = cli(['init'], { cwd: dir });
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/Refusing to overwrite/);
    writeFileSync(join(dir, 'plan.md'), read(VALID));
    expect(cli(['plan.md'], { cwd: dir }).status).toBe(0);
  });
});

describe('config', () => {
  function project(config: Record<string, string>): string {
    const dir = tmp();
    for (const [name, text] of Object.entries(config)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }
  const placeholderPlan = read(VALID).replace('## References', '## References\n\nAsk [Owner].\n');

  it.each([
    ['.plan-lintrc.json', '{ "rules": { "placeholder": "warn" } }'],
    ['.plan-lintrc.yaml', 'rules:\n  placeholder: warn\n'],
    ['plan-lint.config.json', '{ "rules": { "placeholder": ["warn", {}] } }'],
    ['plan-lint.config.mjs', 'export default { rules: { placeholder: "warn" } };\n'],
    ['package.json', '{ "name": "x", "plan-lint": { "rules": { "placeholder": 1 } } }'],
  ])('is discovered from %s in a parent directory', (name, text) => {
    const dir = project({ [name]: text, 'specs/a/plan.md': placeholderPlan });
    const r = cli(['-f', 'json', 'specs'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].warningCount).toBe(1);
  });

  it('applies overrides (last match wins), own schemas and ignores, and explains itself', () => {
    const dir = project({
      'schemas/mine.json': read(`${ROOT}schemas/rfc.schema.json`).replace('"name": "rfc"', '"name": "mine"'),
      '.plan-lintrc.json': JSON.stringify({
        schemas: { mine: 'schemas/mine.json' },
        overrides: [
          { files: 'plans/**', schema: 'mine', rules: { placeholder: 'off' } },
          { files: 'plans/strict/**', rules: { placeholder: 'error' } },
        ],
        ignores: ['plans/old/**'],
      }),
      'plans/a.md': placeholderPlan,
      'plans/strict/b.md': placeholderPlan,
      'plans/old/c.md': '# nothing',
    });
    const r = cli(['-f', 'json', 'plans'], { cwd: dir });
    const res = JSON.parse(r.stdout) as { filePath: string; schema: string; errorCount: number }[];
    expect(res.map((x) => [x.filePath.slice(dir.length + 1), x.schema, x.errorCount])).toEqual([
      ['plans/a.md', 'mine', 0],
      ['plans/strict/b.md', 'mine', 1],
    ]);
    const pc = cli(['--print-config', 'plans/strict/b.md'], { cwd: dir });
    expect(pc.status).toBe(0);
    const shown = JSON.parse(pc.stdout);
    expect(shown.rules.placeholder[0]).toBe('error');
    expect(shown.because.join('\n')).toMatch(/overrides\[0\][\s\S]*overrides\[1\]/);
  });

  it('detects among the config\'s own schemas', () => {
    const dir = project({
      'mine.json': read(`${ROOT}schemas/rfc.schema.json`).replace('"name": "rfc"', '"name": "mine"'),
      '.plan-lintrc.json': '{ "schemas": { "mine": "mine.json" } }',
      'plan.md': read(VALID),
    });
    const r = cli(['-f', 'json', 'plan.md'], { cwd: dir });
    expect(['rfc', 'mine']).toContain(JSON.parse(r.stdout)[0].schema);
  });

  it.each([
    ['unknown key', '{ "rulez": {} }', /\.plan-lintrc\.json: unknown key "rulez"/],
    ['unknown rule', '{ "rules": { "no-such-rule": "off" } }', /unknown rule "no-such-rule"/],
    ['bad severity', '{ "rules": { "placeholder": "loud" } }', /\.plan-lintrc\.json: rules: rule "placeholder": severity must be "off", "warn" or "error", got "loud"/],
    ['bad option', '{ "rules": { "placeholder": ["warn", { "alow": [] }] } }', /rule "placeholder": invalid options.*unknown option "alow"/],
    ['malformed JSON', '{\n  "rules": { "placeholder": "warn", }\n}', /\.plan-lintrc\.json:2:\d+ invalid JSON/],
  ])('%s is an exit-2 error naming the file and key', (_n, text, message) => {
    const dir = project({ '.plan-lintrc.json': text, 'plan.md': read(VALID) });
    const r = cli(['plan.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });

  it('malformed YAML gives its line and column; a config that is a directory is an error', () => {
    const dir = project({ '.plan-lintrc.yaml': 'rules:\n  placeholder: [warn\n', 'plan.md': read(VALID) });
    const r = cli(['plan.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.plan-lintrc\.yaml:\d+:\d+ invalid YAML/);
    mkdirSync(join(dir, 'cfgdir'));
    const d = cli(['-c', 'cfgdir', 'plan.md'], { cwd: dir });
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/Config file cfgdir is a directory/);
  });
});

describe('user schemas', () => {
  it('resolves a local $ref next to the schema and refuses a remote one', () => {
    const dir = tmp();
    const rfc = JSON.parse(read(`${ROOT}schemas/rfc.schema.json`));
    writeFileSync(join(dir, 'placeholders.json'), JSON.stringify({ type: 'array', items: false }));
    rfc.properties.placeholders = { $ref: 'placeholders.json' };
    writeFileSync(join(dir, 'local.json'), JSON.stringify(rfc));
    const plan = join(dir, 'plan.md');
    writeFileSync(plan, read(VALID).replace('## References', '## References\n\nAsk [Owner].\n'));
    const ok = cli(['-f', 'json', '-s', join(dir, 'local.json'), plan]);
    expect(lines(ok.stdout)).toEqual([expect.stringMatching(/ placeholder$/)]);
    rfc.properties.placeholders = { $ref: 'https://example.com/p.json' };
    writeFileSync(join(dir, 'remote.json'), JSON.stringify(rfc));
    const bad = cli(['-s', join(dir, 'remote.json'), plan]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/remote \$ref "https:\/\/example\.com\/p\.json" refused/);
    rfc.properties.placeholders = { $ref: 'missing.json' };
    writeFileSync(join(dir, 'missing-ref.json'), JSON.stringify(rfc));
    const missing = cli(['-s', join(dir, 'missing-ref.json'), plan]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/\$ref "missing\.json": file not found/);
    expect(existsSync(plan)).toBe(true);
  });

  it('a schema that fails the meta-schema names the file, the pointer and the reason', () => {
    const dir = tmp();
    const rfc = JSON.parse(read(`${ROOT}schemas/rfc.schema.json`));
    rfc.properties.sections.properties.goals['x-heading'].depth = 9;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(rfc));
    const r = cli(['-s', join(dir, 'bad.json'), VALID]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: not a plan-lint template schema \(\/properties\/sections\/properties\/goals\/x-heading\/depth: must be <= 6\)/);
  });
});

describe.skipIf(!hasShared)('status-aware strictness (if/then in the schema)', () => {
  it('placeholders are warnings while Status is Draft and errors once Approved', () => {
    const dir = tmp();
    const schema = join(dir, 'technical-sa.json');
    expect(cli(['schema', 'generate', `${SHARED}templates/technical.md`, '--status-aware', '-o', schema]).status).toBe(0);
    const json = JSON.parse(read(schema));
    expect(json.allOf[0].then.properties.placeholders['x-severity']).toBe('warn');
    const base = read(`${ROOT}fixtures/technical/valid/complete.md`).replace('## Rollback Plan\n', '## Rollback Plan\n\nOwner: {{OWNER}}\n');
    const plan = join(dir, 'plan.md');
    writeFileSync(plan, base.replace(/\*\*Status:\*\* .*/, '**Status:** Draft'));
    const draft = cli(['-f', 'json', '-s', schema, plan]);
    expect(draft.status).toBe(0);
    expect(JSON.parse(draft.stdout)[0].messages.map((m: { ruleId: string; severity: number }) => [m.ruleId, m.severity])).toEqual([['placeholder', 1]]);
    writeFileSync(plan, base.replace(/\*\*Status:\*\* .*/, '**Status:** Approved'));
    const approved = cli(['-f', 'json', '-s', schema, plan]);
    expect(approved.status).toBe(1);
    expect(JSON.parse(approved.stdout)[0].messages.map((m: { ruleId: string; severity: number }) => [m.ruleId, m.severity])).toEqual([['placeholder', 2]]);
  });
});

describe('inline disables', () => {
  it('switch rules off by region, next line and file, and report unused ones', () => {
    const dir = tmp();
    const plan = join(dir, 'plan.md');
    const text = read(VALID)
      .replace('## References\n', '## References\n\n<!-- plan-lint-disable placeholder -->\nAsk [Owner].\n<!-- plan-lint-enable -->\n\n<!-- plan-lint-disable-next-line placeholder -->\nAsk {Team}.\n\n<!-- plan-lint-disable-next-line table-cell -->\nNothing to hide here.\n\nStill [Open].\n');
    writeFileSync(plan, text);
    const r = JSON.parse(cli(['-f', 'json', plan]).stdout)[0];
    const at = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;
    expect(r.messages.map((m: { line: number; ruleId: string }) => `${m.line} ${m.ruleId}`)).toEqual([
      `${at('disable-next-line table-cell')} unused-disable`,
      `${at('Still [Open]')} placeholder`,
    ]);
    writeFileSync(plan, `<!-- plan-lint-disable-file placeholder -->\n${text}`);
    const f = JSON.parse(cli(['-f', 'json', plan]).stdout)[0];
    expect(f.messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['unused-disable']);
  });
});

describe.skipIf(!hasShared)('README: your own template in five lines', () => {
  it('runs as written', async () => {
    const { spawnSync } = await import('node:child_process');
    const readme = read(`${ROOT}README.md`);
    const block = /## Your own template in five lines\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = block.split('\n').filter((l) => l.trim());
    expect(commands).toHaveLength(5);
    const dir = tmp();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates/plan-template.md'), read(`${SHARED}templates/rfc.md`));
    mkdirSync(join(dir, 'schemas'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'plan-lint'), `#!/bin/sh\nexec "${process.execPath}" "${ROOT}dist/bin.js" "$@"\n`, { mode: 0o755 });
    const statuses = commands.map((c) => spawnSync('sh', ['-c', c], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' }).status);
    // The new plan is a skeleton full of placeholders: the last line fails the lint, as it should.
    expect(statuses).toEqual([0, 0, 0, 0, 1]);
    expect(existsSync(join(dir, 'specs/042-export/plan.md'))).toBe(true);
  });
});
