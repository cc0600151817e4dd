import { rootUrl } from '../paths.js';

/** The built-in template schemas (SPEC.md) and where they live. */
export const BUILTIN_NAMES = ['fullstack', 'tdd', 'rfc', 'speckit', 'technical'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

export const BUILTIN_TITLES: Record<BuiltinName, string> = {
  fullstack: 'Full-stack implementation plan (Technical Context stack, RLS policies, [Bracket] placeholders)',
  tdd: 'TDD implementation plan (Feature ID, TDD test strategy, {CURLY} placeholders)',
  rfc: 'RFC-style technical plan (Problem Statement, Goals, Non-Goals, Options A/B/C)',
  speckit: 'Spec-kit implementation plan (Spec Reference, guidance comments, empty rows)',
  technical: 'Technical plan ({{MUSTACHE}} placeholders, Risk Assessment, Revision History)',
};

export function isBuiltin(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name);
}

/** The folder holding the built-in schemas (dist/schema/ -> ../../schemas/). */
export const SCHEMAS_DIR = rootUrl('schemas/');
