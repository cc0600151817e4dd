// Planted defects for the recall half of the real-corpus evaluation: single
// defects put into in-memory copies of real documents, chosen by rule (every
// candidate of every document, then a seeded sample), and whether the linter
// reports each one as a new finding of the expected rule at the planted place.
import { createHash } from 'node:crypto';
import { isFillIn, isOptionalSection, normHeading, outline, removeCell, sectionDepth, templateTokens } from './markdown.mjs';

export const KINDS = ['section-deleted', 'tbd', 'template-placeholder', 'section-emptied', 'table-column', 'metadata-value'];

/** The rules whose new finding counts as the plant found. */
export const EXPECTED = {
  'section-deleted': ['required-section'],
  tbd: ['placeholder'],
  'template-placeholder': ['placeholder'],
  'section-emptied': ['empty-section'],
  'table-column': ['table-columns'],
  'metadata-value': ['placeholder', 'field', 'unchanged-template'],
};

export const SEED = 'plan-lint-eval-1';
const hash = (s) => createHash('sha256').update(`${SEED}\0${s}`).digest('hex');
const pick = (list, key) => list[parseInt(hash(key).slice(0, 8), 16) % list.length];

/** What the plants need from a template, computed once per family. */
export function templateFacts(templateText) {
  const o = outline(templateText);
  const depth = sectionDepth(o);
  const counts = new Map();
  for (const h of o.headings) if (h.depth === depth) counts.set(h.norm, (counts.get(h.norm) ?? 0) + 1);
  const required = new Set(o.headings.filter((h) => h.depth === depth && counts.get(h.norm) === 1 && !isOptionalSection(o, h)).map((h) => h.norm));
  const fields = new Map();
  for (const f of o.fields) if (isFillIn(f.value) && !fields.has(f.label)) fields.set(f.label, f);
  const tables = o.tables.filter((t) => t.header.filter(Boolean).length >= 2);
  return { depth, required, tokens: templateTokens(o), fields, tables };
}

/**
 * Every plant candidate of one document: `{kind, id, line, heading?, apply()}`,
 * where `apply()` returns the document's text with the one defect planted.
 */
export function candidates(file, docText, facts) {
  const o = outline(docText);
  const out = [];
  const eol = docText.includes('\r\n') ? '\r\n' : '\n';
  const join = (lines) => lines.join(eol);
  const lines = o.lines;
  const firstSection = o.headings.find((h) => h.depth === facts.depth)?.line ?? Infinity;

  // Sections of the template (at its section depth, not marked optional) that the document has once.
  const seen = new Map();
  for (const h of o.headings) if (h.depth === facts.depth) seen.set(h.norm, (seen.get(h.norm) ?? 0) + 1);
  for (const h of o.headings) {
    if (h.depth !== facts.depth || !facts.required.has(h.norm) || seen.get(h.norm) !== 1) continue;
    const hashes = '#'.repeat(h.depth);
    out.push({
      kind: 'section-deleted',
      id: `${file}:${h.line}`,
      line: h.line,
      heading: `${hashes} ${h.norm}`,
      apply: () => join([...lines.slice(0, h.line - 1), ...lines.slice(h.sectionEnd)]),
    });
    const body = lines.slice(h.endLine, h.bodyEnd).join('\n').replace(/<!--[\s\S]*?-->/g, '');
    if (!h.hasChildren && body.trim() !== '') {
      out.push({
        kind: 'section-emptied',
        id: `${file}:${h.line}`,
        line: h.line,
        apply: () => join([...lines.slice(0, h.endLine), '', ...lines.slice(h.bodyEnd)]),
      });
    }
  }

  // Prose paragraphs inside the sections: `TBD`, or one of the template's own placeholder tokens, at the end.
  for (const p of o.paragraphs) {
    if (p.line <= firstSection || /\bTBD\b/.test(p.text)) continue;
    const at = (s) => () => docText.slice(0, p.endOffset) + s + docText.slice(p.endOffset);
    out.push({ kind: 'tbd', id: `${file}:${p.line}`, line: p.endLine, apply: at(' TBD') });
    if (facts.tokens.length > 0) {
      const token = pick(facts.tokens, `${file}:${p.line}`);
      if (!p.text.includes(token)) out.push({ kind: 'template-placeholder', id: `${file}:${p.line}`, line: p.endLine, token, apply: at(` ${token}`) });
    }
  }

  // A template table in the document: one of the template's columns removed from every row.
  for (const t of o.tables) {
    for (const tt of facts.tables) {
      const shared = t.header.filter((c) => c && tt.header.includes(c));
      if (shared.length < 2 || shared.length * 2 < tt.header.length || t.header.length < 3) continue;
      const column = pick(shared, `${file}:${t.line}`);
      const index = t.header.indexOf(column);
      out.push({
        kind: 'table-column',
        id: `${file}:${t.line}`,
        line: t.line,
        column,
        apply: () => join(lines.map((l, i) => (i + 1 >= t.line && i + 1 <= t.endLine ? removeCell(l, index) : l))),
      });
      break;
    }
  }

  // A metadata field whose template value is a fill-in: the template's value put back.
  for (const f of o.fields) {
    const tf = facts.fields.get(f.label);
    if (!tf || (tf.kind === 'yaml') !== (f.kind === 'yaml')) continue;
    const norm = (v) => v.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (norm(f.value) === norm(tf.value) || f.value.trim() === '') continue;
    out.push({
      kind: 'metadata-value',
      id: `${file}:${f.line}:${f.label}`,
      line: f.line,
      value: tf.value,
      apply: () => join(lines.map((l, i) => (i === f.line - 1 ? l.slice(0, f.start) + tf.value + l.slice(f.start + f.value.length) : l))),
    });
  }
  return out;
}

/** The seeded sample of one family's candidates: up to `cap` per kind. */
export function choosePlants(all, cap) {
  const chosen = [];
  for (const kind of KINDS) {
    const ofKind = all.filter((c) => c.kind === kind).sort((a, b) => (hash(`${kind}:${a.id}`) < hash(`${kind}:${b.id}`) ? -1 : 1));
    chosen.push(...ofKind.slice(0, cap));
  }
  return chosen;
}

/**
 * Whether the plant was found: the planted text has more findings of an
 * expected rule at the planted line than the original (for a deleted section:
 * more "missing" findings whose first quote is the section's heading).
 */
export function detected(plant, before, after) {
  const rules = EXPECTED[plant.kind];
  const matches =
    plant.kind === 'section-deleted'
      ? (m) => rules.includes(m.ruleId) && normHeading(/"([^"]*)"/.exec(m.message)?.[1] ?? '') === plant.heading
      : (m) => rules.includes(m.ruleId) && m.line === plant.line;
  return after.filter(matches).length > before.filter(matches).length;
}
