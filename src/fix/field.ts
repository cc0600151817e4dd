/**
 * `field`: add a missing metadata field in the template's form and place: a
 * `**Label:** example` line after the previous template field the plan has
 * (same list marker or quote prefix, same hard-break ending), else before the
 * next, else after the title; a frontmatter key at the end of the frontmatter.
 */
import type { Field } from '../extract/document.js';
import { prosePlaceholders } from '../extract/placeholders.js';
import type { RuleContext } from '../rules/types.js';
import { ptr } from '../schema/bind.js';
import type { TemplateField } from '../schema/model.js';
import type { Finding, Fix } from '../types.js';
import { eolOf, lineEnd, lineStart, nextLine } from './edits.js';

/** Whether the line holding `offset` is blank (only spaces or tabs); past the end counts as blank. */
const isBlankLine = (text: string, offset: number): boolean => offset >= text.length || /^[ \t]*$/.test(text.slice(lineStart(text, offset), lineEnd(text, offset)));

/** A YAML scalar for a template example: plain where that reads back as the same string, else double-quoted. */
function yamlScalar(v: string): string {
  if (v === '') return '';
  // A list or mapping the generator recorded as JSON is YAML flow syntax already.
  if (/^[[{]/.test(v)) {
    try {
      JSON.parse(v);
      return v;
    } catch {
      /* a plain string that starts with a bracket */
    }
  }
  const plain = /^[A-Za-z][A-Za-z0-9 ._/-]*$/.test(v) && !/\s$/.test(v) && !/^(?:true|false|yes|no|on|off|null|y|n)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

/** `**Label:** value`, or `**Label**: value` when the plan's neighbouring field is written that way. */
function fieldLine(tf: TemplateField, outside = false): string {
  const value = tf.example || `[${tf.label}]`;
  return outside ? `**${tf.label}**: ${value}` : `**${tf.label}:** ${value}`;
}

const colonOutside = (text: string, f: Field): boolean => /^\*\*[^*]+\*\*[ \t]*:/.test(text.slice(f.span.start, f.span.end + 1));

export function fieldFix(f: Omit<Finding, 'ruleId'>, ctx: RuleContext): Fix | null {
  const target = f.target;
  if (target?.kind !== 'field') return null;
  if (f.messageId === 'empty') return valueFix(target.key, ctx);
  const fields = ctx.model.fields;
  const idx = fields.findIndex((x) => x.key === target.key);
  const tf = fields[idx];
  if (!tf) return null;
  const text = ctx.text;
  const eol = eolOf(text);
  const fm = ctx.doc.frontmatter;
  if (tf.frontmatter || (fm && !ctx.doc.fields.some((x) => x.section === null && fields.some((t) => t.key === x.key)) && fields.some((t) => t.frontmatter))) {
    if (!fm) {
      // A frontmatter of its own at the very top (the plan had none).
      if (text.startsWith('---')) return null;
      return { range: [0, 0], text: `---${eol}${tf.label}: ${yamlScalar(tf.example)}${eol}---${eol}${eol}` };
    }
    if (fm.data === null) return null;
    // Before the closing `---` line.
    const close = lineStart(text, Math.max(fm.span.start, fm.span.end - 1));
    if (close <= fm.span.start) return null;
    return { range: [close, close], text: `${tf.label}: ${yamlScalar(tf.example)}${eol}` };
  }
  const present = (k: number): Field | undefined => ctx.doc.fields.find((x) => x.section === null && x.key === (fields[k] as TemplateField).key);
  for (let k = idx - 1; k >= 0; k--) {
    const prev = present(k);
    if (prev) return after(text, prev, fieldLine(tf, colonOutside(text, prev)), eol);
  }
  for (let k = idx + 1; k < fields.length; k++) {
    const next = present(k);
    if (next) return before(text, next, fieldLine(tf, colonOutside(text, next)), eol);
  }
  // None present: this field and the missing ones after it, as a paragraph of their own (their own
  // fixes insert at the same place and are dropped as overlapping), after the title, else at the top.
  const run = fields.slice(idx).filter((x) => x.required || x === tf).map((x) => fieldLine(x));
  const block = run.join(`  ${eol}`);
  const title = ctx.doc.title;
  if (title) {
    const end = lineEnd(text, Math.max(title.span.start, title.span.end - 1));
    const rest = text.slice(end).replace(/^(?:\r\n|\r|\n)/, '');
    const nextBlank = rest === '' || /^[ \t]*(?:\r\n|\r|\n|$)/.test(rest);
    return { range: [end, end], text: `${eol}${eol}${block}${nextBlank ? '' : eol}` };
  }
  const top = fm ? lineEnd(text, Math.max(fm.span.start, fm.span.end - 1)) : 0;
  if (fm) return { range: [top, top], text: `${eol}${eol}${block}` };
  return { range: [0, 0], text: `${block}${eol}${eol}` };
}

/**
 * An empty field (`* **Other docs or links:**` and nothing after it): the
 * template's value is inserted after the label, as a missing field gets it,
 * and `placeholder` then reports it until the author replaces it. Insertion
 * only: the label, its line and what follows stay as written. No fix when the
 * template has no value, or one that would pass unreported (the schema does
 * not check for the template's value and no placeholder lies in it).
 */
function valueFix(key: string, ctx: RuleContext): Fix | null {
  const tf = ctx.model.fields.find((x) => x.key === key);
  if (!tf || !tf.example.trim()) return null;
  if (!tf.reportsExample && !prosePlaceholders(tf.example, ctx.model.placeholderStyles).length) return null;
  const text = ctx.text;
  const at = ctx.binding.spans.get(`/fields${ptr(key)}`)?.start;
  if (at === undefined) return null;
  const fm = ctx.doc.frontmatter;
  if (fm && at >= fm.span.start && at < fm.span.end) {
    // `key:` with nothing after it but a comment: the value goes after the colon.
    const line = text.slice(at, lineEnd(text, at));
    const m = /^[^\s:#][^:#]*:(?=[ \t]*(?:#.*)?$)/.exec(line);
    return m ? { range: [at + m[0].length, at + m[0].length], text: ` ${yamlScalar(tf.example)}` } : null;
  }
  const field = ctx.doc.fields.find((x) => x.span.start === at);
  if (!field) return null;
  // After the label (`**Label:**`, `**Label**:`, `Label:`), where only spaces, a backslash or a comment follow on its line.
  const line = text.slice(at, lineEnd(text, at));
  const label = /^(?:(\*\*|__)[^\r\n]*?\1(?:[ \t]*:)?|[^:\r\n]*:)/.exec(line)?.[0];
  if (!label || !/^[ \t]*\\?[ \t]*(?:<!--.*)?$/.test(line.slice(label.length))) return null;
  return { range: [at + label.length, at + label.length], text: ` ${tf.example}` };
}

/** The line's prefix before the field (indentation, list marker, quote), when it is only that. */
function prefixOf(text: string, field: Field): string | null {
  const prefix = text.slice(lineStart(text, field.span.start), field.span.start);
  return /^[ \t>]*(?:[-*+][ \t]+)?$/.test(prefix) ? prefix : null;
}

function after(text: string, prev: Field, line: string, eol: string): Fix | null {
  const prefix = prefixOf(text, prev);
  if (prefix === null) return null;
  const start = lineStart(text, prev.span.start);
  const end = lineEnd(text, prev.span.end);
  // Fields written one per paragraph: the new one gets a paragraph of its own too.
  const blankAround = prefix.trim() === '' && (start === 0 || isBlankLine(text, start - 1)) && (end >= text.length || isBlankLine(text, nextLine(text, end)));
  if (blankAround && start > 0) return { range: [end, end], text: `${eol}${eol}${prefix}${line}` };
  const trailer = /(?:[ \t]{2,}|\\)$/.exec(text.slice(start, end))?.[0] ?? '';
  return { range: [end, end], text: `${eol}${prefix}${line}${trailer}` };
}

function before(text: string, next: Field, line: string, eol: string): Fix | null {
  const prefix = prefixOf(text, next);
  if (prefix === null) return null;
  const start = lineStart(text, next.span.start);
  const end = lineEnd(text, next.span.end);
  const trailer = /(?:[ \t]{2,}|\\)$/.exec(text.slice(start, end))?.[0] ?? '  ';
  return { range: [start, start], text: `${prefix}${line}${trailer}${eol}` };
}
