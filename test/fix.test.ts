/**
 * `--fix` on small plans of our own, written for the example template of the
 * rule docs: where fixes insert, what they keep, when they do not apply, the
 * suggestions, applyFixes, and the CLI (the built binary as a child process).
 */
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, generateSchema, lintText, type Diagnostic } from '../src/index.js';
import { textHash, writeFixed } from '../src/fix/write.js';
import { ROOT, cli, tempDirs } from './helpers.js';

const SCHEMA = `${ROOT}docs/rules/example/example.schema.json`;
const fix = (text: string) => lintText(text, 'plan.md', { schema: SCHEMA, fix: true });
const ids = (r: { messages: Diagnostic[] }): string[] => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

const PLAN = `# Plan: Invoice Export

**Status:** In Review
**Owner:** Dana Reyes

## Goals

- Let finance export a month of invoices as CSV.

## Design

Exports run as a background job.

### Option A: Streamed CSV

The API streams rows from a replica.

## Risks

| Risk | Impact | Mitigation |
|------|--------|------------|
| Replica lag | Med | Read from the primary |

## Rollout

### Staging

Enable the flag for the staging tenant.

### Production

Turn the flag on for everyone after a week.

## Open Questions

- Should exports include voided invoices?
`;

describe('a complete plan', () => {
  it('has nothing to fix: no output, no fixes', () => {
    const r = fix(PLAN);
    expect(r.messages).toEqual([]);
    expect(r.output).toBeUndefined();
  });
});

describe('required-section', () => {
  const noRisks = PLAN.replace(/## Risks\n[\s\S]*?(?=## Rollout)/, '');
  it('inserts the template skeleton where the template has it (after the previous section present)', () => {
    const r = fix(noRisks);
    expect(r.output).toBe(PLAN.replace(/(## Risks\n\n)[\s\S]*?(?=## Rollout)/, '$1| Risk | Impact | Mitigation |\n|------|--------|------------|\n|  |  |  |\n\n'));
    // What the template leaves to the author still fails.
    expect(ids(r)).toEqual(['20:1 table-rows']);
  });

  it('keeps CRLF, the BOM and the absence of a final newline; appends at the end when the section is last', () => {
    const noOpen = PLAN.replace(/\n## Open Questions[\s\S]*$/, '').trimEnd();
    const input = `\uFEFF${noOpen.replace(/\n/g, '\r\n')}`;
    expect(input.endsWith('\r\n')).toBe(false);
    const r = fix(input);
    expect(r.output).toBe(`${input}\r\n\r\n## Open Questions`);
    const withNewline = fix(`${noOpen}\n`);
    expect(withNewline.output).toBe(`${noOpen}\n\n## Open Questions\n`);
  });

  it('does not append after an unclosed code fence (it would be swallowed)', () => {
    const input = PLAN.replace(/\n## Open Questions[\s\S]*$/, '\n```text\nnot closed\n');
    const r = fix(input);
    expect(r.output).toBeUndefined();
    expect(r.messages.find((m) => m.ruleId === 'required-section')?.fix).toBeUndefined();
  });

  it('is not fixed where an inline disable hides the finding', () => {
    const noProd = PLAN.replace(/### Production\n\nTurn[^\n]*\n\n/, '');
    expect(fix(noProd).output).toBeDefined();
    const disabled = noProd.replace('## Rollout', '<!-- plan-lint-disable required-section -->\n## Rollout');
    const r = fix(disabled);
    expect(r.output).toBeUndefined();
  });
});

describe('required-section: the title', () => {
  const mkTemp = tempDirs();
  const schemaOf = (template: string): string => {
    const file = join(mkTemp('plan-lint-title-'), 't.schema.json');
    writeFileSync(file, JSON.stringify(generateSchema(template, { name: 't' })));
    return file;
  };

  it('a plan with no title gets the template title line at the top, after the frontmatter; its placeholder is then reported', () => {
    const noTitle = PLAN.replace(/^# [^\n]*\n\n/, '');
    const r = fix(noTitle);
    expect(r.output?.split('\n').slice(0, 3)).toEqual(['# Plan: [Feature Name]', '', noTitle.split('\n')[0]]);
    expect(ids(r)).toEqual(['1:9 placeholder']);
    const schema = schemaOf('---\nowner: TBD\n---\n\n# [Feature] Plan\n\n## Goals\n\n[What it achieves]\n');
    const withFm = '---\r\nowner: dana\r\n---\r\n## Goals\r\n\r\nShip CSV export.\r\n';
    const out = lintText(withFm, 'p.md', { schema, fix: true });
    expect(out.output).toBe('---\r\nowner: dana\r\n---\r\n\r\n# [Feature] Plan\r\n\r\n## Goals\r\n\r\nShip CSV export.\r\n');
    expect(ids(out)).toEqual(['5:3 placeholder']);
  });

  const titled = (schema: string, title: string, eol = '\n') => lintText(`${title}${eol}${eol}## Goals${eol}${eol}Ship it.${eol}`, 'p.md', { schema, fix: true });
  const first = (r: { output?: string }): string | undefined => r.output?.split(/\r?\n/)[0];

  it('a title missing the fixed words around the template title\'s fill-in part gets them, the author\'s words kept verbatim', () => {
    const suffix = schemaOf('# [Feature] Implementation Plan\n\n## Goals\n\n[What it achieves]\n');
    for (const eol of ['\n', '\r\n']) {
      const r = titled(suffix, '# Export *Design*', eol);
      expect(r.output).toBe(`# Export *Design* Implementation Plan${eol}${eol}## Goals${eol}${eol}Ship it.${eol}`);
      expect(ids(r)).toEqual([]);
    }
    // A closing sequence and a setext underline stay; the words go before the closing `#`s.
    expect(first(titled(suffix, '# Export Design ##'))).toBe('# Export Design Implementation Plan ##');
    expect(titled(suffix, 'Export Design\n===').output?.split('\n').slice(0, 2)).toEqual(['Export Design Implementation Plan', '===']);
    expect(titled(suffix, 'Export\nDesign\n===').output).toBeUndefined();
    // The author's words already at the seam are not repeated.
    expect(first(titled(suffix, '# Export Implementation'))).toBe('# Export Implementation Plan');
    // A prefix with a placeholder in it: inserted, and the placeholder is then reported.
    const prefix = schemaOf('# RFC-NNNN: Your short, descriptive title\n\n## Goals\n\n[What it achieves]\n');
    const p = titled(prefix, '# Export Design');
    expect(first(p)).toBe('# RFC-NNNN: Export Design');
    expect(p.messages.map((m) => `${m.ruleId} ${m.message}`)).toEqual(['placeholder Unfilled placeholder "NNNN"']);
  });

  it('a generic stand-in of the template title (`Template`) is inserted beside the author\'s id, with its colon, and is then reported', () => {
    const id = schemaOf('# CFP-003: Template\n\n## Goals\n\n[What it achieves]\n');
    for (const eol of ['\n', '\r\n']) {
      const c = titled(id, '# CFP-37315', eol);
      expect(c.output).toBe(`# CFP-37315: Template${eol}${eol}## Goals${eol}${eol}Ship it.${eol}`);
      expect(c.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual(['1:14 placeholder Title keeps the template\'s stand-in "Template": put the plan\'s own name in its place']);
    }
  });

  it('no fix when an inserted word would be fill-in text nothing reports; a suggestion when the insertion repeats the author\'s words', () => {
    // "003" is the author's id to write: `CFP-003: Network Policy` would make the title pass with it unreported.
    const id = schemaOf('# CFP-003: Template\n\n## Goals\n\n[What it achieves]\n');
    const c = titled(id, '# Network Policy');
    expect(c.output).toBeUndefined();
    expect(c.messages.map((m) => [m.ruleId, m.messageId, m.fix, m.suggestions])).toEqual([['required-section', 'titleMismatch', undefined, undefined]]);
    // "Plan" is the author's already: the insertion is offered, not applied.
    const suffix = schemaOf('# [Feature] Implementation Plan\n\n## Goals\n\n[What it achieves]\n');
    const r = titled(suffix, '# Export Plan');
    expect(r.output).toBeUndefined();
    const [m] = r.messages;
    expect(m?.suggestions?.map((s) => s.desc)).toEqual(['Add the template\'s words: "Export Plan Implementation Plan"']);
    expect(applyFixes('# Export Plan\n', [{ ...(m as Diagnostic), fix: m?.suggestions?.[0]?.fix }]).output).toBe('# Export Plan Implementation Plan\n');
  });

  it('a fixed template title: the missing words are inserted where the author\'s words are part of it, else the template\'s title is a suggestion', () => {
    const schema = schemaOf('# Release Checklist\n\n## Goals\n\n[What it achieves]\n');
    expect(first(titled(schema, '# Release'))).toBe('# Release Checklist');
    const r = titled(schema, '# Shipping 2.0');
    expect(r.output).toBeUndefined();
    expect(r.messages.map((m) => [m.ruleId, m.messageId, m.fix])).toEqual([['required-section', 'titleMismatch', undefined]]);
    expect(r.messages[0]?.suggestions).toEqual([{ desc: 'Use the template\'s title "Release Checklist"', fix: { range: [2, 14], text: 'Release Checklist' } }]);
  });
});

describe('heading-level', () => {
  it('changes only the # markers; a setext heading becomes ATX', () => {
    expect(fix(PLAN.replace('### Staging', '#### Staging')).output).toBe(PLAN);
    expect(fix(PLAN.replace('### Staging', 'Staging\n=======')).output).toBe(PLAN);
  });
});

describe('table-columns', () => {
  it('adds the column at its template position in every row, without leading or trailing pipes too', () => {
    const input = PLAN.replace('| Risk | Impact | Mitigation |\n|------|--------|------------|\n| Replica lag | Med | Read from the primary |', 'Risk | Mitigation\n:--- | ---\nReplica lag | Read from the primary');
    const r = fix(input);
    expect(r.output).toBe(PLAN.replace('| Risk | Impact | Mitigation |\n|------|--------|------------|\n| Replica lag | Med | Read from the primary |', 'Risk | Impact | Mitigation\n:--- | --- | ---\nReplica lag |  | Read from the primary'));
    expect(ids(r)).toEqual(['22:14 table-cell']);
  });
});

describe('field', () => {
  it('adds a missing field after the previous one: in its paragraph, or as a paragraph of its own after a field that stands alone', () => {
    const withDate = PLAN.replace('**Owner:** Dana Reyes', '**Owner:** Dana Reyes  \n**Due:** 2027-01-01');
    // Owner missing between Status and a field the template does not know: it joins their paragraph.
    const r = fix(withDate.replace('**Owner:** Dana Reyes  \n', ''));
    expect(r.output).toBe(withDate.replace('**Owner:** Dana Reyes  ', '**Owner:** {Name}'));
    expect(ids(r)).toEqual(['4:12 placeholder']);
    const alone = fix(PLAN.replace('**Owner:** Dana Reyes\n', ''));
    expect(alone.output).toBe(PLAN.replace('**Owner:** Dana Reyes', '\n**Owner:** {Name}'));
  });
  it('an empty field gets the template\'s value after its label, which placeholder then reports; nothing written is changed', () => {
    for (const eol of ['\n', '\r\n']) {
      const conv = (t: string): string => t.replace(/\n/g, eol);
      const r = fix(conv(PLAN.replace('**Owner:** Dana Reyes', '**Owner:**')));
      expect(r.output).toBe(conv(PLAN.replace('**Owner:** Dana Reyes', '**Owner:** {Name}')));
      expect(ids(r)).toEqual(['4:12 placeholder']);
    }
    // A hard break, the colon outside the bold, a guidance comment after the label: all kept, the value goes after the label.
    for (const [empty, filled] of [
      ['**Owner:**  ', '**Owner:** {Name}  '],
      ['**Owner**:', '**Owner**: {Name}'],
      ['**Owner:** <!-- who answers for it -->', '**Owner:** {Name} <!-- who answers for it -->'],
    ]) {
      expect(fix(PLAN.replace('**Owner:** Dana Reyes', empty as string)).output).toBe(PLAN.replace('**Owner:** Dana Reyes', filled as string));
    }
  });

  it('an empty field has no fix when the template has no value for it, or one that would pass unreported; a frontmatter key gets its value', () => {
    const mkTemp = tempDirs();
    const dir = mkTemp('plan-lint-field-');
    const schemaOf = (name: string, template: string): string => {
      const file = join(dir, `${name}.schema.json`);
      writeFileSync(file, JSON.stringify(generateSchema(template, { name })));
      return file;
    };
    const plain = schemaOf('plain', '# [Feature] Plan\n\n**Team:** Platform\n**Links:**\n**Owner:** {Name}\n\n## Goals\n\n[What it achieves]\n');
    const r = lintText('# Export Plan\n\n**Team:**\n**Links:**\n**Owner:** Dana\n\n## Goals\n\nShip it.\n', 'p.md', { schema: plain, fix: true });
    expect(r.output).toBeUndefined();
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId} ${m.fix ? 'fix' : 'no fix'}`)).toEqual(['3:1 field/empty no fix', '4:1 field/empty no fix']);
    const fm = schemaOf('fm', '---\nowner: TBD\n---\n\n# [Feature] Plan\n\n## Goals\n\n[What it achieves]\n');
    const f = lintText('---\r\nowner: # who\r\n---\r\n\r\n# Export Plan\r\n\r\n## Goals\r\n\r\nShip it.\r\n', 'p.md', { schema: fm, fix: true });
    expect(f.output).toBe('---\r\nowner: TBD # who\r\n---\r\n\r\n# Export Plan\r\n\r\n## Goals\r\n\r\nShip it.\r\n');
    expect(ids(f)).toEqual(['2:8 placeholder']);
  });

  it('adds missing fields after the title when the plan has none', () => {
    const r = fix(PLAN.replace('**Status:** In Review\n**Owner:** Dana Reyes\n\n', ''));
    expect(r.output).toBe(PLAN.replace('**Status:** In Review\n**Owner:** Dana Reyes', '**Status:** Draft | In Review | Approved  \n**Owner:** {Name}'));
  });
});

describe('suggestions', () => {
  it('offer one alternative each for a choice list, and never apply', () => {
    const input = PLAN.replace('**Status:** In Review', '**Status:** Draft | In Review | Approved');
    const r = lintText(input, 'plan.md', { schema: SCHEMA });
    const choice = r.messages.find((m) => m.messageId === 'choice');
    expect(choice?.suggestions?.map((s) => s.desc)).toEqual(['Keep "Draft"', 'Keep "In Review"', 'Keep "Approved"']);
    expect(choice?.fix).toBeUndefined();
    const picked = applyFixes(input, [{ ...(choice as Diagnostic), fix: choice?.suggestions?.[1]?.fix }]);
    expect(picked.output).toBe(PLAN);
    expect(fix(input).output).toBeUndefined();
  });
  it('offer to remove a guidance comment with its line', () => {
    const input = PLAN.replace('## Goals\n', '## Goals\n\n<!-- One measurable outcome per line. -->\n');
    const r = lintText(input, 'plan.md', { schema: SCHEMA });
    const c = r.messages.find((m) => m.ruleId === 'guidance-comment');
    expect(c?.suggestions?.map((s) => s.desc)).toEqual(['Remove the comment']);
    expect(applyFixes(input, [{ ...(c as Diagnostic), fix: c?.suggestions?.[0]?.fix }]).output).toBe(PLAN.replace('## Goals\n', '## Goals\n\n'));
  });
});

describe('applyFixes', () => {
  const m = (range: [number, number], text: string): Diagnostic => ({ ruleId: 'x', severity: 2, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, fix: { range, text } });
  it('applies fixes in order, defers one that overlaps, ignores bad ranges, keeps the BOM', () => {
    const r = applyFixes('\uFEFFabcdef', [m([4, 4], 'Y'), m([0, 0], 'X'), m([0, 1], 'Z'), m([9, 12], 'bad')]);
    expect(r.output).toBe('\uFEFFXabcdYef');
    expect(r.count).toBe(2);
    expect(r.messages.map((x) => x.fix?.text).sort()).toEqual(['Z', 'bad']);
  });
});

describe('writing', () => {
  const mkTemp = tempDirs();
  it('writeFixed skips a file that changed since it was read', async () => {
    const dir = mkTemp('plan-lint-fixw-');
    const file = join(dir, 'plan.md');
    writeFileSync(file, 'new text\n');
    const out = await writeFixed(file, 'fixed\n', textHash('old text\n'));
    expect(out).toMatchObject({ ok: false, changed: true });
    expect(readFileSync(file, 'utf8')).toBe('new text\n');
    expect(await writeFixed(file, 'fixed\n', textHash('new text\n'))).toEqual({ ok: true });
    expect(readFileSync(file, 'utf8')).toBe('fixed\n');
  });

  it('plan-lint --fix writes the fixed plan, leaves a clean one untouched (bytes and mtime), and reports what remains', () => {
    const dir = mkTemp('plan-lint-fixc-');
    const broken = join(dir, 'broken.md');
    const clean = join(dir, 'clean.md');
    writeFileSync(broken, PLAN.replace('### Staging', '#### Staging').replace('**Owner:** Dana Reyes\n', ''));
    writeFileSync(clean, PLAN);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(clean, old, old);
    const r = cli(['--fix', '-s', SCHEMA, broken, clean]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(readFileSync(broken, 'utf8')).toBe(PLAN.replace('**Owner:** Dana Reyes', '\n**Owner:** {Name}'));
    expect(readFileSync(clean, 'utf8')).toBe(PLAN);
    expect(statSync(clean).mtimeMs).toBe(old.getTime());
    expect(r.stdout).toContain('2 problems fixed');
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings) remaining');
  });

  it('plan-lint --fix-dry-run writes nothing and puts the fixed text in JSON output; messages carry their fix', () => {
    const dir = mkTemp('plan-lint-fixd-');
    const file = join(dir, 'plan.md');
    const input = PLAN.replace('### Staging', '#### Staging');
    writeFileSync(file, input);
    const dry = cli(['--fix-dry-run', '-f', 'json', '-s', SCHEMA, file]);
    expect(dry.status).toBe(0);
    const [res] = JSON.parse(dry.stdout) as [{ output: string; messages: unknown[] }];
    expect(res.output).toBe(PLAN);
    expect(res.messages).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(input);
    const plain = cli(['-f', 'json', '-s', SCHEMA, file]);
    const [lintRes] = JSON.parse(plain.stdout) as [{ messages: { fix?: { range: number[]; text: string } }[]; output?: string }];
    expect(lintRes.output).toBeUndefined();
    expect(lintRes.messages[0]?.fix).toEqual({ range: [input.indexOf('#### Staging'), input.indexOf('#### Staging') + 4], text: '###' });
  });

  it('plan-lint --fix --stdin prints the fixed text; --fix with --fix-dry-run is a usage error', () => {
    const r = cli(['--fix', '--stdin', '-s', SCHEMA], { input: PLAN.replace('### Staging', '#### Staging') });
    expect(r.stdout).toBe(PLAN);
    expect(r.status).toBe(0);
    const both = cli(['--fix', '--fix-dry-run', '-s', SCHEMA, 'x.md']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('cannot be combined');
  });
});
