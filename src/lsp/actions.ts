/**
 * Code actions: the fixes and suggestions findings carry (when a rule has
 * them), and "disable <rule> for this line / this file", which insert
 * plan-lint's own directive comments (src/suppress.ts) and change nothing else.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic as PlanDiagnostic } from '../types.js';

/** A fix as findings carry it: replace the UTF-16 range [start, end) of the text with `text`. */
export interface PlanFix {
  range: [number, number];
  text: string;
}

type WithFixes = PlanDiagnostic & { fix?: PlanFix; suggestions?: { desc?: string; message?: string; fix: PlanFix }[] };

const QUICKFIX = 'quickfix';

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : i >= 0 ? '\n' : /\r/.test(text) ? '\r' : '\n';
}

function editOf(doc: TextDocument, fix: PlanFix): TextEdit {
  return { range: { start: doc.positionAt(fix.range[0]), end: doc.positionAt(fix.range[1]) }, newText: fix.text };
}

/** The line after a leading frontmatter block (0-based), where a file-wide directive goes. */
function afterFrontmatter(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '---' && lines[0]?.trim() !== '+++') return 0;
  const fence = lines[0].trim();
  for (let i = 1; i < lines.length; i++) if (lines[i]?.trim() === fence) return i + 1;
  return 0;
}

export function disableActions(doc: TextDocument, m: PlanDiagnostic, d: Diagnostic): CodeAction[] {
  if (!m.ruleId || m.ruleId === 'unused-disable') return [];
  const text = doc.getText();
  const eol = eolOf(text);
  const lines = text.split(/\r\n|\n|\r/);
  const line = Math.max(0, m.line - 1);
  const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
  const top = afterFrontmatter(lines);
  const at = (l: number, insert: string): TextEdit => ({ range: { start: { line: l, character: 0 }, end: { line: l, character: 0 } }, newText: insert });
  return [
    {
      title: `Disable ${m.ruleId} for this line`,
      kind: QUICKFIX,
      diagnostics: [d],
      edit: { changes: { [doc.uri]: [at(line, `${indent}<!-- plan-lint-disable-next-line ${m.ruleId} -->${eol}`)] } },
    },
    {
      title: `Disable ${m.ruleId} for this file`,
      kind: QUICKFIX,
      diagnostics: [d],
      edit: { changes: { [doc.uri]: [at(top, `<!-- plan-lint-disable-file ${m.ruleId} -->${eol}`)] } },
    },
  ];
}

/** The finding's own fix (preferred) and its suggestions, as quick fixes. */
export function fixActions(doc: TextDocument, m: PlanDiagnostic, d: Diagnostic): CodeAction[] {
  const f = m as WithFixes;
  const out: CodeAction[] = [];
  if (f.fix) out.push({ title: `Fix: ${m.message}`, kind: QUICKFIX, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: [editOf(doc, f.fix)] } } });
  for (const s of f.suggestions ?? []) {
    out.push({ title: s.desc ?? s.message ?? 'Apply suggestion', kind: QUICKFIX, diagnostics: [d], edit: { changes: { [doc.uri]: [editOf(doc, s.fix)] } } });
  }
  return out;
}

/** Every fix of the document that does not overlap an earlier one, as ESLint's one pass does. */
export function fixAllEdits(doc: TextDocument, messages: readonly PlanDiagnostic[]): TextEdit[] {
  const fixes = messages
    .map((m) => (m as WithFixes).fix)
    .filter((f): f is PlanFix => !!f)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const edits: TextEdit[] = [];
  let end = -1;
  for (const f of fixes) {
    // As ESLint: a fix that starts where the previous one ends overlaps it too (the next pass takes it).
    if (f.range[0] <= end) continue;
    edits.push(editOf(doc, f));
    end = f.range[1];
  }
  return edits;
}
