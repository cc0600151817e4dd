/**
 * Regular expressions a user wrote (a schema's `pattern`s and
 * `patternProperties`, the `x-plan-lint` heading and placeholder patterns, a
 * rule's `allow: ["/.../"]`) run on every plan, and a plan may come from a
 * stranger. JavaScript's engine backtracks: `^(a+)+$` takes seconds on 26
 * characters and doubles with each one more. Such a pattern is refused when
 * it is loaded (docs/security.md, "Bounded cost"), in trusted and untrusted
 * mode alike.
 *
 * Two steps, so that ordinary patterns cost microseconds:
 * 1. The pattern's syntax tree (regjsparser). Exponential backtracking needs a
 *    loop (`*`, `+`, `{n,m}` with m > 1) whose body can match one text in more
 *    than one way, that is a body holding a loop, an alternation, an optional
 *    part or a back-reference; cubic or worse time needs two or more
 *    unbounded loops that can give characters to each other. A loop over one
 *    character class followed by a character outside it (`[^\p{L}]+w`) has
 *    one way to end and does not count. A pattern with neither is safe, and
 *    most are: every pattern the schema generator writes for a heading or a
 *    guidance comment, for instance.
 * 2. The others go to recheck (a maintained ReDoS checker, on its pure
 *    JavaScript backend), which searches for an attack string. It is refused
 *    when recheck finds exponential time, or polynomial time of degree 3 or
 *    more. Quadratic time is accepted (every unanchored `<[^>]+>` is
 *    quadratic on a line of `<`s): the file size limit and the per-file time
 *    budget bound it.
 *
 * The verdict does not depend on the machine's speed: recheck runs with work
 * limits (steps of its matcher, string sizes, NFA size, a fixed random seed)
 * and none of its per-step time limits, so it gives the same answer
 * everywhere. A pattern longer than MAX_CHECKED_LENGTH that the shape rule
 * cannot clear is decided from shorter pieces that cost the engine the same
 * work (src/regex-variants.ts: its alternatives, a leading literal cut),
 * within one check's budget. A piece still too long, a pattern recheck does
 * not support, and (a safety valve far above what any check took,
 * RECHECK_VALVE_MS) a check that runs away are undecided: refused in
 * untrusted mode (`--untrusted`: a stranger's pattern must be shown safe),
 * accepted otherwise (the user's own pattern, under the per-file time
 * budget; docs/security.md).
 */
import { withDefaultFlags } from './tiering.js';
import { recheck, regjsparser } from './lazy.js';
import { alternationVariants, collapseLeadingLiteral, kidsOf, type Node } from './regex-variants.js';

/**
 * recheck's work limits (its defaults are for a server with seconds to spare:
 * a back-reference took 211 s with them). Measured on the development
 * machine under load: every pattern of test/security.test.ts decided in
 * at most ~6 s, most in well under one.
 */
const RECHECK_PARAMS = {
  randomSeed: 0,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
  attackLimit: 10_000_000,
  maxAttackStringSize: 30_000,
  maxRecallStringSize: 30_000,
  // Larger automata and counted repetitions go to the fuzzer, whose cost the limits above bound.
  maxNFASize: 5_000,
  maxRepeatCount: 10,
  maxPatternSize: 500,
} as const;
/** A safety valve, not the verdict: a check still running after this long (none measured came near) is undecided. */
const RECHECK_VALVE_MS = 60_000;
/** A pattern longer than this that the shape rule cannot clear is undecided without asking recheck (a 600-character alternation took it 52 s). */
export const MAX_CHECKED_LENGTH = 256;
/**
 * A long pattern's pieces given to recheck (src/regex-variants.ts) add up to
 * at most this many characters: deciding it costs about one check at the
 * length limit, not one per piece (recheck's cost grows with the length:
 * 0.4 s of CPU for `^(?:.|.)*x$`, 3.8 s for `^(?:a|b|ab)*c` and 240 `y`s,
 * 16.6 s for `^0(?:x|c)+d` and 40 `[0-9]`s).
 */
export const MAX_CHECKED_TOTAL = MAX_CHECKED_LENGTH;
/** Why an undecided pattern is refused in untrusted mode. */
export const UNDECIDED = 'cannot be shown safe from catastrophic backtracking within the checker\'s limits, and untrusted mode (--untrusted) runs only patterns shown safe; simplify it (no repetition inside repetition)';
/** Set for a run in untrusted mode: undecided patterns are refused (the config's `allow`; schemas pass their own flag). */
let strict = false;
export function refuseUndecidedPatterns(on = true): void {
  strict = on;
}
/** recheck's first check also loads and compiles its 3 MB of code: done once on a trivial pattern, outside the timeout of a real one. */
let warm = false;

const verdicts = new Map<string, string | null>();

const isLoop = (n: Node): boolean => n.type === 'quantifier' && (n.max === undefined || (n.max as number) > 1);

/** Atoms that match exactly one character. */
const ONE_CHAR = new Set(['value', 'characterClass', 'characterClassEscape', 'unicodePropertyEscape', 'dot']);

/**
 * The code points an atom must start with, when they are few and known: a
 * literal, a class of literals and small ranges, or a mandatory repetition or
 * group that starts with one. Undefined otherwise.
 */
function firstChars(n: Node | undefined): number[] | undefined {
  if (!n) return undefined;
  if (n.type === 'value' && typeof n.codePoint === 'number') return [n.codePoint];
  if (n.type === 'characterClass' && !n.negative && n.kind === 'union') {
    const out: number[] = [];
    for (const k of kidsOf(n)) {
      if (k.type === 'value' && typeof k.codePoint === 'number') out.push(k.codePoint);
      else if (k.type === 'characterClassRange') {
        const lo = (k.min as Node).codePoint ?? 0;
        const hi = (k.max as Node).codePoint ?? 0;
        if (hi - lo > 255) return undefined;
        for (let c = lo; c <= hi; c++) out.push(c);
      } else return undefined;
    }
    return out;
  }
  if (n.type === 'quantifier' && typeof n.min === 'number' && n.min >= 1) return firstChars(kidsOf(n)[0]);
  if (n.type === 'group' && (n.behavior === 'normal' || n.behavior === 'ignore')) {
    const kids = kidsOf(n);
    return kids.length === 1 && kids[0]?.type === 'alternative' ? firstChars(kidsOf(kids[0])[0]) : firstChars(kids[0]);
  }
  if (n.type === 'alternative') return firstChars(kidsOf(n)[0]);
  return undefined;
}

/**
 * A loop over one character class followed by an atom that starts with a
 * character the class cannot match (`[^\p{L}]+w`, `\s*=`) has one way to
 * end: at the first character outside its class. It never backtracks into
 * another loop, so it does not count towards polynomial time. Such loops are
 * every separator of the generator's guidance patterns.
 */
function deterministic(loop: Node, next: Node | undefined, flags: string): boolean {
  const body = kidsOf(loop);
  if (body.length !== 1 || !ONE_CHAR.has(body[0]!.type) || typeof body[0]!.raw !== 'string') return false;
  const follow = firstChars(next);
  if (!follow) return false;
  let cls: RegExp;
  try {
    cls = new RegExp(`^(?:${body[0]!.raw})$`, flags.replace(/[gy]/g, ''));
  } catch {
    return false;
  }
  return follow.every((c) => !cls.test(String.fromCodePoint(c)));
}

/** Whether the pattern's shape rules out exponential and cubic backtracking without asking recheck. */
function plainlySafe(tree: Node, flags: string): boolean {
  let unbounded = 0;
  let ambiguous = false;
  const walk = (n: Node, inLoop: boolean, next: Node | undefined): void => {
    if (ambiguous) return;
    if (inLoop && (isLoop(n) || n.type === 'disjunction' || n.type === 'reference' || (n.type === 'quantifier' && n.min === 0))) {
      ambiguous = true;
      return;
    }
    if (n.type === 'quantifier' && n.max === undefined && !deterministic(n, next, flags)) unbounded++;
    const kids = kidsOf(n);
    const sequence = n.type === 'alternative' || n.type === 'group';
    kids.forEach((k, i) => walk(k, inLoop || isLoop(n), sequence ? kids[i + 1] : undefined));
  };
  walk(tree, false, undefined);
  return !ambiguous && unbounded < 2;
}

const parseTree = (source: string, flags: string): Node =>
  regjsparser().parse(source, flags.replace(/[gy]/g, ''), {
    lookbehind: true,
    namedGroups: true,
    unicodePropertyEscape: true,
    unicodeSet: flags.includes('v'),
    modifiers: true,
  }) as unknown as Node;

/** Whether `source` is decided safe by its shape alone, without recheck's search (exported for tests). */
export function safeByShape(source: string, flags = 'u'): boolean {
  return plainlySafe(parseTree(source, flags), flags);
}

/**
 * Why `source` (a pattern for `new RegExp(source, flags)`) must not run, or
 * null when it may. A pattern that does not compile is left to the caller's
 * own check (null here).
 */
export function regexProblem(source: string, flags = 'u', untrusted = strict): string | null {
  const key = `${flags}/${source}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = null;
    try {
      new RegExp(source, flags);
      const tree = parseTree(source, flags);
      if (!plainlySafe(tree, flags)) verdict = source.length > MAX_CHECKED_LENGTH ? longVerdict(source, tree, flags) : recheckVerdict(source, flags);
    } catch {
      verdict = null;
    }
    verdicts.set(key, verdict);
  }
  return verdict === UNDECIDED && !untrusted ? null : verdict;
}

/**
 * The verdict on a pattern too long to give recheck whole
 * (src/regex-variants.ts): its leading literal cut, or else its variants one
 * alternative at a time. A variant cleared by its shape costs nothing; the
 * others are checked shortest first, each within MAX_CHECKED_LENGTH and all
 * together within MAX_CHECKED_TOTAL characters, so the work stays bounded
 * like one check. One catastrophic variant refuses the pattern; one left
 * unchecked, or that recheck cannot decide, leaves it undecided.
 */
function longVerdict(source: string, tree: Node, flags: string): string | null {
  const cut = collapseLeadingLiteral(source, tree, flags);
  if (cut.length <= MAX_CHECKED_LENGTH) return recheckVerdict(cut, flags);
  const parse = (s: string): Node => parseTree(s, flags);
  /** Each variant not cleared by shape, as written and as checked. */
  const pending: [string, string][] = [];
  for (const v of alternationVariants(source, parse)) {
    let t: Node;
    try {
      new RegExp(v, flags);
      t = parse(v);
    } catch {
      return UNDECIDED;
    }
    if (!plainlySafe(t, flags)) pending.push([v, collapseLeadingLiteral(v, t, flags)]);
  }
  pending.sort((a, b) => a[1].length - b[1].length);
  let budget = MAX_CHECKED_TOTAL;
  let undecided = false;
  for (const [written, checked] of pending) {
    if (checked.length > MAX_CHECKED_LENGTH || checked.length > budget) {
      undecided = true;
      break;
    }
    budget -= checked.length;
    const verdict = recheckVerdict(checked, flags);
    if (verdict === UNDECIDED) undecided = true;
    else if (verdict) return verdict.replace(/^can backtrack catastrophically/, `can backtrack catastrophically along its alternative /${written}/`);
  }
  return undecided ? UNDECIDED : null;
}

function recheckVerdict(source: string, flags: string): string | null {
  // recheck's synchronous check runs its pure JavaScript backend only when told to (else it starts a native or Java agent).
  const before = process.env['RECHECK_SYNC_BACKEND'];
  process.env['RECHECK_SYNC_BACKEND'] = 'pure';
  let result: ReturnType<ReturnType<typeof recheck>>;
  try {
    // recheck's search is long pure computation (Scala.js): with TurboFan on, even in a short run (src/tiering.ts).
    result = withDefaultFlags(() => {
      if (!warm) {
        warm = true;
        recheck()('^a$', '', { timeout: null });
      }
      return recheck()(source, flags.replace(/[gy]/g, ''), { ...RECHECK_PARAMS, timeout: RECHECK_VALVE_MS });
    });
  } catch {
    return UNDECIDED;
  } finally {
    if (before === undefined) delete process.env['RECHECK_SYNC_BACKEND'];
    else process.env['RECHECK_SYNC_BACKEND'] = before;
  }
  // 'unknown': a syntax recheck does not support, or the valve.
  if (result.status === 'unknown') return UNDECIDED;
  if (result.status !== 'vulnerable' || !result.complexity) return null;
  const { type, degree } = result.complexity;
  if (type === 'exponential') return 'can backtrack catastrophically (exponential time in the length of the text); rewrite it without nested or overlapping repetition';
  if (type === 'polynomial' && (degree ?? 0) >= 3) return `can backtrack catastrophically (time grows with the length of the text to the power ${degree}); rewrite it without overlapping repetition`;
  return null;
}

/**
 * The first catastrophic pattern in a schema (JSON), as a message naming its
 * key: every `pattern` string (JSON Schema's and x-plan-lint's), every
 * `x-heading` `valuePattern` and every `patternProperties` key.
 */
export function schemaRegexProblem(schema: unknown, untrusted = strict): string | null {
  const stack: unknown[] = [schema];
  let seen = 0;
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (++seen > 1_000_000) return null;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'pattern' || k === 'valuePattern') && typeof x === 'string') {
        const problem = regexProblem(x, o['ignoreCase'] === true ? 'iu' : 'u', untrusted);
        if (problem) return `"${k}" /${x}/ ${problem}`;
      }
      if (k === 'patternProperties' && x && typeof x === 'object' && !Array.isArray(x)) {
        for (const p of Object.keys(x)) {
          const problem = regexProblem(p, 'u', untrusted);
          if (problem) return `"patternProperties" key /${p}/ ${problem}`;
        }
      }
      stack.push(x);
    }
  }
  return null;
}
