/**
 * `npm run schemas`: regenerate the built-in template schemas in schemas/
 * from the templates in ../shared/templates/.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_NAMES } from '../schema/builtins.js';
import { generateSchema } from '../schema/generate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const templates = process.env['PLAN_LINT_TEMPLATES'] ?? `${root}../shared/templates/`;
if (!existsSync(templates)) {
  console.error(`plan-lint: templates folder not found: ${templates}`);
  process.exit(2);
}
// The reviewed overrides: each schema's title, and its template file when not <name>.md.
const overrides = JSON.parse(readFileSync(`${root}schemas/builtins.overrides.json`, 'utf8')) as Record<string, { title?: string; template?: string }>;
for (const name of BUILTIN_NAMES) {
  const file = overrides[name]?.template ?? `${name}.md`;
  const md = readFileSync(`${templates}${file}`, 'utf8');
  const schema = generateSchema(md, { name, source: file, ...(overrides[name]?.title ? { title: overrides[name].title } : {}) });
  writeFileSync(`${root}schemas/${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schemas/${name}.schema.json`);
}
