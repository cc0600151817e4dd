/**
 * plan-lint's library API. `lint()` returns the same result objects that
 * `plan-lint --format json` prints.
 */
import { resolve } from 'node:path';
import { expandPatterns } from './files.js';
import { fatalResult, lintText, type LintOptions } from './lint.js';
import { readPlanSync } from './read.js';
import type { LintResult } from './types.js';

export type LintInput = { files: string[] } | { text: string; filePath?: string };

export async function lint(input: LintInput, options: LintOptions = {}): Promise<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  if ('text' in input) {
    return [lintText(input.text, input.filePath ? resolve(cwd, input.filePath) : '<text>', options)];
  }
  const { files } = await expandPatterns(input.files, cwd);
  const results: LintResult[] = [];
  for (const file of files) results.push(await lintFile(file, options));
  return results;
}

/**
 * Lint one file; an unreadable file becomes a fatal result, never an exception.
 * The file is read synchronously (see readPlanSync: waiting on the event loop
 * between plans slows the parse that follows).
 */
export async function lintFile(file: string, options: LintOptions = {}): Promise<LintResult> {
  // lintText checks the text's nesting itself.
  const read = readPlanSync(file, { checkText: false, ...(options.maxFileSize !== undefined ? { maxBytes: options.maxFileSize } : {}) });
  if (!read.ok) return fatalResult(file, read.message);
  return lintText(read.text, file, options);
}

export { lintText, fatalResult } from './lint.js';
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
export type { Diagnostic, LintResult, Severity, Range, Span } from './types.js';
