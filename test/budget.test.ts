/**
 * The time budget of a lint on the main thread (src/budget.ts): V8 stops the
 * work wherever it is. Bounded by work: each stopped piece would run forever.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OverBudget, withinBudget } from '../src/budget.js';
import { needsWorker } from '../src/isolate.js';
import type { LintOptions } from '../src/lint.js';
import { runJobs } from '../src/runner.js';
import { ROOT, tempDirs } from './helpers.js';

const mkTemp = tempDirs();

describe('withinBudget', () => {
  it('returns what the work returns, and passes its errors through unchanged', () => {
    expect(withinBudget(60_000, () => ({ a: 1 }))).toEqual({ a: 1 });
    expect(withinBudget(0, () => 'no budget')).toBe('no budget');
    class Own extends Error {}
    expect(() => withinBudget(60_000, () => {
      throw new Own('x');
    })).toThrow(Own);
  });

  it('stops a loop, a backtracking regular expression and a nested call with OverBudget; the next call runs', () => {
    const forever = (): number => {
      let n = 0;
      for (;;) n++;
    };
    expect(() => withinBudget(50, forever)).toThrow(OverBudget);
    // 2^60 steps of backtracking.
    expect(() => withinBudget(50, () => /^(?:a|a)*b$/.test('a'.repeat(60)))).toThrow(OverBudget);
    // An inner call runs under the outer budget.
    expect(() => withinBudget(50, () => withinBudget(60_000, forever))).toThrow(OverBudget);
    expect(withinBudget(60_000, () => 'after')).toBe('after');
  });
});

describe('a run without a worker (the library\'s runJobs): the budget on the main thread', () => {
  it('stops a plan past the budget with the fatal of --max-file-time, and lints the next plan on the same thread exactly', async () => {
    const dir = mkTemp('plan-lint-budget-');
    const hostile = join(dir, 'hostile.md');
    const text = '# Plan\n\nOwner: [Name of the team that owns this feature]\n';
    writeFileSync(hostile, text);
    expect(needsWorker(text)).toBe(false);
    // A pattern too long for the checker to decide (accepted in trusted mode: one alternative, no literal
    // run to cut) that backtracks 2^41 ways on the placeholder.
    const options: LintOptions = { schema: 'rfc', rules: { placeholder: ['error', { allow: [`/^(?:.|.)*x${'[yz]'.repeat(75)}/`] }] } };
    const plan = { file: `${ROOT}fixtures/rfc/invalid/multiple-defects.md`, options };
    const [alone] = await runJobs([plan], { concurrency: 'off' });
    expect(alone?.errorCount).toBeGreaterThan(0);
    const [slow, after] = await runJobs([{ file: hostile, options }, plan], { concurrency: 'off', maxFileTimeMs: 3000 });
    expect(slow?.messages).toEqual([expect.objectContaining({ fatal: true, ruleId: null, line: 1, column: 1, message: 'Linting took longer than 3 s (the limit is set with --max-file-time); not linted' })]);
    expect(after).toEqual(alone);
  });
});
