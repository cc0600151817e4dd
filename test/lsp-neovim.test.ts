/**
 * The language server through a real editor: Debian's Neovim runs headless
 * with its built-in LSP client (test/nvim/client.lua), opens a defective plan,
 * receives plan-lint's diagnostics, applies code actions, saves; the test
 * checks what Neovim saw and what it saved. Skipped where `nvim` is missing
 * (`.ci/run` installs it).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDirs } from './helpers.js';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = nvim.status === 0;
const mkTemp = tempDirs();

interface Seen {
  line: number;
  col: number;
  code: string;
  source: string;
  message: string;
}
interface Report {
  error?: string;
  initial: Seen[];
  steps: { title: string; diagnostics: Seen[] }[];
}

function runNeovim(plan: string, actions: { code: string; title: string }[]): Report {
  const out = join(plan, '..', 'report.json');
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test/nvim/client.lua')}`], {
    encoding: 'utf8',
    env: { ...process.env, PLAN_LINT_PLAN: plan, PLAN_LINT_OUT: out, PLAN_LINT_ACTIONS: JSON.stringify(actions), PLAN_LINT_NODE: process.execPath, PLAN_LINT_BIN: BIN },
  });
  if (r.status !== 0) throw new Error(`nvim exited ${r.status}: ${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

describe.skipIf(!hasNvim)(`Neovim's LSP client (${hasNvim ? nvim.stdout.split('\n')[0] : 'nvim missing'})`, () => {
  it('shows the findings, applies a fix, "disable for this line" and "for this file", and saves them', () => {
    const dir = mkTemp('plan-lint-nvim-');
    const plan = join(dir, 'multiple-defects.md');
    copyFileSync(join(ROOT, 'fixtures/rfc/invalid/multiple-defects.md'), plan);
    const report = runNeovim(plan, [
      { code: 'empty-section', title: 'Disable empty-section for this line' },
      { code: 'required-section', title: 'Fix: Missing required section "### E2E Tests"' },
      { code: 'placeholder', title: 'Disable placeholder for this file' },
    ]);
    expect(report.error).toBeUndefined();
    expect(report.initial.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['1:19 placeholder', '158:1 empty-section', '160:1 guidance-comment', '192:20 table-cell', '206:1 required-section', '229:18 placeholder']);
    expect(new Set(report.initial.map((d) => d.source))).toEqual(new Set(['plan-lint']));
    // After the first action: the comment line pushes everything below it down by one, and empty-section is gone.
    expect(report.steps[0]!.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 placeholder', '161 guidance-comment', '193 table-cell', '207 required-section', '230 placeholder']);
    // After the fix: the section is there (with the template's skeleton, which still has to be filled in).
    expect(report.steps[1]!.diagnostics.map((d) => d.code)).not.toContain('required-section');
    // After the last: no placeholder finding anywhere.
    expect(report.steps[2]!.diagnostics.map((d) => d.code)).not.toContain('placeholder');
    expect(report.steps[2]!.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['guidance-comment', 'table-cell']));
    const saved = readFileSync(plan, 'utf8').split('\n');
    expect(saved[0]).toBe('<!-- plan-lint-disable-file placeholder -->');
    expect(saved[158]).toBe('<!-- plan-lint-disable-next-line empty-section -->');
    expect(saved.filter((l) => l === '### E2E Tests')).toHaveLength(1);
    expect(saved).toEqual(expect.arrayContaining([expect.stringMatching(/Feature Name/)]));
  });
});
