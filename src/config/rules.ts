import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../schema/ajv.js';
import { PlanLintError } from '../schema/registry.js';
import { rules, type Rule } from '../rules/index.js';
import type { Severity, SeverityName } from '../types.js';

export type RuleSetting = SeverityName | 0 | 1 | 2 | [SeverityName | 0 | 1 | 2, Record<string, unknown>?];

export interface ResolvedRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

const LEVELS: Record<string, Severity | 0> = { off: 0, warn: 1, error: 2, '0': 0, '1': 1, '2': 2 };
const validators = new Map<string, ValidateFunction>();
const resolved = new WeakMap<object, ResolvedRule[]>();

/**
 * ESLint-style rule settings to the rules that run, with their severity and
 * validated options. Unknown rules, bad severities and bad options are errors
 * naming the rule (exit 2 in the CLI).
 */
export function resolveRules(settings: Record<string, RuleSetting> | undefined, source = 'rules'): ResolvedRule[] {
  if (settings) {
    const hit = resolved.get(settings);
    if (hit) return hit;
  }
  const given = settings ?? {};
  for (const id of Object.keys(given)) {
    if (!rules.some((r) => r.meta.id === id)) throw new PlanLintError(`${source}: unknown rule "${id}"`);
  }
  const out: ResolvedRule[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    const setting = Object.prototype.hasOwnProperty.call(given, id) ? given[id] : undefined;
    const [level, opts] = Array.isArray(setting) ? [setting[0], setting[1]] : [setting ?? rule.meta.defaultSeverity, undefined];
    const severity = LEVELS[String(level)];
    if (severity === undefined) {
      throw new PlanLintError(`${source}: rule "${id}": severity must be "off", "warn" or "error", got ${JSON.stringify(level)}`);
    }
    const options = opts ?? {};
    // Options are compiled and checked only when given: no work at start-up for the defaults.
    let validate = opts === undefined ? undefined : validators.get(id);
    if (opts !== undefined && !validate) {
      validate = createAjv().compile(rule.meta.schema);
      validators.set(id, validate);
    }
    if (validate && !validate(options)) {
      const e = validate.errors?.[0];
      const where = e?.instancePath ? ` at ${e.instancePath}` : '';
      const extra = e?.keyword === 'additionalProperties' ? ` (unknown option "${String((e.params as { additionalProperty?: string }).additionalProperty)}")` : '';
      throw new PlanLintError(`${source}: rule "${id}": invalid options${where}: ${e?.message ?? 'invalid'}${extra}`);
    }
    const problem = opts !== undefined ? (rule.checkOptions?.(options) ?? null) : null;
    if (problem) throw new PlanLintError(`${source}: rule "${id}": ${problem}`);
    if (severity) out.push({ rule, severity, options });
  }
  if (settings) resolved.set(settings, out);
  return out;
}
