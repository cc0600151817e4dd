import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { BUILTIN_NAMES } from '../src/schema/builtins.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BIN = `${ROOT}dist/bin.js`;
export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const hasShared = existsSync(`${SHARED}templates`);

if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: run `npm run build` before the tests');

// The user's cache folder (XDG_CACHE_HOME) of the tests, a temporary one per test file: test/setup.ts.

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built binary as a child process. */
export function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const read = (p: string): string => readFileSync(p, 'utf8');

/** Temporary folders for one test file, removed after its tests: `const mkTemp = tempDirs();`. */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/**
 * A sample of the fixtures, copied into `dir` as fixtures/ lays them out (`<template>/<kind>/<name>.md`),
 * for tests whose subject is how a run is made or reported (streaming, workers, caches, shards), not
 * the findings, which test/fixtures.test.ts checks on all of them. It holds every template's complete
 * plans and defective plans whose sidecars together name every rule the fixtures report (chosen
 * greedily, most rules not yet named first; each template with one at least), then more defective
 * plans, taken from each template in turn, up to `atLeast` plans. Returns `dir`.
 */
export function fixtureSample(dir: string, atLeast = 0): string {
  const listed = (t: string, kind: string): string[] =>
    readdirSync(`${ROOT}fixtures/${t}/${kind}`).filter((f) => f.endsWith('.md')).sort().map((f) => `${t}/${kind}/${f}`);
  const rulesOf = (p: string): Set<string> =>
    new Set(read(`${ROOT}fixtures/${p.replace(/\.md$/, '.expected')}`).split('\n').filter(Boolean).map((l) => l.split(' ')[1] as string));
  const invalid = BUILTIN_NAMES.map((t) => listed(t, 'invalid').map((p) => ({ p, rules: rulesOf(p) })));
  const chosen = new Set(BUILTIN_NAMES.flatMap((t) => listed(t, 'valid')));
  const left = new Set(invalid.flat().flatMap((x) => [...x.rules]));
  const fresh = (x: { rules: Set<string> }): number => [...x.rules].filter((r) => left.has(r)).length;
  while (left.size) {
    const best = invalid.flat().reduce((a, b) => (fresh(b) > fresh(a) ? b : a));
    chosen.add(best.p);
    for (const r of best.rules) left.delete(r);
  }
  for (const plans of invalid) if (!plans.some((x) => chosen.has(x.p))) chosen.add(plans[0]!.p);
  for (let i = 0; chosen.size < atLeast && invalid.some((plans) => i < plans.length); i++) {
    for (const plans of invalid) if (i < plans.length && chosen.size < atLeast) chosen.add(plans[i]!.p);
  }
  for (const p of chosen) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    copyFileSync(`${ROOT}fixtures/${p}`, join(dir, p));
  }
  return dir;
}
