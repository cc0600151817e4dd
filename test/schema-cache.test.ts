/**
 * The disk cache of compiled user schemas (src/schema/compile-cache.ts): the
 * built binary writes one entry per schema content, reads it on the next run
 * without loading ajv, gives the same results either way, and never fails a
 * lint because of the cache.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/extract/document.js';
import { addStylePlaceholders } from '../src/extract/placeholders.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { bind } from '../src/schema/bind.js';
import { readEntry } from '../src/schema/compile-cache.js';
import { loadTemplate } from '../src/schema/registry.js';
import { ROOT, cli, read, tempDirs, type CliRun } from './helpers.js';

const mkTemp = tempDirs();
const COMPLETE = `${ROOT}fixtures/rfc/valid/complete.md`;
const DEFECTS = `${ROOT}fixtures/rfc/invalid/multiple-defects.md`;

/** The `.cjs` entries under a cache directory (`<dir>/schemas/*.cjs`). */
function entries(cacheDir: string): string[] {
  const dir = join(cacheDir, 'schemas');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cjs')).map((f) => join(dir, f)) : [];
}

/** Every file below a directory (relative paths), to show nothing else was written. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tree(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}

/**
 * The schema `plan-lint schema generate` makes of the complete RFC plan: one
 * child process for the whole file (the same input gives the same schema), its
 * text reused by every project() below.
 */
let generatedText: string | undefined;
function generated(): string {
  if (generatedText === undefined) {
    const out = join(mkTemp('plan-lint-schema-gen-'), 'fx.schema.json');
    const gen = cli(['schema', 'generate', COMPLETE, '--name', 'fx', '-o', out]);
    expect(gen.status, gen.stderr).toBe(0);
    generatedText = read(out);
  }
  return generatedText;
}

/**
 * A folder with a user schema made by `plan-lint schema generate` from a
 * complete RFC plan (fixtures), whose placeholder check lives in a `$ref`'d
 * file that itself `$ref`s another.
 */
function project(): { dir: string; schema: string; cacheDir: string } {
  const dir = mkTemp('plan-lint-schema-cache-');
  const schema = join(dir, 'fx.schema.json');
  const json = JSON.parse(generated());
  json.properties.placeholders = { $ref: './shared/common.json#/$defs/placeholders' };
  writeFileSync(schema, `${JSON.stringify(json, null, 2)}\n`);
  mkdirSync(join(dir, 'shared'));
  writeFileSync(
    join(dir, 'shared/common.json'),
    JSON.stringify({ $defs: { placeholders: { $ref: 'leaf.json' } } }),
  );
  writeFileSync(join(dir, 'shared/leaf.json'), JSON.stringify({ type: 'array', items: false }));
  return { dir, schema, cacheDir: join(dir, 'cache') };
}

/** Lint the fixture with several defects under a schema, as JSON. */
function lint(schema: string, env: Record<string, string>, plan = DEFECTS, format = 'json'): CliRun {
  return cli(['-s', schema, '-f', format, plan], { env });
}

/**
 * A run of the binary, with what it required or ran and how many functions it
 * compiled from source (ajv compiles a schema with `new Function`): a preload
 * script records both.
 */
function traced(dir: string, schema: string, env: Record<string, string>): { run: CliRun; modules: string[]; compiled: number } {
  const hook = join(dir, 'trace.cjs');
  const out = join(dir, 'trace.json');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const load = Module._load;
const seen = new Set();
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
// Prebuilt files (dist/vendor/*.cjs) are read and run from their code cache (src/code-cache.ts), not required.
const fs = require('node:fs');
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) { if (typeof path === 'string' && path.endsWith('.cjs')) seen.add(path); return readFileSync.call(this, path, ...rest); };
let compiled = 0;
globalThis.Function = new Proxy(Function, { construct(target, args) { compiled++; return Reflect.construct(target, args); } });
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ modules: [...seen], compiled })));
`,
  );
  const run = lint(schema, { ...env, NODE_OPTIONS: `--require ${JSON.stringify(hook)}` });
  return { run, ...(JSON.parse(read(out)) as { modules: string[]; compiled: number }) };
}

describe('the schema cache', () => {
  it('writes one entry on the first run and reads it on the next without compiling, with byte-identical results', () => {
    const { dir, schema, cacheDir } = project();
    const env = { PLAN_LINT_CACHE_DIR: cacheDir };
    const first = traced(dir, schema, env);
    expect(first.run.status).toBe(1);
    expect(first.compiled).toBeGreaterThan(0);
    // ajv and its standalone generator: one prebuilt file (dist/vendor/ajv.cjs, see src/lazy.ts).
    const AJV = (m: string): boolean => /vendor\/ajv\.cjs$|^ajv\/dist\/(standalone|2020\.js)$/.test(m);
    expect(first.modules.some(AJV)).toBe(true);
    const [entry, ...more] = entries(cacheDir);
    expect(more).toEqual([]);
    expect(tree(cacheDir)).toEqual([`schemas/${basename(entry as string)}`]);
    // An old mtime: a rewrite would show.
    utimesSync(entry as string, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const before = readFileSync(entry as string);

    const second = traced(dir, schema, env);
    expect(second.run.status).toBe(1);
    // A hit runs the entry (its code requires ajv's runtime helper) and compiles nothing.
    expect(second.compiled).toBe(0);
    expect(second.modules).toContain('ajv/dist/runtime/ucs2length');
    expect(second.modules.filter(AJV)).toEqual([]);
    expect(statSync(entry as string).mtime.getFullYear()).toBe(2000);
    expect(readFileSync(entry as string).equals(before)).toBe(true);
    expect(entries(cacheDir)).toEqual([entry]);

    // Several defects, each rule's own message: the same bytes with and without the cache.
    const messages = JSON.parse(first.run.stdout)[0].messages as { ruleId: string }[];
    expect(new Set(messages.map((m) => m.ruleId))).toEqual(new Set(['required-section', 'placeholder', 'empty-section', 'guidance-comment', 'table-cell']));
    expect(second.run.stdout).toBe(first.run.stdout);
    expect(lint(schema, { PLAN_LINT_CACHE_DIR: 'off' }).stdout).toBe(first.run.stdout);
    expect(second.run.stderr).toBe(first.run.stderr);
  });

  it('gives the same findings from the cache for every RFC fixture, in every format', () => {
    const { dir, schema, cacheDir } = project();
    const plans = readdirSync(`${ROOT}fixtures/rfc/invalid`).filter((f) => f.endsWith('.md')).map((f) => `${ROOT}fixtures/rfc/invalid/${f}`);
    const all = [COMPLETE, ...plans];
    // One run writes every format: JSON to standard output, the others to files (`-f name:path`).
    const formats = ['stylish', 'sarif'];
    const run = (name: string, cache: string): CliRun & { files: Record<string, string> } => {
      const out = (format: string): string => join(dir, `${name}.${format}`);
      const r = cli(['-s', schema, '-f', 'json', ...formats.flatMap((f) => ['-f', `${f}:${out(f)}`]), ...all], { env: { PLAN_LINT_CACHE_DIR: cache } });
      return { ...r, files: Object.fromEntries(formats.map((f) => [f, read(out(f))])) };
    };
    const off = run('off', 'off');
    const cold = run('cold', cacheDir);
    expect(entries(cacheDir)).toHaveLength(1);
    const warm = run('warm', cacheDir);
    expect(JSON.parse(off.stdout).length).toBe(all.length);
    expect(cold.stdout).toBe(off.stdout);
    expect(warm.stdout).toBe(off.stdout);
    for (const format of formats) {
      expect(off.files[format], format).toContain('multiple-defects.md');
      expect(cold.files[format], format).toBe(off.files[format]);
      expect(warm.files[format], format).toBe(off.files[format]);
    }
  });

  it('a new key when the schema or any file it $refs changes', () => {
    const { dir, schema, cacheDir } = project();
    const env = { PLAN_LINT_CACHE_DIR: cacheDir };
    const keys = (): string[] => entries(cacheDir).sort();
    lint(schema, env);
    const k1 = keys();
    expect(k1).toHaveLength(1);

    writeFileSync(schema, `${read(schema)}\n`); // one byte more: same meaning, new bytes
    expect(lint(schema, env).status).toBe(1);
    const k2 = keys();
    expect(k2).toHaveLength(2);

    // The leaf two $refs down: placeholders allowed, so those findings go.
    writeFileSync(join(dir, 'shared/leaf.json'), JSON.stringify({ type: 'array' }));
    const relaxed = lint(schema, env);
    const k3 = keys();
    expect(k3).toHaveLength(3);
    const rules = (r: CliRun): string[] => (JSON.parse(r.stdout)[0].messages as { ruleId: string }[]).map((m) => m.ruleId);
    expect(rules(relaxed)).not.toContain('placeholder');
    expect(rules(lint(schema, env))).toEqual(rules(relaxed));
    expect(keys()).toEqual(k3);

    writeFileSync(join(dir, 'shared/common.json'), JSON.stringify({ $defs: { placeholders: { $ref: 'leaf.json' } } }, null, 1));
    lint(schema, env);
    expect(keys()).toHaveLength(4);
  });

  it('an entry made for the same bytes elsewhere serves a copy of the project', () => {
    const a = project();
    const b = project();
    copyFileSync(a.schema, b.schema);
    const env = { PLAN_LINT_CACHE_DIR: a.cacheDir };
    const fromA = lint(a.schema, env);
    const fromB = lint(b.schema, env);
    expect(entries(a.cacheDir)).toHaveLength(1);
    expect(fromB.stdout).toBe(fromA.stdout);
    expect(fromB.stdout).toBe(lint(b.schema, { PLAN_LINT_CACHE_DIR: 'off' }).stdout);
  });

  it('ignores a corrupt, forged or foreign entry (no code of it runs), gives the same results and rewrites it', () => {
    const { dir, schema, cacheDir } = project();
    const env = { PLAN_LINT_CACHE_DIR: cacheDir };
    const good = lint(schema, env);
    const [entry] = entries(cacheDir) as [string];
    const original = readFileSync(entry);
    const text = original.toString('utf8');
    const key = basename(entry, '.cjs');
    // What an attacker would commit: code that leaves a mark and passes every plan.
    const marker = join(dir, 'ran');
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = () => true;`;
    const hmac = (secret: Buffer, body: string): string => createHmac('sha256', secret).update(`schemas\0${key}\0`).update(body).digest('hex');
    const corrupt: [string, string | Buffer][] = [
      ['garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x0a, 0x7b])],
      ['empty', ''],
      ['truncated', original.subarray(0, Math.floor(original.length / 2))],
      // The layout of earlier versions: a checksum anyone can compute.
      ['sha256 checksum header', `// plan-lint schema cache, sha256 of the code below: ${createHash('sha256').update(payload).digest('hex')}\n${payload}`],
      ['right layout, sha256 for a MAC', `plan-lint-cache/2 schemas ${createHash('sha256').update(payload).digest('hex')}\n${payload}`],
      ['sealed with another secret', `plan-lint-cache/2 schemas ${hmac(randomBytes(32), payload)}\n${payload}`],
      // Valid code that passes everything: only the MAC shows it is not what was written.
      ['altered, MAC stale', `${text.slice(0, text.indexOf('\n') + 1)}${payload}`],
    ];
    for (const [what, bytes] of corrupt) {
      writeFileSync(entry, bytes);
      const r = lint(schema, env);
      expect(r.status, what).toBe(1);
      expect(r.stdout, what).toBe(good.stdout);
      expect(r.stderr, what).toBe('');
      expect(existsSync(marker), `${what}: its code ran`).toBe(false);
      expect(readFileSync(entry).equals(original), `${what}: rewritten`).toBe(true);
      expect(entries(cacheDir), what).toEqual([entry]);
    }
    // A genuine entry of another schema, copied to this one's name: made for another key, never used.
    const other = project();
    writeFileSync(other.schema, `${read(other.schema)}\n`);
    lint(other.schema, { PLAN_LINT_CACHE_DIR: other.cacheDir });
    const [foreign] = entries(other.cacheDir) as [string];
    expect(basename(foreign)).not.toBe(basename(entry));
    copyFileSync(foreign, entry);
    expect(lint(schema, env).stdout).toBe(good.stdout);
    expect(readFileSync(entry).equals(original)).toBe(true);
  });

  it('never fails a run when the cache directory cannot be written', () => {
    const { dir, schema } = project();
    const good = lint(schema, { PLAN_LINT_CACHE_DIR: 'off' });
    // Under a file: no directory can be made there, whoever runs the test (root included).
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const r = lint(schema, { PLAN_LINT_CACHE_DIR: join(file, 'cache') });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(good.stdout);
    // A read-only directory (root writes anyway, so only when not root).
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro, { mode: 0o555 });
      const q = lint(schema, { PLAN_LINT_CACHE_DIR: ro });
      expect(q.status).toBe(1);
      expect(q.stdout).toBe(good.stdout);
      expect(readdirSync(ro)).toEqual([]);
    }
  });

  it('PLAN_LINT_CACHE_DIR=off writes nothing, even beside a node_modules', () => {
    const { dir, schema } = project();
    mkdirSync(join(dir, 'node_modules'));
    const before = tree(dir);
    const r = cli(['-s', schema, '-f', 'json', DEFECTS], { cwd: dir, env: { PLAN_LINT_CACHE_DIR: 'off' } });
    expect(r.status).toBe(1);
    expect(tree(dir)).toEqual(before);
    expect(existsSync(join(dir, 'off'))).toBe(false);
  });

  it("defaults to the user's cache folder (XDG_CACHE_HOME), never a node_modules of the workspace", () => {
    const { dir, schema } = project();
    const home = mkTemp('plan-lint-xdg-');
    const env = { PLAN_LINT_CACHE_DIR: '', XDG_CACHE_HOME: home };
    mkdirSync(join(dir, 'node_modules'));
    const before = tree(dir);
    const r = lint(schema, env);
    expect(r.status).toBe(1);
    expect(tree(dir)).toEqual(before);
    expect(entries(join(home, 'plan-lint'))).toHaveLength(1);
    // The per-user secret that seals the entries: the user's alone.
    const secret = statSync(join(home, 'plan-lint', 'secret'));
    expect(secret.size).toBe(32);
    if (process.platform !== 'win32') expect(secret.mode & 0o077).toBe(0);
    expect(lint(schema, env).stdout).toBe(r.stdout);
  });

  it('a schema that fails the meta-schema gives the same one-line error and exit code 2, and is never cached', () => {
    const { dir, schema, cacheDir } = project();
    const json = JSON.parse(read(schema));
    delete json['x-plan-lint'];
    const bad = join(dir, 'bad.schema.json');
    writeFileSync(bad, JSON.stringify(json));
    const off = lint(bad, { PLAN_LINT_CACHE_DIR: 'off' });
    expect(off.status).toBe(2);
    expect(off.stderr).toBe(`plan-lint: ${bad}: not a plan-lint template schema (/: must have required property 'x-plan-lint')\n`);
    for (let i = 0; i < 2; i++) {
      const r = lint(bad, { PLAN_LINT_CACHE_DIR: cacheDir });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(off.stderr);
      expect(r.stdout).toBe('');
    }
    expect(entries(cacheDir)).toEqual([]);
  });

  it('a missing $ref file is the same error as without the cache, and is never cached', () => {
    const { dir, schema, cacheDir } = project();
    expect(lint(schema, { PLAN_LINT_CACHE_DIR: cacheDir }).status).toBe(1);
    expect(entries(cacheDir)).toHaveLength(1);
    // The leaf goes, nothing else changes: the entry made with it must not be used.
    unlinkSync(join(dir, 'shared/leaf.json'));
    const off = lint(schema, { PLAN_LINT_CACHE_DIR: 'off' });
    expect(off.status).toBe(2);
    expect(off.stderr).toMatch(/\$ref "leaf\.json": file not found\n$/);
    const r = lint(schema, { PLAN_LINT_CACHE_DIR: cacheDir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(off.stderr);
    expect(entries(cacheDir)).toHaveLength(1);
  });
});

describe('a cached validator and a freshly compiled one', () => {
  it('give deep-equal ajv errors, verbose fields (schema, parentSchema, data) included', () => {
    const { schema, cacheDir } = project();
    const saved = process.env['PLAN_LINT_CACHE_DIR'];
    process.env['PLAN_LINT_CACHE_DIR'] = cacheDir;
    let fresh: ReturnType<typeof loadTemplate>;
    try {
      fresh = loadTemplate(schema); // a miss: compiled by ajv, entry written
    } finally {
      if (saved === undefined) delete process.env['PLAN_LINT_CACHE_DIR'];
      else process.env['PLAN_LINT_CACHE_DIR'] = saved;
    }
    const [entry] = entries(cacheDir) as [string];
    const cached = readEntry(entry, basename(entry, '.cjs'));
    expect(cached).toBeTypeOf('function');
    expect(cached).not.toBe(fresh.validate);
    const plans = readdirSync(`${ROOT}fixtures/rfc/invalid`).filter((f) => f.endsWith('.md'));
    let checked = 0;
    for (const f of plans) {
      const src = parseMarkdown(read(`${ROOT}fixtures/rfc/invalid/${f}`));
      const doc = extract(src);
      addStylePlaceholders(src, doc, fresh.model.placeholderStyles);
      const instance = bind(doc, fresh.model, src.lines.lineSpan(1)).instance;
      const a = fresh.validate(instance);
      const errorsA = structuredClone(fresh.validate.errors ?? []);
      const b = (cached as NonNullable<typeof cached>)(instance);
      const errorsB = (cached as NonNullable<typeof cached>).errors ?? [];
      expect(b, f).toBe(a);
      expect(errorsB, f).toEqual(errorsA);
      for (const e of errorsB) {
        expect(e.schema, f).toBeDefined();
        expect(e.parentSchema, f).toBeDefined();
        expect('data' in e, f).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
