import type { Rule } from './types.js';
import requiredSection from './required-section.js';
import sectionOrder from './section-order.js';
import headingLevel from './heading-level.js';
import emptySection from './empty-section.js';
import placeholder from './placeholder.js';
import tableColumns from './table-columns.js';
import tableRows from './table-rows.js';
import tableCell from './table-cell.js';
import field from './field.js';
import guidanceComment from './guidance-comment.js';
import unchangedTemplate from './unchanged-template.js';
import frontmatter from './frontmatter.js';
import unusedDisable from './unused-disable.js';

/** The registry: one array, in documentation order. */
export const rules: readonly Rule[] = [
  requiredSection,
  sectionOrder,
  headingLevel,
  emptySection,
  placeholder,
  tableColumns,
  tableRows,
  tableCell,
  field,
  guidanceComment,
  unchangedTemplate,
  frontmatter,
  // Last: it reports the disable comments the rules above did not need.
  unusedDisable,
];

export const ruleIds: readonly string[] = rules.map((r) => r.meta.id);

export function getRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}

export type { Rule, RuleContext, RuleMeta } from './types.js';

/** Where each rule's documentation page lives (docs/rules/<id>.md). */
export const RULE_DOCS_BASE = 'https://github.com/plan-lint/plan-lint/blob/main/docs/rules/';
export const ruleDocUrl = (id: string): string => `${RULE_DOCS_BASE}${id}.md`;
