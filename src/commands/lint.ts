import { realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { configFor, findConfig, loadConfigFile, type ConfigFile } from '../config/load.js';
import { resolveRules } from '../config/rules.js';
import { expandPatterns } from '../files.js';
import { getFormatter, formatters, streamingFormatters } from '../formatters/index.js';
import { filterChangedSince } from '../git.js';
import { fatalResult, lintText } from '../index.js';
import type { LintOptions } from '../lint.js';
import { PlanLintError, loadTemplate } from '../schema/registry.js';
import type { LintResult } from '../types.js';
import { checkWritable, writeAtomic } from '../write.js';
import { DEFAULT_MAX_FILE_SIZE, InputError, parseSize, textProblem, tooLargeMessage } from '../read.js';
import { UsageError, type CliIO } from './io.js';
import { runJobs, shard, type Job, type RunOptions } from '../runner.js';
import { cacheFileRefusal, defaultResultsFile } from '../user-cache.js';
import { escapeJson } from '../escape.js';

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
  /** `--max-file-size`: bytes or a size with a unit (`2mb`); 0 for no limit. */
  maxFileSize?: string | number;
  /** `--no-error-on-unmatched-pattern` sets this to false. */
  errorOnUnmatchedPattern?: boolean;
}

/** Files above this size are linted in a worker thread, so that Ctrl-C (handled on the main thread) stays prompt. */
export const LARGE_FILE = 128 * 1024;

/** A flag given twice reaches us as an array, one given without its value as ''; both are usage mistakes. */
function checkSingleValues(args: LintArgs): void {
  const flags: [keyof LintArgs, string][] = [
    ['format', '--format'],
    ['schema', '--schema'],
    ['config', '--config'],
    ['outputFile', '--output-file'],
    ['maxWarnings', '--max-warnings'],
    ['maxFileSize', '--max-file-size'],
    ['stdinFilename', '--stdin-filename'],
    ['cacheLocation', '--cache-location'],
  ];
  for (const [key, flag] of flags) {
    const v = args[key];
    if (Array.isArray(v)) throw new UsageError(`${flag} was given more than once`);
    if (v === '') throw new UsageError(`${flag} needs a value`);
  }
  if (args.stdinFilename !== undefined && !args.stdin) throw new UsageError('--stdin-filename needs --stdin');
}

/**
 * Before linting: files over `max` bytes get their fatal result here (no job);
 * `large` tells whether any remaining file is big enough to lint off the main thread.
 */
async function preflight(jobs: Job[], max: number): Promise<{ run: Job[]; oversized: Map<string, LintResult>; large: boolean }> {
  const sizes = await Promise.all(jobs.map((j) => stat(j.file).then((st) => (st.isFile() ? st.size : 0), () => 0)));
  const oversized = new Map<string, LintResult>();
  const run: Job[] = [];
  let large = false;
  jobs.forEach((j, k) => {
    const size = sizes[k] as number;
    if (max > 0 && size > max) oversized.set(j.file, fatalResult(j.file, tooLargeMessage(size, max)));
    else {
      run.push(j);
      if (size > LARGE_FILE) large = true;
    }
  });
  return { run, oversized, large };
}

/** The report must never replace a plan: refuse an --output-file that is one of the inputs. */
async function checkNotInput(out: string, inputs: string[]): Promise<void> {
  const real = await realpath(out).catch(() => null);
  if (!real) return;
  for (const f of inputs) {
    if (f === out || (await realpath(f).catch(() => null)) === real) {
      throw new PlanLintError(`Refusing to write the report to ${out}: it is one of the files being linted`);
    }
  }
}

/**
 * The `--cache` file: `--cache-location` (refused unless it is a new file or
 * a plan-lint cache, and never one of the inputs), else one per working
 * directory in the user's cache folder (src/user-cache.ts); undefined when
 * there is none.
 */
function cacheLocation(location: string | undefined, io: CliIO, inputs: string[]): string | undefined {
  if (location === undefined) return defaultResultsFile(io.cwd, io.env) ?? undefined;
  const file = resolve(io.cwd, location);
  if (inputs.includes(file)) throw new PlanLintError(`Refusing to use ${location} as the cache: it is one of the files being linted`);
  const refusal = cacheFileRefusal(file);
  if (refusal) throw new PlanLintError(refusal);
  return file;
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
  checkSingleValues(args);
  const formatter = getFormatter(args.format);
  if (!formatter) throw new UsageError(`Unknown format "${args.format}"; use one of: ${Object.keys(formatters).join(', ')}`);
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < -1)) {
    throw new UsageError('--max-warnings takes a whole number');
  }
  const maxFileSize = args.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(args.maxFileSize);
  if (maxFileSize === null) throw new UsageError(`--max-file-size takes a size such as 500kb or 2mb (0: no limit), got "${String(args.maxFileSize)}"`);
  const outputFile = args.outputFile ? resolve(io.cwd, args.outputFile) : null;
  // Refuse to overwrite before doing the work, not after.
  const refusal = outputFile ? await checkWritable(outputFile, args.force) : null;
  if (refusal) throw new PlanLintError(refusal);
  const explicit = args.config ? await loadConfigFile(resolve(io.cwd, args.config), args.config) : null;
  if (args.printConfig) {
    const file = resolve(io.cwd, args.printConfig);
    const cfg = explicit ?? (await findConfig(dirname(file)));
    const fc = configFor(file, cfg);
    const rules = Object.fromEntries(resolveRules(fc.rules).map((r) => [r.rule.meta.id, [r.severity === 2 ? 'error' : 'warn', r.options]]));
    const shown = { file, config: fc.config, schema: args.schema ?? fc.schema ?? 'auto-detect', candidates: fc.candidates, rules, ignored: fc.ignored, because: fc.because };
    io.stdout.write(`${escapeJson(JSON.stringify(shown, null, 2))}\n`);
    return 0;
  }
  const patterns = args.patterns ?? [];
  if (args.stdin && patterns.length) throw new UsageError('--stdin cannot be combined with file arguments');
  if (!args.stdin && !patterns.length) throw new UsageError('No files given; pass files, directories or globs (or --stdin)');
  if (args.stdin && args.changedSince !== undefined) throw new UsageError('--changed-since cannot be combined with --stdin');
  // maxFileSize is read by lintFile (src/index.ts).
  const base: LintOptions = { cwd: io.cwd, quiet: args.quiet, maxFileSize };
  // A bad schema stops the run before any file, with exit 2 (bad configs throw when loaded).
  if (args.schema) loadTemplate(args.schema, io.cwd);

  const results: LintResult[] = [];
  const color = args.color ?? (Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'] && !args.outputFile);
  const ctx = { color: args.outputFile ? false : color, cwd: io.cwd };
  // Results stream out per file, in input order, for the formats that allow it
  // (stylish, json, github) when writing to standard output; an --output-file is written whole, atomically.
  const stream = outputFile ? undefined : streamingFormatters[args.format];
  const write = (s: string): void => {
    if (s) io.stdout.write(s);
  };
  if (stream) write(stream.open(ctx));
  /** Every result passes here once, in report order. */
  const emit = (result: LintResult): void => {
    // A copy: the result itself may be on its way into the cache.
    const r = args.quiet ? { ...result, messages: result.messages.filter((m) => m.severity === 2), warningCount: 0 } : result;
    if (stream) write(stream.file(r, ctx, results.length));
    results.push(r);
  };
  if (args.stdin) {
    const name = args.stdinFilename ? resolve(io.cwd, args.stdinFilename) : '<stdin>';
    const { options } = await optionsFor(args.stdinFilename ? name : resolve(io.cwd, 'stdin.md'), base, args, explicit);
    if (outputFile && args.stdinFilename) await checkNotInput(outputFile, [name]);
    emit(await lintStdin(io, name, options, maxFileSize));
  } else {
    // With --changed-since a pattern may well match no changed file: that is not an error.
    let { files } = await expandPatterns(patterns, io.cwd, args.changedSince !== undefined || args.errorOnUnmatchedPattern === false);
    if (outputFile) await checkNotInput(outputFile, files);
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
    const cacheFile = args.cache || args.cacheLocation ? cacheLocation(args.cacheLocation, io, files) : undefined;
    let concurrency = parseConcurrency(args.concurrency);
    const { run, oversized, large } = await preflight(jobs, maxFileSize);
    // A JavaScript SIGINT handler cannot run while the main thread parses a big plan; a worker keeps Ctrl-C prompt.
    if (concurrency === 'auto' && large && io.workerScript) concurrency = Math.max(1, Math.min(2, availableParallelism(), run.length));
    skipped.forEach(emit);
    // Jobs in order: an oversized file's result is known already; the others come from the run, in order.
    let at = 0;
    const linted: LintResult[] = [];
    const flush = (): void => {
      for (; at < jobs.length; at++) {
        const o = oversized.get((jobs[at] as Job).file);
        if (o) emit(o);
        else if (linted.length) emit(linted.shift() as LintResult);
        else break;
      }
    };
    flush();
    await runJobs(run, {
      concurrency,
      ...(cacheFile ? { cacheFile } : {}),
      ...(base.untrusted ? { untrusted: true } : {}),
      ...(io.workerScript ? { workerScript: io.workerScript } : {}),
      onResult: (_k, r) => {
        linted.push(r);
        flush();
      },
    });
  }
  if (stream) write(stream.close(results, ctx));
  else {
    const report = formatter(results, ctx);
    if (outputFile) await writeAtomic(outputFile, report, args.force);
    else if (report) io.stdout.write(report.endsWith('\n') || args.format !== 'json' ? report : `${report}\n`);
  }

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

/** Standard input, read and checked like a file: too large, binary or mis-encoded input is a fatal result, not a crash. */
async function lintStdin(io: CliIO, name: string, options: LintOptions, maxFileSize: number): Promise<LintResult> {
  let text: string;
  try {
    text = await (io.readStdin as (maxBytes?: number) => Promise<string>)(maxFileSize);
  } catch (err) {
    if (err instanceof InputError) return fatalResult(name, err.message);
    throw err;
  }
  const size = Buffer.byteLength(text, 'utf8');
  if (maxFileSize > 0 && size > maxFileSize) return fatalResult(name, tooLargeMessage(size, maxFileSize).replace('File too large', 'Input too large'));
  const problem = textProblem(text);
  if (problem) return fatalResult(name, problem);
  try {
    return lintText(text, name, options);
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    const e = err as Error;
    return fatalResult(name, e instanceof RangeError && /call stack/i.test(e.message) ? 'Nesting too deep to lint' : `Internal error while linting: ${e.message.split('\n')[0]}`);
  }
}
