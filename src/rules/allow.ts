import { regexProblem } from '../regex-safety.js';
import type { Finding } from '../types.js';
import type { Rule, RuleContext } from './types.js';

/**
 * The `allow` option shared by `placeholder` and `unchanged-template`: texts
 * that are fine in this project, compared with the finding's quoted text
 * exactly; a string written as "/.../" is a regular expression.
 */
export const ALLOW_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allow: { type: 'array', items: { type: 'string' }, description: 'Texts that are fine here; "/re/" for a regular expression.' },
  },
} as const;

const isRegex = (a: string): boolean => a.length > 2 && a.startsWith('/') && a.endsWith('/');

/** Keep a finding unless its `text` is one the `allow` option names. */
export function notAllowed(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): boolean {
  const allow = (ctx.options['allow'] as string[] | undefined) ?? [];
  if (!allow.length) return true;
  const text = String(f.data?.['text'] ?? '');
  return !allow.some((a) => (isRegex(a) ? new RegExp(a.slice(1, -1), 'u').test(text) : a === text));
}

/** Every "/.../" entry of `allow` must be a valid regular expression that cannot backtrack catastrophically (src/regex-safety.ts). */
export const checkAllow: NonNullable<Rule['checkOptions']> = (options) => {
  for (const a of (options['allow'] as string[] | undefined) ?? []) {
    if (isRegex(a)) {
      try {
        new RegExp(a.slice(1, -1), 'u');
      } catch (err) {
        return `"allow": ${a} is not a valid regular expression (${(err as Error).message})`;
      }
      const problem = regexProblem(a.slice(1, -1), 'u');
      if (problem) return `"allow": ${a} ${problem}`;
    }
  }
  return null;
};
