/**
 * plan-lint's library API. `lint()` returns the same result objects that
 * `plan-lint --format json` prints, from the same settings: the config is
 * resolved and the baseline applied as the CLI does (src/session.ts).
 */
import { resolve } from 'node:path';
import { planFiles, settingsFor } from './config/resolve.js';
import { expandPatterns } from './files.js';
import { lintText, type LintOptions } from './lint.js';
import { safeLint } from './runner.js';
import { openSession, present } from './session.js';
import type { LintResult } from './types.js';

export type LintInput = { files: string[] } | { text: string; filePath?: string };

export async function lint(input: LintInput, options: LintOptions = {}): Promise<LintResult[]> {
  const session = await openSession(options);
  const { cwd } = session;
  if ('text' in input) {
    const name = input.filePath ? resolve(cwd, input.filePath) : '<text>';
    // Text without a name takes the config of a plan in cwd, as standard input does in the CLI.
    const { options: opts } = await settingsFor(input.filePath ? name : resolve(cwd, 'stdin.md'), session.base, session.named);
    return [present(session, lintText(input.text, name, opts), input.text)];
  }
  const { files, walkedFrom } = await expandPatterns(input.files, cwd);
  const { jobs, ignored } = await planFiles(files, session.base, session.named, new Set(input.files.map((p) => resolve(cwd, p))), walkedFrom);
  const results: LintResult[] = ignored.map((r) => present(session, r));
  for (const job of jobs) results.push(present(session, await safeLint(job)));
  return results;
}

/**
 * Lint one file, with its config and the baseline as the CLI would (see
 * LintOptions `config` and `baseline`); an unreadable file becomes a fatal
 * result, never an exception. A file the config ignores is linted all the same.
 */
export async function lintFile(file: string, options: LintOptions = {}): Promise<LintResult> {
  const session = await openSession(options);
  const path = resolve(session.cwd, file);
  const { options: opts } = await settingsFor(path, session.base, session.named);
  return present(session, await safeLint({ file: path, options: opts }));
}

export { BASELINE_FILE } from './baseline/baseline.js';
export { lintText, fatalResult, MAX_FIX_PASSES } from './lint.js';
export { applyFixes } from './fix/apply.js';
export type { AppliedFixes } from './fix/apply.js';
export type { LintOptions, RuleSetting } from './lint.js';
export { rules, ruleIds, getRule } from './rules/index.js';
export type { Rule, RuleContext, RuleMeta } from './rules/index.js';
export { loadTemplate, loadBuiltins, compileTemplate, PlanLintError } from './schema/registry.js';
export type { CompiledTemplate } from './schema/registry.js';
export { BUILTIN_NAMES } from './schema/builtins.js';
export { generateSchema } from './schema/generate.js';
export { parseMarkdown } from './parse/parse.js';
export { extract } from './extract/document.js';
export type { PlanDocument, Section, Table, Field, Task, CodeBlock, Comment } from './extract/document.js';
export type { Placeholder, PlaceholderKind } from './extract/placeholders.js';
export { formatters, getFormatter } from './formatters/index.js';
export type { Diagnostic, LintResult, Severity, Range, Span, Fix, Suggestion } from './types.js';
