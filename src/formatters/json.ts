import type { LintResult } from '../types.js';

/** ESLint-compatible JSON: an array of per-file results. */
export function json(results: LintResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      schema: r.schema,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.messageId ? { messageId: m.messageId } : {}),
        ...(m.fatal ? { fatal: true } : {}),
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      fatalErrorCount: r.fatalErrorCount,
      ...(r.stats ? { stats: r.stats } : {}),
    })),
  );
}
