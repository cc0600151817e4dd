// Build step: bundle the CLI into one file (dist/plan-lint.cjs, run by the
// small published bin dist/bin.js) so that start-up loads one module instead
// of hundreds, likewise the lint pool's worker, and make V8 code caches for
// them (see the end of this file). The library (dist/index.js) stays unbundled.
// Dependencies that a plain lint does not need (src/lazy.ts) load on first
// use, from prebuilt files (dist/vendor/, below): yaml, ajv, and the folder
// walk and glob matching (tinyglobby, picomatch, ignore); the precompiled validators (dist/validators/)
// load when their template is chosen.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { build } from 'esbuild';
import { yargsOwnPackage } from './yargs-own-package.mjs';

// yargs, cliui and wrap-ansi import string-width, whose module body builds an
// Intl.Segmenter and Unicode property regexps (\p{RGI_Emoji}) when it is
// evaluated: ~12 ms of every start-up, although only help and usage text
// ever measure a string. This plugin hands each importer a stand-in that
// requires the real module (bundled as a lazily initialised one) on first call.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;
export default function stringWidth(string, options) {
  real ??= require(${JSON.stringify(args.path)}).default;
  return real(string, options);
}
`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

// yargs requires `assert` when it is loaded, for two checks of a command's
// definition: Node compiles its assert module (and assertion errors) at every
// start-up for them. The same kind of stand-in requires it on first call.
const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) => (/[\\/]yargs[\\/]/.test(args.importer) ? { path: args.path, namespace: 'lazy-assert' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: `export const notStrictEqual = (...args) => require('node:assert').notStrictEqual(...args);
export const strictEqual = (...args) => require('node:assert').strictEqual(...args);
`,
      loader: 'js',
    }));
  },
};

// Caches of an earlier build must not be taken for this one's.
// (Pool workers keep theirs apart, as `<file>.worker.v8cache`: see src/code-cache.ts.)
const CACHED = ['dist/plan-lint.cjs', 'dist/worker-main.cjs.worker', 'dist/vendor/yaml.cjs', 'dist/vendor/yaml.cjs.worker', 'dist/vendor/ajv.cjs', 'dist/vendor/walk.cjs'];
for (const file of CACHED) rmSync(`${file}.v8cache`, { force: true });

const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };

// CommonJS files, so that they can run from a V8 code cache (src/code-cache.ts;
// an ES module cannot on Node 20): the CLI (dist/plan-lint.cjs), the lint
// pool's worker (dist/worker-main.cjs: no CLI in it, it starts lighter), and
// the entry a worker starts with (dist/worker.cjs, src/worker-start.ts: no ES
// module loader, and the worker bundle from its cache).
await build({
  ...common,
  entryPoints: { 'plan-lint': 'src/bin.ts', 'worker-main': 'src/worker.ts', worker: 'src/worker-start.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [lazyStringWidth, lazyAssert, yargsOwnPackage],
  define: { 'import.meta.url': '__planLintUrl' },
  banner: { js: "var __planLintUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The library for CommonJS callers (`require('plan-lint')`, package.json
// "exports" -> "require"): src/index.ts as one CommonJS file, its
// dependencies bundled in (remark and unified are ES modules only); yaml and
// ajv load from dist/vendor/ as in the CLI. ES module callers get dist/index.js.
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__planLintUrl' },
  banner: { js: "var __planLintUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The published bin: dist/bin.js (src/launch.ts), an ES module that only
// requires dist/start.cjs (src/start.ts: runs dist/plan-lint.cjs from its cache).
await build({
  ...common,
  entryPoints: { start: 'src/start.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__planLintUrl' },
  banner: { js: "var __planLintUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: { bin: 'src/launch.ts' },
  outdir: 'dist',
  format: 'esm',
  external: ['./start.cjs'],
});
chmodSync('dist/bin.js', 0o755);

// yaml, ajv (with ajv-formats and the standalone generator: one copy of
// ajv) and the walk (tinyglobby with its fdir and picomatch, and ignore, for a
// folder or glob argument) as one CommonJS file each, required on first use by
// src/lazy.ts: from node_modules they are a dozen files to resolve, read and compile.
for (const [name, contents] of [
  ['yaml', "module.exports = require('yaml');"],
  ['ajv', "module.exports = { Ajv2020: require('ajv/dist/2020.js'), formats: require('ajv-formats'), standalone: require('ajv/dist/standalone') };"],
  ['walk', "module.exports = { tinyglobby: require('tinyglobby'), picomatch: require('picomatch'), ignore: require('ignore') };"],
]) {
  await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    ...common,
    outfile: `dist/vendor/${name}.cjs`,
    format: 'cjs',
  });
}

// V8 code caches for dist/plan-lint.cjs, dist/worker-main.cjs and
// dist/vendor/*.cjs (src/code-cache.ts): each is written by a run that
// compiled what a lint needs. The first run lints the fixtures on two workers
// (their caches are made in the workers, under the flags a pool sets); the
// second checks a plan against a schema file (user schemas: ajv); the last
// lints the fixtures as a plain run does and rewrites the caches of the files
// all use. Their exit codes are the findings' (1); what matters is that they
// ran and wrote the caches.
for (const args of [
  ['--concurrency', '2', 'fixtures'],
  ['--concurrency', 'off', '-s', 'schemas/rfc.schema.json', 'fixtures/rfc/valid/complete.md'],
  ['--concurrency', 'off', 'fixtures'],
]) {
  const run = spawnSync(process.execPath, ['dist/bin.js', ...args], {
    env: { ...process.env, PLAN_LINT_WRITE_CODE_CACHE: '1', PLAN_LINT_CACHE_DIR: 'off', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`code-cache run failed (exit ${run.status}): plan-lint ${args.join(' ')}`);
}
// A worker stopped between writing a cache and renaming it into place leaves
// its temporary file (src/replace-file.ts); dist/ must not ship it.
for (const dir of ['dist', 'dist/vendor']) {
  for (const f of readdirSync(dir)) if (/^\..*\.v8cache\.\d+\.[0-9a-f]+\.tmp$/.test(f)) rmSync(join(dir, f));
}
// Each cache whole: its data's CRC-32 (bytes 4-8) over the rest (src/code-cache.ts).
for (const file of CACHED) {
  const data = existsSync(`${file}.v8cache`) ? readFileSync(`${file}.v8cache`) : Buffer.alloc(0);
  const whole = data.length > 8 && crc32(data.subarray(8)) === data.readUInt32BE(4);
  if (!whole) throw new Error(`no whole code cache was written for ${file}`);
}
