import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveRules } from '../config/rules.js';
import { expandPatterns } from '../files.js';
import { getFormatter, formatters } from '../formatters/index.js';
import { fatalResult, lintFile, lintText } from '../index.js';
import type { LintOptions } from '../lint.js';
import { PlanLintError, loadTemplate } from '../schema/registry.js';
import type { LintResult } from '../types.js';
import { writeAtomic } from '../write.js';
import { UsageError, type CliIO } from './io.js';

export interface LintArgs {
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

export async function lintCommand(args: LintArgs, io: CliIO): Promise<number> {
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
