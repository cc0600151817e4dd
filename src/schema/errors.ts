import type { ErrorObject } from 'ajv';
import type { Finding, Span } from '../types.js';
import type { Binding } from './bind.js';
import { severityAlong } from './status.js';
import type { TemplateModel, TemplateSection, TemplateTable } from './model.js';

/**
 * Turn ajv errors over the bound plan into findings: a rule id, a message id
 * with data, and the source span. Users never see ajv's text or pointers; the
 * pointer and schema path are kept on the finding for `--debug` only.
 */
export function mapErrors(errors: readonly ErrorObject[], binding: Binding, model: TemplateModel, firstLine: Span, schema?: unknown): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const f = mapOne(e, binding, model, firstLine);
    if (!f) continue;
    const k = `${f.ruleId}|${f.messageId}|${f.span.start}|${JSON.stringify(f.data ?? {})}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const severity = schema === undefined ? undefined : severityAlong(schema, e.schemaPath);
    out.push({ ...f, ...(severity ? { severity } : {}), pointer: e.instancePath, schemaPath: e.schemaPath });
  }
  // Cascade: an empty section is reported once, not again for the table it lacks.
  const empty = new Set(out.filter((f) => f.ruleId === 'empty-section').map((f) => f.span.start));
  return out.filter((f) => !(f.messageId === 'missingTable' && empty.has(f.span.start)));
}

/** Quote text on one line whatever the file's line endings (CRLF, LF or CR). */
const oneLine = (s: string): string => s.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, ' ');

export const decode = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The nearest span recorded for a pointer or one of its ancestors. */
function spanFor(binding: Binding, pointer: string, fallback: Span): Span {
  let p = pointer;
  for (;;) {
    const s = binding.spans.get(p);
    if (s) return s;
    if (!p) return fallback;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export interface Located {
  /** The template section list the path ends in, and the section itself when inside one. */
  siblings: TemplateSection[];
  section: TemplateSection | null;
  /** Path segments after the section (or after the last `sections`). */
  rest: string[];
}

/** Walk `/sections/a/sections/b/0/...` through the template model. */
export function locate(model: TemplateModel, segs: string[]): Located {
  let siblings = model.sections;
  let section: TemplateSection | null = null;
  let i = 1; // segs[0] === 'sections'
  for (;;) {
    const key = segs[i];
    if (key === undefined) return { siblings, section, rest: [] };
    const t = siblings.find((s) => s.key === key);
    if (!t) return { siblings, section, rest: segs.slice(i) };
    section = t;
    i++;
    if (t.heading.instance && segs[i] !== undefined && /^\d+$/.test(segs[i] as string)) i++;
    if (segs[i] === 'sections') {
      siblings = t.children;
      section = null;
      i++;
      continue;
    }
    return { siblings, section, rest: segs.slice(i) };
  }
}

const KIND_MESSAGE: Record<string, string> = {
  marker: 'marker',
  choice: 'choice',
  'empty-item': 'emptyItem',
  title: 'title',
  'title-stand-in': 'titleStandIn',
};

function humanize(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'pattern':
    case 'format':
      return 'does not have the expected format';
    case 'minLength':
      return 'is too short';
    case 'maxLength':
      return 'is too long';
    case 'enum':
      return `must be one of: ${(p['allowedValues'] as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'type':
      return `must be a ${String(p['type'])}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `must be at least ${String(p['limit'])}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `must be at most ${String(p['limit'])}`;
    case 'minItems':
      return `needs at least ${String(p['limit'])}`;
    case 'maxItems':
      return `allows at most ${String(p['limit'])}`;
    default:
      return 'does not match the template';
  }
}

/** "Did you mean" for a near-miss enum value. */
function suggestion(value: string, allowed: string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const a of allowed) {
    const d = distance(value.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best && bestD <= Math.max(1, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}

const columnsOf = (t: TemplateTable | undefined): string => (t ? t.columns.map((c) => c.label).join(' | ') : '');

function presentHint(siblings: TemplateSection[], missing: TemplateSection, present: Set<string>): string {
  const idx = siblings.indexOf(missing);
  for (let k = idx - 1; k >= 0; k--) {
    const s = siblings[k] as TemplateSection;
    if (present.has(s.key)) return ` (expected after "${s.display}")`;
  }
  for (let k = idx + 1; k < siblings.length; k++) {
    const s = siblings[k] as TemplateSection;
    if (present.has(s.key)) return ` (expected before "${s.display}")`;
  }
  return '';
}

type Draft = Omit<Finding, 'pointer' | 'schemaPath'>;

function mapOne(e: ErrorObject, binding: Binding, model: TemplateModel, firstLine: Span): Draft | null {
  const segs = e.instancePath.split('/').slice(1).map(decode);
  const here = spanFor(binding, e.instancePath, firstLine);
  const p = e.params as Record<string, unknown>;
  const data = e.data as Record<string, unknown> | undefined;
  const head = segs[0];

  if (e.instancePath === '' && e.keyword === 'required') {
    if (p['missingProperty'] === 'title' && model.title) {
      return { ruleId: 'required-section', messageId: 'missingTitle', data: { heading: model.title.display }, span: firstLine, target: { kind: 'title' } };
    }
    return null;
  }
  if (head === 'placeholders' && segs.length === 2) {
    const d = (data ?? {}) as { kind?: string; text?: string };
    // A placeholder that wraps a line is quoted on one line, the same for LF and CRLF files.
    const text = oneLine(d.text ?? '');
    return { ruleId: 'placeholder', messageId: KIND_MESSAGE[d.kind ?? ''] ?? 'placeholder', data: { text, kind: d.kind ?? '' }, span: here };
  }
  if (head === 'comments' && segs.length === 2) {
    const t = String((data ?? {})['text'] ?? '').replace(/^<!--\s*|\s*-->$/g, '').replace(/\s+/g, ' ');
    return { ruleId: 'guidance-comment', messageId: 'comment', data: { text: t.length > 60 ? `${t.slice(0, 57)}...` : t }, span: here };
  }
  if (head === 'title') {
    if (!model.title) return null;
    // A table between the title and the first section (a metadata table): checked like a section's.
    if (segs[1] === 'tables') {
      const title = model.title;
      const planTitle = (binding.instance['title'] as { text?: string } | undefined)?.text;
      return tableError(e, segs.slice(1), title.tables ?? [], () => (planTitle ? `# ${planTitle}` : title.display), here, binding);
    }
    const actual = (binding.instance['title'] as { text?: string } | undefined)?.text ?? '';
    return { ruleId: 'required-section', messageId: 'titleMismatch', data: { heading: model.title.display, actual }, span: here };
  }
  if (head === 'fields') {
    const tf = model.fields.find((f) => f.key === (e.keyword === 'required' && segs.length === 1 ? p['missingProperty'] : segs[1]));
    const label = tf?.label ?? String(p['missingProperty'] ?? segs[1] ?? '');
    if (e.keyword === 'required' && segs.length === 1) {
      return { ruleId: 'field', messageId: 'missing', data: { label, example: tf?.example ?? '' }, span: here, ...(tf ? { target: { kind: 'field', key: tf.key } } : {}) };
    }
    const prop = segs[2];
    if (prop === 'value' && (e.keyword === 'minLength' || e.keyword === 'type')) return { ruleId: 'field', messageId: 'empty', data: { label }, span: here, ...(tf ? { target: { kind: 'field', key: tf.key } } : {}) };
    // The template's value left in a field (a mask, a fill-in, its whole list of alternatives) is a placeholder not
    // filled in, like one the placeholder styles find in a value: `placeholder` reports it, `field` what is missing or not allowed.
    if (prop === 'unchanged' && e.keyword === 'const') {
      const value = tf?.example ?? '';
      return { ruleId: 'placeholder', messageId: 'fieldValue', data: { label, value, text: oneLine(value), kind: 'field' }, span: here };
    }
    if (prop === 'choice' && e.keyword === 'enum') {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const value = String((binding.instance['fields'] as Record<string, { value?: string }>)[segs[1] ?? '']?.value ?? e.data);
      const pretty = prettyChoices(tf?.example, allowed);
      return { ruleId: 'field', messageId: 'notAllowed', data: { label, value, allowed: pretty.join(', '), suggestion: suggestion(value, pretty) }, span: here };
    }
    return { ruleId: 'field', messageId: 'invalid', data: { label, problem: humanize(e) }, span: here };
  }
  if (head !== 'sections') return null;

  const { siblings, section, rest } = locate(model, segs);
  const present = (): Set<string> => new Set(Object.keys((e.data ?? {}) as object));

  // A missing section.
  if (!section && e.keyword === 'required') {
    const t = siblings.find((s) => s.key === p['missingProperty']);
    if (!t) return null;
    return {
      ruleId: 'required-section',
      messageId: t.heading.instance ? 'missingInstance' : 'missing',
      data: { heading: t.display, hint: presentHint(siblings, t, present()) },
      span: here,
      target: { kind: 'section', pointer: e.instancePath, key: t.key },
    };
  }
  if (!section) return null;
  const docHeading = (): string => {
    const at = e.instancePath.split('/');
    const base = at.slice(0, at.length - rest.length).join('/');
    const node = getAt(binding.instance, base) as { heading?: string; depth?: number } | undefined;
    return node?.heading ? `${'#'.repeat(node.depth ?? 2)} ${node.heading}` : section.display;
  };

  if (rest[0] === 'depth' && e.keyword === 'const') {
    const expected = Number(p['allowedValue']);
    return {
      ruleId: 'heading-level',
      messageId: 'level',
      data: { heading: docHeading(), actual: Number(e.data), expected, expectedHeading: section.display },
      span: here,
    };
  }
  if ((rest[0] === 'samples' || rest[0] === 'instructions') && rest.length === 2) {
    const t = oneLine(String((data ?? {})['text'] ?? ''));
    return { ruleId: 'unchanged-template', messageId: rest[0] === 'samples' ? 'unchanged' : 'instruction', data: { text: t.length > 60 ? `${t.slice(0, 57)}...` : t }, span: here };
  }
  if (rest[0] === 'hasContent') {
    return { ruleId: 'empty-section', messageId: 'empty', data: { heading: docHeading() }, span: here };
  }
  // A field heading with its label only (`### Review Date:`): the section is there, its value is not.
  if (rest[0] === 'hasValue') {
    return { ruleId: 'required-section', messageId: 'noValue', data: { heading: docHeading(), expected: section.display }, span: here };
  }
  // An `if`/`then` that fails is reported by the errors of its `then` branch (a field heading's `hasValue`), not again as a whole.
  if (e.keyword === 'if') return null;
  if (rest.length === 0 && e.keyword === 'minItems') {
    return { ruleId: 'required-section', messageId: 'missingInstance', data: { heading: section.display, hint: '' }, span: here };
  }
  if (rest[0] === 'tables') return tableError(e, rest, section.tables, docHeading, here, binding);
  // Any other constraint a schema author put on a section (a heading pattern, a custom property).
  return { ruleId: 'required-section', messageId: 'invalid', data: { heading: docHeading(), problem: humanize(e) }, span: here };
}

/** A finding on a table of a section or of the preamble; `rest` is the pointer from `tables` on. */
function tableError(e: ErrorObject, rest: string[], tables: TemplateTable[], docHeading: () => string, here: Span, binding: Binding): Draft | null {
  const p = e.params as Record<string, unknown>;
  if (rest.length === 1 && e.keyword === 'required') {
    const t = tables.find((x) => x.key === p['missingProperty']);
    const target = t ? { target: { kind: 'table' as const, pointer: e.instancePath, key: t.key } } : {};
    return { ruleId: 'table-columns', messageId: 'missingTable', data: { heading: docHeading(), columns: columnsOf(t) }, span: here, ...target };
  }
  const t = tables.find((x) => x.key === rest[1]);
  const columns = columnsOf(t);
  const what = rest[2];
  if (what === 'columns' && e.keyword === 'required') {
    const col = t?.columns.find((c) => c.key === p['missingProperty']);
    const target = col ? { target: { kind: 'column' as const, pointer: e.instancePath.slice(0, -'/columns'.length), key: col.key } } : {};
    return { ruleId: 'table-columns', messageId: 'missingColumn', data: { column: col?.label ?? String(p['missingProperty']), columns }, span: here, ...target };
  }
  if (what === 'filledRows') return { ruleId: 'table-rows', messageId: 'noRows', data: { columns }, span: here };
  if (what === 'blankRows') return { ruleId: 'table-rows', messageId: 'blankRow', data: { columns }, span: here };
  if (what === 'rows' && rest[4] !== undefined) {
    const col = t?.columns.find((c) => c.key === rest[4]);
    const column = col?.label ?? String(rest[4]);
    if (rest[5] === 'empty') return { ruleId: 'table-cell', messageId: 'empty', data: { column }, span: here };
    if (rest[5] === 'choice' && e.keyword === 'enum') {
      const cell = getAt(binding.instance, e.instancePath.split('/').slice(0, -1).join('/')) as { text?: string } | undefined;
      const allowed = prettyChoices(col?.example, (p['allowedValues'] as unknown[]).map(String));
      const value = cell?.text ?? String(e.data);
      return { ruleId: 'table-cell', messageId: 'notAllowed', data: { value, column, allowed: allowed.join(', '), suggestion: suggestion(value, allowed) }, span: here };
    }
    return { ruleId: 'table-cell', messageId: 'invalid', data: { column, problem: humanize(e) }, span: here };
  }
  return null;
}

/** Restore the template's capitalization of choices: "in review" -> "In Review". */
function prettyChoices(example: string | undefined, allowed: string[]): string[] {
  if (!example) return allowed;
  const parts = example.split(/\s*[|/]\s*/);
  return allowed.map((a) => parts.find((x) => x.toLowerCase() === a) ?? a);
}

export function getAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const seg of pointer.split('/').slice(1).map(decode)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  return cur;
}
