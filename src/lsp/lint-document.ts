/**
 * One open document through the library, with the settings the CLI would use
 * for the same file (the config discovered from its folder, or the editor's
 * `configFile`): the editor shows what `plan-lint <file>` prints.
 */
import { dirname } from 'node:path';
import { clearConfigCache, configFor, findConfig, loadConfigFile } from '../config/load.js';
import { lintText, type LintOptions } from '../lint.js';
import { clearTemplateCache, loadBuiltins, loadTemplate } from '../schema/registry.js';
import type { TemplateModel } from '../schema/model.js';
import type { LintResult } from '../types.js';

export interface EditorLint {
  /** Undefined when the document is not a plan (no schema routes it and none fits it). */
  result?: LintResult;
  /** The template the document was linted against (for hover). */
  model?: TemplateModel;
  /** Set when the document is not linted, and why (for logs, never shown as a finding). */
  skipped?: string;
}

export async function lintDocument(text: string, file: string, configFile?: string): Promise<EditorLint> {
  const cfg = configFile ? await loadConfigFile(configFile) : await findConfig(dirname(file));
  const fc = configFor(file, cfg);
  if (fc.ignored) return { skipped: 'ignored by the config' };
  // A document that fits no template is not a plan: skipped, and the editor stays silent.
  const options: LintOptions = { cwd: dirname(file), rules: fc.rules, candidates: fc.candidates, unmatched: 'skip' };
  if (fc.schema) options.schema = fc.schema;
  const result = lintText(text, file, options);
  if (result.skipped) return { skipped: result.skipped };
  const chosen = fc.schema
    ? loadTemplate(fc.schema, options.cwd)
    : [...loadBuiltins(), ...fc.candidates.map((c) => loadTemplate(c, options.cwd))].find((t) => t.name === result.schema);
  return chosen ? { result, model: chosen.model } : { result };
}

/** Forget configs and compiled schemas read so far (a config, schema or template file changed). */
export function forgetSettings(): void {
  clearConfigCache();
  clearTemplateCache();
}
