/** action.yml and the workflows against SchemaStore's schemas, with @action-validator/cli (its bin, as CI runs it). */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDirs } from './helpers.js';

const VALIDATOR = join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');
const mkTemp = tempDirs();

function validate(files: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [VALIDATOR, ...files], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('@action-validator/cli', () => {
  it('accepts action.yml and every workflow', () => {
    const workflows = readdirSync(join(ROOT, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f)).map((f) => `.github/workflows/${f}`);
    expect(workflows.length).toBeGreaterThan(0);
    // One file a run, as the tool takes.
    for (const file of ['action.yml', ...workflows]) {
      const r = validate([file]);
      expect(r.out, file).toBe('');
      expect(r.status, file).toBe(0);
    }
  });

  it('rejects an action the runner would not run (so the check above checks)', () => {
    const bad = join(mkTemp('plan-lint-action-'), 'action.yml');
    writeFileSync(bad, 'name: x\ndescription: y\nruns:\n  using: node99\n  main: index.js\n');
    expect(validate([bad]).status).not.toBe(0);
  });
});
