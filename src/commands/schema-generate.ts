import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { escapeJson, escapeText } from '../escape.js';
import { readPlanSync } from '../read.js';
import { generateSchema } from '../schema/generate.js';
import { makeStatusAware } from '../schema/status.js';
import { templateSchemaName } from '../schema/template-name.js';
import { compileTemplate, PlanLintError } from '../schema/registry.js';
import { writeAtomic } from '../write.js';
import type { CliIO } from './io.js';

export interface GenerateArgs {
  template: string;
  output?: string;
  name?: string;
  force: boolean;
  statusAware?: boolean;
  leftoversOnly?: boolean;
  allStyles?: boolean;
}

/** `plan-lint schema generate <template.md>`: infer a schema; print it or write it with -o. */
export async function schemaGenerateCommand(args: GenerateArgs, io: CliIO): Promise<number> {
  const path = resolve(io.cwd, args.template);
  const read = readPlanSync(path);
  if (!read.ok) throw new PlanLintError(`${args.template}: ${read.message}`);
  const name = args.name ?? templateSchemaName(path);
  // A user's template: check plans for the placeholder styles and guidance comments the template itself uses.
  // Placeholder styles the template does not use ({a, b} in a plan from a [Text] template) are not leftovers, unless --all-styles.
  let schema = generateSchema(read.text, { name, source: basename(path), templateLeftoversOnly: Boolean(args.leftoversOnly), ownStylesOnly: !args.allStyles });
  if (args.statusAware) {
    const fields = (schema['properties'] as Record<string, { properties?: Record<string, unknown> }>)['fields']?.properties ?? {};
    if (!Object.prototype.hasOwnProperty.call(fields, 'status')) throw new PlanLintError(`${args.template}: --status-aware needs a "Status" field in the template`);
    schema = makeStatusAware(schema);
  }
  // What we write must load: check it against the meta-schema and compile it now.
  compileTemplate(schema, args.output ?? args.template);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (args.output) {
    const out = resolve(io.cwd, args.output);
    // Missing folders are made, as `plan-lint new -o` does.
    await mkdir(dirname(out), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new PlanLintError(`Cannot create the folder of ${out}: ${err.code === 'EEXIST' || err.code === 'ENOTDIR' ? 'a part of the path is a file' : err.code ?? 'error'}`);
    });
    await writeAtomic(out, text, args.force);
    io.stderr.write(`Wrote ${escapeText(out)}\n`);
  } else {
    // The template's text (its headings) may hold bidirectional overrides, C1 controls or `##[`: the same data, written inertly.
    io.stdout.write(escapeJson(text));
  }
  return 0;
}
