import { escapeJson } from '../escape.js';
import type { LintResult } from '../types.js';
import type { StreamingFormatter } from './index.js';

/** One file's entry of the JSON array. */
function entry(r: LintResult): unknown {
  return {
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
    ...(m.fix ? { fix: m.fix } : {}),
    ...(m.suggestions?.length ? { suggestions: m.suggestions } : {}),
  })),
  errorCount: r.errorCount,
  warningCount: r.warningCount,
  fatalErrorCount: r.fatalErrorCount,
  ...(r.stats ? { stats: r.stats } : {}),
  ...(r.baselinedCount !== undefined ? { baselinedCount: r.baselinedCount } : {}),
  ...(r.skipped ? { skipped: r.skipped } : {}),
  ...(r.output !== undefined ? { output: r.output } : {}),
  };
}

/** ESLint-compatible JSON: an array of per-file results. */
export function json(results: LintResult[]): string {
  return escapeJson(JSON.stringify(results.map(entry)));
}

/** The same array, written a file at a time (byte for byte what json() gives, plus the final newline). */
export const jsonStream: StreamingFormatter = {
  open: () => '[',
  file: (r, _ctx, index) => `${index ? ',' : ''}${escapeJson(JSON.stringify(entry(r)))}`,
  close: () => ']\n',
};
