import type { Root } from 'mdast';
import type { PlanDocument } from '../extract/document.js';
import type { LineIndex } from '../parse/line-index.js';
import type { Binding } from '../schema/bind.js';
import type { TemplateModel } from '../schema/model.js';
import type { Finding, Fix, Severity, SeverityName, Span, Suggestion } from '../types.js';
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
  /** ESLint's `fixable`: the rule's findings may carry a fix that `--fix` applies. */
  fixable?: 'code';
  /** ESLint's `hasSuggestions`: findings may carry suggestions (edits a person chooses). */
  hasSuggestions?: boolean;
}

/** What a rule reports. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  severity?: Severity;
  fix?: Fix | null;
  suggestions?: Suggestion[];
}

/** A rule's fixes for one finding: an automatic fix, suggestions, or neither. */
export type Fixer = (finding: Omit<Finding, 'ruleId'>, ctx: RuleContext) => { fix?: Fix | null; suggestions?: Suggestion[] };

export interface RuleContext {
  text: string;
  /** The parsed tree (fixes look at the blocks around an insertion point). */
  tree: Root;
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
  report(finding: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks the options schema cannot express; returns a problem or null. */
  checkOptions?(options: Record<string, unknown>): string | null;
  create(context: RuleContext): void;
}

/** A rule whose findings come from ajv validating the template schema. */
export function schemaRule(
  meta: Omit<RuleMeta, 'checkedBy'>,
  filter?: ((f: Omit<Finding, 'ruleId'>, ctx: RuleContext) => boolean) | null,
  fixer?: Fixer,
): Rule {
  return {
    meta: { ...meta, checkedBy: 'schema' },
    create(ctx) {
      for (const f of ctx.schemaFindings) {
        if (filter && !filter(f, ctx)) continue;
        ctx.report(fixer ? { ...f, ...safely(fixer, f, ctx) } : f);
      }
    },
  };
}

/** A fixer that fails on odd input offers no fix: the finding itself is still reported. */
function safely(fixer: Fixer, f: Omit<Finding, 'ruleId'>, ctx: RuleContext): ReturnType<Fixer> {
  try {
    return fixer(f, ctx);
  } catch {
    return {};
  }
}

export const NO_OPTIONS = { type: 'object', additionalProperties: false, properties: {} } as const;
