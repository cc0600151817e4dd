/**
 * The GitHub Action (action.yml, `runs.using: node20`): bundled with
 * everything it needs into action/dist/index.js (scripts/bundle-action.mjs),
 * so the runner installs and builds nothing. One lint run writes every
 * report: annotations (workflow commands on standard output), the job
 * summary, a JSON report for the step outputs, and SARIF when asked for.
 * The same file is the lint pool's worker (src/runner.ts): with many plans
 * (as the CLI: 24 or more) the run lints them on two threads.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isMainThread, parentPort } from 'node:worker_threads';
import { run } from '../cli.js';
import { escapeData } from '../formatters/github.js';
import { packageVersion } from '../paths.js';
import { workerLoop } from '../runner.js';
import { InputError, booleanInput, fromFork, input, listInput } from './inputs.js';
import { runVersion } from './version.js';

const env = process.env;

/** A step output, in the runner's `name<<delimiter` form (safe for any value). */
function setOutput(name: string, value: string | number): void {
  const file = env['GITHUB_OUTPUT'];
  if (!file) return;
  const delimiter = `ghadelimiter_${randomBytes(8).toString('hex')}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

function appendSummary(text: string): void {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file) appendFileSync(file, text);
}

interface Counts {
  files: number;
  errors: number;
  warnings: number;
}

function readCounts(file: string): Counts | null {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { errorCount: number; warningCount: number }[];
    return { files: r.length, errors: r.reduce((n, x) => n + x.errorCount, 0), warnings: r.reduce((n, x) => n + x.warningCount, 0) };
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  let argv: string[];
  let patterns: string[];
  let failOnNoFiles: boolean;
  let sarifFile: string;
  let version: string;
  let untrusted = false;
  let why = '';
  try {
    patterns = listInput(env, 'files');
    if (!patterns.length) patterns = ['**/plan.md'];
    failOnNoFiles = booleanInput(env, 'fail-on-no-files', false);
    const strict = booleanInput(env, 'fail-on-warnings', false);
    // A stranger's pull request: plan-lint treats configs, schemas and caches as untrusted data.
    const fork = fromFork(env);
    untrusted = booleanInput(env, 'untrusted', fork);
    if (untrusted) env['PLAN_LINT_UNTRUSTED'] = '1';
    why = untrusted ? (input(env, 'untrusted') ? ' (untrusted: the untrusted input)' : ' (untrusted: a pull request from a fork)') : '';
    sarifFile = input(env, 'sarif-file');
    version = input(env, 'version');
    argv = [];
    const schema = input(env, 'schema');
    const config = input(env, 'config');
    const changedSince = input(env, 'changed-since');
    const cacheLocation = input(env, 'cache-location');
    if (schema) argv.push('--schema', schema);
    if (config) argv.push('--config', config);
    if (changedSince) argv.push('--changed-since', changedSince);
    if (cacheLocation) argv.push('--cache', '--cache-location', cacheLocation);
    if (strict) argv.push('--max-warnings', '0');
    if (!failOnNoFiles) argv.push('--no-error-on-unmatched-pattern');
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stdout.write(`::error title=plan-lint::${escapeData(err.message)}\n`);
    setOutput('exit-code', 2);
    return 2;
  }

  const temp = mkdtempSync(join(env['RUNNER_TEMP'] || tmpdir(), 'plan-lint-'));
  try {
    const summaryFile = join(temp, 'summary.md');
    const jsonFile = join(temp, 'report.json');
    argv.push('--format', 'github', '--format', `summary:${summaryFile}`, '--format', `json:${jsonFile}`);
    if (sarifFile) {
      mkdirSync(dirname(resolve(workspace, sarifFile)), { recursive: true });
      argv.push('--format', `sarif:${sarifFile}`);
    }
    // `--`: the files input may hold names from a pull request (a changed-files list); none becomes an option.
    argv.push('--', ...patterns);

    let stderr = '';
    let status: number;
    if (version) {
      status = runVersion(version, argv, workspace, temp, (s) => (stderr += s));
    } else {
      process.stdout.write(`plan-lint ${packageVersion()} on Node.js ${process.version}${why}\n`);
      // The runner has no node_modules for ajv's runtime: compiled user schemas are not cached on disk.
      env['PLAN_LINT_CACHE_DIR'] ||= 'off';
      status = await run(argv, {
        stdout: process.stdout,
        stderr: { write: (s: string) => (stderr += s) },
        readStdin: () => Promise.resolve(''),
        cwd: workspace,
        env,
        // This bundle is also the pool's worker (below).
        workerScript: new URL(import.meta.url),
      });
    }
    if (stderr) process.stderr.write(stderr);
    const firstLine = stderr.split('\n')[0] ?? '';
    if (status === 2 && firstLine) process.stdout.write(`::error title=plan-lint::${escapeData(firstLine)}\n`);

    const counts = readCounts(jsonFile);
    if (counts && counts.files === 0) {
      if (failOnNoFiles) {
        process.stdout.write(`::error title=plan-lint::No plan matched ${escapeData(patterns.join(' '))}\n`);
        status = 2;
      } else {
        process.stdout.write(`::notice title=plan-lint::No plan matched ${escapeData(patterns.join(' '))}; nothing to lint\n`);
      }
    }
    let summary = '';
    try {
      summary = readFileSync(summaryFile, 'utf8');
    } catch {
      summary = '';
    }
    if (!summary) summary = `## plan-lint\n\n⛔ plan-lint could not run (exit code ${status}): ${firstLine}\n`;
    appendSummary(summary.endsWith('\n') ? summary : `${summary}\n`);

    setOutput('errors', counts?.errors ?? 0);
    setOutput('warnings', counts?.warnings ?? 0);
    setOutput('files', counts?.files ?? 0);
    if (sarifFile) setOutput('sarif-file', sarifFile);
    setOutput('exit-code', status);
    return status;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (!isMainThread && parentPort) {
  workerLoop(parentPort);
} else {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stdout.write(`::error title=plan-lint::${escapeData(`internal error: ${(err as Error).message}`.split('\n')[0] ?? '')}\n`);
      process.exitCode = 2;
    },
  );
}
