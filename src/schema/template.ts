import { looseKey, normalizeKey, unnamedColumn } from '../extract/text.js';
import type { PlaceholderKind, PlaceholderStyle, StyleRegion } from '../extract/placeholders.js';
import type { StandIn, TemplateField, TemplateHeading, TemplateModel, TemplateSection, TemplateTable } from './model.js';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const own = (o: Json | null, k: string): unknown => (o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** Read the template outline from a schema's annotations (x-heading, x-field, x-table). */
export function readTemplate(schema: Json, name: string): TemplateModel {
  const props = obj(own(schema, 'properties'));
  const titleSchema = obj(own(props, 'title'));
  const th = titleSchema ? heading(own(titleSchema, 'x-heading')) : null;
  const xp = obj(own(schema, 'x-plan-lint'));
  const choices = own(xp, 'choices');
  return {
    name,
    choices: Array.isArray(choices) ? choices.filter((c): c is string => typeof c === 'string') : [],
    placeholderStyles: readStyles(own(xp, 'placeholders')),
    title: th
      ? {
          heading: th,
          display: `# ${th.text}`,
          regex: th.pattern ? new RegExp(th.pattern, 'u') : null,
          exact: normalizeKey(th.text),
          tables: readTables(obj(own(obj(own(titleSchema, 'properties')), 'tables'))),
        }
      : null,
    fields: readFields(obj(own(props, 'fields'))),
    sections: readSections(obj(own(props, 'sections'))),
  };
}

/**
 * The part of a template schema that readTemplate reads the outline from: the
 * title's and each section's heading (with `required` and nesting), without
 * fields, tables, samples, instructions, skeletons or display titles.
 * readTemplate of it gives the same title and sections as far as detection
 * scores a plan by them
 * (src/schema/bind.ts, scoreTemplate). The build writes the built-ins'
 * outlines (src/scripts/precompile.ts), so that detection parses a few KB
 * instead of every built-in schema.
 */
export function outlineSchema(schema: Json): Json {
  const props = obj(own(schema, 'properties'));
  const titleHeading = own(obj(own(props, 'title')), 'x-heading');
  return {
    properties: {
      ...(titleHeading !== undefined ? { title: { 'x-heading': titleHeading } } : {}),
      sections: outlineSections(obj(own(props, 'sections'))),
    },
  };
}

function outlineSections(s: Json | null): Json {
  const props = obj(own(s, 'properties'));
  if (!props) return { properties: {} };
  const out: [string, Json][] = [];
  for (const key of Object.keys(props)) {
    const node = obj(props[key]);
    const h = heading(own(node, 'x-heading'));
    if (!node || !h) continue;
    const body = h.instance ? obj(own(node, 'items')) : node;
    const sections = outlineSections(obj(own(obj(own(body, 'properties')), 'sections')));
    const children = Object.keys(sections['properties'] as Json).length ? { properties: { sections } } : {};
    out.push([key, { 'x-heading': node['x-heading'], ...(h.instance ? { items: children } : children) }]);
  }
  const required = own(s, 'required');
  // Object.fromEntries: every key an own property, whatever its name.
  return { ...(required !== undefined ? { required } : {}), properties: Object.fromEntries(out) };
}

function heading(v: unknown): TemplateHeading | null {
  const h = obj(v);
  if (!h || typeof h['text'] !== 'string' || typeof h['depth'] !== 'number') return null;
  return {
    text: h['text'],
    depth: h['depth'],
    ...(typeof h['pattern'] === 'string' ? { pattern: h['pattern'] } : {}),
    ...(h['instance'] === true ? { instance: true } : {}),
    ...(typeof h['valuePattern'] === 'string' ? { valuePattern: h['valuePattern'] } : {}),
    ...(typeof h['anchor'] === 'string' && h['anchor'] ? { anchor: h['anchor'] } : {}),
    ...(Array.isArray(h['standIns']) ? { standIns: standInsOf(h['standIns']) } : {}),
  };
}

function standInsOf(v: unknown[]): StandIn[] {
  return v.flatMap((x) => {
    const o = obj(x);
    if (!o || typeof o['text'] !== 'string' || typeof o['pattern'] !== 'string') return [];
    return [{ text: o['text'], pattern: o['pattern'], ...(o['alone'] === true ? { alone: true } : {}) }];
  });
}

function requiredOf(s: Json | null): Set<string> {
  const r = own(s, 'required');
  return new Set(Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []);
}

function readSections(s: Json | null): TemplateSection[] {
  const props = obj(own(s, 'properties'));
  if (!props) return [];
  const req = requiredOf(s);
  const out: TemplateSection[] = [];
  for (const key of Object.keys(props)) {
    const node = obj(props[key]);
    const h = heading(own(node, 'x-heading'));
    if (!node || !h) continue;
    const body = h.instance ? obj(own(node, 'items')) : node;
    const bodyProps = obj(own(body, 'properties'));
    out.push({
      key,
      heading: h,
      display: typeof node['title'] === 'string' ? (node['title'] as string) : `${'#'.repeat(h.depth)} ${h.text}`,
      exact: normalizeKey(h.text),
      loose: looseKey(h.text),
      regex: h.pattern ? new RegExp(h.pattern, 'u') : null,
      ...(h.valuePattern ? { valueRegex: new RegExp(h.valuePattern, 'u') } : {}),
      required: req.has(key),
      samples: strings(own(node, 'x-samples')),
      instructions: strings(own(node, 'x-instructions')),
      ...(typeof own(node, 'x-skeleton') === 'string' ? { skeleton: own(node, 'x-skeleton') as string } : {}),
      children: readSections(obj(own(bodyProps, 'sections'))),
      tables: readTables(obj(own(bodyProps, 'tables'))),
    });
  }
  return out;
}

function readTables(s: Json | null): TemplateTable[] {
  const props = obj(own(s, 'properties'));
  if (!props) return [];
  const req = requiredOf(s);
  const out: TemplateTable[] = [];
  for (const key of Object.keys(props)) {
    const t = obj(props[key]);
    const xt = obj(own(t, 'x-table'));
    const labels = Array.isArray(own(xt, 'columns')) ? (own(xt, 'columns') as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    const rowProps = obj(own(obj(own(obj(own(obj(own(t, 'properties')), 'rows')), 'items')), 'properties'));
    out.push({
      key,
      required: req.has(key),
      // A header without words (empty, `#`) is named by its position, as the generator names it.
      columns: labels.map((label, i) => {
        const k = normalizeKey(label) || unnamedColumn(i);
        const cell = obj(own(rowProps, k));
        const choice = obj(own(obj(own(cell, 'properties')), 'choice'));
        const e = own(choice, 'enum');
        const ex = own(cell, 'examples');
        const example = Array.isArray(ex) && typeof ex[0] === 'string' ? ex[0] : '';
        return { key: k, label, choices: Array.isArray(e) ? e.map(String) : null, example };
      }),
    });
  }
  return out;
}

function readFields(s: Json | null): TemplateField[] {
  const props = obj(own(s, 'properties'));
  if (!props) return [];
  const req = requiredOf(s);
  return Object.keys(props).map((key) => {
    const f = obj(props[key]);
    const xf = obj(own(f, 'x-field'));
    const choice = obj(own(obj(own(f, 'properties')), 'choice'));
    const e = own(choice, 'enum');
    return {
      key,
      label: typeof own(xf, 'label') === 'string' ? (own(xf, 'label') as string) : key,
      example: typeof own(xf, 'example') === 'string' ? (own(xf, 'example') as string) : '',
      choices: Array.isArray(e) ? e.map(String) : null,
      required: req.has(key),
      frontmatter: own(xf, 'frontmatter') === true,
      reportsExample: own(obj(own(f, 'properties')), 'unchanged') !== undefined,
    };
  });
}

const REGIONS = new Set(['prose', 'html', 'code', 'link', 'frontmatter']);

/** `x-plan-lint.placeholders`: `[{ kind, pattern, ignoreCase?, in?, example?, literal? }]`; entries without a valid regex are skipped. */
function readStyles(v: unknown): PlaceholderStyle[] {
  if (!Array.isArray(v)) return [];
  const out: PlaceholderStyle[] = [];
  for (const item of v) {
    const o = obj(item);
    const kind = own(o, 'kind');
    const pattern = own(o, 'pattern');
    if (typeof kind !== 'string' || typeof pattern !== 'string') continue;
    const ignoreCase = own(o, 'ignoreCase') === true;
    try {
      new RegExp(pattern, ignoreCase ? 'giu' : 'gu');
    } catch {
      continue;
    }
    const where = own(o, 'in');
    const regions = Array.isArray(where) ? where.filter((r): r is StyleRegion => typeof r === 'string' && REGIONS.has(r)) : [];
    const literal = own(o, 'literal') === true;
    out.push({ kind: kind as PlaceholderKind, pattern, ...(ignoreCase ? { ignoreCase } : {}), ...(regions.length ? { in: regions } : {}), ...(literal ? { literal } : {}) });
  }
  return out;
}

/** A string array annotation, else none. */
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
