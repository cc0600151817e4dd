import { isAbsolute, relative, resolve, sep } from 'node:path';
import { escapeText } from '../escape.js';
import type { Diagnostic, LintResult } from '../types.js';
import type { FormatContext, StreamingFormatter } from './index.js';

/** The path of `filePath` relative to `cwd` with `/` separators, or null when it is not inside `cwd`. */
export function relativePath(filePath: string, cwd: string): string | null {
  const rel = relative(cwd, resolve(cwd, filePath));
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

/** How reports name a file: relative to `cwd` when inside it, else absolute; always `/` separators. */
export function displayPath(filePath: string, cwd: string): string {
  return relativePath(filePath, cwd) ?? resolve(cwd, filePath).split(sep).join('/');
}

/**
 * @actions/core `escapeData` (packages/core/src/command.ts): the message after `::`;
 * other control characters are written out first (src/escape.ts).
 */
export function escapeData(s: string): string {
  return escapeText(s, { keepNewlines: true }).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core `escapeProperty`: a `key=value` property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(m: Diagnostic, file: string): string {
  const name = m.fatal || m.severity === 2 ? 'error' : 'warning';
  const props: [string, string | number][] = [
    ['file', file],
    ['line', m.line],
    ['col', m.column],
    ['endLine', m.endLine],
    ['endColumn', m.endColumn],
    ['title', m.fatal || m.ruleId === null ? 'plan-lint' : m.ruleId],
  ];
  return `::${name} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(m.message)}`;
}

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per diagnostic. */
export function github(results: LintResult[], ctx: FormatContext): string {
  return results.map((r) => githubFile(r, ctx)).join('');
}

function githubFile(r: LintResult, ctx: FormatContext): string {
  const file = displayPath(r.filePath, ctx.cwd);
  return r.messages.map((m) => `${command(m, file)}\n`).join('');
}

/** The same annotations, written a file at a time. */
export const githubStream: StreamingFormatter = { open: () => '', file: (r, ctx) => githubFile(r, ctx), close: () => '' };
