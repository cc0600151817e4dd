import { parseMarkdown } from './parse/parse.js';
import { readPlanSync, textProblem } from './read.js';
import { extract } from './extract/document.js';
import { addStylePlaceholders } from './extract/placeholders.js';
import { bind } from './schema/bind.js';
import { mapErrors } from './schema/errors.js';
import { DETECT_THRESHOLD, leadingTemplates, percent } from './schema/detect.js';
import { builtinOutlines, loadTemplate, PlanLintError, type CompiledTemplate } from './schema/registry.js';
import { resolveRules, type RuleSetting } from './config/rules.js';
import { collectSuppressions } from './suppress.js';
import { planStats } from './stats.js';
import type { Diagnostic, Finding, LintResult, Severity, Span } from './types.js';
import type { Report } from './rules/types.js';
import { applyFixes } from './fix/apply.js';
import { textHash } from './fix/write.js';

export type { RuleSetting };

export interface LintOptions {
  /** A built-in schema name or a schema file path; detected from the headings when absent. */
  schema?: string;
  /** Per-rule severity and options, ESLint style. */
  rules?: Record<string, RuleSetting>;
  /** Resolve schema paths from here. */
  cwd?: string;
  /** Report errors only. */
  quiet?: boolean;
  /** Largest file to read, in bytes (0: no limit); default src/read.ts DEFAULT_MAX_FILE_SIZE. */
  maxFileSize?: number;
  /** Schema files (a config's own schemas) that detection considers beside the built-ins. */
  candidates?: string[];
  /** Untrusted mode (`--untrusted`): no cache is read or written. */
  untrusted?: boolean;
  /**
   * `lint()` and `lintFile()` only (lintText takes its settings as given): the
   * config, resolved as the CLI does. Absent: discovered from each file's
   * folder upwards; a path: that file for every plan (`--config`); false: none.
   * `schema` and `rules` given here go over the config's.
   */
  config?: string | false;
  /**
   * `lint()` and `lintFile()` only: the baseline of known findings
   * (src/baseline.ts), as the CLI uses it. Absent: `.plan-lint-baseline.json`
   * in `cwd` when there is one; a path: that file; false: none (`--no-baseline`).
   */
  baseline?: string | false;
  /** false: `<!-- plan-lint-disable -->` comments switch nothing off (`--no-inline-config`). */
  inlineConfig?: boolean;
  /** The project root that `schema` and `candidates` (from a config) must lie inside (src/project-root.ts). */
  root?: string;
  /**
   * A plan that fits no template in play (and has no schema given): `warn`
   * (default) gives a warning naming the closest templates and the ways out;
   * `skip` gives a result with a `skipped` reason and no message (for files
   * reached by walking a folder or a glob: not every Markdown file is a plan).
   */
  unmatched?: 'warn' | 'skip';
  /**
   * Apply the fixes (in passes, at most MAX_FIX_PASSES, until nothing changes) and
   * return the fixed text as the result's `output`. Nothing is written.
   */
  fix?: boolean;
}

/** The way out, for a file that fits no template. */
export const NO_FIT_HELP = 'if it is a plan, run "plan-lint init" to map your templates, pass --schema <name|path>, or route it with a config override';

/** A result for a file that was not linted because it is not a plan. */
export function skippedResult(filePath: string, reason: string): LintResult {
  return { filePath, schema: null, messages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, skipped: reason };
}

/** A file named explicitly that fits no template: a warning (a hook must not block a commit of a Markdown file that is not a plan). */
function noFitResult(filePath: string, closest: string): LintResult {
  return {
    filePath,
    schema: null,
    messages: [{ ruleId: null, severity: 1, message: `No template fits this file (closest: ${closest}); ${NO_FIT_HELP}`, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
  };
}

/** ESLint's limit: fixes are applied in at most this many passes. */
export const MAX_FIX_PASSES = 10;

export function fatalResult(filePath: string, message: string, schema: string | null = null): LintResult {
  return {
    filePath,
    schema,
    messages: [{ ruleId: null, fatal: true, severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
  };
}

function format(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (k in data ? String(data[k]) : ''));
}

/** Choose the template for a plan: the given one, or the best-scoring built-in; none: the closest candidates, as text. */
function chooseTemplate(options: LintOptions, doc: ReturnType<typeof extract>, firstLine: Span): CompiledTemplate | { closest: string } {
  const load = { untrusted: options.untrusted === true, ...(options.root ? { root: options.root } : {}) };
  if (options.schema) return loadTemplate(options.schema, options.cwd, load);
  // The built-ins by their outlines: only the one chosen is loaded.
  const pool = [...builtinOutlines(), ...(options.candidates ?? []).map((c) => loadTemplate(c, options.cwd, load))];
  const ranked = leadingTemplates(doc, pool, firstLine);
  const best = ranked[0];
  if (best && best.score >= DETECT_THRESHOLD) return 'load' in best.template ? best.template.load() : best.template;
  const closest = ranked
    .slice(0, 2)
    .map((c) => `${c.name} ${percent(c.score)}`)
    .join(', ');
  return { closest };
}

/**
 * Lint one plan's text. Never throws for bad input in the plan; throws PlanLintError for a bad schema.
 * With `options.fix`, the result describes the fixed text, which is its `output` when fixes changed it.
 */
export function lintText(input: string, filePath: string, options: LintOptions = {}): LintResult {
  if (!options.fix) return lintOnce(input, filePath, options, null).result;
  const first = lintOnce(input, filePath, options, null);
  // A fatal result is never fixed; later passes keep the template chosen for the first.
  if (first.result.fatalErrorCount || !first.template) return first.result;
  let text = input;
  let result = first.result;
  let fixedCount = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const applied = applyFixes(text, result.messages);
    if (!applied.fixed) break;
    const next = lintOnce(applied.output, filePath, options, first.template).result;
    // Fixes that made the text unlintable are dropped, with everything after them.
    if (next.fatalErrorCount) break;
    text = applied.output;
    fixedCount += applied.count;
    result = next;
  }
  return text === input ? result : { ...result, output: text, fixedCount };
}

function lintOnce(input: string, filePath: string, options: LintOptions, pinned: CompiledTemplate | null): { result: LintResult; template: CompiledTemplate | null } {
  // Resolved first, so that bad rule settings throw before any parsing.
  const active = resolveRules(options.rules);
  // Nesting too deep to parse in bounded time and stack: a fatal result, as for files (src/read.ts).
  const problem = textProblem(input);
  if (problem) return { result: fatalResult(filePath, problem), template: null };
  const src = parseMarkdown(input);
  const doc = extract(src);
  const firstLine = src.lines.lineSpan(1);
  const chosen = pinned ?? chooseTemplate(options, doc, firstLine);
  if ('closest' in chosen) {
    return { result: options.unmatched === 'skip' ? skippedResult(filePath, `fits no template (closest: ${chosen.closest})`) : noFitResult(filePath, chosen.closest), template: null };
  }

  // The template's own placeholder styles (`<angle>`, `__X__`, `NNNN`, ...), beyond the default scan.
  addStylePlaceholders(src, doc, chosen.model.placeholderStyles);
  const binding = bind(doc, chosen.model, firstLine, src.text);
  const valid = chosen.validate(binding.instance);
  const mapped = valid ? [] : mapErrors(chosen.validate.errors ?? [], binding, chosen.model, firstLine, chosen.schema);

  const byRule = new Map<string, Finding[]>();
  for (const f of mapped) {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  const suppressions = collectSuppressions(options.inlineConfig === false ? [] : doc.comments, src.lines);
  const messages: Diagnostic[] = [];
  for (const { rule, severity, options: ruleOptions } of active) {
    if (options.quiet && severity < 2) continue;
    rule.create({
      text: src.text,
      tree: src.tree,
      lines: src.lines,
      doc,
      model: chosen.model,
      binding,
      suppressions,
      options: ruleOptions,
      schemaFindings: byRule.get(rule.meta.id) ?? [],
      report(f: Report) {
        const range = src.lines.range(f.span);
        if (suppressions.isSuppressed(rule.meta.id, range.line)) return;
        // A finding's own severity (a schema's x-severity: the warning tier of unchanged-template, a draft's
        // placeholders) wins over the rule's configured one; a rule switched off reports nothing (docs/schemas.md).
        const level: Severity = f.severity ?? severity;
        if (options.quiet && level < 2) return;
        messages.push({
          ruleId: rule.meta.id,
          severity: level,
          message: format(rule.meta.messages[f.messageId] ?? f.messageId, f.data),
          messageId: f.messageId,
          ...range,
          ...(f.fix && rule.meta.fixable ? { fix: f.fix } : {}),
          ...(f.suggestions?.length && rule.meta.hasSuggestions ? { suggestions: f.suggestions } : {}),
        });
      },
    });
  }
  messages.sort((a, b) => a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId)));
  const result: LintResult = {
    filePath,
    schema: chosen.name,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: 0,
    stats: planStats(doc, chosen.model, binding, messages),
  };
  return { result, template: chosen };
}

export { PlanLintError };

/**
 * Lint one file with settings already resolved (the CLI's runner and its
 * workers; `lintFile()` resolves them first). An unreadable file is a fatal
 * result. The file is read synchronously (see readPlanSync: waiting on the
 * event loop between plans slows the parse that follows).
 */
export function lintResolved(file: string, options: LintOptions): LintResult {
  const read = readForLint(file, options);
  if (!read.ok) return fatalResult(file, read.message);
  return withInputHash(lintText(read.text, file, options), read.text);
}

/** A plan file read for linting (lintText checks the text's nesting itself). */
export function readForLint(file: string, options: LintOptions): ReturnType<typeof readPlanSync> {
  return readPlanSync(file, { checkText: false, ...(options.maxFileSize !== undefined ? { maxBytes: options.maxFileSize } : {}) });
}

/** With fixes, the digest of the text that was read: --fix does not write over a file changed since. */
export function withInputHash(result: LintResult, text: string): LintResult {
  return result.output !== undefined ? { ...result, inputHash: textHash(text) } : result;
}
