import { rootUrl } from '../paths.js';

/** The built-in template schemas (SPEC.md) and where they live. */
export const BUILTIN_NAMES = ['fullstack', 'tdd', 'rfc', 'spec-reference', 'technical'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

/**
 * Presets: built-in schemas generated from public plan templates
 * (schemas/presets/, `npm run presets`; sources and licenses in
 * schemas/presets/attribution.json). Considered by auto-detection like the
 * five built-ins.
 */
export const PRESET_NAMES = [
  'speckit-plan',
  'speckit-spec',
  'speckit-tasks',
  'kep',
  'openspec-design',
  'spec-kitty-plan',
  'spec-kitty-research',
  'dapr-proposal',
  'openshift-enhancement',
  'otep',
  'kyverno-kdp',
  'tekton-tep',
  'flux-rfc',
  'go-proposal',
  'grpc-grfc',
  'capi-proposal',
  'react-rfc',
  'cdk-rfc',
  'prometheus-proposal',
  'cilium-cfp',
  'kotlin-keep',
  'erc',
  'bmad-story',
  'flutter-postmortem',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Old names still accepted, with the name that replaces them (the CLI says so on stderr). */
export const DEPRECATED_ALIASES: Readonly<Record<string, BuiltinName>> = {
  // Not GitHub spec-kit's template (that one is the speckit-plan preset): a plan with a Spec Reference line and guidance comments.
  speckit: 'spec-reference',
};

/** A built-in or preset name, with a deprecated alias resolved; the name unchanged otherwise. */
export function canonicalName(name: string): string {
  return Object.prototype.hasOwnProperty.call(DEPRECATED_ALIASES, name) ? (DEPRECATED_ALIASES[name] as string) : name;
}

export function isPreset(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A built-in schema or preset name (or a deprecated alias of one). */
export function isBuiltin(name: string): boolean {
  const n = canonicalName(name);
  return (BUILTIN_NAMES as readonly string[]).includes(n) || isPreset(n);
}

/** The folder holding the built-in schemas (dist/schema/ -> ../../schemas/). */
export const SCHEMAS_DIR = rootUrl('schemas/');

/** Where a built-in's or preset's schema file is. */
export function builtinSchemaUrl(name: string): URL {
  const n = canonicalName(name);
  return new URL(isPreset(n) ? `presets/${n}.schema.json` : `${n}.schema.json`, SCHEMAS_DIR);
}
