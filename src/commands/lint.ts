import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { configOf, ignoredResult, planFiles, schemaFromCaller, settingsFor } from '../config/resolve.js';
import { refuseUndecidedPatterns } from '../regex-safety.js';
import { resolveRules } from '../config/rules.js';
import { refuseCodeConfigs } from '../config/load.js';
import { expandPatterns } from '../files.js';
import { filterChangedSince } from '../git.js';
import { fatalResult } from '../lint.js';
import { openSession, present, type Session } from '../session.js';
import type { BaselineMode } from '../baseline/run.js';
import type { LintOptions } from '../lint.js';
import { PlanLintError, loadTemplate } from '../schema/registry.js';
import { canonicalName, isBuiltin } from '../schema/builtins.js';
import type { LintResult } from '../types.js';
import { writeAtomic } from '../write.js';
import { writeFixed } from '../fix/write.js';
import { checkNotInputs, checkOutputs, parseOutputs, streamFor } from './outputs.js';
import { ignoredBy } from '../ignore.js';
import { DEFAULT_MAX_FILE_SIZE, InputError, parseSize, textProblem, tooLargeMessage } from '../read.js';
import { UsageError, type CliIO } from './io.js';
import { runJobs, shard, type Job, type RunOptions } from '../runner.js';
import { DEFAULT_MAX_FILE_TIME } from '../budget.js';
import { cacheFileRefusal, defaultResultsFile } from '../user-cache.js';
import { errorLine, escapeJson } from '../escape.js';
import { outsideRepository } from '../project-root.js';


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
  /** One format, or several (`--format` repeated); each `name` or `name:path`. */
  format?: string | string[];
  outputFile?: string;
  /** `--no-inline-config` sets this to false: `<!-- plan-lint-disable -->` comments are ignored. */
  inlineConfig?: boolean;
  /** `--ignore-pattern`, repeatable: globs (from the working directory) of files not to lint. */
  ignorePattern?: string | string[];
  force: boolean;
  maxWarnings?: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  changedSince?: string;
  color?: boolean;
  debug: boolean;
  /** `--max-file-size`: bytes or a size with a unit (`2mb`); 0 for no limit. */
  maxFileSize?: string | number;
  /** `--max-file-time`: seconds a file may take (0: no limit; default DEFAULT_MAX_FILE_TIME). */
  maxFileTime?: string | number;
  /** `--no-error-on-unmatched-pattern` sets this to false. */
  errorOnUnmatchedPattern?: boolean;
  /** `--no-gitignore` sets this to false: folder walks then include the files git ignores. */
  gitignore?: boolean;
  /** `--no-baseline` sets this to false. */
  baseline?: boolean;
  /** `--untrusted` (or PLAN_LINT_UNTRUSTED=1): no code configs, no cache reads (docs/security.md). */
  untrusted?: boolean;
  baselineWrite?: boolean;
  baselinePrune?: boolean;
  baselineLocation?: string;
}

/** A deprecated schema name (`speckit`) works, and says so on stderr once per run. */
function deprecationNotice(io: CliIO): (schema: string) => string {
  const said = new Set<string>();
  return (schema) => {
    const now = canonicalName(schema);
    if (now !== schema && !said.has(schema)) {
      said.add(schema);
      io.stderr.write(`plan-lint: the schema name "${schema}" is deprecated (it is not GitHub spec-kit's template): use "${now}" (or the preset "speckit-plan" for spec-kit's plan.md)\n`);
    }
    return now;
  };
}

/** Files above this size are linted in a worker thread, so that Ctrl-C (handled on the main thread) stays prompt. */
export const LARGE_FILE = 128 * 1024;

/** `--max-file-time <seconds>` in milliseconds (0: no limit). */
function parseFileTime(v: string | number | undefined): number {
  if (v === undefined) return DEFAULT_MAX_FILE_TIME * 1000;
  const n = Number(v);
  if (String(v).trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--max-file-time takes a number of seconds (0: no limit), got "${String(v)}"`);
  return Math.round(n * 1000);
}

/** A flag given twice reaches us as an array, one given without its value as ''; both are usage mistakes. */
function checkSingleValues(args: LintArgs): void {
  const flags: [keyof LintArgs, string][] = [
    ['schema', '--schema'],
    ['config', '--config'],
    ['outputFile', '--output-file'],
    ['maxWarnings', '--max-warnings'],
    ['maxFileSize', '--max-file-size'],
    ['maxFileTime', '--max-file-time'],
    ['stdinFilename', '--stdin-filename'],
    ['cacheLocation', '--cache-location'],
    ['baselineLocation', '--baseline-location'],
  ];
  for (const [key, flag] of flags) {
    const v = args[key];
    if (Array.isArray(v)) throw new UsageError(`${flag} was given more than once`);
    if (v === '') throw new UsageError(`${flag} needs a value`);
  }
  if (args.stdinFilename !== undefined && !args.stdin) throw new UsageError('--stdin-filename needs --stdin');
  const change = args.baselineWrite ? '--baseline-write' : args.baselinePrune ? '--baseline-prune' : null;
  if (args.baselineWrite && args.baselinePrune) throw new UsageError('--baseline-write and --baseline-prune cannot be combined');
  if (change && args.baseline === false) throw new UsageError(`${change} cannot be combined with --no-baseline`);
  if (args.baselineLocation !== undefined && args.baseline === false) throw new UsageError('--baseline-location cannot be combined with --no-baseline');
  // Both record every finding of the files linted: warnings left out by --quiet would be taken for fixed.
  if (change && args.quiet) throw new UsageError(`${change} cannot be combined with --quiet`);
  if (change && args.stdin) throw new UsageError(`${change} cannot be combined with --stdin`);
}

function baselineMode(args: LintArgs): BaselineMode {
  return args.baselineWrite ? 'write' : args.baselinePrune ? 'prune' : 'apply';
}

/**
 * Before linting: files over `max` bytes get their fatal result here (no job);
 * `large` tells whether any remaining file is big enough to lint off the main thread.
 */
async function preflight(jobs: Job[], max: number, untrusted: string | null): Promise<{ run: Job[]; oversized: Map<string, LintResult>; large: boolean }> {
  const sizes = await Promise.all(jobs.map((j) => stat(j.file).then((st) => (st.isFile() ? st.size : 0), () => 0)));
  const oversized = new Map<string, LintResult>();
  const run: Job[] = [];
  let large = false;
  jobs.forEach((j, k) => {
    const size = sizes[k] as number;
    // Untrusted mode (`untrusted`: the working directory): a link out of the repository is not read.
    const out = untrusted === null ? null : outsideRepository(j.file, untrusted);
    if (out) oversized.set(j.file, fatalResult(j.file, out));
    else if (max > 0 && size > max) oversized.set(j.file, fatalResult(j.file, tooLargeMessage(size, max)));
    else {
      run.push(j);
      if (size > LARGE_FILE) large = true;
    }
  });
  return { run, oversized, large };
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

export async function lintCommand(args: LintArgs, io: CliIO): Promise<number> {
  checkSingleValues(args);
  const outputs = parseOutputs(args.format, args.outputFile, io.cwd);
  const ignorePatterns = ([] as unknown[]).concat(args.ignorePattern ?? []).map(String);
  if (ignorePatterns.some((p) => p === '')) throw new UsageError('--ignore-pattern needs a value');
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < -1)) {
    throw new UsageError('--max-warnings takes a whole number');
  }
  const maxFileSize = args.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(args.maxFileSize);
  if (maxFileSize === null) throw new UsageError(`--max-file-size takes a size such as 500kb or 2mb (0: no limit), got "${String(args.maxFileSize)}"`);
  const maxFileTimeMs = parseFileTime(args.maxFileTime);
  if (args.fix && args.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  const fixing = Boolean(args.fix || args.fixDryRun);
  const untrusted = args.untrusted === true || io.env['PLAN_LINT_UNTRUSTED'] === '1';
  // Refuse a report path before doing the work, not after.
  await checkOutputs(outputs, args.force, untrusted ? io.cwd : null);
  // maxFileSize is read by lintResolved (src/lint.ts). The config and the baseline are loaded
  // here, so that a bad one stops the run before any file (exit 2); the library opens its runs the same way.
  // A stranger's plans: every plan is linted in a worker, with a heap of its own (src/isolate.ts). The time
  // budget binds every plan in any case: in a worker, or on the main thread (src/budget.ts).
  const isolateAll = untrusted;
  if (untrusted) {
    refuseCodeConfigs();
    refuseUndecidedPatterns();
  }
  const session = await openSession(
    { cwd: io.cwd, quiet: args.quiet, maxFileSize, ...(untrusted ? { untrusted: true } : {}), ...(fixing ? { fix: true } : {}), ...(args.inlineConfig === false ? { inlineConfig: false } : {}), ...(args.schema !== undefined ? { schema: args.schema } : {}), ...(args.config ? { config: args.config } : {}), ...baselineOption(args) },
    baselineMode(args),
  );
  if (args.printConfig) {
    const file = resolve(io.cwd, args.printConfig);
    const { options, fileConfig: fc } = await settingsFor(file, session.base, session.named);
    const rules = Object.fromEntries(resolveRules(options.rules).map((r) => [r.rule.meta.id, [r.severity === 2 ? 'error' : 'warn', r.options]]));
    const shown = { file, config: fc.config, schema: options.schema ?? 'auto-detect', candidates: fc.candidates, rules, ignored: fc.ignored, because: fc.because };
    io.stdout.write(`${escapeJson(JSON.stringify(shown, null, 2))}\n`);
    return 0;
  }
  const patterns = args.patterns ?? [];
  if (args.stdin && patterns.length) throw new UsageError('--stdin cannot be combined with file arguments');
  if (!args.stdin && !patterns.length) throw new UsageError('No files given; pass files, directories or globs (or --stdin)');
  if (args.stdin && args.changedSince !== undefined) throw new UsageError('--changed-since cannot be combined with --stdin');
  // A bad schema stops the run before any file, with exit 2 (bad configs throw when loaded).
  if (args.schema) await checkSchema(args.schema, session);
  const rename = deprecationNotice(io);

  const results: LintResult[] = [];
  const toStdout = outputs.find((o) => o.file === null);
  // `--fix --stdin` prints the fixed text on standard output; the report goes to standard error.
  const fixedText = Boolean(args.fix && args.stdin);
  const reportTo = fixedText ? io.stderr : io.stdout;
  const color = args.color ?? (Boolean((reportTo as { isTTY?: boolean }).isTTY) && !io.env['NO_COLOR']);
  const ctx = { color: toStdout ? color : false, cwd: io.cwd };
  // Results stream out per file, in input order, for the formats that allow it
  // (stylish, compact, json, github) when writing to standard output; report files are written whole, atomically.
  const stream = streamFor(outputs);
  const write = (s: string): void => {
    if (s) reportTo.write(s);
  };
  // Opened with the first result, so that an error found while planning the run (exit 2) prints nothing on stdout.
  let opened = false;
  const open = (): void => {
    if (stream && !opened) write(stream.open(ctx));
    opened = true;
  };
  /** Every result passes here once, in report order (`text`: the plan, when at hand). */
  const emit = (result: LintResult, text?: string): void => {
    const r = present(session, result, text);
    open();
    if (stream) write(stream.file(r, ctx, results.length));
    results.push(r);
  };
  if (args.stdin) {
    const name = args.stdinFilename ? resolve(io.cwd, args.stdinFilename) : '<stdin>';
    const { options } = await settingsFor(args.stdinFilename ? name : resolve(io.cwd, 'stdin.md'), session.base, session.named);
    if (options.schema) options.schema = rename(options.schema);
    if (args.stdinFilename) await checkNotInputs(outputs, [name]);
    const { result, text } = await lintStdin(io, name, options, maxFileSize, maxFileTimeMs, isolateAll);
    // A plan that cannot be fixed comes back as it was.
    if (fixedText) io.stdout.write(result.output ?? text ?? '');
    emit(result, text);
  } else {
    // With --changed-since a pattern may well match no changed file: that is not an error.
    const expanded = await expandPatterns(patterns, io.cwd, args.changedSince !== undefined || args.errorOnUnmatchedPattern === false, args.gitignore !== false, session.base.untrusted === true);
    let files = expanded.files;
    await checkNotInputs(outputs, files);
    if (args.changedSince !== undefined) files = await filterChangedSince(files, args.changedSince, io.cwd);
    const named = new Set(patterns.map((p) => resolve(io.cwd, p)));
    // As ESLint does: a file named on the command line but ignored (--ignore-pattern, the config's "ignores") gets a warning; others are skipped.
    const skipped: LintResult[] = [];
    const kept = files.filter((f) => {
      if (!ignoredBy(f, ignorePatterns, io.cwd)) return true;
      if (named.has(f)) skipped.push(ignoredResult(f, '--ignore-pattern'));
      return false;
    });
    const planned = await planFiles(kept, session.base, session.named, named, expanded.walkedFrom);
    let jobs: Job[] = planned.jobs.map((j) => (j.options.schema ? { ...j, options: { ...j.options, schema: rename(j.options.schema) } } : j));
    skipped.push(...planned.ignored);
    if (args.shard) {
      try {
        jobs = shard(jobs, args.shard, io.cwd);
        // A file that is not linted (ignored, a template) is reported by the one shard it falls in, as a linted one would be.
        const mine = new Set(shard(skipped.map((r) => ({ file: r.filePath })), args.shard, io.cwd).map((j) => j.file));
        skipped.splice(0, skipped.length, ...skipped.filter((r) => mine.has(r.filePath)));
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
    const cacheFile = args.cache || args.cacheLocation ? cacheLocation(args.cacheLocation, io, files) : undefined;
    let concurrency = parseConcurrency(args.concurrency);
    const { run, oversized, large } = await preflight(jobs, maxFileSize, session.base.untrusted ? io.cwd : null);
    // Large plans are linted in workers (time budget, a heap of their own): with several files, by a pool, in parallel.
    if (concurrency === 'auto' && large && io.workerScript) concurrency = Math.max(1, Math.min(2, availableParallelism(), run.length));
    skipped.forEach((r) => emit(r));
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
      ...(session.base.untrusted ? { untrusted: true } : {}),
      ...(io.workerScript ? { workerScript: io.workerScript } : {}),
      maxFileTimeMs,
      ...(isolateAll ? { isolateAll } : {}),
      onResult: (_k, r) => {
        linted.push(r);
        flush();
      },
    });
  }
  // --fix: each fixed plan is written in one step, unless it changed on disk since it was read.
  let writeFailed = false;
  if (args.fix && !args.stdin) {
    for (const r of results) {
      if (r.output === undefined || r.inputHash === undefined) continue;
      const done = await writeFixed(r.filePath, r.output, r.inputHash);
      if (!done.ok) {
        io.stderr.write(`plan-lint: ${errorLine(done.message)}\n`);
        if (!done.changed) writeFailed = true;
      }
    }
  }
  // --baseline-write / --baseline-prune: the file is saved once every file is linted.
  const saved = session.baseline ? await session.baseline.finish() : null;
  if (saved) io.stderr.write(`${errorLine(saved)}\n`);
  open();
  if (stream) write(stream.close(results, ctx));
  for (const o of outputs) {
    if (o.file === null && stream) continue;
    const report = o.format(results, o.file === null ? ctx : { ...ctx, color: false });
    // Checked before the run (checkOutputs): a report replaces an earlier one.
    if (o.file !== null) await writeAtomic(o.file, report, true);
    else if (report) reportTo.write(report.endsWith('\n') || o.name !== 'json' ? report : `${report}\n`);
  }

  const fatal = results.some((r) => r.fatalErrorCount > 0);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (fatal || writeFailed) return 2;
  if (errors) return 1;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    io.stderr.write(`plan-lint found too many warnings (maximum: ${args.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/**
 * Standard input, read and checked like a file: too large, binary or mis-encoded input is a fatal result, not a crash.
 * Linted as a run of one plan: in a worker of its own when it is large (time budget, heap of its own: src/isolate.ts).
 */
async function lintStdin(io: CliIO, name: string, options: LintOptions, maxFileSize: number, maxFileTimeMs: number, isolateAll: boolean): Promise<{ result: LintResult; text?: string }> {
  let text: string;
  try {
    text = await (io.readStdin as (maxBytes?: number) => Promise<string>)(maxFileSize);
  } catch (err) {
    if (err instanceof InputError) return { result: fatalResult(name, err.message) };
    throw err;
  }
  const size = Buffer.byteLength(text, 'utf8');
  if (maxFileSize > 0 && size > maxFileSize) return { result: fatalResult(name, tooLargeMessage(size, maxFileSize).replace('File too large', 'Input too large')) };
  const problem = textProblem(text);
  if (problem) return { result: fatalResult(name, problem) };
  const [result] = await runJobs([{ file: name, options, text }], { concurrency: 'off', maxFileTimeMs, ...(isolateAll ? { isolateAll } : {}), ...(io.workerScript ? { workerScript: io.workerScript } : {}) });
  return { result: result as LintResult, text };
}

/** The baseline flags as the library's option: false (`--no-baseline`), a path, or absent (the default file). */
function baselineOption(args: LintArgs): { baseline?: string | false } {
  if (args.baseline === false) return { baseline: false };
  return args.baselineLocation !== undefined ? { baseline: args.baselineLocation } : {};
}

/**
 * `--schema`, checked before any file: a built-in, a schema file, or a name
 * from the config's "schemas" (the named config, or the one found from the
 * current folder; a name only another folder's config knows is checked per file).
 */
async function checkSchema(schema: string, session: Session): Promise<void> {
  const cfg = await configOf(resolve(session.cwd, 'plan.md'), session.named);
  const known = cfg?.data.schemas && Object.prototype.hasOwnProperty.call(cfg.data.schemas, schema);
  if (known || isBuiltin(schema) || /[\\/.]/.test(schema)) {
    // A name from the config's "schemas" is a file the config names: held to its project root, as per file (settingsFor).
    const file = schemaFromCaller(schema, cfg);
    loadTemplate(file, session.cwd, { untrusted: session.base.untrusted === true, ...(known && cfg ? { root: cfg.root } : {}) });
  }
  else if (session.named !== undefined) schemaFromCaller(schema, cfg);
}
