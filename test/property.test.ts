/**
 * Property tests (fast-check) of the library: whatever the text, lintText
 * never throws, reports positions inside the file, gives the same answer twice,
 * and gives the same findings for CRLF as for LF line endings.
 *
 * A short budget runs with the normal tests; `npm run fuzz` (scripts/fuzz.mjs)
 * sets FUZZ_RUNS for a long one and prints a summary. docs/reliability.md
 * records what the long runs tried and found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText, type LintOptions, type LintResult } from '../src/index.js';
import { ROOT } from './helpers.js';

const FUZZ = process.env['FUZZ_RUNS'] !== undefined;
/** Cases per property (the costly ones run a fraction of it). */
const RUNS = FUZZ ? Number(process.env['FUZZ_RUNS']) : 100;
/** Given, or drawn and printed, so that any run can be replayed with FUZZ_SEED. */
const SEED = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
// Bounded by the number of runs, not by a clock: the suite's generous timeout (vitest.config.ts) applies, a day when fuzzing.
const TIMEOUT = FUZZ ? 24 * 3600_000 : undefined;
const params = (weight = 1) => ({ numRuns: Math.max(1, Math.round(RUNS * weight)), seed: SEED });

const MODES: [string, LintOptions][] = [
  ['rfc', { schema: 'rfc' }],
  ['auto-detect', {}],
];

/** What the checks saw, for the fuzz summary. */
const seen = { cases: 0, lints: 0, messages: 0, fatal: 0, maxLength: 0, byRule: new Map<string, number>(), byProperty: new Map<string, number>() };
let property = '';
const count = (): void => {
  seen.cases++;
  seen.byProperty.set(property, (seen.byProperty.get(property) ?? 0) + 1);
};

/** Code points of each line; any of CRLF, LF, CR ends a line, as in LineIndex. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => [...l].length);
}

const sameFindings = (r: LintResult) => r.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }));

/**
 * Vitest resolves the dependencies' development builds, whose internal
 * assertions (devlop) the shipped build does not run. Such an assertion is an
 * upstream bug to report (they are collected here), not a crash of plan-lint;
 * the case is then linted by the shipped build (dist/, in a child process),
 * which must not throw either. `npm run fuzz` runs with the production builds.
 */
const devAssertions: string[] = [];
const isDevAssertion = (e: unknown): boolean => e instanceof Error && /[\\/]devlop[\\/]/.test(e.stack ?? '');
const SHIPPED = pathToFileURL(join(ROOT, 'dist/index.js')).href;
function lintShipped(text: string, options: LintOptions): LintResult {
  const program = `import { lintText } from ${JSON.stringify(SHIPPED)}; let s = ''; process.stdin.setEncoding('utf8').on('data', (d) => (s += d)).on('end', () => { const { text, options } = JSON.parse(s); process.stdout.write(JSON.stringify(lintText(text, '/plans/plan.md', options))); });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { input: JSON.stringify({ text, options }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the shipped build throws on ${JSON.stringify(text)}: ${r.stderr}`);
  return JSON.parse(r.stdout) as LintResult;
}

/** Lint `text` and check every position against the text. Returns the result. */
function lintChecked(text: string, options: LintOptions): LintResult {
  let result: LintResult;
  try {
    result = lintText(text, '/plans/plan.md', options);
  } catch (err) {
    if (!isDevAssertion(err)) throw err;
    devAssertions.push(text);
    result = lintShipped(text, options);
  }
  seen.lints++;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lengths = lineLengths(body);
  for (const m of result.messages) {
    const where = `${m.ruleId}: ${m.message} at ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;
    expect(Number.isInteger(m.line) && Number.isInteger(m.column) && Number.isInteger(m.endLine) && Number.isInteger(m.endColumn), where).toBe(true);
    expect(m.line, where).toBeGreaterThanOrEqual(1);
    expect(m.line, where).toBeLessThanOrEqual(lengths.length);
    expect(m.endLine, where).toBeLessThanOrEqual(lengths.length);
    expect(m.column, where).toBeGreaterThanOrEqual(1);
    // The end is not before the start.
    expect(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column), where).toBe(true);
    // Columns stay on their line (the end is exclusive, so one past the last character is fine;
    // an empty range is widened to one column, which may reach one further).
    expect(m.column, where).toBeLessThanOrEqual((lengths[m.line - 1] as number) + 1);
    const widened = m.endLine === m.line && m.endColumn === m.column + 1;
    if (!widened) expect(m.endColumn, where).toBeLessThanOrEqual((lengths[m.endLine - 1] as number) + 1);
    if (m.fatal) seen.fatal++;
    seen.byRule.set(String(m.ruleId), (seen.byRule.get(String(m.ruleId)) ?? 0) + 1);
  }
  seen.messages += result.messages.length;
  return result;
}

/** The properties, for one LF text (no CR in it). */
function checkAll(lf: string): void {
  count();
  seen.maxLength = Math.max(seen.maxLength, lf.length);
  const crlf = lf.replace(/\n/g, '\r\n');
  for (const [, options] of MODES) {
    const a = lintChecked(lf, options);
    const b = lintChecked(lf, options);
    expect(b, 'the same input gives the same output').toEqual(a);
    const c = lintChecked(crlf, options);
    expect(sameFindings(c), 'CRLF and LF give the same findings').toEqual(sameFindings(a));
    expect(c.schema).toBe(a.schema);
  }
}

// ---------------------------------------------------------------- arbitraries

const word = fc.constantFrom(
  'plan', 'Export', 'invoice', 'API', 'latency', 'p95', '≥80%', '2026-03-14', 'v2', 'Ana', 'the', 'of', 'données', '设计', 'مرحبا', 'e\u0301', 'ﬁ',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype',
  '✅', '❌', '👍🏽', '🇪🇺', '👩‍💻', '\u00a0', '\u200b', '\t', '\\', '&amp;', '&#x27;',
);
const placeholder = fc.constantFrom(
  '[Feature Name]', '[Owner]', '[NEEDS CLARIFICATION: who?]', '{Name}', '{{FEATURE_NAME}}', '{X}ms', 'YYYY-MM-DD', 'SPEC-XXX', 'T00X', 'XXX',
  'X%', '< Yms', 'X days', 'p95 ≤ {X}ms', 'TODO', 'TBD', 'FIXME', 'Draft | In Review | Approved', 'Yes/No', 'Low/Med/High', 'ON/OFF',
  '[ ]', '[x]', '[^1]', '[link](https://example.com)', '![img](a.png)', '[ref][r]', '`{id}`', '`{{X}}`', '<!-- guidance -->', '<br>',
  '**bold**', '*em*', '~~del~~', '<https://a.b>', 'www.example.com', '[', ']', '{', '}', '{{', '}}', '|', '*', '_', '`',
);
const inline = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: placeholder }), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));

const TEMPLATE_HEADINGS = [
  'Technical Plan: [Feature Name]', 'Problem Statement', 'Goals', 'Non-Goals', 'Architecture Decision', 'Option A: [Approach 1]', 'Option B: Queue ✅ **(Chosen)**',
  'Detailed Design', 'Component Architecture', 'Data Flow', 'API Changes', 'New Endpoints', 'Implementation Steps', 'Phase 1: Foundation (Day 1-2)',
  'Dependencies', 'Testing Strategy', 'Unit Tests', 'E2E Tests', 'Rollout Plan', 'Rollback Plan', 'Success Metrics', 'Technical Context', 'Summary',
  'Risk Assessment', 'Revision History', 'Feature ID', '__proto__', 'constructor', 'toString',
];
const headingText = fc.oneof(fc.constantFrom(...TEMPLATE_HEADINGS), inline);
const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), headingText, fc.boolean()).map(([d, t, closed]) => `${'#'.repeat(d)} ${t}${closed ? ` ${'#'.repeat(d)}` : ''}`);
const setext = fc.tuple(headingText, fc.constantFrom('===', '---', '-')).map(([t, u]) => `${t}\n${u}`);
const field = fc.tuple(fc.constantFrom('Status', 'Spec', 'Created', 'Last Updated', 'Owner', 'Feature ID', '__proto__'), inline, fc.boolean()).map(([l, v, inside]) => (inside ? `**${l}:** ${v}` : `**${l}**: ${v}`));
const cell = fc.oneof(inline, fc.constant(''), fc.constant(' '), fc.constant('`a|b`'), fc.constant('\\|'));
const table = fc
  .tuple(fc.array(cell, { minLength: 1, maxLength: 5 }), fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 6 }), fc.constantFrom('---', ':--', ':-:', '--:'))
  .map(([head, rows, align]) => [`| ${head.join(' | ')} |`, `|${head.map(() => align).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
const listItem = fc.tuple(fc.constantFrom('-', '*', '+', '1.', '2)', '- [ ]', '- [x]', '-'), fc.oneof(inline, fc.constant('')), fc.integer({ min: 0, max: 3 })).map(([m, t, indent]) => `${'  '.repeat(indent)}${m}${t ? ` ${t}` : ''}`);
const list = fc.array(listItem, { minLength: 1, maxLength: 8 }).map((items) => items.join('\n'));
const code = fc
  .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'ts', 'json', 'mermaid', 'yaml'), fc.array(inline, { maxLength: 4 }), fc.boolean())
  .map(([f, lang, lines, closed]) => [`${f}${lang}`, ...lines, ...(closed ? [f] : [])].join('\n'));
const indented = fc.array(inline, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `    ${l}`).join('\n'));
const quote = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.oneof(inline, listItem, heading)).map(([d, t]) => `${'> '.repeat(d)}${t}`);
const comment = fc.oneof(
  inline.map((t) => `<!-- ${t} -->`),
  fc.constantFrom('<!-- plan-lint-disable -->', '<!-- plan-lint-enable -->', '<!-- plan-lint-disable placeholder -->', '<!-- plan-lint-disable-next-line -->', '<!-- plan-lint-disable-file table-cell -->', '<!--', '-->', '<!-- unclosed\n\ncomment'),
);
const frontmatter = fc.array(fc.tuple(fc.constantFrom('title', 'status', '__proto__', 'owner', 'a: b'), inline), { maxLength: 3 }).map((kv) => `---\n${kv.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---`);
const block = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 4, arbitrary: inline },
  { weight: 2, arbitrary: field },
  { weight: 2, arbitrary: table },
  { weight: 2, arbitrary: list },
  { weight: 1, arbitrary: code },
  { weight: 1, arbitrary: indented },
  { weight: 1, arbitrary: quote },
  { weight: 1, arbitrary: comment },
  { weight: 1, arbitrary: setext },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '', ' ', '\t', '|', '-', '1.', '>', '#', '[r]: https://example.com') },
);
const markdown = fc
  .tuple(fc.option(frontmatter, { freq: 5 }), fc.array(block, { maxLength: 25 }), fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: 25, maxLength: 25 }), fc.boolean(), fc.boolean())
  .map(([fm, blocks, seps, bom, finalNewline]) => {
    let s = fm ? `${fm}\n` : '';
    blocks.forEach((b, k) => (s += b + (k < blocks.length - 1 ? (seps[k] as string) : '')));
    return (bom ? '\ufeff' : '') + s + (finalNewline ? '\n' : '');
  });

/** Plans shaped like the rfc template: its headings in (mostly) order, some missing, some filled. */
const RFC = ['# Technical Plan: [Feature Name]', '**Spec:** SPEC-XXX', '**Created:** YYYY-MM-DD', '## Problem Statement', '## Goals', '## Non-Goals', '## Architecture Decision', '### Option A: [Approach 1]', '### Option B: [Approach 2] ✅ **(Chosen)**', '## Detailed Design', '### Component Architecture', '## Implementation Steps', '### Phase 1: Foundation (Day 1-2)', '## Testing Strategy', '## Rollout Plan', '## Rollback Plan', '## Success Metrics'];
const rfcLike = fc
  .tuple(fc.array(fc.tuple(fc.boolean(), fc.oneof(block, fc.constant(''))), { minLength: RFC.length, maxLength: RFC.length }), fc.integer({ min: 0, max: RFC.length - 1 }), fc.integer({ min: 0, max: RFC.length - 1 }))
  .map(([parts, i, j]) => {
    const lines = [...RFC];
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return lines.flatMap((h, k) => ((parts[k] as [boolean, string])[0] ? [h, (parts[k] as [boolean, string])[1]] : [(parts[k] as [boolean, string])[1]])).join('\n\n');
  });

/** The valid plans of every built-in template, mutated: lines deleted, swapped, duplicated, replaced. */
const FIXTURES = readdirSync(join(ROOT, 'fixtures'))
  .flatMap((t) => {
    const dir = join(ROOT, 'fixtures', t, 'valid');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dir, f), 'utf8')) : [];
  })
  .map((t) => t.replace(/\r/g, '').split('\n'));
type Mutation = { op: 'delete' | 'swap' | 'duplicate' | 'replace' | 'insert' | 'splice-words'; at: number; to: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'swap', 'duplicate', 'replace', 'insert', 'splice-words'),
  at: fc.nat(),
  to: fc.nat(),
  text: fc.oneof(block, inline, placeholder),
});
const mutatedPlan = fc.tuple(fc.nat({ max: Math.max(FIXTURES.length - 1, 0) }), fc.array(mutation, { minLength: 1, maxLength: 12 })).map(([k, muts]) => {
  const lines = [...(FIXTURES[k] ?? [''])];
  for (const m of muts) {
    if (!lines.length) lines.push('');
    const a = m.at % lines.length;
    const b = m.to % lines.length;
    switch (m.op) {
      case 'delete':
        lines.splice(a, Math.min(1 + (m.to % 8), lines.length - a));
        break;
      case 'swap':
        [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
        break;
      case 'duplicate':
        lines.splice(b, 0, ...lines.slice(a, a + 1 + (m.to % 5)));
        break;
      case 'replace':
        lines[a] = m.text;
        break;
      case 'insert':
        lines.splice(a, 0, ...m.text.split('\n'));
        break;
      case 'splice-words': {
        const ws = (lines[a] as string).split(' ');
        ws.splice(b % (ws.length + 1), 1, m.text.replace(/\n/g, ' '));
        lines[a] = ws.join(' ');
        break;
      }
    }
  }
  return lines.join('\n');
});

/** Strings of Markdown's special characters, and any Unicode at all (lone surrogates included). */
const mdChars = fc.string({ unit: fc.constantFrom('#', ' ', '\n', '|', '-', '[', ']', '{', '}', '*', '_', '`', '~', '>', '<', '!', '(', ')', ':', '=', '\\', '\t', 'a', 'X', '1', '.', '✅', '👍🏽', '\u00a0', '\ufeff'), maxLength: 400 });
const anyString = fc.string({ unit: 'binary', maxLength: 200 });

const noCr = (s: string) => s.replace(/\r/g, '');

// ---------------------------------------------------------------- properties

describe('properties of lintText (fast-check)', () => {
  it('known upstream development assertion: "-\\n[ ] x" (a task marker after an empty list item) lints in the shipped build', () => {
    const r = lintShipped('-\n[ ] [Feature Name]\n', { schema: 'rfc' });
    expect(r.messages.filter((m) => m.ruleId === 'placeholder').map((m) => [m.message, m.line, m.column])).toEqual([
      ['Empty list item', 1, 1],
      ['Unfilled placeholder "[Feature Name]"', 2, 5],
    ]);
  });

  it('strings: arbitrary strings never throw, stay inside the file, are deterministic, and CRLF = LF', { timeout: TIMEOUT }, () => {
    property = 'strings';
    fc.assert(fc.property(fc.oneof(anyString, mdChars), (s) => checkAll(noCr(s))), params());
  });

  it('markdown: arbitrary Markdown from headings, tables, lists, code, placeholders and emoji: the same four properties', { timeout: TIMEOUT }, () => {
    property = 'markdown';
    fc.assert(fc.property(markdown, (s) => checkAll(noCr(s))), params());
  });

  it('template-shaped: plans shaped like the rfc template (sections missing, swapped, filled): the same four properties', { timeout: TIMEOUT }, () => {
    property = 'template-shaped';
    fc.assert(fc.property(rfcLike, (s) => checkAll(noCr(s))), params(0.5));
  });

  it('mutated: the valid plans of every template, mutated (lines deleted, swapped, duplicated, replaced): the same four properties', { timeout: TIMEOUT }, () => {
    property = 'mutated';
    expect(FIXTURES.length).toBeGreaterThan(0);
    fc.assert(fc.property(mutatedPlan, (s) => checkAll(noCr(s))), params(0.2));
  });

  it('line-endings: any mix of CR, LF and CRLF keeps positions inside the file', { timeout: TIMEOUT }, () => {
    property = 'line-endings';
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const mixed = fc.tuple(fc.array(fc.oneof(block, inline), { maxLength: 15 }), fc.array(eol, { minLength: 15, maxLength: 15 })).map(([bs, es]) => bs.map((b, k) => b.replace(/\n/g, es[k] as string) + (es[k] as string)).join(''));
    fc.assert(
      fc.property(mixed, (s) => {
        count();
        for (const [, options] of MODES) lintChecked(s, options);
      }),
      params(),
    );
  });
});

afterAll(() => {
  if (!FUZZ) return;
  // One line for scripts/fuzz.mjs to add up; the tests themselves fail on any counterexample.
  const summary = { seed: SEED, devAssertions: [...new Set(devAssertions)], cases: seen.cases, lints: seen.lints, messages: seen.messages, fatal: seen.fatal, longest: seen.maxLength, byProperty: Object.fromEntries(seen.byProperty), byRule: Object.fromEntries(seen.byRule) };
  console.log(`FUZZ-SUMMARY ${JSON.stringify(summary)}`);
});
