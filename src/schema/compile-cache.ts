/**
 * A disk cache of compiled user schemas. ajv compiles a user schema (checks
 * included) in 150-250 ms; the cache keeps the compiled validator as ajv
 * standalone code in `<cacheDir>/schemas/<key>.cjs`, where the key is a
 * sha256 over everything the result depends on: plan-lint's and ajv's
 * versions, the meta-schema, the schema file's bytes and the bytes of every
 * local file it `$ref`s. The same key proves the same bytes passed every check
 * before, so a hit skips ajv entirely.
 *
 * The entries are code that plan-lint runs, so they live in the user's cache
 * folder and are authenticated with the user's secret (src/user-cache.ts): a
 * repository cannot plant or alter one. A forged entry reads as a miss.
 *
 * The cache is an optimisation only: a missing, corrupt or unreadable entry,
 * or a directory that cannot be written, never fails a lint; plan-lint then
 * compiles as usual (and replaces a corrupt entry).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { packageVersion } from '../paths.js';
import { VOCABULARY } from './ajv.js';
import { SCHEMAS_DIR } from './builtins.js';
import { ajvStandalone } from '../lazy.js';
import { cacheDir, readSealed, writeSealed } from '../user-cache.js';
import { projectRoot, readProjectFile } from '../project-root.js';

/** Bump when the entries' layout or the way validators are compiled changes. */
const FORMAT = 'plan-lint-schema-cache/1';
/** The kind of the entries (src/user-cache.ts). */
const KIND = 'schemas';

/**
 * plan-lint's own require. The standalone code of a cached validator requires
 * ajv's runtime helpers (`ajv/dist/runtime/*`, `ajv-formats/dist/formats`);
 * they must resolve to the ajv the key was made with, from plan-lint's own
 * dependencies, wherever the cache directory is (a temporary folder, or a
 * project whose node_modules has another ajv or none).
 */
const ownRequire = createRequire(import.meta.url);

let ajvVersion: string | null = null;
let metaBytes: Buffer | null = null;

/**
 * The cache directory: `PLAN_LINT_CACHE_DIR` when set (`off` disables the
 * cache), else the user's cache folder (src/user-cache.ts); never a folder of
 * the workspace unless the user names one.
 */
export function cacheDirFor(cwd: string, env: NodeJS.ProcessEnv = process.env): string | null {
  return cacheDir(cwd, env);
}

/** A file a schema `$ref`s, as read for its cache key. */
export interface RefFile {
  file: string;
  bytes: Buffer;
}

/**
 * Every local file a schema `$ref`s, as the registry's addLocalRefs follows
 * them: relative to the file that holds them, recursively, each file once, in
 * document order; remote references are not files (the registry refuses them).
 * Null when one cannot be read (inside the root, regular, bounded) or parsed.
 */
export function refClosure(schemaFile: string, json: unknown, root: string | null = null): RefFile[] | null {
  const files: RefFile[] = [];
  const seen = new Set<string>();
  const follow = (value: unknown, baseUrl: string): boolean => {
    for (const ref of refsIn(value)) {
      const target = ref.split('#')[0] ?? '';
      if (!target) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('file:')) continue;
      let url: URL;
      try {
        url = new URL(target, baseUrl);
      } catch {
        return false;
      }
      if (seen.has(url.href)) continue;
      seen.add(url.href);
      const file = fileURLToPath(url);
      let bytes: Buffer;
      let refJson: unknown;
      try {
        // As the registry reads them: inside the root, regular, bounded (else null, and the registry says why).
        bytes = readProjectFile(file, { root: root ?? projectRoot(dirname(schemaFile)), what: '$ref' });
        refJson = JSON.parse(bytes.toString('utf8'));
      } catch {
        return false;
      }
      files.push({ file, bytes });
      if (!follow(refJson, url.href)) return false;
    }
    return true;
  };
  return follow(json, pathToFileURL(schemaFile).href) ? files : null;
}

/**
 * The cache key of a schema file: its bytes and those of every file it `$ref`s
 * (refClosure), with where each lies relative to the schema; null when a
 * `$ref`'d file cannot be read or parsed (then plan-lint compiles, and reports
 * the problem as it always has).
 */
export function cacheKey(schemaFile: string, bytes: Buffer, json: unknown, root: string | null = null, refs = refClosure(schemaFile, json, root)): string | null {
  if (!refs) return null;
  const h = createHash('sha256');
  const part = (b: Buffer | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
    h.update(`${buf.length}:`);
    h.update(buf);
  };
  ajvVersion ??= (ownRequire('ajv/package.json') as { version: string }).version;
  metaBytes ??= readFileSync(new URL('template.meta.schema.json', SCHEMAS_DIR));
  part(FORMAT);
  part(packageVersion());
  part(ajvVersion);
  part(metaBytes);
  part(VOCABULARY.join(','));
  part(bytes);
  const here = dirname(schemaFile);
  for (const ref of refs) {
    // Where the file lies relative to the schema, not on this machine: a
    // moved project keeps its entries.
    part(relative(here, ref.file).split(sep).join('/'));
    part(ref.bytes);
  }
  return h.digest('hex');
}

/** Every `$ref` / `$dynamicRef` string in a schema, in document order. */
export function refsIn(schema: unknown): string[] {
  const refs: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if ((k === '$ref' || k === '$dynamicRef') && typeof x === 'string') refs.push(x);
        else walk(x);
      }
    }
  };
  walk(schema);
  return refs;
}

/** The entry's file for a key: `<cacheDir>/schemas/<key>.cjs`. */
export const entryFile = (cacheDir: string, key: string): string => join(cacheDir, 'schemas', `${key}.cjs`);

/**
 * Evaluate CommonJS module code (a standalone validator) with plan-lint's own
 * `require`, and return its validate function, or null when the code does not
 * export one.
 */
export function evaluateValidator(code: string, filename: string): ValidateFunction | null {
  const mod = { exports: {} as unknown };
  const fn = compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
  fn.call(mod.exports, mod.exports, ownRequire, mod, filename, dirname(filename));
  const m = mod.exports as { default?: unknown };
  const validate = m && typeof m === 'object' && typeof m.default === 'function' ? m.default : m;
  return typeof validate === 'function' ? (validate as ValidateFunction) : null;
}

/**
 * The validator in the cache entry for `key`, or null for a miss: no file, a
 * file that cannot be read, one that is not authentic (forged, made for
 * another key, altered, truncated) or whose code is wrong (the caller then
 * replaces it). Never throws.
 */
export function readEntry(file: string, key: string): ValidateFunction | null {
  const body = readSealed(file, KIND, key);
  if (!body) return null;
  try {
    return evaluateValidator(body.toString('utf8'), file);
  } catch {
    return null;
  }
}

/**
 * ajv's standalone code for a validator compiled by `ajv` (created with
 * `code: { source: true }`). The generator comes from src/lazy.ts, as ajv
 * itself does: the two must be the same copy of ajv.
 */
export function standaloneCode(ajv: Ajv2020, validate: ValidateFunction): string {
  return ajvStandalone()(ajv, validate);
}

/**
 * Write a compiled validator to its cache entry: to a temporary file in the
 * same directory, renamed into place in one step, so a reader never sees half
 * an entry. Replaces an existing (corrupt) entry. Returns whether it was
 * written; never throws.
 */
export function writeEntry(file: string, key: string, ajv: Ajv2020, validate: ValidateFunction): boolean {
  try {
    const body = standaloneCode(ajv, validate);
    // The code must load. (It does not when the standalone generator and the
    // compiling ajv are two copies of ajv, as when ajv is bundled into the bin:
    // their codegen classes differ and the code comes out garbled.)
    if (!evaluateValidator(body, file)) return false;
    return writeSealed(file, KIND, key, body);
  } catch {
    return false;
  }
}
