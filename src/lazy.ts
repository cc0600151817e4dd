/**
 * Dependencies a plain lint of a plan does not need, loaded on first use.
 * They stay out of the bundled bin (scripts/bundle.mjs marks them external)
 * and are required from node_modules only when a plan has frontmatter (yaml),
 * a user schema or rule options are compiled (ajv), or a directory or glob is
 * expanded (tinyglobby). This keeps the one-plan cold start short.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type * as Tinyglobby from 'tinyglobby';
import type Picomatch from 'picomatch';

const load = createRequire(import.meta.url);

let yamlModule: typeof Yaml | undefined;
let ajvModule: typeof Ajv2020Module | undefined;
let formatsModule: unknown;
let globModule: typeof Tinyglobby | undefined;
let picomatchModule: typeof Picomatch | undefined;

export function yaml(): typeof Yaml {
  return (yamlModule ??= load('yaml') as typeof Yaml);
}

export function ajv2020(): typeof Ajv2020Module {
  return (ajvModule ??= load('ajv/dist/2020.js') as typeof Ajv2020Module);
}

/** ajv-formats' default export: `addFormats(ajv, names)`. */
export function ajvFormats(): (ajv: unknown, formats: string[]) => void {
  formatsModule ??= load('ajv-formats');
  const m = formatsModule as { default?: unknown };
  return (m.default ?? m) as (ajv: unknown, formats: string[]) => void;
}

export function tinyglobby(): typeof Tinyglobby {
  return (globModule ??= load('tinyglobby') as typeof Tinyglobby);
}

export function picomatch(): typeof Picomatch {
  return (picomatchModule ??= load('picomatch') as typeof Picomatch);
}
