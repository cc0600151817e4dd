import { escapeText } from '../escape.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_NAMES } from '../config/load.js';
import { discover, type Discovery } from '../init/discover.js';
import { PlanLintError } from '../schema/registry.js';
import { readProjectFile } from '../project-root.js';
import { writeAtomic } from '../write.js';
import type { CliIO } from './io.js';

export const STARTER_CONFIG = {
  $schema: './node_modules/plan-lint/schemas/config.schema.json',
  rules: {
    'guidance-comment': 'warn',
  },
  overrides: [] as unknown[],
  ignores: ['**/node_modules/**', '**/CHANGELOG.md'],
};

export interface InitArgs {
  force: boolean;
  dryRun: boolean;
  gitignore?: boolean;
}

/** The config for what init found: the repository's templates as schemas, each document glob routed to its template, the templates themselves ignored. */
export function configFrom(found: Discovery): Record<string, unknown> {
  const schemas = Object.fromEntries(found.templates.filter((t) => found.mappings.some((m) => m.template === t.path)).map((t) => [t.name, t.path]));
  return {
    $schema: STARTER_CONFIG.$schema,
    ...(Object.keys(schemas).length ? { schemas } : {}),
    rules: STARTER_CONFIG.rules,
    overrides: found.mappings.map((m) => ({ files: m.globs.length === 1 ? m.globs[0] : m.globs, schema: m.schema })),
    ignores: [...STARTER_CONFIG.ignores, ...found.templates.map((t) => t.path)],
  };
}

/** A config in the folder already (one of the names plan-lint reads; package.json only with a "plan-lint" key). */
function existingConfig(dir: string): string | null {
  for (const name of CONFIG_NAMES) {
    const p = join(dir, name);
    if (!existsSync(p)) continue;
    if (name === 'package.json') {
      try {
        if (!Object.prototype.hasOwnProperty.call(JSON.parse(readProjectFile(p, { root: dir, what: 'package.json' }).toString('utf8')), 'plan-lint')) continue;
      } catch {
        continue;
      }
    }
    return name;
  }
  return null;
}

const pct = (score: number): string => `${Math.round(score * 100)}%`;

/** A value from the repository (a file name, a reason quoting one): one line, its control characters visible. */
const v = (s: string): string => escapeText(s);

function report(found: Discovery): string {
  let out = '';
  if (!found.templates.length) out += 'No templates found in this repository (looked for templates/ folders and files named *template*, TEMPLATE.md, 0000-*.md, *.md.template).\n';
  for (const t of found.templates) {
    const m = found.mappings.find((x) => x.template === t.path);
    out += `\nTemplate ${v(t.path)} -> schema "${v(t.name)}"${m ? '' : ': no documents found'}\n`;
    if (m) out += mappingLines(m);
  }
  for (const m of found.mappings.filter((x) => !x.template)) {
    out += `\nBuilt-in schema "${v(m.schema)}" (no template of its own in the repository)\n${mappingLines(m)}`;
  }
  for (const r of found.rejected) out += `\nNot used as a template: ${v(r.path)} (${v(r.reason)})\n`;
  if (found.unmapped.length) {
    out += `\nLeft unmapped (${found.unmapped.length}: they fit no template; plan-lint skips them when it walks a folder):\n`;
    for (const u of found.unmapped) out += `  ${v(u.path)}  (closest: ${v(u.closest)})\n`;
  }
  return out;
}

function mappingLines(m: Discovery['mappings'][number]): string {
  const width = Math.max(...m.files.map((f) => v(f.path).length));
  let out = '';
  for (const f of m.files) out += `  ${v(f.path).padEnd(width)}  ${pct(f.score)}${f.by === 'folder' ? ' (by folder: below the detection threshold)' : ''}\n`;
  out += `  routed by: ${m.globs.map(v).join(', ')}\n`;
  return out;
}

/**
 * `plan-lint init`: find the repository's templates and the documents written
 * from each, print what was found, and write a .plan-lintrc.json that routes
 * those documents to those templates. Never replaces an existing config
 * without --force; --dry-run prints the config instead of writing it.
 */
export async function initCommand(io: CliIO, args: InitArgs): Promise<number> {
  const path = resolve(io.cwd, '.plan-lintrc.json');
  const existing = existingConfig(io.cwd);
  if (existing && !args.force && !args.dryRun) {
    throw new PlanLintError(`Refusing to overwrite ${existing}: a config exists already (--force replaces it; --dry-run prints what init would write)`);
  }
  const found = await discover(io.cwd, { gitignore: args.gitignore !== false });
  const text = `${JSON.stringify(configFrom(found), null, 2)}\n`;
  // File names come from the repository: each printed on its line with its control characters made visible.
  io.stdout.write(report(found));
  if (args.dryRun) {
    io.stdout.write(`\n--dry-run: would write ${escapeText(path)}:\n${escapeText(text, { keepNewlines: true })}`);
    return 0;
  }
  if (existing && existing !== '.plan-lintrc.json') {
    throw new PlanLintError(`Refusing to write .plan-lintrc.json beside ${existing}: it would take its place; remove ${existing} first`);
  }
  await writeAtomic(path, text, args.force);
  io.stdout.write(`\nWrote ${escapeText(path)}\n`);
  return 0;
}
