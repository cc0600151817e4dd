import type { Comment } from './extract/document.js';
import type { LineIndex } from './parse/line-index.js';

/**
 * Inline disables: `<!-- plan-lint-disable [rules] -->` ... `<!-- plan-lint-enable [rules] -->`,
 * `<!-- plan-lint-disable-next-line [rules] -->`, `<!-- plan-lint-disable-file [rules] -->`.
 * No rule list means every rule.
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

interface Region {
  rules: string[] | null;
  from: number;
  to: number;
}

export function collectSuppressions(comments: readonly Comment[], lines: LineIndex): Suppressions {
  const regions: Region[] = [];
  const open = new Map<string, number>(); // rule ('*' for all) -> start line
  for (const c of comments) {
    if (!c.directive) continue;
    const line = lines.point(c.span.start).line;
    const endLine = lines.point(c.span.end).line;
    const rules = c.directive.rules.length ? c.directive.rules : null;
    switch (c.directive.kind) {
      case 'disable-file':
        regions.push({ rules, from: 1, to: Infinity });
        break;
      case 'disable-next-line':
        regions.push({ rules, from: endLine + 1, to: endLine + 1 });
        break;
      case 'disable':
        for (const r of rules ?? ['*']) if (!open.has(r)) open.set(r, line);
        break;
      case 'enable': {
        const keys = rules ?? [...open.keys()];
        for (const r of keys) {
          const from = open.get(r);
          if (from === undefined) continue;
          regions.push({ rules: r === '*' ? null : [r], from, to: line });
          open.delete(r);
        }
        break;
      }
    }
  }
  for (const [r, from] of open) regions.push({ rules: r === '*' ? null : [r], from, to: Infinity });
  return {
    isSuppressed(ruleId, line) {
      return regions.some((g) => line >= g.from && line <= g.to && (g.rules === null || g.rules.includes(ruleId)));
    },
  };
}
