import { createContext } from '../../src/schema/generate.js';
import type { GenContext, OutlineNode, Pass } from '../../src/schema/generate/context.js';

/** Run the passes on a tiny template, in the order given. */
export function run(template: string, passes: Pass[], options: { templateLeftoversOnly?: boolean } = {}): GenContext {
  const ctx = createContext(template, { name: 't', ...options });
  for (const p of passes) p(ctx);
  return ctx;
}

/** `depth key` lines of the outline, children indented. */
export function outline(nodes: OutlineNode[], indent = ''): string[] {
  return nodes.flatMap((n) => [`${indent}${n.section.depth} ${n.key || n.shape.text}`, ...outline(n.children, `${indent}  `)]);
}
