/**
 * The command line: yargs only. `run(argv, io)` returns the exit code; only
 * bin.ts touches `process`.
 */
import { readFileSync } from 'node:fs';
import { rename, writeFile, access } from 'node:fs/promises';
import { dirname, resolve, basename, join } from 'node:path';
import yargs from 'yargs';
import { expandPatterns } from './files.js';
import { lintFile, lintText, fatalResult } from './index.js';
import type { LintOptions } from './lint.js';
import { resolveRules } from './config/rules.js';
import { getFormatter, formatters } from './formatters/index.js';
import { PlanLintError, loadBuiltins, loadTemplate } from './schema/registry.js';
import { BUILTIN_NAMES } from './schema/builtins.js';
import { rankTemplates, percent } from './schema/detect.js';
import { parseMarkdown } from './parse/parse.js';
import { extract } from './extract/document.js';
import { readPlan } from './read.js';
import type { LintResult } from './types.js';

export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  readStdin: () => Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function run(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  const debug = argv.includes('--debug');
  const parser = yargs(argv)
    .scriptName('plan-lint')
    .usage('$0 [files|dirs|globs..]\n\nLint Markdown plan documents against template schemas.')
    .command(
      ['$0 [patterns..]', 'lint [patterns..]'],
      'Lint plans (the default command)',
      (y) =>
        y
          .positional('patterns', { type: 'string', array: true, describe: 'Files, directories or globs' })
          .option('schema', { alias: 's', type: 'string', describe: `Built-in schema (${BUILTIN_NAMES.join(', ')}) or a schema file` })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (not yet supported beyond rules/schema JSON)' })
          .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${Object.keys(formatters).join(' | ')}` })
          .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to a file' })
          .option('force', { type: 'boolean', default: false, describe: 'Allow --output-file to replace an existing file' })
          .option('max-warnings', { type: 'number', describe: 'Exit 1 when warnings exceed this number' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
          .option('stdin', { type: 'boolean', default: false, describe: 'Lint standard input' })
          .option('stdin-filename', { type: 'string', describe: 'File name to report for standard input' })
          .option('color', { type: 'boolean', describe: 'Force colour on (--no-color: off)' })
          .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of internal errors' }),
      async (args) => {
        code = await lintCommand(args as unknown as LintArgs, io);
      },
    )
    .command(
      'schemas',
      'List the built-in schemas',
      () => {},
      () => {
        for (const t of loadBuiltins()) {
          io.stdout.write(`${t.name.padEnd(10)} ${String(t.schema['title'] ?? '')}\n`);
        }
        code = 0;
      },
    )
    .command(
      'detect <files..>',
      'Show which template each file follows, with a score',
      (y) => y.positional('files', { type: 'string', array: true, demandOption: true }),
      async (args) => {
        code = await detectCommand((args as unknown as { files: string[] }).files, io);
      },
    )
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  try {
    await parser.parseAsync();
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`plan-lint: ${err.message.split('\n')[0]}\nRun "plan-lint --help" for usage.\n`);
      return 2;
    }
    if (err instanceof PlanLintError) {
      io.stderr.write(`plan-lint: ${err.message.split('\n')[0]}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr.write(`plan-lint: internal error: ${e.message.split('\n')[0]}\n`);
    if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

interface LintArgs {
  patterns?: string[];
  schema?: string;
  config?: string;
  format: string;
  outputFile?: string;
  force: boolean;
  maxWarnings?: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  color?: boolean;
  debug: boolean;
}

function readConfig(path: string, cwd: string): Pick<LintOptions, 'schema' | 'rules'> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlanLintError(`Cannot read config file ${path}: ${code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : (code ?? 'error')}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PlanLintError(`${path}: invalid JSON: ${(err as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new PlanLintError(`${path}: a config must be a JSON object`);
  const c = json as Record<string, unknown>;
  for (const k of Object.keys(c)) {
    if (!['$schema', 'schema', 'rules'].includes(k)) throw new PlanLintError(`${path}: unknown key "${k}"`);
  }
  return {
    ...(typeof c['schema'] === 'string' ? { schema: c['schema'] } : {}),
    ...(c['rules'] && typeof c['rules'] === 'object' ? { rules: c['rules'] as LintOptions['rules'] } : {}),
  };
}

async function lintCommand(args: LintArgs, io: CliIO): Promise<number> {
  const formatter = getFormatter(args.format);
  if (!formatter) throw new UsageError(`Unknown format "${args.format}"; use one of: ${Object.keys(formatters).join(', ')}`);
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < -1)) {
    throw new UsageError('--max-warnings takes a whole number');
  }
  const patterns = args.patterns ?? [];
  if (args.stdin && patterns.length) throw new UsageError('--stdin cannot be combined with file arguments');
  if (!args.stdin && !patterns.length) throw new UsageError('No files given; pass files, directories or globs (or --stdin)');
  const config = args.config ? readConfig(args.config, io.cwd) : {};
  const options: LintOptions = { ...config, cwd: io.cwd, quiet: args.quiet };
  if (args.schema) options.schema = args.schema;
  // A bad schema or rule setting stops the run before any file, with exit 2.
  if (options.schema) loadTemplate(options.schema, io.cwd);
  resolveRules(options.rules, args.config ?? 'rules');

  const results: LintResult[] = [];
  if (args.stdin) {
    const name = args.stdinFilename ? resolve(io.cwd, args.stdinFilename) : '<stdin>';
    results.push(lintText(await io.readStdin(), name, options));
  } else {
    const { files } = await expandPatterns(patterns, io.cwd);
    for (const f of files) {
      try {
        results.push(await lintFile(f, options));
      } catch (err) {
        if (err instanceof PlanLintError) throw err;
        results.push(fatalResult(f, `Internal error while linting: ${(err as Error).message.split('\n')[0]}`));
        if (args.debug) io.stderr.write(`${(err as Error).stack ?? ''}\n`);
      }
    }
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

/** Write via a temporary file and a rename; never replace an existing file without --force. */
export async function writeAtomic(path: string, content: string, force: boolean): Promise<void> {
  if (!force) {
    let exists = true;
    try {
      await access(path);
    } catch {
      exists = false;
    }
    if (exists) throw new PlanLintError(`Refusing to overwrite ${path}; pass --force to replace it`);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (err) {
    throw new PlanLintError(`Cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function detectCommand(patterns: string[], io: CliIO): Promise<number> {
  const { files } = await expandPatterns(patterns, io.cwd);
  const builtins = loadBuiltins();
  let code = 0;
  for (const f of files) {
    const read = await readPlan(f);
    if (!read.ok) {
      io.stdout.write(`${f}: ${read.message}\n`);
      code = 2;
      continue;
    }
    const src = parseMarkdown(read.text);
    const ranked = rankTemplates(extract(src), builtins, src.lines.lineSpan(1));
    const [best, second] = ranked;
    io.stdout.write(
      `${f}: ${best ? `${best.name} ${percent(best.score)}` : 'none'}${second ? ` (runner-up: ${second.name} ${percent(second.score)})` : ''}\n`,
    );
  }
  return code;
}
