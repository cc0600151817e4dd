import { readFileSync } from 'node:fs';
import { rootUrl } from '../paths.js';
import { ruleIds } from '../rules/index.js';
import { PlanLintError } from '../schema/registry.js';
import type { CliIO } from './io.js';

/**
 * `plan-lint explain <rule>`: the rule's page (docs/rules/<id>.md, shipped in
 * the package) as it is. Only a known rule id names a page: the argument is
 * never a path.
 */
export function explainCommand(rule: string, io: CliIO): number {
  if (!ruleIds.includes(rule)) throw new PlanLintError(`Unknown rule "${rule}"; rules: ${ruleIds.join(', ')}`);
  let text: string;
  try {
    text = readFileSync(rootUrl(`docs/rules/${rule}.md`), 'utf8');
  } catch {
    throw new PlanLintError(`The documentation of "${rule}" is missing from this installation (docs/rules/${rule}.md)`);
  }
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
