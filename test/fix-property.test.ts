/**
 * Property tests (fast-check) of `--fix`: on plans of every built-in template
 * broken the ways fixes repair (sections deleted, headings re-levelled, table
 * columns cut, fields removed or emptied, title words cut, noise inserted) and on arbitrary Markdown:
 * fixing never throws; fixing twice equals fixing once; no finding left
 * carries a fix; each fix only inserts text (or re-levels a heading), so every
 * byte outside the fixed ranges is kept; CRLF input gets CRLF output.
 * `FUZZ_RUNS` sets the budget, as for test/property.test.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, lintText, type Diagnostic, type LintOptions } from '../src/index.js';
import { ROOT } from './helpers.js';

const RUNS = process.env['FUZZ_RUNS'] !== undefined ? Number(process.env['FUZZ_RUNS']) : 25;
// Bounded by the number of runs, not by a clock: the suite's timeout (vitest.config.ts) applies, a day when fuzzing.
const TIMEOUT = process.env['FUZZ_RUNS'] !== undefined ? 24 * 3600_000 : undefined;

const PLANS = readdirSync(join(ROOT, 'fixtures')).flatMap((t) => {
  const dir = join(ROOT, 'fixtures', t, 'valid');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => ({ schema: t, lines: readFileSync(join(dir, f), 'utf8').replace(/\r/g, '').split('\n') })) : [];
});

type Op = { op: 'cut-section' | 'relevel' | 'cut-column' | 'cut-field' | 'empty-field' | 'retitle' | 'noise'; at: number; n: number; text: string };
const noise = fc.constantFrom('', '```', '<!-- open', '| a | b |', '- ', '> quote', '#', 'Text', '## Extra', '**Owner:** x', '---');
const op: fc.Arbitrary<Op> = fc.record({ op: fc.constantFrom('cut-section', 'relevel', 'cut-column', 'cut-field', 'empty-field', 'retitle', 'noise'), at: fc.nat(), n: fc.nat({ max: 3 }), text: noise });

function breakPlan(lines: string[], ops: Op[]): string {
  const l = [...lines];
  for (const o of ops) {
    const idx = (re: RegExp): number[] => l.map((x, i) => (re.test(x) ? i : -1)).filter((i) => i >= 0);
    if (o.op === 'cut-section') {
      const hs = idx(/^#{2,4} /);
      const a = hs[o.at % Math.max(hs.length, 1)];
      if (a === undefined) continue;
      const next = hs.find((h) => h > a) ?? l.length;
      l.splice(a, next - a);
    } else if (o.op === 'relevel') {
      const hs = idx(/^#{2,4} /);
      const a = hs[o.at % Math.max(hs.length, 1)];
      if (a !== undefined) l[a] = o.n % 2 ? `#${l[a]}` : (l[a] as string).replace(/^#/, '');
    } else if (o.op === 'cut-column') {
      const rows = idx(/^\|/);
      const a = rows[o.at % Math.max(rows.length, 1)];
      if (a === undefined) continue;
      for (let k = a; k < l.length && (l[k] as string).startsWith('|'); k++) {
        const cells = (l[k] as string).split('|');
        if (cells.length > 3) cells.splice(1 + (o.n % (cells.length - 2)), 1);
        l[k] = cells.join('|');
      }
    } else if (o.op === 'cut-field') {
      const fs = idx(/^\*\*[^*]+(?::\*\*|\*\*:)/);
      const a = fs[o.at % Math.max(fs.length, 1)];
      if (a !== undefined) l.splice(a, 1);
    } else if (o.op === 'empty-field') {
      const fs = idx(/^\*\*[^*]+(?::\*\*|\*\*:)/);
      const a = fs[o.at % Math.max(fs.length, 1)];
      if (a !== undefined) l[a] = (l[a] as string).replace(/^(\*\*[^*]+(?::\*\*|\*\*:)).*$/, o.n % 2 ? '$1  ' : '$1');
    } else if (o.op === 'retitle') {
      // Words of the title cut from its start or its end (the template's fixed words among them), or another title.
      const a = idx(/^# /)[0];
      if (a === undefined) continue;
      const words = (l[a] as string).slice(2).split(' ');
      const cut = 1 + (o.n % Math.max(words.length - 1, 1));
      const kept = o.at % 3 === 0 ? words.slice(cut) : o.at % 3 === 1 ? words.slice(0, -cut) : [o.text || 'Shipping'];
      l[a] = `# ${kept.join(' ') || 'Shipping'}`;
    } else {
      l.splice(o.at % (l.length + 1), 0, o.text);
    }
  }
  return l.join('\n');
}

const broken = fc.tuple(fc.nat({ max: PLANS.length - 1 }), fc.array(op, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([k, ops, crlf]) => {
  const p = PLANS[k] as { schema: string; lines: string[] };
  const text = breakPlan(p.lines, ops);
  return { schema: p.schema, text: crlf ? text.replace(/\n/g, '\r\n') : text, crlf };
});

const mdChars = fc.string({ unit: fc.constantFrom('#', ' ', '\n', '\r\n', '|', '-', '[', ']', '{', '}', '*', '`', '>', '<', '!', ':', '=', '\\', '\t', 'a', 'X', '\ufeff', 'Goals', 'Status', '---'), maxLength: 300 });

/** A fix inserts only, or re-levels a heading: the text it replaces survives in order inside its new text. */
function keepsText(text: string, m: Diagnostic): boolean {
  if (!m.fix) return true;
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const old = body.slice(m.fix.range[0], m.fix.range[1]);
  if (m.ruleId === 'heading-level') {
    if (/^#+$/.test(old)) return /^#+$/.test(m.fix.text);
    const content = old.split(/\r\n|\r|\n/)[0] as string;
    return m.fix.text.endsWith(content) && /^#+ /.test(m.fix.text);
  }
  // UTF-16 units on both sides (`for...of` would walk an astral character such as an emoji as one step).
  let i = 0;
  for (let k = 0; k < m.fix.text.length; k++) if (i < old.length && m.fix.text[k] === old[i]) i++;
  return i === old.length;
}

function check(text: string, options: LintOptions, crlf: boolean): void {
  const once = lintText(text, 'plan.md', options);
  for (const m of once.messages) expect(keepsText(text, m), `${m.ruleId} ${JSON.stringify(m.fix)}`).toBe(true);
  const fixed = lintText(text, 'plan.md', { ...options, fix: true });
  if (fixed.fatalErrorCount) {
    expect(fixed.output).toBeUndefined();
    return;
  }
  const out = fixed.output ?? text;
  // Nothing fixable is left, and a second fix changes nothing.
  expect(fixed.messages.filter((m) => m.fix).map((m) => m.message)).toEqual([]);
  const again = lintText(out, 'plan.md', { ...options, fix: true });
  expect(again.output).toBeUndefined();
  // One pass by hand applies the same edits the first pass of lintText did: the BOM and line endings are kept.
  expect(applyFixes(text, once.messages).output.startsWith('\ufeff')).toBe(text.startsWith('\ufeff'));
  expect(out.startsWith('\ufeff')).toBe(text.startsWith('\ufeff'));
  if (crlf) expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
}

describe('properties of --fix (fast-check)', () => {
  it('broken plans of every built-in template: fixes keep the text, converge, and leave nothing fixable', { timeout: TIMEOUT }, () => {
    fc.assert(fc.property(broken, ({ schema, text, crlf }) => check(text, { schema }, crlf)), { numRuns: RUNS });
  });

  it('arbitrary Markdown: fixing never throws and converges, with the schema given or detected', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(mdChars, fc.constantFrom<LintOptions>({ schema: 'rfc' }, { schema: 'speckit' }, {}), (s, options) => {
        const crlf = !/(?<!\r)\n/.test(s) && s.includes('\r\n');
        check(s, options, crlf);
      }),
      { numRuns: RUNS },
    );
  });
});
