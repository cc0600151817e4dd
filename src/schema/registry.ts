import { schemaRegexProblem } from '../regex-safety.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { projectRoot, readProjectFile } from '../project-root.js';
import { createRequire } from 'node:module';
import { rootUrl } from '../paths.js';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { cacheDirFor, cacheKey, entryFile, readEntry, refClosure, refsIn, writeEntry } from './compile-cache.js';
import type { RefFile } from './compile-cache.js';
import { BUILTIN_NAMES, PRESET_NAMES, SCHEMAS_DIR, builtinSchemaUrl, canonicalName, isBuiltin } from './builtins.js';
import type { TemplateModel } from './model.js';
import { readTemplate } from './template.js';
import type { Detectable } from './detect.js';
import { generatedSchema, isTemplateFile, templateName } from './from-template.js';

type Json = Record<string, unknown>;

/** A template schema ready to lint with: compiled once per process. */
export interface CompiledTemplate {
  name: string;
  /** Where it came from: a built-in name or the schema file's path. */
  source: string;
  schema: Json;
  model: TemplateModel;
  validate: ValidateFunction;
}

/** A bad schema or config: the CLI prints `message` and exits 2. */
export class PlanLintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanLintError';
  }
}

const VALIDATORS_DIR = rootUrl('dist/validators/');
const requireValidator = createRequire(VALIDATORS_DIR);

/** Whether the build precompiled a validator for `name` (dist/validators/<name>.cjs). */
function hasPrecompiled(name: string): boolean {
  return existsSync(new URL(`${name}.cjs`, VALIDATORS_DIR));
}

/** A validator precompiled at build time (dist/validators/<name>.cjs), when there is one. */
export function precompiled(name: string): ValidateFunction | null {
  try {
    const m = requireValidator(`./${name}.cjs`) as { default?: ValidateFunction } & ValidateFunction;
    return (m.default ?? m) as ValidateFunction;
  } catch {
    return null;
  }
}

let ajv: Ajv2020 | null = null;
let metaValidate: ValidateFunction | null = null;
const cache = new Map<string, CompiledTemplate>();
/**
 * The bytes a schema file's compiled entry in `cache` was made from: the file
 * and every file it `$ref`s. A long-lived process (the library in a test
 * runner, an editor) compares them on each use, so an edited schema or an
 * edited `$ref`'d file is compiled again, whenever the edit happened.
 */
const madeFrom = new Map<string, RefFile[]>();
/** The bytes of each `$ref`'d schema added to ajv, by URL: a changed file replaces its stale copy. */
const refBytes = new Map<string, Buffer>();

/** Forget compiled schemas (a long-running process, e.g. the language server, saw a schema file change). */
export function clearTemplateCache(): void {
  cache.clear();
  madeFrom.clear();
}

/**
 * Start a new ajv for the next schema: a lint stopped by its time budget
 * (src/budget.ts) may have stopped ajv halfway through adding or compiling
 * one, and ajv would take the half-done schema for one being compiled. The
 * templates already compiled keep their validators.
 */
export function resetCompiler(): void {
  ajv = null;
  metaValidate = null;
  refBytes.clear();
}

function getAjv(): Ajv2020 {
  if (!ajv) {
    // code.source: the compiled code is kept, for the disk cache's standalone validators.
    ajv = createAjv({ code: { source: true } });
    const meta = JSON.parse(readFileSync(new URL('template.meta.schema.json', SCHEMAS_DIR), 'utf8')) as Json;
    metaValidate = ajv.compile(meta);
  }
  return ajv;
}

function describeAjvError(e: { instancePath: string; message?: string }): string {
  return `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`;
}

let inline = 0;

/**
 * Add the local schema files a schema `$ref`s (relative to `baseUrl`) to ajv,
 * recursively. Remote references are refused, never fetched.
 */
/**
 * The bytes of a file a schema `$ref`s: inside `root`, a regular file of
 * bounded size (src/project-root.ts); errors name the `$ref`, never the content.
 */
function readRef(url: string, ref: string, source: string, root: string): Buffer {
  try {
    return readProjectFile(fileURLToPath(url), { root, what: 'file', shown: fileURLToPath(url) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof PlanLintError) throw new PlanLintError(`${source}: $ref "${ref}": ${err.message.replace(/^file \S.*? (is|resolves) /, '$1 ')}`);
    throw new PlanLintError(`${source}: $ref "${ref}": ${code === 'ENOENT' ? 'file not found' : code ?? 'cannot be read'}`);
  }
}

function addLocalRefs(a: Ajv2020, schema: unknown, baseUrl: string | null, source: string, seen: Set<string>, root: string, untrusted?: true): void {
  const refs = refsIn(schema);
  for (const ref of refs) {
    const target = ref.split('#')[0] ?? '';
    if (!target) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('file:')) {
      if (target.startsWith('plan-lint:') || a.getSchema(target)) continue;
      throw new PlanLintError(`${source}: remote $ref "${ref}" refused (plan-lint never fetches schemas; use a local file)`);
    }
    if (!baseUrl) throw new PlanLintError(`${source}: $ref "${ref}" to a file needs the schema to be loaded from a file`);
    const url = new URL(target, baseUrl).href;
    if (seen.has(url)) continue;
    seen.add(url);
    // Read every time (inside the root, bounded), so that an edited or swapped file is not served from ajv's copy.
    const bytes = readRef(url, ref, source, root);
    const same = a.getSchema(url) !== undefined && refBytes.get(url)?.equals(bytes) === true;
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new PlanLintError(`${source}: $ref "${ref}": invalid JSON (${jsonProblem(err, bytes.toString('utf8'))})`);
    }
    const unsafe = schemaRegexProblem(json, untrusted);
    if (unsafe) throw new PlanLintError(`${source}: $ref "${ref}": ${unsafe}`);
    addLocalRefs(a, json, url, source, seen, root, untrusted);
    if (same) continue;
    try {
      a.removeSchema(url);
      a.addSchema({ ...(json as Json), $id: url });
      refBytes.set(url, bytes);
    } catch (err) {
      throw new PlanLintError(`${source}: $ref "${ref}": ${(err as Error).message.split('\n')[0]}`);
    }
  }
}

interface Checked {
  /** The schema with its `$id` set. */
  s: Json;
  name: string;
  validate: ValidateFunction;
}

/**
 * Check a schema against JSON Schema 2020-12 and plan-lint's meta-schema,
 * then compile it, with the shared ajv instance (which keeps the generated
 * code, for the disk cache).
 */
function checkAndCompile(schema: unknown, source: string, baseUrl: string | null, root: string | null = null, untrusted?: true): Checked {
  const a = getAjv();
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new PlanLintError(`${source}: a schema must be a JSON object`);
  }
  const s: Json = { ...(schema as Json), $id: baseUrl ?? `plan-lint:inline:${++inline}` };
  const dialect = s['$schema'];
  if (dialect !== undefined && dialect !== 'https://json-schema.org/draft/2020-12/schema') {
    throw new PlanLintError(`${source}: "$schema" is ${JSON.stringify(dialect)}; plan-lint schemas use JSON Schema 2020-12 ("https://json-schema.org/draft/2020-12/schema")`);
  }
  if (!a.validateSchema(s)) {
    const e = a.errors?.[0];
    throw new PlanLintError(`${source}: not a valid JSON Schema 2020-12 (${e ? describeAjvError(e) : 'invalid'})`);
  }
  if (!(metaValidate as ValidateFunction)(s)) {
    const e = metaValidate?.errors?.[0];
    throw new PlanLintError(`${source}: not a plan-lint template schema (${e ? describeAjvError(e) : 'invalid'})`);
  }
  const unsafe = schemaRegexProblem(s, untrusted);
  if (unsafe) throw new PlanLintError(`${source}: ${unsafe}`);
  const xp = s['x-plan-lint'] as { name: string };
  let validate: ValidateFunction;
  try {
    addLocalRefs(a, s, baseUrl, source, new Set(), root ?? (baseUrl?.startsWith('file:') ? projectRoot(dirname(fileURLToPath(baseUrl))) : process.cwd()), untrusted);
    a.removeSchema(s.$id as string);
    validate = a.compile(s);
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    throw new PlanLintError(`${source}: schema does not compile: ${(err as Error).message.split('\n')[0]}`);
  }
  return { s, name: xp.name, validate };
}

/**
 * Check a schema against JSON Schema 2020-12 and plan-lint's meta-schema,
 * then compile it. `baseUrl` (the file's URL) gives it its identity, so local
 * `$ref`s resolve next to it and two files never share a compiled validator.
 */
export function compileTemplate(schema: unknown, source: string, baseUrl: string | null = null): CompiledTemplate {
  const { s, name, validate } = checkAndCompile(schema, source, baseUrl);
  return { name, source, schema: schema as Json, model: readTemplate(s, name), validate };
}

/**
 * A user schema file, through the disk cache (src/schema/compile-cache.ts):
 * on a hit the validator is the cached standalone code and ajv is not even
 * loaded (the key proves these very bytes passed every check before); on a
 * miss, the schema is checked and compiled as by compileTemplate and the
 * validator written to the cache. The cache never fails a lint.
 */
function loadUserTemplate(json: unknown, bytes: Buffer, file: string, source: string, cwd: string, untrusted: boolean, root: string, refs?: RefFile[] | null): CompiledTemplate {
  const baseUrl = pathToFileURL(file).href;
  const dir = untrusted ? null : cacheDirFor(cwd);
  const key = dir ? cacheKey(file, bytes, json, root, refs === undefined ? refClosure(file, json, root) : refs) : null;
  const entry = dir && key ? entryFile(dir, key) : null;
  const cached = entry && key ? readEntry(entry, key) : null;
  if (cached) {
    const s: Json = { ...(json as Json), $id: baseUrl };
    const name = (s['x-plan-lint'] as { name: string }).name;
    return { name, source, schema: json as Json, model: readTemplate(s, name), validate: cached };
  }
  const { s, name, validate } = checkAndCompile(json, source, baseUrl, root, untrusted ? true : undefined);
  if (entry && key) writeEntry(entry, key, getAjv(), validate);
  return { name, source, schema: json as Json, model: readTemplate(s, name), validate };
}

/**
 * Why JSON does not parse, without quoting it (V8's messages quote the text,
 * and the file may not be the user's to show): the position as line:column.
 */
export function jsonProblem(err: unknown, text: string): string {
  const message = (err as Error).message;
  const m = /position (\d+)/.exec(message);
  if (m) {
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    return `line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')}`;
  }
  if (/end of JSON input/i.test(message)) return 'unexpected end';
  return 'not JSON';
}

function parseSchemaJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PlanLintError(`${source}: invalid JSON (${jsonProblem(err, text)})`);
  }
}

/** How a schema file is loaded. */
export interface LoadOptions {
  /** Untrusted mode (`--untrusted`): the compiled-schema cache is neither read nor written. */
  untrusted?: boolean;
  /**
   * The project root a schema named by a config must lie in, with every file
   * it `$ref`s (src/project-root.ts); absent for a path from the command line,
   * whose `$ref`s stay inside its own project root.
   */
  root?: string;
}

/** A built-in name or a path to a schema file; compiled once per process. */
export function loadTemplate(nameOrPath: string, cwd = process.cwd(), load: LoadOptions = {}): CompiledTemplate {
  // A template file is read on every call and its compiled schema kept by content, so a long-lived process (an editor) follows its edits.
  if (isBuiltin(nameOrPath)) nameOrPath = canonicalName(nameOrPath);
  const path = isBuiltin(nameOrPath) ? `builtin:${nameOrPath}` : isTemplateFile(nameOrPath) ? templateKey(resolve(cwd, nameOrPath)) : `file:${resolve(cwd, nameOrPath)}`;
  // How it was loaded is part of the key: a schema loaded for the command line (no root) is not
  // thereby cleared for a config, whose files must lie inside its project root.
  const key = isBuiltin(nameOrPath) ? path : `${path}\0${load.root ?? ''}\0${load.untrusted === true}`;
  const hit = cache.get(key);
  if (hit && unchanged(madeFrom.get(key))) return hit;
  const made: RefFile[] = [];
  const compiled = isBuiltin(nameOrPath) ? loadBuiltin(nameOrPath) : loadSchemaFileOrSay(nameOrPath, cwd, load, made);
  cache.set(key, compiled);
  if (made.length > 0) madeFrom.set(key, made);
  else madeFrom.delete(key);
  return compiled;
}

/**
 * Whether the files a compiled schema was made from still hold the same bytes
 * (no record: nothing to compare). The bytes are only compared (a regular file
 * of bounded size); a changed file is compiled again, with every check.
 */
function unchanged(files: RefFile[] | undefined): boolean {
  if (!files) return true;
  try {
    return files.every((f) => readProjectFile(f.file, { root: null, what: 'file' }).equals(f.bytes));
  } catch {
    return false; // compiled again, and loading says why
  }
}

/**
 * The cache key of a template file: its path and the sha256 of its bytes (unreadable: its path, and
 * loading reports why). Read as loading reads it: a regular file of bounded size, so that a FIFO or a
 * link to /dev/zero named as a template cannot hang the run or exhaust its memory before loading refuses it.
 */
function templateKey(file: string): string {
  try {
    return `template:${file}:${createHash('sha256').update(readProjectFile(file, { root: null, what: 'Schema file' })).digest('hex')}`;
  } catch {
    return `template:${file}`;
  }
}

function loadBuiltin(name: string): CompiledTemplate {
  const json = parseSchemaJson(readFileSync(builtinSchemaUrl(name), 'utf8'), name);
  // A build without dist/validators/ compiles the built-in like any schema.
  if (!hasPrecompiled(name)) return compileTemplate(json, name, `plan-lint:builtin:${name}`);
  // Built-ins were checked against the meta-schema and compiled at build
  // time (src/scripts/precompile.ts). The validator is loaded on first use:
  // auto-detection reads all five models but validates with one.
  const schema = json as Json;
  let validate: ValidateFunction | null = null;
  return {
    name,
    source: name,
    schema,
    model: readTemplate(schema, name),
    get validate(): ValidateFunction {
      return (validate ??= precompiled(name) as ValidateFunction);
    },
  };
}

/** loadSchemaFile, with any unexpected error (a stack overflow on a schema nested thousands deep) as one line naming the file. */
function loadSchemaFileOrSay(path: string, cwd: string, load: LoadOptions, made: RefFile[]): CompiledTemplate {
  try {
    return loadSchemaFile(path, cwd, load, made);
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    const e = err as Error;
    const why = e instanceof RangeError && /call stack/i.test(e.message) ? 'nested too deeply' : (e.message.split('\n')[0] ?? 'error');
    throw new PlanLintError(`${path}: cannot be loaded: ${why}`);
  }
}

/** A schema or template file; `made` receives the bytes it was made from (the file, its `$ref`'d files). */
function loadSchemaFile(path: string, cwd: string, load: LoadOptions, made: RefFile[]): CompiledTemplate {
  if (!/[\\/.]/.test(path)) {
    throw new PlanLintError(`Unknown schema "${path}": use a built-in (${BUILTIN_NAMES.join(', ')}), a preset (plan-lint schemas lists them), or a path to a schema or template file`);
  }
  const file = resolve(cwd, path);
  let bytes: Buffer;
  try {
    bytes = readProjectFile(file, { root: load.root ?? null, what: 'Schema file', shown: path });
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlanLintError(code === 'ENOENT' ? `Schema file not found: ${path}` : `Cannot read schema file ${path}: ${code ?? 'error'}`);
  }
  const root = load.root ?? projectRoot(dirname(file));
  if (isTemplateFile(file)) {
    // A template is a schema: generated from its current text, so it follows every edit of the template.
    const schema = generatedSchema(bytes.toString('utf8').replace(/^\uFEFF/, ''), templateName(file), path);
    return loadUserTemplate(schema, Buffer.from(JSON.stringify(schema)), file, path, cwd, load.untrusted === true, root);
  }
  const json = parseSchemaJson(bytes.toString('utf8'), path);
  const refs = refClosure(file, json, root);
  const compiled = loadUserTemplate(json, bytes, file, path, cwd, load.untrusted === true, root, refs);
  if (refs) made.push({ file, bytes }, ...refs);
  return compiled;
}

/** The five built-ins and the presets: the pool auto-detection chooses from. */
export function loadBuiltins(): CompiledTemplate[] {
  return [...BUILTIN_NAMES, ...PRESET_NAMES].map((n) => loadTemplate(n));
}

/** A built-in as detection ranks it: its outline (src/schema/template.ts, outlineSchema); `load()` gives the template. */
export interface BuiltinOutline extends Detectable {
  load(): CompiledTemplate;
}

let outlines: BuiltinOutline[] | null = null;

/**
 * The built-ins and presets for detection, in loadBuiltins' order: their
 * outlines, which the build wrote to dist/validators/outlines.json, so that
 * a run parses only the schema of the template it chooses. A build without
 * them (or without one of them) reads the schemas as loadBuiltins does.
 */
export function builtinOutlines(): BuiltinOutline[] {
  if (outlines) return outlines;
  let written: Record<string, Json> = Object.create(null) as Record<string, Json>;
  try {
    const parsed = JSON.parse(readFileSync(new URL('outlines.json', VALIDATORS_DIR), 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) written = parsed as Record<string, Json>;
  } catch {
    /* no outlines: the schemas themselves */
  }
  outlines = [...BUILTIN_NAMES, ...PRESET_NAMES].map((name) => {
    const load = (): CompiledTemplate => loadTemplate(name);
    const outline = Object.prototype.hasOwnProperty.call(written, name) ? written[name] : undefined;
    return { name, model: outline ? readTemplate(outline, name) : load().model, load };
  });
  return outlines;
}
