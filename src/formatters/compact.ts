import type { LintResult } from '../types.js';
import { displayPath } from './github.js';
import type { FormatContext, StreamingFormatter } from './index.js';

/**
 * Control characters (a plan's text may carry any) shown as `\u{..}` escapes,
 * so that a finding stays one line and cannot move a terminal's cursor.
 */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function compactFile(r: LintResult, ctx: FormatContext): string {
  const path = oneLine(displayPath(r.filePath, ctx.cwd));
  let out = '';
  for (const m of r.messages) {
    const severity = m.fatal || m.severity === 2 ? 'error' : 'warning';
    out += `${path}:${m.line}:${m.column}: ${severity} ${oneLine(m.message)}${m.ruleId ? ` (${m.ruleId})` : ''}\n`;
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
