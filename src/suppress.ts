import type { Comment } from './extract/document.js';
import type { LineIndex } from './parse/line-index.js';
import type { Span } from './types.js';

/**
 * Inline disables: `<!-- plan-lint-disable [rules] -->` ... `<!-- plan-lint-enable [rules] -->`,
 * `<!-- plan-lint-disable-next-line [rules] -->`, `<!-- plan-lint-disable-file [rules] -->`.
 * No rule list means every rule. Each directive remembers whether it
 * suppressed anything, so an unused one can be reported.
 */
export interface Directive {
  kind: string;
  rules: string[] | null;
  span: Span;
  used: boolean;
}

export interface Suppressions {
  /** True (and the directive marked used) when a finding of `ruleId` on `line` is switched off. */
  isSuppressed(ruleId: string, line: number): boolean;
  /** Disable directives that switched nothing off. */
  unused(): Directive[];
}

interface Region {
  rules: string[] | null;
  /**
   * With rules null: the rules an `enable <rule>` took back out of a blanket
   * disable, each with the line of that comment (suppressed up to it, not after).
   * One map per blanket disable, shared, so that many such comments cost linear memory.
   */
  except?: Map<string, number>;
  from: number;
  to: number;
  directive: Directive;
}

export function collectSuppressions(comments: readonly Comment[], lines: LineIndex): Suppressions {
  const regions: Region[] = [];
  const directives: Directive[] = [];
  const open = new Map<string, { line: number; directive: Directive; except: Map<string, number> }>(); // rule ('*' for all) -> start
  for (const c of comments) {
    if (!c.directive) continue;
    const line = lines.point(c.span.start).line;
    const endLine = lines.point(c.span.end).line;
    const rules = c.directive.rules.length ? c.directive.rules : null;
    const directive: Directive = { kind: c.directive.kind, rules, span: c.span, used: false };
    switch (c.directive.kind) {
      case 'disable-file':
        directives.push(directive);
        regions.push({ rules, from: 1, to: Infinity, directive });
        break;
      case 'disable-next-line':
        directives.push(directive);
        regions.push({ rules, from: endLine + 1, to: endLine + 1, directive });
        break;
      case 'disable':
        directives.push(directive);
        for (const r of rules ?? ['*']) if (!open.has(r)) open.set(r, { line, directive, except: new Map() });
        break;
      case 'enable': {
        const keys = rules ?? [...open.keys()];
        for (const r of keys) {
          const start = open.get(r);
          if (start) {
            regions.push({ rules: r === '*' ? null : [r], except: start.except, from: start.line, to: line, directive: start.directive });
            open.delete(r);
          }
          // `enable <rule>` inside a blanket disable takes that rule back out of it from here on.
          const all = open.get('*');
          if (r !== '*' && all && !all.except.has(r)) all.except.set(r, line);
        }
        break;
      }
    }
  }
  for (const [r, start] of open) regions.push({ rules: r === '*' ? null : [r], except: start.except, from: start.line, to: Infinity, directive: start.directive });
  return {
    isSuppressed(ruleId, line) {
      let hit = false;
      for (const g of regions) {
        const until = g.rules === null ? g.except?.get(ruleId) : undefined;
        const covers = g.rules === null ? until === undefined || line <= until : g.rules.includes(ruleId);
        if (line >= g.from && line <= g.to && covers) {
          g.directive.used = true;
          hit = true;
        }
      }
      return hit;
    },
    unused() {
      return directives.filter((d) => !d.used);
    },
  };
}
