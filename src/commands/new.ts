import { escapeText } from '../escape.js';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { findConfig } from '../config/load.js';
import type { TemplateModel, TemplateSection } from '../schema/model.js';
import { loadTemplate } from '../schema/registry.js';
import { writeAtomic } from '../write.js';
import type { CliIO } from './io.js';

/**
 * A fresh plan skeleton from a schema: the template's title, fields, headings
 * and tables, with placeholders to fill (so plan-lint fails it until filled).
 */
export function skeleton(model: TemplateModel): string {
  const out: string[] = [];
  if (model.title) out.push(`# ${model.title.heading.text}`, '');
  if (model.fields.length) {
    for (const f of model.fields) out.push(`**${f.label}:** ${f.example || `[${f.label}]`}  `);
    out.push('');
  }
  const section = (t: TemplateSection): void => {
    out.push(`${'#'.repeat(t.heading.depth)} ${t.heading.text}`, '');
    for (const table of t.tables) {
      out.push(`| ${table.columns.map((c) => c.label).join(' | ')} |`);
      out.push(`|${table.columns.map(() => '---').join('|')}|`);
      out.push(`| ${table.columns.map((c) => c.example || `[${c.label}]`).join(' | ')} |`, '');
    }
    if (!t.children.length && !t.tables.length) out.push(`[Describe ${t.heading.text.replace(/[[\]{}]/g, '')}]`, '');
    t.children.forEach(section);
  };
  model.sections.forEach(section);
  return `${out.join('\n').trimEnd()}\n`;
}

/** `plan-lint new <schema> [-o plan.md] [--force]`: print or write a skeleton; replaces an existing file only with --force. */
export async function newCommand(schema: string, output: string | undefined, io: CliIO, force = false): Promise<number> {
  // A name from the config's "schemas" (found from the output's folder upwards) works as well as a built-in or a path.
  const cfg = await findConfig(dirname(resolve(io.cwd, output ?? 'plan.md')));
  const own = cfg?.data.schemas && Object.prototype.hasOwnProperty.call(cfg.data.schemas, schema) ? cfg.data.schemas[schema] : undefined;
  const ref = own !== undefined && cfg ? resolve(cfg.dir, own) : schema;
  const text = skeleton(loadTemplate(ref, io.cwd, own !== undefined && cfg ? { root: cfg.root } : {}).model);
  if (!output) {
    io.stdout.write(text);
    return 0;
  }
  const path = resolve(io.cwd, output);
  await mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, text, force);
  io.stderr.write(`Wrote ${escapeText(path)}\n`);
  return 0;
}
