/** Results stream out per file (stylish, json, github), and say exactly what the whole-run report says. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, fixtureSample, tempDirs } from './helpers.js';

const mkTemp = tempDirs();
const FIRST_RFC = readdirSync(`${ROOT}fixtures/rfc/invalid`).filter((f) => f.endsWith('.md'))[0] as string;

describe('streamed output', () => {
  const FORMATS = ['stylish', 'json', 'github', 'sarif'];
  // The four whole reports come from one run over the plans (without workers): stylish with
  // --output-file, the others with --format name:path, each written whole by the same batch writer.
  // The plans: a sample of the fixtures (test/helpers.ts), every template and every rule; all 135
  // take some 11 s of CPU a run, and this file makes eleven runs.
  let ALL = '';
  let whole: { status: number | null; reports: Map<string, string> };
  beforeAll(() => {
    ALL = fixtureSample(mkTemp('plan-lint-stream-plans-'));
    expect(existsSync(join(ALL, 'rfc/valid/complete.md'))).toBe(true);
    const dir = mkTemp('plan-lint-stream-');
    const path = (format: string): string => join(dir, `report.${format}`);
    const r = cli(['-f', 'stylish', '--output-file', path('stylish'), ...FORMATS.slice(1).flatMap((f) => ['-f', `${f}:${path(f)}`]), '--concurrency', 'off', ALL]);
    whole = { status: r.status, reports: new Map(FORMATS.map((f) => [f, readFileSync(path(f), 'utf8')])) };
  });

  for (const format of FORMATS) {
    it(`${format}: standard output equals the report written whole with --output-file, with and without workers`, () => {
      const report = whole.reports.get(format) as string;
      expect(report.length).toBeGreaterThan(100);
      for (const concurrency of ['off', '2']) {
        const streamed = cli(['-f', format, '--concurrency', concurrency, ALL]);
        expect(streamed.status).toBe(whole.status);
        // The batch writer adds the final newline json lacks; the streamed json ends with it too.
        expect(streamed.stdout).toBe(report.endsWith('\n') || format !== 'json' ? report : `${report}\n`);
      }
    });
  }

  it('--quiet drops warnings in the streamed report as in the whole one', () => {
    const dir = mkTemp('plan-lint-stream-');
    const file = join(dir, 'report.json');
    cli(['-f', 'json', '--quiet', '--output-file', file, ALL]);
    const streamed = cli(['-f', 'json', '--quiet', ALL]);
    expect(streamed.stdout).toBe(`${readFileSync(file, 'utf8')}\n`);
    const results = JSON.parse(streamed.stdout) as Array<{ warningCount: number; messages: Array<{ severity: number }> }>;
    expect(results.every((r) => r.warningCount === 0 && r.messages.every((m) => m.severity === 2))).toBe(true);
  });

  it('the first file is reported while later files are still being linted', async () => {
    // Many copies of a defective plan, linted one after another. As soon as
    // the first block arrives the run is stopped: with a report written only
    // at the end there would be nothing left to stop.
    const dir = mkTemp('plan-lint-stream-many-');
    const plan = readFileSync(`${ROOT}fixtures/rfc/invalid/${FIRST_RFC}`, 'utf8');
    for (let i = 0; i < 150; i++) writeFileSync(join(dir, `plan-${String(i).padStart(3, '0')}.md`), plan);
    const child = spawn(process.execPath, [BIN, '--concurrency', 'off', '-s', 'rfc', dir], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      if (!out) child.kill('SIGTERM');
      out += d.toString('utf8');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_c, s) => resolve(s)));
    // Ended by SIGTERM itself (src/signals.ts; a shell reports 143).
    expect(signal).toBe('SIGTERM');
    expect(out).toContain('plan-000.md');
    expect(out).not.toContain('plan-149.md');
    expect(out).not.toMatch(/problems? \(/);
  });
});
