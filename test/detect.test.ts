/**
 * Template detection ranks every built-in template and preset by
 * scoreTemplate, which stops after matching headings; the chosen template is
 * then bound in full. Both must give a plan the same score. A lint scores
 * only the templates whose ceiling (scoreCeiling) could put them first
 * (leadingTemplates): the ceiling is never below the score, and the leaders
 * are the ones the full ranking gives.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/extract/document.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { bind, scoreTemplate } from '../src/schema/bind.js';
import { DETECT_THRESHOLD, leadingTemplates, rankTemplates, scoreCeiling } from '../src/schema/detect.js';
import { builtinOutlines, loadBuiltins } from '../src/schema/registry.js';
import { outlineSchema, readTemplate } from '../src/schema/template.js';
import type { TemplateModel, TemplateSection } from '../src/schema/model.js';
import { ROOT, SHARED, hasShared } from './helpers.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    // fixtures/*/fix: the --fix inputs, variations of the invalid plans compared already.
    if (f === 'fix') return [];
    const p = join(dir, f);
    return statSync(p).isDirectory() ? markdownFiles(p) : f.endsWith('.md') ? [p] : [];
  });
}

const templates = loadBuiltins();

/** Each file parsed once. */
function plans(files: string[]): { file: string; doc: ReturnType<typeof extract>; firstLine: ReturnType<ReturnType<typeof parseMarkdown>['lines']['lineSpan']> }[] {
  expect(files.length).toBeGreaterThan(0);
  return files.map((file) => {
    const src = parseMarkdown(readFileSync(file, 'utf8'));
    return { file, doc: extract(src), firstLine: src.lines.lineSpan(1) };
  });
}

/** Plans and templates where the ceiling is below the score, or where the leaders differ from the full ranking's. */
function ceilingProblems(files: string[]): string[] {
  const problems: string[] = [];
  for (const { file, doc, firstLine } of plans(files)) {
    for (const t of templates) {
      const score = scoreTemplate(doc, t.model, firstLine);
      const ceiling = scoreCeiling(doc, t.model);
      if (ceiling < score) problems.push(`${file} against ${t.name}: ceiling ${ceiling} below the score ${score}`);
    }
    const full = rankTemplates(doc, templates, firstLine);
    const lead = leadingTemplates(doc, templates, firstLine);
    const needed = (full[0]?.score ?? 0) >= DETECT_THRESHOLD ? 1 : 2;
    const head = (r: typeof full): string => r.slice(0, needed).map((c) => `${c.name} ${c.score}`).join(', ');
    if (head(lead) !== head(full)) problems.push(`${file}: leaders ${head(lead)} instead of ${head(full)}`);
  }
  return problems;
}

/** Plans (with their template and preset) whose two scores differ; each file parsed once. */
function differingScores(files: string[]): string[] {
  expect(files.length).toBeGreaterThan(0);
  const differ: string[] = [];
  for (const file of files) {
    const src = parseMarkdown(readFileSync(file, 'utf8'));
    const doc = extract(src);
    const firstLine = src.lines.lineSpan(1);
    for (const t of templates) {
      const full = bind(doc, t.model, firstLine).score;
      const score = scoreTemplate(doc, t.model, firstLine);
      if (score !== full) differ.push(`${file} against ${t.name}: ${score} instead of ${full}`);
    }
  }
  return differ;
}

describe('scoreTemplate', () => {
  it('gives every fixture the score a full bind gives it, against every built-in template and preset', () => {
    expect(differingScores(markdownFiles(`${ROOT}fixtures`))).toEqual([]);
  });

  it.skipIf(!hasShared)('gives every real template and document the score a full bind gives it', () => {
    expect(differingScores(markdownFiles(`${SHARED}corpus`))).toEqual([]);
  });
  if (!hasShared) it.skip('../shared is absent: the real corpus is not compared', () => {});

  it('ranks a complete plan first under its own template', () => {
    const src = parseMarkdown(readFileSync(`${ROOT}fixtures/rfc/valid/complete.md`, 'utf8'));
    const ranked = rankTemplates(extract(src), templates, src.lines.lineSpan(1));
    expect(ranked[0]?.name).toBe('rfc');
    expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? 1);
  });

});

describe('leadingTemplates', () => {
  it('never scores a fixture above its ceiling, and leads with the templates the full ranking puts first', () => {
    expect(ceilingProblems(markdownFiles(`${ROOT}fixtures`))).toEqual([]);
  });

  it.skipIf(!hasShared)('does the same for every real template and document', () => {
    expect(ceilingProblems(markdownFiles(`${SHARED}corpus`))).toEqual([]);
  });

  it('scores only the templates that could lead a complete plan', () => {
    const [{ doc, firstLine }] = plans([`${ROOT}fixtures/rfc/valid/complete.md`]) as [ReturnType<typeof plans>[0]];
    const lead = leadingTemplates(doc, templates, firstLine);
    expect(lead[0]?.name).toBe('rfc');
    expect(lead.length).toBeLessThan(templates.length / 2);
  });

  it('names the two closest templates of a note that fits none, as the full ranking does', () => {
    const src = parseMarkdown('# Shopping\n\n## Summary\n\nMilk.\n\n## Fruit\n\nApples.\n\n## Bakery\n\nBread.\n');
    const doc = extract(src);
    const full = rankTemplates(doc, templates, src.lines.lineSpan(1));
    const lead = leadingTemplates(doc, templates, src.lines.lineSpan(1));
    expect(full[0]?.score).toBeLessThan(DETECT_THRESHOLD);
    expect(full[0]?.score).toBeGreaterThan(0);
    expect(lead.slice(0, 2)).toEqual(full.slice(0, 2));
  });
});

/** What scoreTemplate reads of a model: the title's and the sections' headings, keys and nesting. */
function outline(model: TemplateModel): unknown {
  const section = (t: TemplateSection): unknown => ({ key: t.key, heading: t.heading, exact: t.exact, loose: t.loose, regex: t.regex?.source ?? null, required: t.required, children: t.children.map(section) });
  const title = model.title ? { heading: model.title.heading, exact: model.title.exact, regex: model.title.regex?.source ?? null } : null;
  return { name: model.name, title, sections: model.sections.map(section) };
}

describe('built-in outlines', () => {
  it("give every built-in template and preset the outline its whole schema gives", () => {
    for (const t of templates) {
      expect(outline(readTemplate(outlineSchema(t.schema), t.name))).toEqual(outline(t.model));
    }
  });

  it('keep the headings of a schema of its own, less its samples, tables and fields', () => {
    // As a schema file is read: a section keyed "__proto__" is an own property (JSON.parse), and stays a section.
    const schema = JSON.parse(`{"properties": {
      "title": {"x-heading": {"text": "[Name] RFC", "depth": 1, "pattern": "^.+ rfc$"}, "properties": {"tables": {"properties": {}}}},
      "fields": {"properties": {"owner": {"x-field": {"label": "Owner"}}}},
      "sections": {"required": ["options"], "properties": {
        "__proto__": {"x-heading": {"text": "Proto", "depth": 2}},
        "options": {"x-heading": {"text": "Options", "depth": 2}, "x-samples": ["describe the options"],
          "properties": {"sections": {"properties": {"option a": {"x-heading": {"text": "Option A", "depth": 3, "pattern": ".+", "instance": true}, "items": {"properties": {}}}}}}}
      }}
    }}`) as Record<string, unknown>;
    const model = readTemplate(outlineSchema(schema), 'own');
    expect(outline(model)).toEqual(outline(readTemplate(schema, 'own')));
    expect(model.sections.map((t) => [t.key, t.children.map((c) => c.key)])).toEqual([['__proto__', []], ['options', ['option a']]]);
    expect(model.sections[1]?.samples).toEqual([]);
    expect(model.fields).toEqual([]);
  });

  it('are what detection ranks the built-ins by, in the same order', () => {
    const ranked = builtinOutlines();
    expect(ranked.map((o) => o.name)).toEqual(templates.map((t) => t.name));
    for (const [k, o] of ranked.entries()) expect(outline(o.model)).toEqual(outline((templates[k] as (typeof templates)[number]).model));
    expect(ranked[2]?.load()).toBe(templates[2]);
  });
});
