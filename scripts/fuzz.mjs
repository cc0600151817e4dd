#!/usr/bin/env node
// npm run fuzz [-- RUNS]: the property tests of test/property.test.ts with a long
// budget (RUNS cases per property, default 5000; the costly properties run a
// fraction of it), split in two shards that run side by side, then a summary.
// FUZZ_SEED=<n> replays a run. docs/reliability.md records what runs found.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '5000';
if (!/^\d+$/.test(runs)) {
  console.error(`fuzz: RUNS must be a number, got "${runs}"`);
  process.exit(2);
}
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const shards = ['strings:|markdown:|line-endings:', 'template-shaped:|mutated:'];
const started = Date.now();

function shard(pattern) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', 'test/property.test.ts', '-t', pattern], {
      cwd: root,
      // Production builds of the dependencies, as users run them (see lintChecked in the test).
      env: { ...process.env, FUZZ_RUNS: runs, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => {
      const summaries = [...out.matchAll(/FUZZ-SUMMARY (\{.*\})/g)].map((m) => JSON.parse(m[1]));
      resolve({ code, summaries });
    });
  });
}

const results = await Promise.all(shards.map(shard));
const all = results.flatMap((r) => r.summaries);
const sum = (k) => all.reduce((n, s) => n + s[k], 0);
const merge = (k) => {
  const out = {};
  for (const s of all) for (const [name, n] of Object.entries(s[k])) out[name] = (out[name] ?? 0) + n;
  return out;
};
const failed = results.some((r) => r.code !== 0);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log('');
console.log(`fuzz: ${runs} runs per property (seeds ${all.map((s) => s.seed).join(', ')}), ${seconds} s`);
console.log(`fuzz: ${sum('cases')} cases, ${sum('lints')} lintText calls, ${sum('messages')} messages (${sum('fatal')} fatal), longest input ${Math.max(0, ...all.map((s) => s.longest))} chars`);
console.log(`fuzz: cases by property ${JSON.stringify(merge('byProperty'))}`);
console.log(`fuzz: messages by rule ${JSON.stringify(merge('byRule'))}`);
const dev = [...new Set(all.flatMap((s) => s.devAssertions ?? []))];
if (dev.length) console.log(`fuzz: upstream development assertions (the shipped build lints these): ${JSON.stringify(dev.slice(0, 5))}`);
console.log(`fuzz: ${failed ? 'FAILED: a property broke; the counterexample and its seed are above' : 'no property broke'}`);
process.exit(failed ? 1 : 0);
