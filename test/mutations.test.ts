/**
 * Defects put into the complete fixture plans the way a reviewer would:
 * a level-2 section deleted, a section emptied, placeholders typed into prose,
 * a table column removed, CRLF line endings. Each must be reported with the
 * right rule on the right line, and nothing else may appear.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { BUILTIN_NAMES } from '../src/schema/builtins.js';
import { ROOT, read } from './helpers.js';

interface Plan {
  template: string;
  file: string;
  lines: string[];
}

const plans: Plan[] = BUILTIN_NAMES.flatMap((template) =>
  readdirSync(`${ROOT}fixtures/${template}/valid`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ template, file: f, lines: read(`${ROOT}fixtures/${template}/valid/${f}`).split('\n') })),
);

const found = (text: string, template: string): string[] =>
  lintText(text, 'p.md', { schema: template }).messages.map((m) => `${m.line} ${m.ruleId}`);

/** Line indexes (0-based) of headings outside fenced code. */
function headings(lines: string[]): { i: number; depth: number }[] {
  const out: { i: number; depth: number }[] = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (/^(```|~~~)/.test(l)) fence = !fence;
    const m = /^(#{1,6}) /.exec(l);
    if (!fence && m) out.push({ i, depth: (m[1] as string).length });
  });
  return out;
}

function sectionEnd(lines: string[], h: { i: number; depth: number }): number {
  const next = headings(lines).find((x) => x.i > h.i && x.depth <= h.depth);
  return next ? next.i : lines.length;
}

describe.each(plans)('$template/$file', ({ template, lines }) => {
  const text = lines.join('\n');
  const level2 = headings(lines).filter((h) => h.depth === 2);

  it('deleting any level-2 section gives one required-section at line 1', () => {
    for (const h of level2) {
      const cut = [...lines.slice(0, h.i), ...lines.slice(sectionEnd(lines, h))];
      const title = lines[h.i] as string;
      if (/appendix/i.test(title)) continue; // not a template section
      expect(found(cut.join('\n'), template), title).toEqual(['1 required-section']);
    }
  });

  it('emptying any section without subsections gives one empty-section on its heading', () => {
    const all = headings(lines);
    for (const h of all.filter((x) => x.depth >= 2)) {
      const end = sectionEnd(lines, h);
      const hasSub = all.some((x) => x.i > h.i && x.i < end);
      if (hasSub || /appendix/i.test(lines[h.i] as string)) continue;
      const emptied = [...lines.slice(0, h.i + 1), '', ...lines.slice(end)];
      expect(found(emptied.join('\n'), template), lines[h.i]).toEqual([`${h.i + 1} empty-section`]);
    }
  });

  it('placeholders typed into prose are found on their lines, in LF and CRLF', () => {
    const kinds = ['[Owner Name]', '{Service}', '{{TEAM}}', 'YYYY-MM-DD', 'SPEC-XXX', 'X days', '< Yms', 'X%', 'TODO', 'TBD', 'FIXME', '[NEEDS CLARIFICATION: scope]'];
    // A new prose paragraph right after some level-2 headings.
    const at = level2.filter((h) => !/appendix/i.test(lines[h.i] as string)).map((h) => h.i);
    const edited = [...lines];
    const inserted: string[] = [];
    kinds.forEach((k, n) => {
      const i = at[n % at.length] as number;
      const sentence = `Pending item ${n}: ${k} still open.`;
      inserted.push(sentence);
      edited.splice(edited.indexOf(lines[i] as string) + 1, 0, '', sentence);
    });
    const expected = inserted.map((t) => `${edited.indexOf(t) + 1} placeholder`).sort((a, b) => parseInt(a) - parseInt(b));
    expect(found(edited.join('\n'), template)).toEqual(expected);
    expect(found(edited.join('\r\n'), template)).toEqual(expected);
  });

  it('removing a column from each table gives table-columns on its header row', () => {
    const headers = lines.map((l, i) => (/^\|/.test(l) && /^\|[\s:|-]+\|?$/.test(lines[i + 1] ?? '') ? i : -1)).filter((i) => i >= 0);
    for (const hi of headers) {
      const edited = [...lines];
      for (let i = hi; i < lines.length && /^\|/.test(lines[i] as string); i++) {
        const cells = (lines[i] as string).replace(/^\||\|$/g, '').split('|');
        if (cells.length < 2) continue;
        cells.pop();
        edited[i] = `|${cells.join('|')}|`;
      }
      expect(found(edited.join('\n'), template), lines[hi]).toEqual([`${hi + 1} table-columns`]);
    }
  });

  it('several defects at once are all reported', () => {
    const cut = level2[2] as { i: number; depth: number };
    const emptied = level2[5] as { i: number; depth: number };
    const edited = [...lines];
    edited.splice(emptied.i + 1, sectionEnd(lines, emptied) - emptied.i - 1, '');
    edited.splice(cut.i, sectionEnd(lines, cut) - cut.i);
    const note = 'Owner for the rollout: [Team Name].';
    const last = edited.findIndex((l, i) => i > 5 && l.startsWith('## '));
    edited.splice(last + 1, 0, '', note);
    const got = found(edited.join('\r\n'), template);
    expect(got).toContain('1 required-section');
    expect(got).toContain(`${edited.indexOf(note) + 1} placeholder`);
    expect(got).toContain(`${edited.indexOf(lines[emptied.i] as string) + 1} empty-section`);
  });

  it('the complete plan itself is clean', () => {
    expect(found(text, template)).toEqual([]);
  });
});
