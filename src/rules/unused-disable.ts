import type { Rule } from './types.js';
import { NO_OPTIONS } from './types.js';

/** A `plan-lint-disable` comment that switched nothing off (ESLint's unused directive). Runs last. */
const rule: Rule = {
  meta: {
    id: 'unused-disable',
    type: 'suggestion',
    defaultSeverity: 'warn',
    description: 'A plan-lint-disable comment that switches off no problem.',
    messages: {
      unused: 'Unused plan-lint-{{kind}} directive (no problems were reported{{from}})',
    },
    schema: NO_OPTIONS,
    checkedBy: 'code',
  },
  create(ctx) {
    for (const d of ctx.suppressions.unused()) {
      ctx.report({
        messageId: 'unused',
        data: { kind: d.kind, from: d.rules ? ` from ${d.rules.map((r) => `"${r}"`).join(', ')}` : '' },
        span: d.span,
      });
    }
  },
};

export default rule;
