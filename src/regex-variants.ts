/**
 * Rewrites of a regular expression that keep its backtracking cost, so that
 * a pattern too long for the ReDoS checker (src/regex-safety.ts) can still
 * be decided from shorter pieces.
 *
 * - Alternation. The engine tries the alternatives of `A|B` one after the
 *   other, so the work on a text is the work of `A` plus the work of `B`;
 *   the same holds for `P(?:A|B)S` (an alternation not under a repetition):
 *   its work is that of `P(?:A)S` plus that of `P(?:B)S`. The pattern is
 *   safe when every such variant is, and a variant that backtracks
 *   catastrophically is a part the engine may run, so the pattern is
 *   refused (even when an earlier alternative would always match first: the
 *   dead alternative is a mistake either way). A pattern with a
 *   back-reference is not split (taking groups away renumbers them).
 * - A literal run after a leading `^` (`^Release notes: (?:\w+\s?)*$`). It
 *   matches one way or fails; the rest of the pattern runs only after it, at
 *   one place. Keeping only its last character (which `\b` after it may
 *   look at) leaves the same work for the rest of the pattern on the rest of
 *   the text. Not done with the `m` flag (`^` at every line) or when the
 *   pattern has a lookbehind (which could look further back).
 */

/** The part of regjsparser's tree these rewrites read. */
export type Node = {
  type: string;
  body?: Node | Node[];
  min?: number | Node;
  max?: number | Node;
  behavior?: string;
  negative?: boolean;
  kind?: string;
  codePoint?: number;
  raw?: string;
  range?: [number, number];
};

export const kidsOf = (n: Node): Node[] => (n.body === undefined ? [] : Array.isArray(n.body) ? n.body : [n.body]).filter((k) => k && typeof k === 'object' && 'type' in k);

/** At most this many variants of one pattern; past it the pieces not yet split are kept whole. */
export const MAX_VARIANTS = 64;

/** The first alternation the engine does not repeat: the root's, or one inside groups (or `?`) that are not repeated. */
function firstAlternation(n: Node): Node | undefined {
  if (n.type === 'disjunction') return n;
  if (n.type === 'alternative') {
    for (const k of kidsOf(n)) {
      const d = firstAlternation(k);
      if (d) return d;
    }
    return undefined;
  }
  const plainGroup = n.type === 'group' && (n.behavior === 'normal' || n.behavior === 'ignore');
  const atMostOnce = n.type === 'quantifier' && n.max === 1;
  if (!plainGroup && !atMostOnce) return undefined;
  for (const k of kidsOf(n)) {
    const d = firstAlternation(k);
    if (d) return d;
  }
  return undefined;
}

function hasNode(n: Node, test: (n: Node) => boolean): boolean {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (test(x)) return true;
    stack.push(...kidsOf(x));
  }
  return false;
}

/**
 * The variants of `source` with one alternative taken at each alternation
 * the engine does not repeat (`^(?:a|b)x|c` gives `^(?:a)x`, `^(?:b)x`, `c`),
 * at most MAX_VARIANTS; `[source]` when it has none or has a back-reference.
 */
export function alternationVariants(source: string, parse: (source: string) => Node): string[] {
  if (hasNode(parse(source), (n) => n.type === 'reference')) return [source];
  const done: string[] = [];
  const queue = [source];
  while (queue.length) {
    const s = queue.shift()!;
    let d: Node | undefined;
    try {
      d = firstAlternation(parse(s));
    } catch {
      d = undefined;
    }
    const alts = d ? kidsOf(d) : [];
    if (!d?.range || alts.length < 2 || done.length + queue.length + alts.length > MAX_VARIANTS) {
      done.push(s);
      continue;
    }
    const [from, to] = d.range;
    for (const a of alts) queue.push(s.slice(0, from) + (a.raw ?? '') + s.slice(to));
  }
  return done;
}

/** `source` with a literal run after a leading `^` cut to its last character, or `source` when that rewrite does not apply. */
export function collapseLeadingLiteral(source: string, tree: Node, flags: string): string {
  if (flags.includes('m') || tree.type !== 'alternative') return source;
  if (hasNode(tree, (n) => n.type === 'group' && (n.behavior === 'lookbehind' || n.behavior === 'negativeLookbehind'))) return source;
  const kids = kidsOf(tree);
  if (kids[0]?.type !== 'anchor' || kids[0].kind !== 'start') return source;
  let last = 0;
  while (kids[last + 1]?.type === 'value') last++;
  if (last < 2) return source;
  const first = kids[1]!.range;
  const end = kids[last]!.range;
  if (!first || !end) return source;
  return source.slice(0, first[0]) + source.slice(end[0]);
}
