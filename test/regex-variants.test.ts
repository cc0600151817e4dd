/**
 * Rewrites that keep a regular expression's backtracking cost
 * (src/regex-variants.ts), used to decide patterns too long for the ReDoS
 * checker from shorter pieces.
 */
import regjsparser from 'regjsparser';
import { describe, expect, it } from 'vitest';
import { MAX_VARIANTS, alternationVariants, collapseLeadingLiteral, type Node } from '../src/regex-variants.js';

const parse = (flags: string) => (s: string): Node =>
  regjsparser.parse(s, flags, { lookbehind: true, namedGroups: true, unicodePropertyEscape: true, modifiers: true }) as unknown as Node;
const variants = (s: string, flags = 'u'): string[] => alternationVariants(s, parse(flags));
const cut = (s: string, flags = 'u'): string => collapseLeadingLiteral(s, parse(flags)(s), flags);

describe('alternation variants', () => {
  it('a top-level alternation gives its alternatives, an empty one included', () => {
    expect(variants('^(a+)+$|yy|z')).toEqual(['^(a+)+$', 'yy', 'z']);
    expect(variants('a|')).toEqual(['a', '']);
  });

  it('an alternation in groups that are not repeated (or at most once) is distributed, keeping the groups', () => {
    expect(variants('^(?:a|b)x(c|d)$')).toEqual(['^(?:a)x(c)$', '^(?:a)x(d)$', '^(?:b)x(c)$', '^(?:b)x(d)$']);
    expect(variants('^(?:p(?:a|b)q)?$')).toEqual(['^(?:p(?:a)q)?$', '^(?:p(?:b)q)?$']);
    expect(variants('(?i:a|b)c')).toEqual(['(?i:a)c', '(?i:b)c']);
  });

  it('an alternation the engine repeats, or in a lookaround, stays whole', () => {
    for (const s of ['^(?:a|b)+$', '^(?:a|b){2}$', '(?=a|b)c', '(?<!a|b)c', '^[a|b]$']) expect(variants(s), s).toEqual([s]);
  });

  it('a pattern with a back-reference is not split (the groups would be renumbered)', () => {
    expect(variants('(a)|(b)\\2')).toEqual(['(a)|(b)\\2']);
    expect(variants('(?<x>a)\\k<x>|b')).toEqual(['(?<x>a)\\k<x>|b']);
  });

  it(`stops at ${MAX_VARIANTS} variants, keeping the pieces not yet split whole`, () => {
    const s = Array.from({ length: 8 }, (_, i) => `(?:a${i}|b${i})`).join('');
    const out = variants(s);
    expect(out.length).toBeLessThanOrEqual(MAX_VARIANTS);
    expect(out.length).toBeGreaterThan(1);
    // Every text a piece matches, the pattern matches, and the other way round.
    const whole = new RegExp(`^(?:${s})$`, 'u');
    const pieces = out.map((v) => new RegExp(`^(?:${v})$`, 'u'));
    for (const text of ['a0a1a2a3a4a5a6a7', 'b0b1b2b3b4b5b6b7', 'a0b1a2b3a4b5a6b7', 'b0a1b2a3b4a5b6a7', 'a0a1']) {
      expect(pieces.some((p) => p.test(text)), text).toBe(whole.test(text));
    }
  });
});

describe('a leading literal cut to its last character', () => {
  it('a literal run after ^ keeps its last character', () => {
    expect(cut('^Release notes: (?:\\w+\\s?)*$')).toBe('^ (?:\\w+\\s?)*$');
    expect(cut('^ab\\.c\\b(a+)+$')).toBe('^c\\b(a+)+$');
  });

  it('left alone: no ^, a run under two characters, the m flag, a lookbehind', () => {
    for (const s of ['Release (a+)+$', '^a(a+)+$', '^(?:abc)(a+)+$']) expect(cut(s), s).toBe(s);
    expect(cut('^abc(a+)+$', 'mu')).toBe('^abc(a+)+$');
    expect(cut('^abc(?<=bc)(a+)+$')).toBe('^abc(?<=bc)(a+)+$');
  });

  it('the rest of the pattern does the same work: the same matches after the cut literal', () => {
    const s = '^abc\\b(?:x|xy)+z';
    const r = new RegExp(s, 'u');
    const c = new RegExp(cut(s), 'u');
    for (const rest of ['', 'x', 'xyz', 'xxz', ' xz', 'xyxyxyq']) expect(c.test(`c${rest}`), rest).toBe(r.test(`abc${rest}`));
  });
});
