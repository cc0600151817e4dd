/**
 * `npm run presets`: regenerate the presets in schemas/presets/ from the
 * public templates in ../shared/corpus/ (PLAN_LINT_CORPUS to point
 * elsewhere), with the reviewed schemas/presets.overrides.json, and write
 * schemas/presets/attribution.json (source repository, path, commit, license
 * of each template, from the corpus's SOURCES.tsv). `--check` writes nothing
 * and exits 1 when a committed file differs from what would be written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRESET_NAMES } from '../schema/builtins.js';
import { presetFiles, type PresetOverride } from '../schema/presets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = process.env['PLAN_LINT_CORPUS'] ?? `${root}../shared/corpus/`;
if (!existsSync(`${corpus}SOURCES.tsv`)) {
  console.error(`plan-lint: corpus not found (no SOURCES.tsv): ${corpus}`);
  process.exit(2);
}
const overrides = JSON.parse(readFileSync(`${root}schemas/presets.overrides.json`, 'utf8')) as Record<string, PresetOverride>;
const files = presetFiles(PRESET_NAMES, overrides, readFileSync(`${corpus}SOURCES.tsv`, 'utf8'), (rel) => readFileSync(`${corpus}${rel}`, 'utf8'));
const check = process.argv.includes('--check');
mkdirSync(`${root}schemas/presets`, { recursive: true });
let stale = 0;
for (const [rel, text] of Object.entries(files)) {
  const path = `${root}${rel}`;
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.log(`stale: ${rel}`);
      stale++;
    }
    continue;
  }
  writeFileSync(path, text);
  console.log(rel);
}
if (check && stale) {
  console.error(`${stale} preset file(s) differ from a fresh generation: run npm run presets`);
  process.exit(1);
}
