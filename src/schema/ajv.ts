import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Annotation keywords of plan-lint's schema vocabulary (read by the binder, ignored by validation). */
export const VOCABULARY = ['x-plan-lint', 'x-heading', 'x-field', 'x-table', 'x-severity', 'x-samples'];

/** The one ajv factory: 2020-12, all errors, strict, with plan-lint's vocabulary. */
export function createAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    ...extra,
    allErrors: true,
    strict: true,
    verbose: true,
    // Never fetch: a $ref that is not loaded is an error.
    loadSchema: undefined,
    // The bound plan holds no user keys in schema positions; regexes are template-authored.
    unicodeRegExp: true,
  });
  (addFormats as unknown as (a: Ajv2020, f: string[]) => void)(ajv, ['regex', 'date', 'uri', 'email']);
  ajv.addVocabulary(VOCABULARY);
  return ajv;
}

export type { ValidateFunction };
