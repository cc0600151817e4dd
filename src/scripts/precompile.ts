/**
 * Build step: precompile the built-in template schemas and the template
 * meta-schema and the config schema into ajv standalone validators (dist/validators/*.cjs), so that
 * linting with a built-in compiles nothing at start-up.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../schema/ajv.js';
// The generator must come from the same copy of ajv as createAjv's (src/lazy.ts).
import { ajvStandalone } from '../lazy.js';

const standaloneCode = ajvStandalone();
import { BUILTIN_NAMES, PRESET_NAMES, builtinSchemaUrl } from '../schema/builtins.js';
import { outlineSchema } from '../schema/template.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = `${root}dist/validators/`;
mkdirSync(out, { recursive: true });

const ajv = createAjv({ code: { source: true } });
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`${root}schemas/${name}`, 'utf8')) as Record<string, unknown>;

const meta = ajv.compile(load('template.meta.schema.json'));
writeFileSync(`${out}template-meta.cjs`, standaloneCode(ajv, meta));
// The config file's schema: checking a config compiles nothing at start-up either.
const configAjv = createAjv({ code: { source: true } });
writeFileSync(`${out}config.cjs`, standaloneCode(configAjv, configAjv.compile(load('config.schema.json'))));
const names = [...BUILTIN_NAMES, ...PRESET_NAMES];
// What template detection ranks the built-ins by (src/schema/registry.ts, builtinOutlines).
const outlines: [string, Record<string, unknown>][] = [];
for (const name of names) {
  const schema = JSON.parse(readFileSync(builtinSchemaUrl(name), 'utf8')) as Record<string, unknown>;
  if (!ajv.validateSchema(schema) || !meta(schema)) throw new Error(`schema ${name} fails its meta-schema`);
  const validate = ajv.compile(schema);
  writeFileSync(`${out}${name}.cjs`, standaloneCode(ajv, validate));
  outlines.push([name, outlineSchema(schema)]);
}
writeFileSync(`${out}outlines.json`, JSON.stringify(Object.fromEntries(outlines)));
console.log(`precompiled ${names.length + 2} validators and the built-ins' outlines into dist/validators/`);
