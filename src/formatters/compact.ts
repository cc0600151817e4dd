import { escapeLine, escapeText } from '../escape.js';
import type { LintResult } from '../types.js';
import { displayPath } from './github.js';
import type { FormatContext, StreamingFormatter } from './index.js';

function compactFile(r: LintResult, ctx: FormatContext): string {
  const path = escapeLine(displayPath(r.filePath, ctx.cwd));
  let out = '';
  for (const m of r.messages) {
    const severity = m.fatal || m.severity === 2 ? 'error' : 'warning';
    out += `${path}:${m.line}:${m.column}: ${severity} ${escapeText(m.message)}${m.ruleId ? ` (${escapeText(m.ruleId)})` : ''}\n`;
  }
  return out;
}

/**
 * `path:line:col: severity message (rule)`, one line per finding (the shape
 * compilers print, which terminals and editors turn into links); nothing for a
 * clean run.
 */
export function compact(results: LintResult[], ctx: FormatContext): string {
  return results.map((r) => compactFile(r, ctx)).join('');
}

export const compactStream: StreamingFormatter = {
  open: () => '',
  file: (r, ctx) => compactFile(r, ctx),
  close: () => '',
};
