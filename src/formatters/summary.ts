import { escapeText } from '../escape.js';
import type { Diagnostic, LintResult } from '../types.js';
import { displayPath } from './github.js';
import type { FormatContext } from './index.js';

const HTML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text inside HTML (`<summary>`): entities only, one line. */
export function htmlText(s: string): string {
  return escapeText(s.replace(/\s*[\r\n]+\s*/g, ' ')).replace(/[&<>]/g, (c) => HTML_ESC[c] ?? c);
}

/** Inline Markdown that renders literally, also inside a table cell (`|` escaped), on one line. */
export function mdText(s: string): string {
  return htmlText(s).replace(/[\\`*_[\]|~]/g, '\\$&');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const isFatal = (r: LintResult): boolean => r.fatalErrorCount > 0 || !r.stats;
const percent = (score: number): string => `${Math.round(score * 1000) / 10}%`;

function status(r: LintResult): string {
  if (isFatal(r)) return '⛔';
  if (r.errorCount) return '❌';
  return r.warningCount ? '⚠️' : '✅';
}

/** Worst first: plans that could not be linted, then lowest completeness, then most errors and warnings. */
export function worstFirst(a: LintResult, b: LintResult): number {
  return (
    Number(isFatal(b)) - Number(isFatal(a)) ||
    (a.stats?.score ?? 0) - (b.stats?.score ?? 0) ||
    b.errorCount - a.errorCount ||
    b.warningCount - a.warningCount ||
    (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0)
  );
}

function row(r: LintResult, file: string): string {
  const s = r.stats;
  const cells = [
    status(r),
    mdText(file),
    r.schema ? mdText(r.schema) : '—',
    s ? percent(s.score) : '—',
    s ? `${s.sections.filled}/${s.sections.required}` : '—',
    s ? String(s.placeholders) : '—',
    s ? `${s.tables.filled}/${s.tables.required}` : '—',
    String(r.errorCount),
    String(r.warningCount),
  ];
  return `| ${cells.join(' | ')} |`;
}

function finding(m: Diagnostic): string {
  const fatal = m.fatal === true || m.ruleId === null;
  const icon = fatal ? '⛔' : m.severity === 2 ? '❌' : '⚠️';
  const rule = fatal ? '**fatal**' : `\`${m.ruleId}\``;
  return `- ${icon} ${m.line}:${m.column} ${rule} ${mdText(m.message)}`;
}

/** Markdown for `$GITHUB_STEP_SUMMARY` and pull-request comments. */
export function summary(all: LintResult[], ctx: FormatContext): string {
  // Files that are not plans are left out of the table.
  const results = all.filter((r) => !r.skipped);
  const sorted = [...results].sort(worstFirst);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const fatal = results.filter(isFatal).length;
  const clean = results.filter((r) => !r.messages.length).length;
  const icon = errors ? '❌' : warnings ? '⚠️' : '✅';
  const parts = [`${clean} clean`, `${results.length - clean - fatal} with findings`, ...(fatal ? [`${fatal} not linted`] : [])];
  let out = '## plan-lint\n\n';
  if (!results.length) return `${out}No plans were linted.\n`;
  out += `${icon} **${plural(results.length, 'plan')}**: ${parts.join(', ')}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n\n`;
  out += '| | Plan | Schema | Completeness | Sections filled | Placeholders left | Tables filled | Errors | Warnings |\n';
  out += '| :-: | --- | --- | --: | --: | --: | --: | --: | --: |\n';
  for (const r of sorted) out += `${row(r, displayPath(r.filePath, ctx.cwd))}\n`;
  for (const r of sorted) {
    if (!r.messages.length) continue;
    const file = displayPath(r.filePath, ctx.cwd);
    const head = `${status(r)} ${file}: ${plural(r.errorCount, 'error')}, ${plural(r.warningCount, 'warning')}`;
    out += `\n<details>\n<summary>${htmlText(head)}</summary>\n\n${r.messages.map(finding).join('\n')}\n\n</details>\n`;
  }
  return out;
}
