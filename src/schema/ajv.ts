import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { ajv2020, ajvFormats } from '../lazy.js';

/** Annotation keywords of plan-lint's schema vocabulary (read by the binder, ignored by validation). */
export const VOCABULARY = ['x-plan-lint', 'x-heading', 'x-field', 'x-table', 'x-severity', 'x-samples', 'x-instructions', 'x-skeleton'];

/**
 * The one ajv factory: 2020-12, all errors, strict, with plan-lint's
 * vocabulary. ajv is loaded on the first call: built-in schemas and the
 * config schema are precompiled (dist/validators/), so a plain lint never
 * needs it.
 */
export function createAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: Ajv } = ajv2020();
  const ajv = new Ajv({
    ...extra,
    allErrors: true,
    strict: true,
    verbose: true,
    // Never fetch: a $ref that is not loaded is an error.
    loadSchema: undefined,
    // The bound plan holds no user keys in schema positions; regexes are template-authored.
    unicodeRegExp: true,
  });
  ajvFormats()(ajv, ['regex', 'date', 'uri', 'email']);
  ajv.addVocabulary(VOCABULARY);
  return ajv;
}

export type { ValidateFunction };
