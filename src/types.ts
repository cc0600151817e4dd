/** Shared, JSON-safe types: the one diagnostic type and the per-file result. */

/** 1 = warning, 2 = error (ESLint's numbers). */
export type Severity = 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** A half-open range of UTF-16 offsets into the source text (after BOM removal). */
export interface Span {
  start: number;
  end: number;
}

/** 1-based line and column; columns count characters (code points). */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What a rule or the schema mapper reports, before the engine stamps severity. */
export interface Finding {
  ruleId: string;
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  /** A severity the template schema sets for this finding (`x-severity`), over the rule's. */
  severity?: Severity;
  /** What a fix needs to know beyond the span (which template part is missing); never printed. */
  target?: FixTarget;
  /** For debugging only (`--debug`): never printed in user-facing formats. */
  pointer?: string;
  schemaPath?: string;
}

/**
 * An edit, ESLint's shape: replace the UTF-16 offsets `range` of the source
 * text (after BOM removal) with `text`. Fixes only insert text, or replace the
 * `#` markers of a heading; they never delete what a user wrote.
 */
export interface Fix {
  range: [number, number];
  text: string;
}

/** A fix that needs a person's choice: offered, never applied by `--fix`. */
export interface Suggestion {
  desc: string;
  fix: Fix;
}

/**
 * The template part a finding is about, for its fix: a missing section (the
 * instance pointer of the sections object it belongs in, and its key), a
 * missing column of a bound table, a missing metadata field, a missing title.
 */
export type FixTarget =
  | { kind: 'section'; pointer: string; key: string }
  | { kind: 'column'; pointer: string; key: string }
  | { kind: 'table'; pointer: string; key: string }
  | { kind: 'field'; key: string }
  | { kind: 'title' };

/** The one diagnostic type every formatter prints. */
export interface Diagnostic extends Range {
  ruleId: string | null;
  severity: Severity;
  message: string;
  messageId?: string;
  fatal?: boolean;
  /** Applied by `--fix` (absent when the finding has no safe automatic fix). */
  fix?: Fix;
  /** Edits a person may choose (an editor offers them as quick fixes). */
  suggestions?: Suggestion[];
}

/** Completeness figures for a plan (see src/stats.ts). */
export interface PlanStats {
  sections: { required: number; present: number; filled: number };
  placeholders: number;
  tables: { required: number; filled: number };
  /** 0..1: required sections present and filled, less 1% per placeholder left. */
  score: number;
}

export interface LintResult {
  filePath: string;
  schema: string | null;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  /** Absent for fatal and skipped results. */
  stats?: PlanStats;
  /** With a baseline in use: how many of the file's findings it hid (src/baseline/). */
  baselinedCount?: number;
  /** Set when the file was not linted because it is not a plan (it fits no template in play): why, in one line. */
  skipped?: string;
  /** With `fix`: the fixed text, present only when a fix changed it (ESLint's `output`). */
  output?: string;
  /** With `fix`: how many fixes were applied. */
  fixedCount?: number;
  /** With `fix`, for files: a digest of the text read, so that a file changed since is not overwritten. Never printed. */
  inputHash?: string;
}
