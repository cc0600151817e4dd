/**
 * PlanMatches answers matchesHeading for every (template heading, plan
 * section) pair from lookups made once per plan: by key, loose key and anchor,
 * and by scanning the plan only for headings with a variable part.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../src/extract/document.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { PlanMatches, combinedParts, matchesHeading, type HeadingMatcher } from '../src/schema/heading-match.js';

const PLAN = `# Payments plan

## Summary (draft)

## Goals & Non-goals

## Option A: Queue

## Earlier work

[prior-art]: #prior-art

### Option B: Cron

## summary
`;

const TEMPLATE: HeadingMatcher[] = [
  { exact: 'summary', loose: 'summary', regex: null },
  { exact: 'goals', loose: 'goals', regex: null },
  { exact: 'prior art', loose: 'prior art', regex: null, heading: { anchor: 'prior art' } },
  { exact: 'option a approach 1', regex: /^option [a-z]\b/u },
  { exact: 'anything', regex: /.+/u },
  { exact: 'missing', loose: 'missing', regex: null },
];

describe('PlanMatches', () => {
  const doc = extract(parseMarkdown(PLAN));

  it('gives matchesHeading for every template heading and plan section', () => {
    const m = new PlanMatches(doc.sections);
    const seen: string[] = [];
    for (const t of TEMPLATE) {
      const hits = doc.sections.filter((s) => matchesHeading(t, s)).map((s) => s.index);
      expect(doc.sections.map((s) => m.has(t, s.index))).toEqual(doc.sections.map((s) => hits.includes(s.index)));
      expect(m.any(t)).toBe(hits.length > 0);
      seen.push(`${t.exact}: ${hits.map((i) => doc.sections[i]?.text).join(', ')}`);
    }
    expect(seen).toEqual([
      'summary: Summary (draft), summary',
      'goals: ',
      'prior art: Earlier work',
      'option a approach 1: Option A: Queue, Option B: Cron',
      'anything: Payments plan, Summary (draft), Goals & Non-goals, Option A: Queue, Earlier work, Option B: Cron, summary',
      'missing: ',
    ]);
  });

  it("gives each section's combined parts", () => {
    const m = new PlanMatches(doc.sections);
    expect(doc.sections.map((s) => m.parts(s.index))).toEqual(doc.sections.map((s) => combinedParts(s.text)));
    expect(m.parts(2)).toEqual(['goals', 'non goals']);
  });
});
