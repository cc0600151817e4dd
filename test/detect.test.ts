/**
 * Template detection ranks every built-in template and preset by
 * scoreTemplate, which stops after matching headings; the chosen template is
 * then bound in full. Both must give a plan the same score.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/extract/document.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { bind, scoreTemplate } from '../src/schema/bind.js';
import { rankTemplates } from '../src/schema/detect.js';
import { loadBuiltins } from '../src/schema/registry.js';
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
