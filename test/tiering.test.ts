/**
 * A short run without TurboFan (src/tiering.ts): off for a run of plans that
 * total at most the limit, on again at its end and for a longer run, and a
 * code cache still accepted while it is off.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDirs } from './helpers.js';

const mkTemp = tempDirs();

/** Runs an ES module `script` in a child process (with `extra` flags) and returns what it printed as JSON. */
function child(script: string, extra: string[] = [], env: Record<string, string> = {}): unknown {
  const r = spawnSync(process.execPath, [...extra, '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe('short runs without TurboFan', () => {
  it('turns TurboFan off for a run up to the limit, on again at its end, and leaves a longer run alone', () => {
    // V8's own test hooks: whether `f` can be optimised now.
    const script = `import { ShortRun } from ${JSON.stringify(`${ROOT}dist/tiering.js`)};
function f(a) { return a.x + 1; }
function optimised() {
  %PrepareFunctionForOptimization(f); f({ x: 1 }); f({ x: 2 });
  %OptimizeFunctionOnNextCall(f); f({ x: 3 });
  const on = (%GetOptimizationStatus(f) & 16) !== 0;
  %DeoptimizeFunction(f);
  return on;
}
const seen = { before: optimised() };
const short = new ShortRun(100, 100);
seen.short = optimised();
short.end();
seen.after = optimised();
const long = new ShortRun(101, 100);
seen.long = optimised();
long.end();
process.stdout.write(JSON.stringify(seen));`;
    expect(child(script, ['--allow-natives-syntax'])).toEqual({ before: true, short: false, after: true, long: true });
  });

  it('a file with a code cache made under the default flags runs from it while TurboFan is off', () => {
    const dir = mkTemp('plan-lint-tiering-');
    const file = join(dir, 'm.cjs');
    writeFileSync(file, 'module.exports = { value: [1, 2, 3].map((n) => n * 2) };\n');
    const script = (short: boolean): string => `import { ShortRun } from ${JSON.stringify(`${ROOT}dist/tiering.js`)};
import { runCommonJs, codeCacheUses } from ${JSON.stringify(`${ROOT}dist/code-cache.js`)};
${short ? 'new ShortRun(0);' : ''}
const { value } = runCommonJs(${JSON.stringify(file)});
process.stdout.write(JSON.stringify({ value, use: codeCacheUses()[${JSON.stringify(file)}] }));`;
    expect(child(script(false), [], { PLAN_LINT_WRITE_CODE_CACHE: '1' })).toEqual({ value: [2, 4, 6], use: 'no cache' });
    expect(child(script(true))).toEqual({ value: [2, 4, 6], use: 'cache' });
  });
});
