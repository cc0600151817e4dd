/**
 * Which settings apply to a file: the one config resolution that the CLI and
 * the library (`lint()`, `lintFile()`) share. A config is discovered from the
 * file's folder upwards, or named (`--config`, option `config`), or switched
 * off (option `config: false`); the caller's own schema and rules go over it.
 */
import { dirname, relative, resolve } from 'node:path';
import { skippedResult, type LintOptions } from '../lint.js';
import { looksLikeTemplate } from '../schema/from-template.js';
import { isBuiltin } from '../schema/builtins.js';
import { PlanLintError } from '../schema/registry.js';
import type { LintResult } from '../types.js';
import { configFor, findConfig, loadConfigFile, type ConfigFile, type FileConfig } from './load.js';

/**
 * The config named for the whole run: a loaded file for a path, `null` for
 * `false` (no config at all), `undefined` when each file discovers its own.
 */
export async function namedConfig(config: string | false | undefined, cwd: string): Promise<ConfigFile | null | undefined> {
  if (config === false) return null;
  if (config === undefined) return undefined;
  return loadConfigFile(resolve(cwd, config), config);
}

/** The config that applies to `file`: the named one, or the nearest from its folder upwards. */
export async function configOf(file: string, named: ConfigFile | null | undefined): Promise<ConfigFile | null> {
  return named === undefined ? findConfig(dirname(file)) : named;
}

/**
 * A schema given by the caller (`--schema`, option `schema`): a name from the
 * config's `schemas` is that schema file; a built-in name or a path is itself.
 */
export function schemaFromCaller(schema: string, cfg: ConfigFile | null): string {
  const own = cfg?.data.schemas && Object.prototype.hasOwnProperty.call(cfg.data.schemas, schema) ? cfg.data.schemas[schema] : undefined;
  if (own !== undefined && cfg) return resolve(cfg.dir, own);
  if (isBuiltin(schema) || /[\\/.]/.test(schema)) return schema;
  const names = Object.keys(cfg?.data.schemas ?? {});
  throw new PlanLintError(
    `Unknown schema "${schema}": use a built-in name, ${names.length ? `a name from the config's "schemas" (${names.join(', ')})` : 'a name from a config\'s "schemas"'} or a path to a schema file`,
  );
}

export interface FileSettings {
  /** The options to lint the file with (config: false, so that it is not resolved again). */
  options: LintOptions;
  /** The config's `ignores` match the file. */
  ignored: boolean;
  /** What applies, and why (`--print-config`). */
  fileConfig: FileConfig;
}

/**
 * The settings for one file: the config's (base settings, then matching
 * overrides), with the caller's `schema` over the config's schema and the
 * caller's `rules` over the config's rules, as ESLint's CLI flags go over its config.
 */
export async function settingsFor(file: string, base: LintOptions, named: ConfigFile | null | undefined): Promise<FileSettings> {
  const cfg = await configOf(file, named);
  const fc = configFor(file, cfg);
  const options: LintOptions = {
    ...base,
    config: false,
    rules: base.rules ? { ...fc.rules, ...base.rules } : fc.rules,
    candidates: base.candidates ? [...fc.candidates, ...base.candidates] : fc.candidates,
  };
  const schema = base.schema !== undefined ? schemaFromCaller(base.schema, cfg) : fc.schema;
  if (schema) options.schema = schema;
  else delete options.schema;
  // Schema files a config names must lie inside its project root (src/project-root.ts);
  // a schema path the caller gives (--schema) is the user's own choice.
  if (fc.root && (base.schema === undefined || schema !== base.schema)) options.root = fc.root;
  else delete options.root;
  return { options, ignored: fc.ignored, fileConfig: fc };
}

/** What a file named on the command line but ignored by the config gets (as in ESLint): a warning, not a lint. */
export function ignoredResult(file: string, why = 'an "ignores" pattern in the config'): LintResult {
  return {
    filePath: file,
    schema: null,
    messages: [{ ruleId: null, severity: 1, message: `File ignored because of a matching ${why}`, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
  };
}

export interface Planned {
  /** The files to lint, in input order, each with its settings. */
  jobs: { file: string; options: LintOptions }[];
  /** Files named explicitly but ignored by their config, and templates met on a walk: their results, reported first. */
  ignored: LintResult[];
}

/**
 * Settings for every file of a run; files the config ignores are dropped, or
 * get a warning when they were named explicitly (`named`: absolute paths).
 * Only plans are plans: a file reached by walking a folder or a glob
 * (`walkedFrom`: the file -> the folder walked) that no schema is routed to is
 * skipped when its path names a template, and otherwise skipped (not failed)
 * when it fits no template; a file routed by the config is always linted.
 */
export async function planFiles(
  files: string[],
  base: LintOptions,
  named: ConfigFile | null | undefined,
  explicit: Set<string>,
  walkedFrom: Map<string, string> = new Map(),
): Promise<Planned> {
  const jobs: Planned['jobs'] = [];
  const ignored: LintResult[] = [];
  for (const f of files) {
    const s = await settingsFor(f, base, named);
    if (s.ignored) {
      if (explicit.has(f)) ignored.push(ignoredResult(f));
      continue;
    }
    const root = explicit.has(f) ? undefined : walkedFrom.get(f);
    if (root === undefined || s.options.schema) jobs.push({ file: f, options: s.options });
    else if (looksLikeTemplate(relative(root, f))) ignored.push(skippedResult(f, 'a template, not a plan'));
    else jobs.push({ file: f, options: { ...s.options, unmatched: 'skip' } });
  }
  return { jobs, ignored };
}
