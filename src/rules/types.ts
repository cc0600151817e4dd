import type { PlanDocument } from '../extract/document.js';
import type { LineIndex } from '../parse/line-index.js';
import type { Binding } from '../schema/bind.js';
import type { TemplateModel } from '../schema/model.js';
import type { Finding, Severity, SeverityName, Span } from '../types.js';
import type { Suppressions } from '../suppress.js';

/** ESLint-like rule metadata. */
export interface RuleMeta {
  id: string;
  type: 'problem' | 'suggestion';
  defaultSeverity: Exclude<SeverityName, 'off'>;
  description: string;
  /** Message templates; `{{name}}` is replaced from a finding's data. */
  messages: Record<string, string>;
  /** JSON Schema of the rule's options object (ESLint's `schema`). */
  schema: Record<string, unknown>;
  /** Where the structural check happens: in the template schema (ajv) or in code. */
  checkedBy: 'schema' | 'code';
}

export interface RuleContext {
  text: string;
  lines: LineIndex;
  doc: PlanDocument;
  model: TemplateModel;
  binding: Binding;
  /** The rule's options object (validated against meta.schema). */
  options: Record<string, unknown>;
  /** Inline disable comments (rules that run last can ask which were unused). */
  suppressions: Suppressions;
  /** Findings the schema mapper produced for this rule. */
  schemaFindings: readonly Omit<Finding, 'ruleId'>[];
  report(finding: { messageId: string; data?: Record<string, string | number>; span: Span; severity?: Severity }): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks the options schema cannot express; returns a problem or null. */
  checkOptions?(options: Record<string, unknown>): string | null;
  create(context: RuleContext): void;
}

/** A rule whose findings come from ajv validating the template schema. */
export function schemaRule(meta: Omit<RuleMeta, 'checkedBy'>, filter?: (f: Omit<Finding, 'ruleId'>, ctx: RuleContext) => boolean): Rule {
  return {
    meta: { ...meta, checkedBy: 'schema' },
    create(ctx) {
      for (const f of ctx.schemaFindings) if (!filter || filter(f, ctx)) ctx.report(f);
    },
  };
}

export const NO_OPTIONS = { type: 'object', additionalProperties: false, properties: {} } as const;
