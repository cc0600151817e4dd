import type { Section } from '../../extract/document.js';
import type { Placeholder } from '../../extract/placeholders.js';
import { normalizeKey } from '../../extract/text.js';
import type { GenContext, OutlineNode } from './context.js';
import { escape } from './util.js';

/**
 * Pass: instances and alternatives. Sibling headings with the same variable
 * pattern ("Option A", "Option B") are instances of one repeatable heading;
 * every heading gets its property name.
 */
export function instancesPass(ctx: GenContext): void {
  const level = (nodes: OutlineNode[]): OutlineNode[] => {
    const kept: OutlineNode[] = [];
    const keys = new Set<string>();
    const seenPatterns = new Set<string>();
    for (const n of nodes) {
      const { shape, section } = n;
      // Siblings with the same variable pattern are instances of one heading.
      if (shape.instance && shape.pattern && seenPatterns.has(shape.pattern)) continue;
      let key = (shape.pattern ? literalKey(shape.text, section, ctx.placeholders) : normalizeKey(shape.text)) || section.key || `section ${section.index + 1}`;
      while (keys.has(key)) key = `${key} ${section.index + 1}`;
      keys.add(key);
      n.key = key;
      if (shape.instance && shape.pattern) {
        seenPatterns.add(shape.pattern);
        n.group = nodes.filter((o) => o.shape.pattern === shape.pattern).map((o) => o.section);
      }
      n.children = level(n.children);
      kept.push(n);
    }
    return kept;
  };
  ctx.sections = level(ctx.sections);
}

/**
 * `Option A ...`, `Phase 2 ...`, `Endpoint 1 ...`, `Task N ...` -> a pattern for any
 * instance. The instance id must be a number or a capital letter as written:
 * "Removing a deprecated feature" and "How can a rollout fail?" are not instances.
 */
export function instanceOf(written: string): string | null {
  const w = written.normalize('NFKC').replace(/^\s*(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+)\s+/, '');
  const m = /^([A-Za-z][A-Za-z0-9]*(?:[ \t]+[A-Za-z][A-Za-z0-9]*)?)[ \t]+(\d{1,3}|[A-Z])(?=$|[\s:.)—–-])/.exec(w);
  if (!m || !m[1]) return null;
  const lead = normalizeKey(m[1]);
  if (!lead || /^(?:the|a|an|and|or|of|to|in|on|for|with|is|are|how|what|why|when|where|who|which|can|does|do|will|should)$/.test(lead.split(' ')[0] as string)) return null;
  return `^${escape(lead)} (?:[a-z]|\\d{1,3})(?: |$)`;
}

/** The property key of a heading with a pattern: its literal words ("Option A: [Approach 1]" -> "option"). */
export function literalKey(clean: string, s: Section, placeholders: Placeholder[]): string {
  let k = clean;
  for (const p of placeholders) {
    if (p.span.start >= s.span.start && p.span.end <= s.span.end) k = k.replace(p.text, ' ');
  }
  k = k.replace(/`[^`]*`/g, ' ');
  const key = normalizeKey(k);
  const inst = /^([a-z][a-z0-9]*(?: [a-z][a-z0-9]*)?) (?:[a-z]|\d{1,3})(?: |$)/.exec(key);
  return (instanceOf(clean) ? inst?.[1] : undefined) ?? key;
}
