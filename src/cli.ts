/**
 * The command line: yargs only. `run(argv, io)` returns the exit code; only
 * bin.ts touches `process`. Each command lives in src/commands/.
 */
import yargs from 'yargs';
import { packageVersion } from './paths.js';
import { formatters } from './formatters/index.js';
import { PlanLintError } from './schema/registry.js';
import { schemasCommand } from './commands/schemas.js';
import { BUILTIN_NAMES } from './schema/builtins.js';
import { lintCommand, type LintArgs } from './commands/lint.js';
import { detectCommand } from './commands/detect.js';
import { explainCommand } from './commands/explain.js';
import { ruleIds } from './rules/index.js';
import { initCommand } from './commands/init.js';
import { newCommand } from './commands/new.js';
import { schemaGenerateCommand, type GenerateArgs } from './commands/schema-generate.js';
import { UsageError, type CliIO } from './commands/io.js';
import { errorLine } from './escape.js';

export type { CliIO };

const VERSION = packageVersion();

export async function run(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  // `--` ends the options, for every command: what follows are file names
  // (or a command's own positional), never options, whatever they look like.
  // The pre-commit hook passes it before the staged files.
  const end = argv.indexOf('--');
  const operands = end >= 0 ? argv.slice(end + 1) : [];
  if (end >= 0) argv = argv.slice(0, end);
  const debug = argv.includes('--debug');
  // `plan-lint -` reads standard input, as `--stdin` does (yargs drops a lone "-").
  const dash = argv.indexOf('-');
  if (dash >= 0) argv = [...argv.slice(0, dash), '--stdin', ...argv.slice(dash + 1)];
  /** A command that takes no operands: anything after `--` is a usage error. */
  const noOperands = (): void => {
    if (operands.length) throw new UsageError(`Unexpected argument "${operands[0]}"`);
  };
  /** A command's single positional, from before or after `--`. */
  const single = (given: unknown, what: string): string => {
    const all = [...(given === undefined ? [] : [String(given)]), ...operands];
    if (!all.length) throw new UsageError(`Missing ${what}`);
    if (all.length > 1) throw new UsageError(`Unexpected argument "${all[1]}"`);
    return all[0] as string;
  };
  const parser = yargs(argv)
    .scriptName('plan-lint')
    .usage('$0 [files|dirs|globs..]\n\nLint Markdown plan documents against template schemas.')
    .command(
      ['$0 [patterns..]', 'lint [patterns..]'],
      'Lint plans (the default command)',
      (y) =>
        y
          .positional('patterns', { type: 'string', array: true, describe: 'Files, directories or globs' })
          .option('schema', { alias: 's', type: 'string', describe: `Built-in schema (${BUILTIN_NAMES.join(', ')}), a schema file or a template Markdown file` })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: discovered from each file\'s directory upwards)' })
          .option('print-config', { type: 'string', describe: 'Print the settings that apply to a file, and why' })
          .option('cache', { type: 'boolean', default: false, describe: 'Reuse results of unchanged files (content, schema, config, version)' })
          .option('cache-location', { type: 'string', describe: 'Cache file (default: one per working directory in the user cache folder; replaces only a plan-lint cache)' })
          .option('concurrency', { type: 'string', describe: 'Worker threads: auto (default), off, or a number' })
          .option('shard', { type: 'string', describe: 'Lint only shard i of n (i/n), split by path' })
          .option('max-file-size', { type: 'string', describe: 'Largest plan to lint, e.g. 500kb or 2mb (0: no limit)' })
          .option('max-file-time', { type: 'string', describe: 'Seconds one plan may take before it is a fatal result for that plan (default 60; 0: no limit)' })
          .option('error-on-unmatched-pattern', { type: 'boolean', default: true, describe: 'A glob or folder that matches no plan is an error (--no-error-on-unmatched-pattern: not)' })
          .option('gitignore', { type: 'boolean', default: true, describe: 'Folder walks leave out the files .gitignore lists (--no-gitignore: include them)' })
          .option('format', { alias: 'f', type: 'string', describe: `Output format: ${Object.keys(formatters).join(' | ')} (default stylish); repeatable, each as name (standard output) or name:path (a file)` })
          .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report (of the format without a path) to a file; an earlier report is replaced' })
          .option('force', { type: 'boolean', default: false, describe: 'Allow a report to replace an existing Markdown file' })
          .option('inline-config', { type: 'boolean', default: true, describe: 'Obey <!-- plan-lint-disable --> comments (--no-inline-config: ignore them)' })
          .option('ignore-pattern', { type: 'string', describe: 'Glob (from the working directory) of files not to lint; repeatable' })
          .option('max-warnings', { type: 'number', describe: 'Exit 1 when warnings exceed this number' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
          .option('fix', { type: 'boolean', default: false, describe: 'Fix what can be fixed safely (missing sections, heading levels, table columns, fields) in place' })
          .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Fix without writing: the fixed text is the JSON format\'s "output"' })
          .option('stdin', { type: 'boolean', default: false, describe: 'Lint standard input (with --fix: print the fixed text)' })
          .option('stdin-filename', { type: 'string', describe: 'File name to report for standard input' })
          .option('baseline', { type: 'boolean', describe: 'Hide the findings recorded in the baseline (default when .plan-lint-baseline.json exists; --no-baseline: show everything)' })
          .option('baseline-write', { type: 'boolean', default: false, describe: "Record the linted files' findings in the baseline (adopt on a repository with old plans)" })
          .option('baseline-prune', { type: 'boolean', default: false, describe: 'Drop the findings fixed since from the baseline' })
          .option('baseline-location', { type: 'string', describe: 'Baseline file (default .plan-lint-baseline.json in the current folder)' })
          .option('changed-since', { type: 'string', describe: 'Lint only the matching files added, modified or renamed since this git ref (merge base, plus uncommitted and untracked changes)' })
          .option('color', { type: 'boolean', describe: 'Force colour on (--no-color: off)' })
          .option('untrusted', { type: 'boolean', default: false, describe: 'For pull requests from strangers: no JavaScript configs, no cache reads (also PLAN_LINT_UNTRUSTED=1)' })
          .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of internal errors' }),
      async (args) => {
        const a = args as unknown as LintArgs;
        code = await lintCommand(operands.length ? { ...a, patterns: [...(a.patterns ?? []), ...operands] } : a, io);
      },
    )
    .command(
      'schemas',
      'List the built-in schemas and the presets for public templates (with source and license)',
      () => {},
      () => {
        noOperands();
        code = schemasCommand(io);
      },
    )
    .command(
      'init',
      "Find the repository's templates and the plans written from them, and write a .plan-lintrc.json that routes each to its template (never replaces a config without --force)",
      (y) =>
        y
          .option('force', { type: 'boolean', default: false, describe: 'Replace an existing .plan-lintrc.json' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'Print what was found and the config, write nothing' })
          .option('gitignore', { type: 'boolean', default: true, describe: 'Leave out the files .gitignore lists (--no-gitignore: include them)' }),
      async (args) => {
        noOperands();
        code = await initCommand(io, { force: Boolean(args.force), dryRun: Boolean(args['dry-run']), gitignore: args.gitignore !== false });
      },
    )
    .command(
      'schema generate [template]',
      'Infer a schema from a template',
      (y) =>
        y
          .positional('template', { type: 'string', describe: 'The template Markdown file' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the schema to a file' })
          .option('name', { type: 'string', describe: 'Schema name (default: from the file name)' })
          .option('force', { type: 'boolean', default: false, describe: 'Allow -o to replace an existing file' })
          .option('status-aware', { type: 'boolean', default: false, describe: 'Placeholders are warnings while Status is Draft' })
          .option('leftovers-only', { type: 'boolean', default: false, describe: "Report only the template's own placeholder styles and guidance comments" })
          .option('all-styles', { type: 'boolean', default: false, describe: 'Report [Text], {Text} and {{TEXT}} even where the template does not use that style' }),
      async (args) => {
        const template = single(args.template, 'the template file: plan-lint schema generate <template.md>');
        code = await schemaGenerateCommand({ ...(args as unknown as GenerateArgs), template }, io);
      },
    )
    .command(
      'new [schema]',
      'Write a fresh plan skeleton from a schema (never replaces a file without --force)',
      (y) =>
        y
          .positional('schema', { type: 'string', describe: 'Built-in name or schema file' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the plan to a file' })
          .option('force', { type: 'boolean', default: false, describe: 'Allow -o to replace an existing file' }),
      async (args) => {
        const schema = single(args.schema, 'the schema: plan-lint new <schema>');
        code = await newCommand(schema, args.output as string | undefined, io, Boolean(args.force));
      },
    )
    .command(
      'explain <rule>',
      "Print a rule's documentation",
      (y) => y.positional('rule', { type: 'string', demandOption: true, describe: `A rule id (${ruleIds.join(', ')})` }),
      (args) => {
        code = explainCommand(String(args.rule), io);
      },
    )
    .command(
      'lsp',
      'Run the language server for editors (Language Server Protocol over standard input and output)',
      (y) =>
        y
          .option('stdio', { type: 'boolean', default: true, describe: 'Talk over standard input and output (the only transport)' })
          .option('untrusted', { type: 'boolean', default: false, describe: "For a stranger's workspace: no JavaScript configs, no cache reads, only regular expressions shown safe (also PLAN_LINT_UNTRUSTED=1)" }),
      async (args) => {
        if (!io.stdin) throw new UsageError('the language server needs standard input');
        const { startServer } = await import('./lsp/server.js');
        const untrusted = args.untrusted === true || io.env['PLAN_LINT_UNTRUSTED'] === '1';
        await startServer(io.stdin, io.stdout as NodeJS.WritableStream, { untrusted });
        code = 0;
      },
    )
    .command(
      'detect [files..]',
      'Show which template each file follows, with a score',
      (y) => y.positional('files', { type: 'string', array: true }),
      async (args) => {
        const files = [...((args as unknown as { files?: string[] }).files ?? []), ...operands];
        if (!files.length) throw new UsageError('No files given: plan-lint detect <files..>');
        code = await detectCommand(files, io);
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
      io.stderr.write(`plan-lint: ${errorLine(err.message.split('\n')[0] ?? '')}\nRun "plan-lint --help" for usage.\n`);
      return 2;
    }
    if (err instanceof PlanLintError) {
      io.stderr.write(`plan-lint: ${errorLine(err.message)}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr.write(`plan-lint: internal error: ${errorLine(e.message.split('\n')[0] ?? '')}\n`);
    if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

