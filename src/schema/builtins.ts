import { rootUrl } from '../paths.js';

/** The built-in template schemas (SPEC.md) and where they live. */
export const BUILTIN_NAMES = ['fullstack', 'tdd', 'rfc', 'speckit', 'technical'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];


export function isBuiltin(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name);
}

/** The folder holding the built-in schemas (dist/schema/ -> ../../schemas/). */
export const SCHEMAS_DIR = rootUrl('schemas/');
