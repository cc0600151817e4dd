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
  /** For debugging only (`--debug`): never printed in user-facing formats. */
  pointer?: string;
  schemaPath?: string;
}

/** The one diagnostic type every formatter prints. */
export interface Diagnostic extends Range {
  ruleId: string | null;
  severity: Severity;
  message: string;
  messageId?: string;
  fatal?: boolean;
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
}
