/**
 * Code actions: the fixes and suggestions findings carry (when a rule has
 * them), and "disable <rule> for this line / this file", which insert
 * plan-lint's own directive comments (src/suppress.ts) and change nothing else.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic as PlanDiagnostic, Fix } from '../types.js';

const QUICKFIX = 'quickfix';

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : i >= 0 ? '\n' : /\r/.test(text) ? '\r' : '\n';
}

/** A fix replaces the UTF-16 range [start, end) of the text (after a BOM, which editors do not show either). */
function editOf(doc: TextDocument, fix: Fix): TextEdit {
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
  const out: CodeAction[] = [];
  if (m.fix) out.push({ title: `Fix: ${m.message}`, kind: QUICKFIX, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: [editOf(doc, m.fix)] } } });
  for (const s of m.suggestions ?? []) {
    out.push({ title: s.desc, kind: QUICKFIX, diagnostics: [d], edit: { changes: { [doc.uri]: [editOf(doc, s.fix)] } } });
  }
  return out;
}
