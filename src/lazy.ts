/**
 * Dependencies a plain lint of a plan does not need, loaded on first use:
 * when a plan has frontmatter (yaml), a user schema or rule options are
 * compiled (ajv), or a directory or glob is expanded (tinyglobby, picomatch,
 * ignore), from the build's prebuilt files (dist/vendor/). This keeps the
 * one-plan cold start short.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCommonJs } from './code-cache.js';
import { load } from './load.js';
import type * as Yaml from 'yaml';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type * as Tinyglobby from 'tinyglobby';
import type Picomatch from 'picomatch';
import type * as RegjsParser from 'regjsparser';

/**
 * A package as one prebuilt CommonJS file (dist/vendor/<name>.cjs, made by
 * scripts/bundle.mjs): yaml and ajv are dozens of files each, and requiring
 * them file by file from node_modules cost more than bundling them did.
 * They run from the build's V8 code cache (src/code-cache.ts). Running from
 * source (tests), the package itself.
 */
function vendored<T>(name: string, fallback: () => T): T {
  const file = fileURLToPath(new URL(`./vendor/${name}.cjs`, import.meta.url));
  return existsSync(file) ? (runCommonJs(file) as T) : fallback();
}

interface AjvBundle {
  Ajv2020: typeof Ajv2020Module;
  formats: unknown;
  standalone: unknown;
}
let ajvBundle: AjvBundle | undefined;
function ajvParts(): AjvBundle {
  return (ajvBundle ??= vendored<AjvBundle>('ajv', () => ({
    Ajv2020: load('ajv/dist/2020.js') as typeof Ajv2020Module,
    formats: load('ajv-formats'),
    standalone: load('ajv/dist/standalone'),
  })));
}

let yamlModule: typeof Yaml | undefined;

type IgnoreFactory = (options?: { ignorecase?: boolean }) => { add(patterns: string): { ignores(path: string): boolean } };
interface WalkBundle {
  tinyglobby: typeof Tinyglobby;
  picomatch: typeof Picomatch;
  ignore: IgnoreFactory & { default?: IgnoreFactory };
}
let walkBundle: WalkBundle | undefined;
/** tinyglobby and ignore for a folder walk or a glob, picomatch for ignore patterns: one prebuilt file, one copy of picomatch. */
function walkParts(): WalkBundle {
  return (walkBundle ??= vendored<WalkBundle>('walk', () => ({
    tinyglobby: load('tinyglobby') as typeof Tinyglobby,
    picomatch: load('picomatch') as typeof Picomatch,
    ignore: load('ignore') as WalkBundle['ignore'],
  })));
}

export function yaml(): typeof Yaml {
  return (yamlModule ??= vendored('yaml', () => load('yaml') as typeof Yaml));
}

export function ajv2020(): typeof Ajv2020Module {
  return ajvParts().Ajv2020;
}

/** ajv's standalone code generator: the same copy of ajv as ajv2020(), which it must be. */
export function ajvStandalone(): (ajv: unknown, validate: unknown) => string {
  const m = ajvParts().standalone as { default?: unknown };
  return (m.default ?? m) as (ajv: unknown, validate: unknown) => string;
}

/** ajv-formats' default export: `addFormats(ajv, names)`. */
export function ajvFormats(): (ajv: unknown, formats: string[]) => void {
  const m = ajvParts().formats as { default?: unknown };
  return (m.default ?? m) as (ajv: unknown, formats: string[]) => void;
}

export function tinyglobby(): typeof Tinyglobby {
  return walkParts().tinyglobby;
}

/** Node built-ins that cost a millisecond or more to load and that a plain lint of a few plans never uses. */
export function childProcess(): typeof import('node:child_process') {
  return load('node:child_process') as typeof import('node:child_process');
}

export function workerThreads(): typeof import('node:worker_threads') {
  return load('node:worker_threads') as typeof import('node:worker_threads');
}

export function v8(): typeof import('node:v8') {
  return load('node:v8') as typeof import('node:v8');
}

export function picomatch(): typeof Picomatch {
  return walkParts().picomatch;
}

/** recheck's synchronous checker (src/regex-safety.ts). */
export type RecheckSync = (source: string, flags: string, params?: { timeout?: number | null }) => {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: { type: string; degree?: number };
  attack?: { pattern: string; string: string };
};
let recheckModule: RecheckSync | undefined;

/** recheck (a ReDoS checker): only when a user's regular expression has a loop that could backtrack. */
export function recheck(): RecheckSync {
  return (recheckModule ??= (load('recheck') as { checkSync: RecheckSync }).checkSync);
}

let regjsparserModule: typeof RegjsParser | undefined;

/** regjsparser: a regular expression's syntax tree (src/regex-safety.ts). */
export function regjsparser(): typeof RegjsParser {
  return (regjsparserModule ??= load('regjsparser') as typeof RegjsParser);
}

/** The `ignore` package (.gitignore rules), for folder walks. */
export function ignoreRules(): IgnoreFactory {
  const m = walkParts().ignore;
  return m.default ?? m;
}
