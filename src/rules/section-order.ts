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
        // A section bound from under another parent: say where it belongs.
        const home = group.parent;
        const under = home && e.section.parent !== home.index ? `under "${'#'.repeat(home.depth)} ${home.text}", ` : '';
        const where = under + (prev
          ? `after "${prev.template.display}"`
          : next
            ? `before "${next.template.display}"`
            : 'in template order');
        ctx.report({ messageId: 'order', data: { heading: `${'#'.repeat(e.section.depth)} ${e.section.text}`, where }, span: e.section.span });
      });
    }
  },
};

/**
 * Indices of a longest strictly increasing subsequence that keeps the
 * earliest elements, so that of two swapped sections the later one (the one
 * moved down) is reported.
 */
function longestIncreasing(seq: number[]): Set<number> {
  const n = seq.length;
  // from[i]: length of the longest increasing run starting at i.
  const from = new Array<number>(n).fill(1);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      if ((seq[j] as number) > (seq[i] as number)) from[i] = Math.max(from[i] as number, (from[j] as number) + 1);
    }
  }
  const out = new Set<number>();
  let need = Math.max(0, ...from);
  let last = -Infinity;
  for (let i = 0; i < n && need > 0; i++) {
    if ((seq[i] as number) > last && from[i] === need) {
      out.add(i);
      last = seq[i] as number;
      need--;
    }
  }
  return out;
}

export default rule;
