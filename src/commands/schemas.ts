import { readFileSync } from 'node:fs';
import { BUILTIN_NAMES, DEPRECATED_ALIASES, PRESET_NAMES, SCHEMAS_DIR } from '../schema/builtins.js';
import { loadTemplate } from '../schema/registry.js';
import type { Attribution } from '../schema/presets.js';
import type { CliIO } from './io.js';

/** Where each preset's template comes from (schemas/presets/attribution.json). */
export function presetAttribution(): Record<string, Attribution> {
  try {
    return (JSON.parse(readFileSync(new URL('presets/attribution.json', SCHEMAS_DIR), 'utf8')) as { presets: Record<string, Attribution> }).presets;
  } catch {
    return {};
  }
}

/** `plan-lint schemas`: the built-in schemas, then the presets with their source and license. */
export function schemasCommand(io: CliIO): number {
  const width = Math.max(...[...BUILTIN_NAMES, ...PRESET_NAMES].map((n) => n.length)) + 2;
  for (const name of BUILTIN_NAMES) {
    io.stdout.write(`${name.padEnd(width)}${String(loadTemplate(name).schema['title'] ?? '')}\n`);
  }
  const attribution = presetAttribution();
  for (const name of PRESET_NAMES) {
    const a = attribution[name];
    const from = a ? ` (from ${a.repo} ${a.path} at ${a.commit.slice(0, 7)}, ${a.license}${a.note ? `; ${a.note}` : ''})` : '';
    io.stdout.write(`${name.padEnd(width)}${a?.title ?? String(loadTemplate(name).schema['title'] ?? '')}${from}\n`);
  }
  for (const [alias, name] of Object.entries(DEPRECATED_ALIASES)) {
    io.stderr.write(`("${alias}" is a deprecated name of ${name}: it is not GitHub spec-kit's template, which is the preset speckit-plan)\n`);
  }
  return 0;
}
