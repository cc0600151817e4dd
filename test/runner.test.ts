/** Workers, cache and shards change how files are run, never what is reported. */
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, fixtureSample, tempDirs } from './helpers.js';

// 30 plans, a sample of the fixtures with every template and rule (test/helpers.ts): enough for the
// pool to start (auto), a third for each shard. All 135 fixtures take some 11 s of CPU a run, and
// this file makes nine.
const ALL = fixtureSample(tempDirs()('plan-lint-runner-plans-'), 30);
const run = (args: string[]): { status: number | null; results: Array<{ filePath: string }> ; raw: string } => {
  const r = cli(['-f', 'json', ...args, ALL]);
  return { status: r.status, results: JSON.parse(r.stdout) as Array<{ filePath: string }>, raw: r.stdout };
};

describe('runner', () => {
  const serial = run(['--concurrency', 'off']);

  it('lints enough files for the pool to start', () => {
    expect(serial.results.length).toBeGreaterThan(24);
  });

  it('gives identical results with two workers and with auto', () => {
    expect(run(['--concurrency', '2']).raw).toBe(serial.raw);
    expect(run(['--concurrency', 'auto']).raw).toBe(serial.raw);
  });

  it('gives identical results from a cold and a warm cache, and survives a corrupt one', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'plan-lint-cache-')), 'cache.json');
    expect(run(['--cache', '--cache-location', cache]).raw).toBe(serial.raw);
    // A sealed entry (src/user-cache.ts): the magic line, then the JSON.
    const written = readFileSync(cache, 'utf8');
    expect(written.startsWith('plan-lint-cache/2 results ')).toBe(true);
    expect(JSON.parse(written.slice(written.indexOf('\n') + 1)).tool).toBe('plan-lint');
    expect(run(['--cache', '--cache-location', cache]).raw).toBe(serial.raw);
    // Damaged plan-lint caches: ignored and rebuilt.
    for (const damaged of [`${written.slice(0, written.indexOf('\n') + 1)}{ not json`, written.slice(0, written.length >> 1), '']) {
      writeFileSync(cache, damaged);
      expect(run(['--cache', '--cache-location', cache]).raw).toBe(serial.raw);
      expect(readFileSync(cache, 'utf8')).toMatch(/^plan-lint-cache\/2 results [0-9a-f]{64}\n\{"tool":"plan-lint"/);
    }
  });

  it('a cache entry is not reused when the file changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-lint-cache-'));
    const plan = join(dir, 'plan.md');
    const cache = join(dir, 'cache.json');
    writeFileSync(plan, readFileSync(`${ROOT}fixtures/rfc/valid/complete.md`, 'utf8'));
    expect(cli(['--cache', '--cache-location', cache, plan]).status).toBe(0);
    writeFileSync(plan, readFileSync(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`, 'utf8'));
    expect(cli(['--cache', '--cache-location', cache, plan]).status).toBe(1);
  });

  it('the shards of a run are disjoint and together equal the full run', () => {
    const n = 3;
    const parts = Array.from({ length: n }, (_, i) => run(['--shard', `${i + 1}/${n}`]).results);
    const names = parts.flat().map((r) => r.filePath);
    expect(new Set(names).size).toBe(names.length);
    const union = parts.flat().sort((a, b) => a.filePath.localeCompare(b.filePath));
    const full = [...serial.results].sort((a, b) => a.filePath.localeCompare(b.filePath));
    expect(union).toEqual(full);
    expect(parts.every((p) => p.length > 0)).toBe(true);
  });

  it('rejects a bad --shard or --concurrency with exit 2', () => {
    expect(cli(['--shard', '4/3', ALL]).status).toBe(2);
    expect(cli(['--concurrency', 'lots', ALL]).stderr).toMatch(/^plan-lint: --concurrency takes auto, off or a number/);
  });
});
