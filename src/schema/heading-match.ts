import type { Section } from '../extract/document.js';
import { normalizeKey } from '../extract/text.js';

/** What a template heading is matched by: its key, loose key, variable part and anchor. */
export interface HeadingMatcher {
  exact: string;
  loose?: string;
  regex: RegExp | null;
  heading?: { anchor?: string };
}

export function matchesHeading(t: HeadingMatcher, s: Section): boolean {
  if (s.key === t.exact) return true;
  // The template's anchor definition kept under a reworded heading (`# Open questions` + `[unresolved-questions]: #unresolved-questions`).
  if (t.heading?.anchor && s.anchor === t.heading.anchor) return true;
  if (t.loose && s.looseKey === t.loose) return true;
  return t.regex !== null && t.regex.test(s.key);
}

/**
 * The headings one plan heading combines, as keys: "Motivation / Use cases",
 * "Goals & Non-goals", "Risks + Mitigations" -> each part. A heading with no
 * such separator (spaces around it) combines nothing.
 */
export function combinedParts(heading: string): string[] {
  if (!/\s[/&+]\s/.test(heading)) return [];
  const parts = heading.split(/\s+[/&+]\s+/).map((p) => normalizeKey(p));
  return parts.length >= 2 && parts.every((p) => p && p.split(' ').length <= 5) ? parts : [];
}

/** A plan's sections by key, loose key and anchor, and each section's combined parts: made once per plan. */
interface PlanHeadings {
  byKey: Map<string, number[]>;
  byLoose: Map<string, number[]>;
  byAnchor: Map<string, number[]>;
  parts: (string[] | undefined)[];
}

const planHeadings = new WeakMap<readonly Section[], PlanHeadings>();

function headingsOf(secs: readonly Section[]): PlanHeadings {
  let h = planHeadings.get(secs);
  if (h) return h;
  const add = (m: Map<string, number[]>, k: string, i: number): void => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  h = { byKey: new Map(), byLoose: new Map(), byAnchor: new Map(), parts: [] };
  secs.forEach((s, i) => {
    add(h!.byKey, s.key, i);
    add(h!.byLoose, s.looseKey, i);
    if (s.anchor) add(h!.byAnchor, s.anchor, i);
  });
  planHeadings.set(secs, h);
  return h;
}

const NONE: readonly number[] = [];

/**
 * matchesHeading over one plan's sections, each template heading worked out
 * once: binding asks the same (template heading, plan section) question in
 * several passes, and detection binds a plan to every template. A heading
 * without a variable part is looked up by key instead of compared with every
 * section. Answers are matchesHeading's, for the sections of `secs` (by index).
 */
export class PlanMatches {
  private readonly memo = new Map<HeadingMatcher, Uint8Array | null>();
  private readonly plan: PlanHeadings;

  constructor(private readonly secs: readonly Section[]) {
    this.plan = headingsOf(secs);
  }

  /** Which sections `t` matches (1 at their index), or null: none. */
  private of(t: HeadingMatcher): Uint8Array | null {
    if (this.memo.has(t)) return this.memo.get(t) as Uint8Array | null;
    let hits: Uint8Array | null = null;
    const mark = (list: readonly number[] | undefined): void => {
      for (const i of list ?? NONE) (hits ??= new Uint8Array(this.secs.length))[i] = 1;
    };
    if (t.regex !== null) {
      this.secs.forEach((s, i) => {
        if (matchesHeading(t, s)) mark([i]);
      });
    } else {
      mark(this.plan.byKey.get(t.exact));
      if (t.heading?.anchor) mark(this.plan.byAnchor.get(t.heading.anchor));
      if (t.loose) mark(this.plan.byLoose.get(t.loose));
    }
    this.memo.set(t, hits);
    return hits;
  }

  /** matchesHeading(t, secs[i]). */
  has(t: HeadingMatcher, i: number): boolean {
    return this.of(t)?.[i] === 1;
  }

  /** Whether `t` matches any section of the plan. */
  any(t: HeadingMatcher): boolean {
    return this.of(t) !== null;
  }

  /** combinedParts of section i's heading. */
  parts(i: number): string[] {
    const p = this.plan.parts;
    return (p[i] ??= combinedParts((this.secs[i] as Section).text));
  }
}
