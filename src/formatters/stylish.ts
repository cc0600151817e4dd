import pc from 'picocolors';
import { escapeLine, escapeText } from '../escape.js';
import type { LintResult } from '../types.js';
import type { FormatContext, StreamingFormatter } from './index.js';

/** ESLint's stylish: a header per file, aligned `line:col  severity  message  ruleId` rows, a summary. */
export function stylish(results: LintResult[], ctx: FormatContext): string {
  const out = results.map((r) => stylishFile(r, ctx)).join('');
  const end = stylishSummary(results, ctx);
  return end ? `${out}${end}` : '';
}

/** The same report, written a file at a time: each file's block as soon as it is linted, the summary last. */
export const stylishStream: StreamingFormatter = {
  open: () => '',
  file: (r, ctx) => stylishFile(r, ctx),
  close: (results, ctx) => stylishSummary(results, ctx),
};

function stylishSummary(results: LintResult[], ctx: FormatContext): string {
  const c = pc.createColors(ctx.color);
  let errors = 0;
  let warnings = 0;
  let baselined = 0;
  let fixed = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    baselined += r.baselinedCount ?? 0;
    fixed += r.fixedCount ?? 0;
    for (const m of r.messages) if (m.fix) m.severity === 2 ? fixableErrors++ : fixableWarnings++;
  }
  const total = errors + warnings;
  // Findings the baseline hid (src/baseline/): counted, so that nobody takes them for fixed.
  const knownText = baselined ? `${baselined} baselined problem${baselined === 1 ? '' : 's'} not shown (--no-baseline shows them)` : '';
  const skipped = results.filter((r) => r.skipped).length;
  // Not every Markdown file is a plan: one line says how many were passed over, and where to see why.
  const noteText = skipped ? `${skipped} file${skipped === 1 ? '' : 's'} skipped: not plans (they fit no template in play); see why with --format json or plan-lint detect <file>` : '';
  const tail = [knownText, noteText]
    .filter(Boolean)
    .map((t) => `${c.dim(t)}\n`)
    .join('');
  const fixedLine = fixed ? `\n${c.green(c.bold(`\u2714 ${plural(fixed, 'problem')} fixed`))}\n` : '';
  if (!total) return `${fixedLine}${tail ? `\n${tail}` : ''}`;
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})${fixed ? ' remaining' : ''}`;
  const fixable = fixableErrors + fixableWarnings;
  // As ESLint says it: what --fix would fix (left after a fix run only by the pass limit or an overlap).
  const hint = fixable ? `\n  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.` : '';
  const paint = (s: string): string => (errors ? c.red(c.bold(s)) : c.yellow(c.bold(s)));
  return `${fixedLine}\n${paint(summary)}${hint ? paint(hint) : ''}\n${tail}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function stylishFile(r: LintResult, ctx: FormatContext): string {
  const c = pc.createColors(ctx.color);
  const fixed = r.fixedCount ? `  ${c.green(`${plural(r.fixedCount, 'problem')} fixed`)}\n` : '';
  if (!r.messages.length) return fixed ? `\n${c.underline(escapeLine(r.filePath))}${r.schema ? c.dim(` (${escapeText(r.schema)})`) : ''}\n${fixed}` : '';
  const rows = r.messages.map((m) => [
    `${m.line}:${m.column}`,
    m.fatal || m.severity === 2 ? 'error' : 'warning',
    escapeText(m.message.replace(/\s+/g, ' ')),
    escapeText(m.ruleId ?? ''),
  ]);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  let out = `\n${c.underline(escapeLine(r.filePath))}${r.schema ? c.dim(` (${escapeText(r.schema)})`) : ''}\n${fixed}`;
  for (const [pos, sev, msg, rule] of rows as [string, string, string, string][]) {
    const sevText = sev === 'error' ? c.red(sev.padEnd(w[1] as number)) : c.yellow(sev.padEnd(w[1] as number));
    out += `  ${c.dim(pos.padEnd(w[0] as number))}  ${sevText}  ${msg.padEnd(w[2] as number)}  ${c.dim(rule)}`.trimEnd() + '\n';
  }
  return out;
}
