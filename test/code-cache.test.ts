/**
 * The V8 code caches of the bundled CLI and the prebuilt vendor files
 * (src/code-cache.ts, made by scripts/bundle.mjs): used when they fit, ignored
 * when they do not, never a reason for a different result.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, tempDirs } from './helpers.js';

const mkTemp = tempDirs();
const CODE_CACHE = `${ROOT}dist/code-cache.js`;

/** Runs `files` through dist/code-cache.js in a child process; returns each file's exports (as JSON) and how it was compiled. */
function run(files: string[], env: Record<string, string> = {}): { exports: unknown[]; uses: Record<string, string> } {
  const script = `import { runCommonJs, codeCacheUses } from ${JSON.stringify(CODE_CACHE)};
const exports = ${JSON.stringify(files)}.map((f) => runCommonJs(f));
process.stdout.write(JSON.stringify({ exports, uses: codeCacheUses() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { exports: unknown[]; uses: Record<string, string> };
}

function module(dir: string, body: string): string {
  const file = join(dir, 'm.cjs');
  writeFileSync(file, `#!/usr/bin/env node\nconst path = require('node:path');\n${body}\nmodule.exports = { value: f(), base: path.basename(__filename), self: this === module.exports };\n`);
  return file;
}

describe('code cache', () => {
  it('the build made a cache for the CLI and each vendor file, and this Node accepts each', () => {
    const files = ['dist/plan-lint.cjs', 'dist/vendor/yaml.cjs', 'dist/vendor/ajv.cjs'].map((f) => `${ROOT}${f}`);
    for (const f of files) {
      const cache = readFileSync(`${f}.v8cache`);
      // The CRC-32 of the file, then that of the cache's data.
      expect(cache.readUInt32BE(0)).toBe(crc32(readFileSync(f)));
      expect(cache.readUInt32BE(4)).toBe(crc32(cache.subarray(8)));
    }
    // plan-lint.cjs is the CLI: run it as `plan-lint --version`.
    const script = `import { runCommonJs, codeCacheUses } from ${JSON.stringify(CODE_CACHE)};
process.argv.splice(1, Infinity, 'plan-lint', '--version');
for (const f of ${JSON.stringify(files)}) runCommonJs(f);
process.on('exit', () => process.stderr.write(JSON.stringify(codeCacheUses())));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.parse(r.stderr)).toEqual(Object.fromEntries(files.map((f) => [f, 'cache'])));
  });

  it('pool workers run the worker bundle and yaml from caches of their own, made under the pool flags', async () => {
    const { WORKER_V8_FLAGS } = (await import(`${ROOT}dist/runner.js`)) as { WORKER_V8_FLAGS: readonly string[] };
    const files = ['dist/worker-main.cjs', 'dist/vendor/yaml.cjs'].map((f) => `${ROOT}${f}`);
    for (const f of files) expect(existsSync(`${f}.worker.v8cache`)).toBe(true);
    // As the pool starts one (src/runner.ts), then in the worker as dist/worker.cjs does.
    const script = `import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
for (const flag of ${JSON.stringify(WORKER_V8_FLAGS)}) setFlagsFromString(flag);
const w = new Worker(\`Promise.all([import('node:worker_threads'), import(${JSON.stringify(CODE_CACHE)})]).then(([{ parentPort }, { useWorkerCaches, runCommonJs, codeCacheUses }]) => {
  useWorkerCaches();
  for (const f of ${JSON.stringify(files)}) runCommonJs(f);
  parentPort.postMessage(codeCacheUses());
});\`, { eval: true });
w.once('message', (uses) => { process.stdout.write(JSON.stringify(uses)); w.terminate(); });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(Object.fromEntries(files.map((f) => [f, 'cache'])));
  });

  it('runs a file as CommonJS, writes a cache only when asked, and uses it on the next run', () => {
    const dir = mkTemp('plan-lint-cc-');
    const file = module(dir, 'function f() { return [1, 2, 3].map((n) => n * 2); }');
    const expected = { value: [2, 4, 6], base: 'm.cjs', self: true };

    expect(run([file])).toEqual({ exports: [expected], uses: { [file]: 'no cache' } });
    expect(existsSync(`${file}.v8cache`)).toBe(false);

    expect(run([file], { PLAN_LINT_WRITE_CODE_CACHE: '1' }).uses).toEqual({ [file]: 'no cache' });
    expect(existsSync(`${file}.v8cache`)).toBe(true);
    expect(run([file])).toEqual({ exports: [expected], uses: { [file]: 'cache' } });
  });

  it('ignores a cache made from other source, even of the same length, and one V8 cannot read', () => {
    const dir = mkTemp('plan-lint-cc-');
    const file = module(dir, 'function f() { return "aaa"; }');
    run([file], { PLAN_LINT_WRITE_CODE_CACHE: '1' });
    const cache = readFileSync(`${file}.v8cache`);

    // Same length, other code: the cache's bytecode would return "aaa".
    module(dir, 'function f() { return "bbb"; }');
    expect(run([file])).toEqual({ exports: [{ value: 'bbb', base: 'm.cjs', self: true }], uses: { [file]: 'cache of other source' } });

    // The right source hash, damaged data: V8 itself does not notice (it may crash).
    module(dir, 'function f() { return "aaa"; }');
    const damaged = Buffer.from(cache);
    damaged.fill(0x5a, 60, 200);
    writeFileSync(`${file}.v8cache`, damaged);
    expect(run([file])).toEqual({ exports: [{ value: 'aaa', base: 'm.cjs', self: true }], uses: { [file]: 'damaged cache' } });

    // Intact, but made by another V8 or with other flags.
    writeFileSync(`${file}.v8cache`, cache);
    const flagged = spawnSync(
      process.execPath,
      ['--no-lazy', '--input-type=module', '-e', `import { runCommonJs, codeCacheUses } from ${JSON.stringify(CODE_CACHE)}; runCommonJs(${JSON.stringify(file)}); process.stdout.write(JSON.stringify(codeCacheUses()));`],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(flagged.stdout)).toEqual({ [file]: 'cache rejected by V8' });
    expect(run([file]).uses).toEqual({ [file]: 'cache' });
  });

  it('gives the same results with and without the CLI cache, and a config module still loads', () => {
    const args = ['-f', 'json', '--concurrency', 'off', 'fixtures/rfc', 'fixtures/fullstack/invalid/placeholders-prose.md'];
    const withCache = cli(args);
    const without = cli(args, { env: { PLAN_LINT_CODE_CACHE: 'off' } });
    expect(withCache.status).toBe(1);
    expect(without.status).toBe(1);
    expect(without.stdout).toBe(withCache.stdout);
    expect(JSON.parse(withCache.stdout).length).toBeGreaterThan(10);
    const file = `${ROOT}dist/vendor/yaml.cjs`;
    expect(run([file], { PLAN_LINT_CODE_CACHE: 'off' }).uses).toEqual({ [file]: 'no cache' });

    // import() from code that runs from a cache (config/load.ts, through lendImport).
    const project = mkTemp('plan-lint-cc-');
    writeFileSync(join(project, 'plan-lint.config.mjs'), "export default { rules: { placeholder: 'warn' } };\n");
    copyFileSync(`${ROOT}fixtures/fullstack/invalid/placeholders-prose.md`, join(project, 'plan.md'));
    const r = spawnSync(process.execPath, [BIN, '-f', 'json', 'plan.md'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [result] = JSON.parse(r.stdout) as { warningCount: number; errorCount: number }[];
    expect(result?.warningCount).toBeGreaterThan(0);
  });
});
