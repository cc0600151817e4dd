/**
 * One open document through the library, with the settings the CLI would use
 * for the same file (src/config/resolve.ts: the config discovered from its
 * folder upwards, or the editor's `configFile`): the editor shows what
 * `plan-lint <file>` prints, and `lint(..., { fix: true })` gives "fix all".
 */
import { resolve } from 'node:path';
import { BaselineRun } from '../baseline/run.js';
import { clearConfigCache } from '../config/load.js';
import { namedConfig, settingsFor } from '../config/resolve.js';
import { OverBudget, resetAfterOverrun, withinBudget } from '../budget.js';
import { timeoutMessage } from '../isolate.js';
import { fatalResult, lintText, type LintOptions } from '../lint.js';
import { clearTemplateCache, loadBuiltins, loadTemplate } from '../schema/registry.js';
import type { TemplateModel } from '../schema/model.js';
import type { LintResult } from '../types.js';

export interface EditorLint {
  /** Undefined when the document is not linted (not a plan, or ignored by the config). */
  result?: LintResult;
  /** The template the document was linted against (for hover). */
  model?: TemplateModel;
  /** The schema detection chose (a built-in or preset name, or a config schema's path), to pin while the document is edited. */
  detected?: string;
  /** Set when the document is not linted, and why (for logs, never shown as a finding). */
  skipped?: string;
}

/** The baseline of each workspace folder (`.plan-lint-baseline.json` there, as the CLI run from that folder reads it). */
const baselines = new Map<string, BaselineRun | null>();

function baselineOf(folder: string): BaselineRun | null {
  if (!baselines.has(folder)) baselines.set(folder, BaselineRun.open({ cwd: folder, mode: 'apply' }));
  return baselines.get(folder) ?? null;
}

/** The language server's time budget for one lint (its `maxFileTime` setting), in milliseconds; 0: none. */
export interface Budget {
  ms: number;
}

/**
 * `folder`: the workspace folder holding the document; its baseline hides the
 * findings it records, as `plan-lint` run there does (a bad baseline throws,
 * like a bad config, and is shown as one diagnostic). `budget`: past it, the
 * lint is stopped (src/budget.ts) and the result is one fatal diagnostic
 * saying so; the server goes on.
 */
export async function lintDocument(text: string, file: string, configFile?: string, extra: Pick<LintOptions, 'fix' | 'untrusted'> = {}, folder?: string, pinned?: string, budget: Budget = { ms: 0 }): Promise<EditorLint> {
  const cwd = resolve(file, '..');
  const named = await namedConfig(configFile, cwd);
  const { options, ignored } = await settingsFor(file, { cwd, ...extra }, named);
  if (ignored) return { skipped: 'ignored by the config' };
  // While a document is edited, the template detection chose for it stays (detection ranks every
  // built-in and preset: a third of a lint); it is chosen again on open, on save and when settings change.
  const detecting = !options.schema;
  if (detecting && pinned) options.schema = pinned;
  // Not every Markdown file is a plan: one that fits no template is skipped, silently.
  let linted;
  try {
    linted = withinBudget(budget.ms, () => lintText(text, file, { ...options, unmatched: 'skip' }));
  } catch (err) {
    if (!(err instanceof OverBudget)) throw err;
    resetAfterOverrun();
    return { result: fatalResult(file, timeoutMessage(err.ms, 'the maxFileTime setting')) };
  }
  if (linted.skipped) return { skipped: linted.skipped };
  const baseline = folder && !extra.fix ? baselineOf(folder) : null;
  const result = baseline ? baseline.handle(linted, text) : linted;
  const load = { untrusted: options.untrusted === true, ...(options.root ? { root: options.root } : {}) };
  if (options.schema) {
    const model = loadTemplate(options.schema, options.cwd, load).model;
    return detecting ? { result, model, detected: options.schema } : { result, model };
  }
  const builtin = loadBuiltins().find((t) => t.name === result.schema);
  if (builtin) return { result, model: builtin.model, detected: builtin.name };
  const own = (options.candidates ?? []).find((c) => loadTemplate(c, options.cwd, load).name === result.schema);
  return own ? { result, model: loadTemplate(own, options.cwd, load).model, detected: own } : { result };
}

/** Forget configs and compiled schemas read so far (a config, schema or template file changed). */
export function forgetSettings(): void {
  baselines.clear();
  clearConfigCache();
  clearTemplateCache();
}
