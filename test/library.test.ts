/**
 * The library resolves settings exactly as the CLI does (config discovery,
 * `config: false` or a path, ignores, the baseline), for ES module and
 * CommonJS callers; and the small things of the five-line recipe: config
 * schema names with --schema, `schema generate -o` into new folders, a
 * generated schema's name from its template.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateSchemaName } from '../src/schema/template-name.js';
import { ROOT, cli, read, tempDirs } from './helpers.js';

const mkTemp = tempDirs();
type Lib = typeof import('../src/index.js');
// The built library, as users import it.
const lib = (await import(`${ROOT}dist/index.js`)) as Lib;

/** A repository with a config that changes what is reported: a rule's severity, an override, an ignore. */
function repo(): string {
  const dir = mkTemp('plan-lint-lib-');
  mkdirSync(join(dir, 'specs/drafts'), { recursive: true });
  mkdirSync(join(dir, 'specs/archive'), { recursive: true });
  copyFileSync(`${ROOT}fixtures/rfc/invalid/guidance-comments.md`, join(dir, 'specs/plan.md'));
  copyFileSync(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`, join(dir, 'specs/drafts/plan.md'));
  copyFileSync(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`, join(dir, 'specs/archive/plan.md'));
  writeFileSync(
    join(dir, '.plan-lintrc.json'),
    JSON.stringify({
      rules: { 'guidance-comment': 'error' },
      overrides: [{ files: 'specs/drafts/**', rules: { placeholder: 'warn', 'empty-section': 'off' } }],
      ignores: ['specs/archive/**'],
    }),
  );
  return dir;
}

const cliJson = (args: string[], cwd: string): string => {
  const r = cli(['-f', 'json', ...args], { cwd });
  expect(r.stderr).toBe('');
  return r.stdout;
};
const libJson = (results: Awaited<ReturnType<Lib['lint']>>): string => `${lib.formatters['json']!(results, { color: false, cwd: ROOT })}\n`;

describe('lint() resolves config as the CLI does', () => {
  it('gives byte-identical JSON to the CLI on the same files, with a discovered config', async () => {
    const dir = repo();
    // A folder, and a file the config ignores named explicitly (a warning, as in the CLI).
    const args = ['specs', 'specs/archive/plan.md'];
    const out = cliJson(args, dir);
    const results = await lib.lint({ files: args }, { cwd: dir });
    expect(libJson(results)).toBe(out);
    // The config was used: guidance comments are errors, drafts have placeholder warnings, the archive is ignored.
    const parsed = JSON.parse(out) as { filePath: string; messages: { ruleId: string | null; severity: number }[] }[];
    expect(parsed.map((r) => r.filePath.slice(dir.length))).toEqual(['/specs/archive/plan.md', '/specs/drafts/plan.md', '/specs/plan.md']);
    expect(parsed[2]!.messages.every((m) => m.ruleId === 'guidance-comment' && m.severity === 2)).toBe(true);
    expect(parsed[1]!.messages.some((m) => m.ruleId === 'placeholder' && m.severity === 1)).toBe(true);
    expect(parsed[1]!.messages.some((m) => m.ruleId === 'empty-section')).toBe(false);
  });

  it('with a named config, --config and option `config` agree; `config: false` and --config of an empty config agree', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    writeFileSync(join(dir, 'none.json'), '{}');
    expect(libJson(await lib.lint({ files: ['specs'] }, { cwd: dir, config: 'other.json' }))).toBe(cliJson(['-c', 'other.json', 'specs'], dir));
    const noConfig = await lib.lint({ files: ['specs'] }, { cwd: dir, config: false });
    expect(libJson(noConfig)).toBe(cliJson(['-c', 'none.json', 'specs'], dir));
    // Without a config the archive is linted and guidance comments are warnings.
    expect(noConfig).toHaveLength(3);
    expect(noConfig[2]!.messages.every((m) => m.severity === 1)).toBe(true);
  });

  it('applies the baseline as the CLI does (and `baseline: false` as --no-baseline)', async () => {
    const dir = repo();
    expect(cli(['--baseline-write', 'specs'], { cwd: dir }).status).toBe(0);
    const drafts = join(dir, 'specs/drafts/plan.md');
    writeFileSync(drafts, read(drafts).replace(/\n## /, '\n\nTODO\n\n## '));
    const withBaseline = await lib.lint({ files: ['specs'] }, { cwd: dir });
    expect(libJson(withBaseline)).toBe(cliJson(['specs'], dir));
    expect(withBaseline.flatMap((r) => r.messages.map((m) => m.message))).toEqual(['Unresolved marker "TODO"']);
    expect(libJson(await lib.lint({ files: ['specs'] }, { cwd: dir, baseline: false }))).toBe(cliJson(['--no-baseline', 'specs'], dir));
  });

  it('lintFile() and lint({ text }) use the config of the file, as the CLI and --stdin-filename do', async () => {
    const dir = repo();
    const file = join(dir, 'specs/drafts/plan.md');
    const one = await lib.lintFile(file, { cwd: dir });
    expect(libJson([one])).toBe(cliJson([file], dir));
    const text = read(file);
    const fromText = await lib.lint({ text, filePath: 'specs/drafts/plan.md' }, { cwd: dir });
    const r = cli(['-f', 'json', '--stdin', '--stdin-filename', 'specs/drafts/plan.md'], { cwd: dir, input: text });
    expect(libJson(fromText)).toBe(r.stdout);
    // The caller's schema and rules go over the config's.
    const strict = await lib.lintFile(file, { cwd: dir, rules: { placeholder: 'error' } });
    expect(strict.messages.some((m) => m.ruleId === 'placeholder' && m.severity === 2)).toBe(true);
  });

  it('a bad config is an error for lint() as for the CLI', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.plan-lintrc.json'), '{ "rulez": {} }');
    await expect(lib.lint({ files: ['specs'] }, { cwd: dir })).rejects.toThrow(/unknown key "rulez"/);
    expect(cli(['specs'], { cwd: dir }).status).toBe(2);
  });
});

describe('CommonJS', () => {
  it("require('plan-lint') works, and gives what the CLI gives", () => {
    const dir = repo();
    const script = `const { lint, formatters, BUILTIN_NAMES } = require('plan-lint');
lint({ files: ['specs'] }, { cwd: ${JSON.stringify(dir)} }).then((r) => {
  process.stdout.write(formatters.json(r) + '\\n');
  process.stderr.write(BUILTIN_NAMES.join(','));
});`;
    // Run from the package's own folder: `require('plan-lint')` resolves through package.json "exports".
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(lib.BUILTIN_NAMES.join(','));
    expect(r.stdout).toBe(cliJson(['specs'], dir));
  });
});

describe('the five-line recipe', () => {
  it("a generated schema's default name comes from what the template is of", () => {
    expect(templateSchemaName('/r/.specify/templates/plan-template.md')).toBe('plan');
    expect(templateSchemaName('/r/guidelines/enhancement_template.md')).toBe('enhancement');
    expect(templateSchemaName('/r/teps/tools/tep-template.md.template')).toBe('tep');
    expect(templateSchemaName('/r/GRFC-TEMPLATE.md')).toBe('grfc');
    expect(templateSchemaName('/r/keps/NNNN-kep-template/README.md')).toBe('kep');
    expect(templateSchemaName('/r/rfcs/RFC-0000/README.md')).toBe('rfc');
    expect(templateSchemaName('/r/oteps/0000-template.md')).toBe('template');
    expect(templateSchemaName('/r/design/TEMPLATE.md')).toBe('template');
    expect(templateSchemaName('/TEMPLATE.md')).toBe('template');
  });

  it('schema generate -o makes missing folders; --schema takes a name from the config', () => {
    const dir = mkTemp('plan-lint-recipe-');
    mkdirSync(join(dir, 'templates'));
    mkdirSync(join(dir, 'specs/042-export'), { recursive: true });
    const template = ['# [Feature] plan', '', '## Summary', '', '[One paragraph]', '', '## Risks', '', '- [Risk]', ''].join('\n');
    writeFileSync(join(dir, 'templates/plan-template.md'), template);
    const g = cli(['schema', 'generate', 'templates/plan-template.md', '-o', 'schemas/nested/plan.schema.json'], { cwd: dir });
    expect(g.status, g.stderr).toBe(0);
    const schema = JSON.parse(read(join(dir, 'schemas/nested/plan.schema.json'))) as { 'x-plan-lint': { name: string } };
    expect(schema['x-plan-lint'].name).toBe('plan');
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schemas: { plan: 'schemas/nested/plan.schema.json' } }));
    writeFileSync(join(dir, 'specs/042-export/plan.md'), ['# Export plan', '', '## Summary', '', 'Export invoices as CSV.', '', '## Risks', '', '- [Risk]', ''].join('\n'));
    const r = cli(['-f', 'json', '--schema', 'plan', 'specs'], { cwd: dir });
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout) as { schema: string; messages: { ruleId: string; message: string }[] }[];
    expect(res[0]!.schema).toBe('plan');
    expect(res[0]!.messages.map((m) => `${m.ruleId} ${m.message}`)).toEqual(['placeholder Unfilled placeholder "[Risk]"']);
    // A name no config knows: one clear line, exit 2.
    const bad = cli(['--schema', 'nosuch', 'specs'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('plan-lint: Unknown schema "nosuch": use a built-in name, a name from the config\'s "schemas" (plan) or a path to a schema file\n');
  });
});

describe('a long-lived process follows edits of a schema and of the files it $refs', () => {
  it('compiles a schema file again when its bytes or a $ref-d file changed, whenever the edit happened', () => {
    const dir = mkTemp('plan-lint-lib-edit-');
    const schema = join(dir, 'own.schema.json');
    const plan = read(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`);
    const gen = cli(['schema', 'generate', `${ROOT}fixtures/rfc/valid/complete.md`, '--name', 'own', '-o', schema]);
    expect(gen.status, gen.stderr).toBe(0);
    const json = JSON.parse(read(schema));
    json.properties.placeholders = { $ref: './shared/leaf.json' };
    writeFileSync(schema, JSON.stringify(json));
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared/leaf.json'), JSON.stringify({ type: 'array', items: false }));
    const opts = { schema, cwd: dir, config: false as const };
    const rules = (): string[] => lib.lintText(plan, join(dir, 'plan.md'), opts).messages.map((m) => m.ruleId ?? '');
    expect(rules()).toContain('placeholder');

    // The $ref'd file relaxed (placeholders allowed): in the same process, at once, the findings go.
    writeFileSync(join(dir, 'shared/leaf.json'), JSON.stringify({ type: 'array' }));
    expect(rules()).not.toContain('placeholder');

    // The schema itself edited back to an inline check: its new bytes are compiled.
    json.properties.placeholders = { type: 'array', items: false };
    writeFileSync(schema, JSON.stringify(json));
    expect(rules()).toContain('placeholder');
  });
});
