import { dirname, resolve } from 'node:path';
import { configFor, findConfig, loadConfigFile, type ConfigFile } from '../config/load.js';
import { resolveRules } from '../config/rules.js';
import { expandPatterns } from '../files.js';
import { getFormatter, formatters } from '../formatters/index.js';
import { filterChangedSince } from '../git.js';
import { fatalResult, lintFile, lintText } from '../index.js';
import type { LintOptions } from '../lint.js';
import { PlanLintError, loadTemplate } from '../schema/registry.js';
import type { LintResult } from '../types.js';
import { writeAtomic } from '../write.js';
import { UsageError, type CliIO } from './io.js';
import { runJobs, shard, type Job, type RunOptions } from '../runner.js';

function ignoredResult(file: string): LintResult {
  return {
    filePath: file,
    schema: null,
    messages: [{ ruleId: null, severity: 1, message: 'File ignored because of a matching "ignores" pattern in the config', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
  };
}

/** ESLint keeps its cache under node_modules/.cache too. */
export const DEFAULT_CACHE = 'node_modules/.cache/plan-lint/cache.json';

function parseConcurrency(v: string | undefined): RunOptions['concurrency'] {
  if (v === undefined || v === 'auto') return 'auto';
  if (v === 'off') return 'off';
  if (/^\d+$/.test(v) && Number(v) >= 1) return Number(v);
  throw new UsageError(`--concurrency takes auto, off or a number of workers, got "${v}"`);
}

export interface LintArgs {
  patterns?: string[];
  schema?: string;
  printConfig?: string;
  cache?: boolean;
  cacheLocation?: string;
  concurrency?: string;
  shard?: string;
  config?: string;
  format: string;
  outputFile?: string;
  force: boolean;
  maxWarnings?: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  changedSince?: string;
  color?: boolean;
  debug: boolean;
}

/** Per-file options: the CLI's flags over the config that applies to the file (discovered or --config). */
async function optionsFor(file: string, base: LintOptions, args: LintArgs, explicit: ConfigFile | null): Promise<{ options: LintOptions; ignored: boolean }> {
  const cfg = explicit ?? (await findConfig(dirname(file)));
  const fc = configFor(file, cfg);
  const options: LintOptions = { ...base, rules: fc.rules, candidates: fc.candidates };
  const schema = args.schema ?? fc.schema;
  if (schema) options.schema = schema;
  return { options, ignored: fc.ignored };
}

export async function lintCommand(args: LintArgs, io: CliIO): Promise<number> {
  const formatter = getFormatter(args.format);
  if (!formatter) throw new UsageError(`Unknown format "${args.format}"; use one of: ${Object.keys(formatters).join(', ')}`);
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < -1)) {
    throw new UsageError('--max-warnings takes a whole number');
  }
  const explicit = args.config ? await loadConfigFile(resolve(io.cwd, args.config), args.config) : null;
  if (args.printConfig) {
    const file = resolve(io.cwd, args.printConfig);
    const cfg = explicit ?? (await findConfig(dirname(file)));
    const fc = configFor(file, cfg);
    const rules = Object.fromEntries(resolveRules(fc.rules).map((r) => [r.rule.meta.id, [r.severity === 2 ? 'error' : 'warn', r.options]]));
    const shown = { file, config: fc.config, schema: args.schema ?? fc.schema ?? 'auto-detect', candidates: fc.candidates, rules, ignored: fc.ignored, because: fc.because };
    io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return 0;
  }
  let patterns = args.patterns ?? [];
  // `plan-lint -` reads standard input, as `--stdin` does.
  if (patterns.length === 1 && patterns[0] === '-') {
    patterns = [];
    args.stdin = true;
  }
  if (args.stdin && patterns.length) throw new UsageError('--stdin cannot be combined with file arguments');
  if (!args.stdin && !patterns.length) throw new UsageError('No files given; pass files, directories or globs (or --stdin)');
  if (args.stdin && args.changedSince !== undefined) throw new UsageError('--changed-since cannot be combined with --stdin');
  const base: LintOptions = { cwd: io.cwd, quiet: args.quiet };
  // A bad schema stops the run before any file, with exit 2 (bad configs throw when loaded).
  if (args.schema) loadTemplate(args.schema, io.cwd);

  const results: LintResult[] = [];
  if (args.stdin) {
    const name = args.stdinFilename ? resolve(io.cwd, args.stdinFilename) : '<stdin>';
    const { options } = await optionsFor(args.stdinFilename ? name : resolve(io.cwd, 'stdin.md'), base, args, explicit);
    results.push(lintText(await io.readStdin(), name, options));
  } else {
    // With --changed-since a pattern may well match no changed file: that is not an error.
    let { files } = await expandPatterns(patterns, io.cwd, args.changedSince !== undefined);
    if (args.changedSince !== undefined) files = await filterChangedSince(files, args.changedSince, io.cwd);
    let jobs: Job[] = [];
    const named = new Set(patterns.map((p) => resolve(io.cwd, p)));
    const skipped: LintResult[] = [];
    for (const f of files) {
      const { options, ignored } = await optionsFor(f, base, args, explicit);
      if (!ignored) jobs.push({ file: f, options });
      // As ESLint does: a file named on the command line but ignored by the config gets a warning.
      else if (named.has(f)) skipped.push(ignoredResult(f));
    }
    if (args.shard) {
      try {
        jobs = shard(jobs, args.shard, io.cwd);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
    const cacheFile = args.cache || args.cacheLocation ? resolve(io.cwd, args.cacheLocation ?? DEFAULT_CACHE) : undefined;
    const concurrency = parseConcurrency(args.concurrency);
    results.push(...skipped);
    results.push(...(await runJobs(jobs, { concurrency, ...(cacheFile ? { cacheFile } : {}), ...(io.workerScript ? { workerScript: io.workerScript } : {}) })));
  }
  if (args.quiet) {
    for (const r of results) {
      r.messages = r.messages.filter((m) => m.severity === 2);
      r.warningCount = 0;
    }
  }
  const color = args.color ?? (Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'] && !args.outputFile);
  const report = formatter(results, { color: args.outputFile ? false : color, cwd: io.cwd });
  if (args.outputFile) await writeAtomic(resolve(io.cwd, args.outputFile), report, args.force);
  else if (report) io.stdout.write(report.endsWith('\n') || args.format !== 'json' ? report : `${report}\n`);

  const fatal = results.some((r) => r.fatalErrorCount > 0);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (fatal) return 2;
  if (errors) return 1;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    io.stderr.write(`plan-lint found too many warnings (maximum: ${args.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
