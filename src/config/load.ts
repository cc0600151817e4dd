import { existsSync, readFileSync, statSync } from 'node:fs';
import { gitRoot, leadsOutside, projectRoot, readProjectFile } from '../project-root.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../schema/ajv.js';
import { SCHEMAS_DIR, isBuiltin } from '../schema/builtins.js';
import { PlanLintError, precompiled } from '../schema/registry.js';
import { resolveRules, type RuleSetting } from './rules.js';
import { picomatch, yaml } from '../lazy.js';
import { importModule } from '../code-cache.js';

/** The names looked for in each directory, from the plan's directory upwards, first hit wins. */
export const CONFIG_NAMES = ['.plan-lintrc.json', '.plan-lintrc.yaml', '.plan-lintrc.yml', 'plan-lint.config.json', 'plan-lint.config.mjs', 'package.json'];

export interface ConfigData {
  $schema?: string;
  schema?: string;
  schemas?: Record<string, string>;
  rules?: Record<string, RuleSetting>;
  overrides?: { files: string | string[]; schema?: string; rules?: Record<string, RuleSetting> }[];
  ignores?: string[];
}

export interface ConfigFile {
  path: string;
  dir: string;
  data: ConfigData;
  /** The project root (git work tree, else the config's folder): the files the config names must lie inside it. */
  root: string;
}

/** What applies to one file, and why. */
export interface FileConfig {
  config: string | null;
  /** The config's project root (src/project-root.ts), when there is a config. */
  root?: string;
  /** Built-in name or absolute schema path; undefined: detect. */
  schema?: string;
  /** The config's own schemas (absolute paths), candidates for detection. */
  candidates: string[];
  rules: Record<string, RuleSetting>;
  ignored: boolean;
  because: string[];
}

let validateConfig: ValidateFunction | null = null;

function checkShape(data: unknown, path: string): ConfigData {
  // Rule settings first: their own messages say more than the config schema's.
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const ruleSets = (r: unknown): r is Record<string, RuleSetting> => !!r && typeof r === 'object' && !Array.isArray(r);
  if (ruleSets(d['rules'])) resolveRules(d['rules'], `${path}: rules`);
  if (Array.isArray(d['overrides'])) {
    d['overrides'].forEach((o: unknown, i) => {
      const r = o && typeof o === 'object' ? (o as Record<string, unknown>)['rules'] : undefined;
      if (ruleSets(r)) resolveRules(r, `${path}: overrides[${i}].rules`);
    });
  }
  if (!validateConfig) {
    validateConfig = precompiled('config') ?? createAjv().compile(JSON.parse(readFileSync(new URL('config.schema.json', SCHEMAS_DIR), 'utf8')) as object);
  }
  if (!validateConfig(data)) {
    const errors = validateConfig.errors ?? [];
    const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0];
    if (!e) throw new PlanLintError(`${path}: invalid config`);
    const at = e.instancePath.split('/').slice(1).join('.');
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      throw new PlanLintError(`${path}: unknown key "${at ? `${at}.` : ''}${key}"`);
    }
    if (e.keyword === 'pattern' && e.instancePath === '/schemas') {
      throw new PlanLintError(`${path}: "schemas": the name "${String((e.params as { propertyName?: string }).propertyName ?? '')}" may use letters, digits, ".", "_" and "-" only`);
    }
    throw new PlanLintError(`${path}: "${at || '(root)'}" ${e.message ?? 'is invalid'}`);
  }
  const c = data as ConfigData;
  const dir = dirname(resolve(path));
  // A path that leads outside the project root is not looked up here: loading it refuses it with
  // the same error whether or not it exists (src/project-root.ts), so no config can probe the disk.
  const root = projectRoot(dir);
  const present = (p: string): boolean => leadsOutside(resolve(dir, p), root) || existsSync(resolve(dir, p));
  const known = (name: string, key: string): void => {
    if (isBuiltin(name) || (c.schemas && Object.prototype.hasOwnProperty.call(c.schemas, name))) return;
    if (/[\\/.]/.test(name) && present(name)) return;
    throw new PlanLintError(`${path}: "${key}": unknown schema "${name}" (use a built-in name, a name from "schemas", or a path to a schema file)`);
  };
  if (c.schema) known(c.schema, 'schema');
  c.overrides?.forEach((o, i) => o.schema && known(o.schema, `overrides[${i}].schema`));
  for (const [name, p] of Object.entries(c.schemas ?? {})) {
    if (!present(p)) throw new PlanLintError(`${path}: "schemas.${name}": schema file not found: ${p}`);
  }
  return c;
}

/** The message for a stack overflow (a config nested thousands deep), or null for any other error. */
function tooDeep(err: unknown): string | null {
  return err instanceof RangeError && /call stack/i.test(err.message) ? 'nested too deeply' : null;
}

function parseText(path: string, text: string): unknown {
  if (/\.ya?ml$/.test(path)) {
    // logLevel error: a warning (an unknown `%FOO` directive) is not printed by Node; the YAML still loads.
    let doc: ReturnType<ReturnType<typeof yaml>['parseDocument']>;
    try {
      doc = yaml().parseDocument(text, { prettyErrors: true, logLevel: 'error' });
    } catch (e) {
      throw new PlanLintError(`${path}: invalid YAML: ${tooDeep(e) ?? ((e as Error).message.split('\n')[0] ?? 'cannot be read')}`);
    }
    const err = doc.errors[0];
    if (err) {
      const at = err.linePos?.[0];
      // The parser reports its own stack overflow (YAML nested thousands deep) as an error of the document.
      const why = /maximum call stack/i.test(err.message) ? 'nested too deeply' : (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new PlanLintError(`${path}:${at ? `${at.line}:${at.col}` : ''} invalid YAML: ${why}`);
    }
    try {
      return doc.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (e) {
      // "Excessive alias count indicates a resource exhaustion attack", a stack overflow: one line naming the file.
      throw new PlanLintError(`${path}: invalid YAML: ${tooDeep(e) ?? ((e as Error).message.split('\n')[0] ?? 'cannot be read')}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const deep = tooDeep(err);
    if (deep) throw new PlanLintError(`${path}: invalid JSON: ${deep}`);
    const m = /position (\d+)/.exec((err as Error).message);
    let where = '';
    if (m) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      where = `${line}:${Number(m[1]) - before.lastIndexOf('\n')}`;
    }
    // Never V8's quote of the text (`Unexpected token 'r', "root:x:0:0:"... is not valid JSON`).
    const why = (err as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/, "[\s\S]*$/, '');
    throw new PlanLintError(`${path}:${where} invalid JSON: ${why}`);
  }
}

/**
 * Read and check one config file (any of the supported kinds). A discovered
 * config (`discovered`: the project root it was found under) must resolve
 * inside that root; one given with --config is the user's choice.
 */
export async function loadConfigFile(path0: string, file: string = path0, discovered: string | null = null): Promise<ConfigFile> {
  const path = resolve(path0);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new PlanLintError(`Config file not found: ${file}`);
  }
  if (st.isDirectory()) throw new PlanLintError(`Config file ${file} is a directory`);
  let data: unknown;
  if (path.endsWith('.mjs') || path.endsWith('.js')) {
    if (refuseCode) throw new PlanLintError(`${file}: a JavaScript config runs code; untrusted mode (--untrusted, PLAN_LINT_UNTRUSTED=1) loads JSON and YAML configs only`);
    try {
      const mod = (await importModule(pathToFileURL(path).href)) as { default?: unknown };
      data = mod.default;
    } catch (err) {
      throw new PlanLintError(`${file}: cannot load: ${(err as Error).message.split('\n')[0]}`);
    }
  } else {
    let text: string;
    try {
      text = readProjectFile(path, { root: discovered, what: 'Config file', shown: file }).toString('utf8');
    } catch (err) {
      if (err instanceof PlanLintError) throw err;
      throw new PlanLintError(`Cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    data = parseText(file, text);
    if (path.endsWith('package.json')) data = (data as Record<string, unknown>)['plan-lint'];
  }
  return { path, dir: dirname(path), data: checkShape(data ?? {}, file), root: discovered ?? projectRoot(dirname(path)) };
}

const found = new Map<string, Promise<ConfigFile | null>>();

/** Forget the configs found so far (a long-running process, e.g. the language server, saw one change). */
export function clearConfigCache(): void {
  found.clear();
}

/** Untrusted mode (`--untrusted`): configs that are code (`.mjs`, `.js`) are refused, never imported. */
let refuseCode = false;
export function refuseCodeConfigs(): void {
  refuseCode = true;
}

/** The nearest config from `dir` upwards, up to the git work tree's top (cached per directory). */
export function findConfig(dir: string): Promise<ConfigFile | null> {
  const hit = found.get(dir);
  if (hit) return hit;
  const p = (async (): Promise<ConfigFile | null> => {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      if (name === 'package.json') {
        try {
          const pkg = JSON.parse(readProjectFile(candidate, { root: gitRoot(dir) ?? dir, what: 'package.json' }).toString('utf8')) as Record<string, unknown>;
          if (!Object.prototype.hasOwnProperty.call(pkg, 'plan-lint')) continue;
        } catch {
          continue;
        }
      }
      return loadConfigFile(candidate, candidate, gitRoot(dir) ?? dir);
    }
    // Discovery stops at the project root: a config above the repository is not the repository's.
    const up = dirname(dir);
    return up === dir || gitRoot(dir) === dir ? null : findConfig(up);
  })();
  found.set(dir, p);
  return p;
}

const toPosix = (p: string): string => p.split(sep).join('/');

type Matcher = (path: string) => boolean;
/** A config's override and ignore globs, compiled once per config (not once per file: a 3 MB config of globs took 9 s of CPU per plan). */
const matchers = new WeakMap<ConfigData, { overrides: Matcher[]; ignores: Matcher | null }>();

function matchersOf(data: ConfigData): { overrides: Matcher[]; ignores: Matcher | null } {
  let m = matchers.get(data);
  if (!m) {
    m = {
      overrides: (data.overrides ?? []).map((o) => picomatch()(Array.isArray(o.files) ? o.files : [o.files], { dot: true })),
      ignores: data.ignores?.length ? picomatch()(data.ignores, { dot: true }) : null,
    };
    matchers.set(data, m);
  }
  return m;
}

function schemaRef(name: string, cfg: ConfigFile): string {
  const own = cfg.data.schemas && Object.prototype.hasOwnProperty.call(cfg.data.schemas, name) ? cfg.data.schemas[name] : undefined;
  if (own !== undefined) return resolve(cfg.dir, own);
  if (isBuiltin(name)) return name;
  return isAbsolute(name) ? name : resolve(cfg.dir, name);
}

/** Apply a config to one file: base settings, then every matching override in order. */
export function configFor(file: string, cfg: ConfigFile | null): FileConfig {
  if (!cfg) return { config: null, candidates: [], rules: {}, ignored: false, because: ['no config file found: defaults'] };
  const rel = toPosix(relative(cfg.dir, resolve(file)));
  const out: FileConfig = {
    config: cfg.path,
    root: cfg.root,
    candidates: Object.keys(cfg.data.schemas ?? {}).map((n) => schemaRef(n, cfg)),
    rules: { ...(cfg.data.rules ?? {}) },
    ignored: false,
    because: [`config ${cfg.path}`],
  };
  if (cfg.data.schema) {
    out.schema = schemaRef(cfg.data.schema, cfg);
    out.because.push(`schema "${cfg.data.schema}" from the config`);
  }
  const match = matchersOf(cfg.data);
  cfg.data.overrides?.forEach((o, i) => {
    const globs = Array.isArray(o.files) ? o.files : [o.files];
    if (!match.overrides[i]?.(rel)) return;
    out.because.push(`overrides[${i}] (${globs.join(', ')}) matches ${rel}`);
    if (o.schema) out.schema = schemaRef(o.schema, cfg);
    // As in ESLint: a bare severity keeps the options set before it.
    for (const [id, setting] of Object.entries(o.rules ?? {})) {
      const before = out.rules[id];
      out.rules[id] = !Array.isArray(setting) && Array.isArray(before) && before[1] !== undefined ? [setting, before[1]] : setting;
    }
  });
  if (match.ignores?.(rel)) {
    out.ignored = true;
    out.because.push(`ignored by "ignores" in the config`);
  }
  return out;
}
