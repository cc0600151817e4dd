/**
 * npm run bench: whole-process timings with medians of several runs, tools
 * alternating within each run, ratios against markdownlint-cli2 (default
 * config) and a bare unified + remark-parse + remark-gfm parse of the same
 * files, all in the same session. Writes bench/results.md. No timing goes
 * into the test suite.
 *
 * BENCH_RUNS (default 5; 3 for the 2,000-plan case, 4x for the one-plan cases), BENCH_SKIP_2000=1 to skip the big case,
 * BENCH_ONLY=one,folder,... to run only the cases whose names contain one of these words.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { makeCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** One-plan cases take a fifth of a second, where a busy moment of a shared machine weighs most: more runs, same cost. */
const SHORT_RUNS = 4 * RUNS;
if (!existsSync(`${root}dist/bin.js`)) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const node = process.execPath;
const planLint = `${root}dist/bin.js`;
const mdl = `${root}node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs`;
const parseOnly = `${root}bench/parse-only.mjs`;
// A neutral working directory: no project config for any tool.
const work = mkdtempSync(join(os.tmpdir(), 'plan-lint-bench-'));
const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(', ');

/** One whole process: wall seconds, user+sys CPU seconds, peak RSS in MB. */
function measure(cmd, args, env = {}, opts = {}) {
  const argv = TIME ? ['-f', '%e %U %S %M', cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME ?? cmd, argv, { cwd: opts.cwd ?? work, encoding: 'utf8', maxBuffer: 1 << 30, env: opts.replaceEnv ? env : { ...process.env, ...env } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr.slice(-500)}`);
  const last = TIME ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : null;
  return { wall, cpu: last ? last[1] + last[2] : NaN, rss: last ? last[3] / 1024 : NaN };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((w) => w.trim()).filter(Boolean) : null;

function bench(name, tools, runs) {
  if (ONLY && !ONLY.some((w) => name.includes(w))) return { name, runs: 0, m: {} };
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [k, t] of Object.entries(tools)) {
      t.before?.();
      samples[k].push(measure(...t.cmd, t.env, t));
    }
  }
  const m = Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, { wall: median(v.map((s) => s.wall)), cpu: median(v.map((s) => s.cpu)), rss: Math.max(...v.map((s) => s.rss)) }]),
  );
  const line = Object.entries(m).map(([k, v]) => `${k} ${v.wall.toFixed(2)} s`).join(', ');
  console.log(`${name}: ${line}`);
  return { name, runs, m };
}

const c200 = join(work, 'corpus-200');
const files200 = makeCorpus(root, c200, 200);
const bytes = (fs) => fs.reduce((n, f) => n + readFileSync(f).length, 0);
const sizes = files200.map((f) => readFileSync(f).length).sort((a, b) => a - b);
const one = files200[files200.findIndex((f) => Math.abs(readFileSync(f).length - 12000) < 3000)] ?? files200[0];
const rows = [];

rows.push(
  bench('one plan, cold start', {
    'plan-lint': { cmd: [node, [planLint, '-f', 'json', one]] },
    'plan-lint, no code cache': { cmd: [node, [planLint, '-f', 'json', one]], env: { PLAN_LINT_CODE_CACHE: 'off' } },
    'markdownlint-cli2': { cmd: [node, [mdl, one]] },
    'bare parse': { cmd: [node, [parseOnly, one]] },
  }, SHORT_RUNS),
);
// The same cold start in the other call shapes: the plan's folder, a glob, and
// three plans named one by one as pre-commit passes staged files.
const oneDir = join(work, 'one-dir');
mkdirSync(oneDir);
copyFileSync(one, join(oneDir, 'plan.md'));
const three = files200.filter((f) => f !== one).slice(0, 3);
rows.push(
  bench('one plan as a folder', {
    'plan-lint': { cmd: [node, [planLint, '-f', 'json', oneDir]] },
    'markdownlint-cli2': { cmd: [node, [mdl, `${oneDir}/**/*.md`]] },
  }, SHORT_RUNS),
);
rows.push(
  bench('one plan as a glob', {
    'plan-lint': { cmd: [node, [planLint, '-f', 'json', `${oneDir}/*.md`]] },
    'markdownlint-cli2': { cmd: [node, [mdl, `${oneDir}/*.md`]] },
  }, SHORT_RUNS),
);
rows.push(
  bench('three plans as pre-commit passes them', {
    'plan-lint': { cmd: [node, [planLint, '-f', 'json', '--', ...three]] },
    'markdownlint-cli2': { cmd: [node, [mdl, ...three]] },
  }, SHORT_RUNS),
);
// The GitHub Action as the runner starts it (action.yml runs.main: node on the
// committed bundle, inputs as INPUT_* variables, GITHUB_* files) on 50 plans
// (five of them defective), writing annotations, the job summary and SARIF;
// beside it the CLI asked for the same reports.
const action = `${root}${/^\s*main:\s*(\S+)/m.exec(readFileSync(`${root}action.yml`, 'utf8'))[1]}`;
const ws = join(work, 'action-workspace');
for (let i = 1; i <= 50; i++) {
  mkdirSync(join(ws, 'specs', String(i).padStart(3, '0')), { recursive: true });
  copyFileSync(`${root}fixtures/rfc/${i % 10 === 0 ? 'invalid/multiple-defects' : 'valid/complete'}.md`, join(ws, 'specs', String(i).padStart(3, '0'), 'plan.md'));
}
const runner = join(work, 'runner');
const runnerEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|PLAN_LINT_)/.test(k))),
  ...Object.fromEntries(Object.entries(parseYaml(readFileSync(`${root}action.yml`, 'utf8')).inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v.default ?? ''])),
  'INPUT_SARIF-FILE': 'reports/plan-lint.sarif',
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: ws,
  GITHUB_OUTPUT: join(runner, 'output'),
  GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: join(runner, 'event.json'),
  RUNNER_TEMP: runner,
};
const freshRunner = () => {
  rmSync(runner, { recursive: true, force: true });
  mkdirSync(runner);
  writeFileSync(join(runner, 'event.json'), '{}');
};
rows.push(
  bench('the Action on 50 plans', {
    'plan-lint Action': { cmd: [node, [action]], env: runnerEnv, cwd: ws, replaceEnv: true, before: freshRunner },
    // The summary is Markdown: a report that plan-lint refuses to replace (without --force), so it goes first.
    'plan-lint CLI, same reports': { before: () => rmSync(join(work, 'summary.md'), { force: true }), cmd: [node, [planLint, '-f', 'github', '-f', `summary:${join(work, 'summary.md')}`, '-f', `json:${join(work, 'report.json')}`, '-f', `sarif:${join(work, 'report.sarif')}`, '**/plan.md']], cwd: ws },
  }, RUNS),
);
// A plan of 4,000 one-item lists between paragraphs (~94 KB): quadratic with
// micromark 4.0.3 / micromark-core-commonmark 2.0.4 (README, "The micromark pin").
const listHeavy = join(work, 'list-heavy.md');
writeFileSync(listHeavy, `# List-heavy plan\n\n${Array.from({ length: 4000 }, (_, i) => `- Item ${i}\n\nText ${i}\n\n`).join('')}`);
rows.push(
  bench('list-heavy plan', {
    'plan-lint': { cmd: [node, [planLint, '-f', 'json', listHeavy]] },
    'markdownlint-cli2': { cmd: [node, [mdl, listHeavy]] },
    'bare parse': { cmd: [node, [parseOnly, listHeavy]] },
  }, RUNS),
);
rows.push(
  bench('200 plans', {
    'plan-lint': { cmd: [node, [planLint, '-f', 'json', c200]] },
    'plan-lint, one thread': { cmd: [node, [planLint, '--concurrency', 'off', '-f', 'json', c200]] },
    'markdownlint-cli2': { cmd: [node, [mdl, `${c200}/*.md`]] },
    'bare parse': { cmd: [node, [parseOnly, c200]] },
  }, RUNS),
);
// A user schema (generated from a complete plan, as a team would from its template):
// compiled at every start without the schema cache, loaded from it when warm.
const userSchema = join(work, 'user.schema.json');
measure(node, [planLint, 'schema', 'generate', `${root}fixtures/rfc/valid/complete.md`, '-o', userSchema]);
const schemaCache = join(work, 'schema-cache');
if (!ONLY || ONLY.some((w) => 'one plan, user schema'.includes(w))) measure(node, [planLint, '-s', userSchema, '-f', 'json', one], { PLAN_LINT_CACHE_DIR: schemaCache });
rows.push(
  bench('one plan, user schema', {
    'plan-lint, schema cache off': { cmd: [node, [planLint, '-s', userSchema, '-f', 'json', one]], env: { PLAN_LINT_CACHE_DIR: 'off' } },
    'plan-lint, schema cache warm': { cmd: [node, [planLint, '-s', userSchema, '-f', 'json', one]], env: { PLAN_LINT_CACHE_DIR: schemaCache } },
  }, SHORT_RUNS),
);
const cacheFile = join(work, 'cache.json');
if (!ONLY || ONLY.some((w) => '200 plans, warm cache'.includes(w))) measure(node, [planLint, '--cache', '--cache-location', cacheFile, '-f', 'json', c200]);
rows.push(
  bench('200 plans, warm cache', {
    'plan-lint --cache (warm)': { cmd: [node, [planLint, '--cache', '--cache-location', cacheFile, '-f', 'json', c200]] },
  }, RUNS),
);
let files2000 = [];
if (!process.env.BENCH_SKIP_2000 && (!ONLY || ONLY.some((w) => '2,000 plans'.includes(w)))) {
  const c2000 = join(work, 'corpus-2000');
  files2000 = makeCorpus(root, c2000, 2000, 7);
  rows.push(
    bench('2,000 plans', {
      'plan-lint': { cmd: [node, [planLint, '-f', 'json', c2000]] },
      'markdownlint-cli2': { cmd: [node, [mdl, `${c2000}/*.md`]] },
      'bare parse': { cmd: [node, [parseOnly, c2000]] },
    }, Math.min(RUNS, 3)),
  );
}
const real = join(root, '..', 'shared', 'corpus', 'real-plans');
if (existsSync(real)) {
  rows.push(
    bench(`real plans (${readdirSync(real).length} files)`, {
      'plan-lint': { cmd: [node, [planLint, '-f', 'json', real]] },
      'markdownlint-cli2': { cmd: [node, [mdl, `${real}/*.md`]] },
      'bare parse': { cmd: [node, [parseOnly, real]] },
    }, RUNS),
  );
}

const get = (row, k) => rows.find((r) => r.name === row)?.m[k];
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : 'n/a');
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const version = (p) => JSON.parse(readFileSync(`${root}node_modules/${p}/package.json`, 'utf8')).version;
const checks = [
  ['one-plan cold start (a file) vs markdownlint-cli2', ratio(get('one plan, cold start', 'plan-lint')?.wall, get('one plan, cold start', 'markdownlint-cli2')?.wall), '<= 0.45'],
  ['one plan as a folder vs markdownlint-cli2', ratio(get('one plan as a folder', 'plan-lint')?.wall, get('one plan as a folder', 'markdownlint-cli2')?.wall), '<= 0.45'],
  ['one plan as a glob vs markdownlint-cli2', ratio(get('one plan as a glob', 'plan-lint')?.wall, get('one plan as a glob', 'markdownlint-cli2')?.wall), '<= 0.45'],
  ['three plans (pre-commit) vs markdownlint-cli2', ratio(get('three plans as pre-commit passes them', 'plan-lint')?.wall, get('three plans as pre-commit passes them', 'markdownlint-cli2')?.wall), '<= 0.45'],
  ['the Action on 50 plans, wall (s)', get('the Action on 50 plans', 'plan-lint Action')?.wall?.toFixed(2) ?? 'n/a', '<= 3 (quiet machine)'],
  ['list-heavy plan, plan-lint wall (s)', get('list-heavy plan', 'plan-lint')?.wall?.toFixed(2) ?? 'n/a', '<= 2'],
  ['200 plans wall vs markdownlint-cli2', ratio(get('200 plans', 'plan-lint')?.wall, get('200 plans', 'markdownlint-cli2')?.wall), '<= 0.65'],
  ['200 plans single-threaded CPU vs bare parse', ratio(get('200 plans', 'plan-lint, one thread')?.cpu, get('200 plans', 'bare parse')?.cpu), '<= 1.1'],
  ['one-plan cold start: code cache vs none', ratio(get('one plan, cold start', 'plan-lint')?.wall, get('one plan, cold start', 'plan-lint, no code cache')?.wall), '(no target)'],
  ['one plan, user schema: warm schema cache vs none', ratio(get('one plan, user schema', 'plan-lint, schema cache warm')?.wall, get('one plan, user schema', 'plan-lint, schema cache off')?.wall), '(no target)'],
  ['200 plans warm cache vs cold run', ratio(get('200 plans, warm cache', 'plan-lint --cache (warm)')?.wall, get('200 plans', 'plan-lint')?.wall), '<= 0.05'],
  ['peak RSS on 2,000 plans (MB)', get('2,000 plans', 'plan-lint')?.rss?.toFixed(0) ?? 'n/a', '<= 500'],
];
const md = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Whole processes (\`/usr/bin/time\`), the tools
alternating within each run; medians of the runs (peak RSS: the maximum).

- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}; load average at the start ${loadAtStart}, at the end ${os.loadavg().map((x) => x.toFixed(1)).join(', ')} (a shared machine: other work runs beside the bench)
- Node ${process.version}; plan-lint ${pkg.version}; markdownlint-cli2 ${version('markdownlint-cli2')}; unified ${version('unified')}, remark-parse ${version('remark-parse')}, remark-gfm ${version('remark-gfm')}
- Corpus: generated by \`bench/corpus.mjs\` from the five template families' complete plans: 200 plans, ${(bytes(files200) / 1e6).toFixed(2)} MB, sizes ${(sizes[0] / 1e3).toFixed(0)}-${(sizes[sizes.length - 1] / 1e3).toFixed(0)} KB, median ${(sizes[100] / 1e3).toFixed(1)} KB${files2000.length ? `; 2,000 plans, ${(bytes(files2000) / 1e6).toFixed(1)} MB` : ''}; one plan for the cold start: ${(readFileSync(one).length / 1e3).toFixed(1)} KB

## Targets

| check | measured | target |
|---|---:|---|
${checks.map((c) => `| ${c[0]} | ${c[1]} | ${c[2]} |`).join('\n')}

## Figures

| case | tool | runs | wall (s) | CPU (s) | peak RSS (MB) |
|---|---|---:|---:|---:|---:|
${rows.filter((r) => r.runs).flatMap((r) => Object.entries(r.m).map(([k, v]) => `| ${r.name} | ${k} | ${r.runs} | ${v.wall.toFixed(2)} | ${v.cpu.toFixed(2)} | ${v.rss.toFixed(0)} |`)).join('\n')}

## Commands

- plan-lint: \`node dist/bin.js -f json <dir>\` (\`--concurrency off\` for one thread; \`PLAN_LINT_CODE_CACHE=off\`: without the V8 code caches the build makes; \`--cache --cache-location <file>\` warm: the cache was filled by the earlier run of the same case; user schema: \`-s user.schema.json\` made by \`plan-lint schema generate fixtures/rfc/valid/complete.md\`, with \`PLAN_LINT_CACHE_DIR=off\` or a cache directory filled by an earlier run)
- markdownlint-cli2: \`markdownlint-cli2 "<dir>/*.md"\` (default config); one plan as a folder: \`plan-lint <dir>\` against \`markdownlint-cli2 "<dir>/**/*.md"\`; as a glob: both \`"<dir>/*.md"\`; pre-commit: both given the three paths (plan-lint after \`--\`, as its hook passes them)
- bare parse: \`node bench/parse-only.mjs <dir>\` (unified + remark-parse + remark-gfm, nothing else)
`;
writeFileSync(`${root}bench/results.md`, md);
rmSync(work, { recursive: true, force: true });
console.log('wrote bench/results.md');
