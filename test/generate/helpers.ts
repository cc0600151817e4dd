import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/index.js';
import { createContext, generateSchema } from '../../src/schema/generate.js';
import type { GenContext, OutlineNode, Pass } from '../../src/schema/generate/context.js';

/** Run the passes on a tiny template, in the order given. */
export function run(template: string, passes: Pass[], options: { templateLeftoversOnly?: boolean; ownStylesOnly?: boolean } = {}): GenContext {
  const ctx = createContext(template, { name: 't', ...options });
  for (const p of passes) p(ctx);
  return ctx;
}

/** `depth key` lines of the outline, children indented. */
export function outline(nodes: OutlineNode[], indent = ''): string[] {
  return nodes.flatMap((n) => [`${indent}${n.section.depth} ${n.key || n.shape.text}`, ...outline(n.children, `${indent}  `)]);
}

let made = 0;
/**
 * Generate a schema from a tiny template as `schema generate` does, lint a
 * plan with it: `line:column ruleId message` per finding. Call
 * `tempDirs()` once per test file and pass its folder maker.
 */
export function lintWith(template: string, plan: string, dir: string, options: { ownStylesOnly?: boolean } = {}): string[] {
  const path = join(dir, `t${++made}.schema.json`);
  writeFileSync(path, JSON.stringify(generateSchema(template, { name: `t${made}`, source: 'template.md', ...options })));
  return lintText(plan, 'plan.md', { schema: path }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
}
