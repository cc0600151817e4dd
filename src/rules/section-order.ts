import type { Rule } from './types.js';
import { NO_OPTIONS } from './types.js';

/**
 * Sections out of template order. Among the matched siblings of each parent,
 * the longest run already in template order stays; every other section is
 * reported, so a single moved section gives a single finding.
 */
const rule: Rule = {
  meta: {
    id: 'section-order',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'A required section is out of template order.',
    messages: {
      order: 'Section "{{heading}}" is out of order (expected {{where}})',
    },
    schema: NO_OPTIONS,
    checkedBy: 'code',
  },
  create(ctx) {
    for (const group of ctx.binding.orderGroups) {
      const seq = group.entries.map((e) => e.templateIndex);
      const keep = longestIncreasing(seq);
      group.entries.forEach((e, n) => {
        if (keep.has(n)) return;
        // Where it belongs: after the nearest earlier template sibling that is in order.
        const prev = group.entries
          .filter((_, m) => keep.has(m) && (group.entries[m]?.templateIndex ?? 0) < e.templateIndex)
          .sort((a, b) => b.templateIndex - a.templateIndex)[0];
        const next = group.entries
          .filter((_, m) => keep.has(m) && (group.entries[m]?.templateIndex ?? 0) > e.templateIndex)
          .sort((a, b) => a.templateIndex - b.templateIndex)[0];
        const where = prev
          ? `after "${prev.template.display}"`
          : next
            ? `before "${next.template.display}"`
            : 'in template order';
        ctx.report({ messageId: 'order', data: { heading: `${'#'.repeat(e.section.depth)} ${e.section.text}`, where }, span: e.section.span });
      });
    }
  },
};

/** Indices of one longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < (seq[i] as number)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out = new Set<number>();
  let k = tails.length ? (tails[tails.length - 1] as number) : -1;
  while (k >= 0) {
    out.add(k);
    k = prev[k] as number;
  }
  return out;
}

export default rule;
