/**
 * The placeholder vocabulary of a generated schema on tiny templates of our
 * own: every style the template uses as a fill-in is learned (a plan that
 * keeps it is reported), and bracketed or marker-like text that the template
 * does not use as a fill-in is not reported (tags, names, citations).
 * Schemas are generated as `plan-lint schema generate` does (own styles only).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../../src/index.js';
import { generateSchema } from '../../src/schema/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-vocabulary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/**
 * The `placeholder` findings (`line text`) of a plan under the schema generated from a template: the
 * placeholders its styles find (a field's whole value compared with the template's, `fieldValue`, is
 * test/preamble-metadata.test.ts's).
 */
function placeholders(template: string, plan: string): string[] {
  const schema = generateSchema(template, { name: `v${++n}`, source: 'template.md', ownStylesOnly: true });
  const path = join(dir, `v${n}.schema.json`);
  writeFileSync(path, JSON.stringify(schema));
  return lintText(plan, 'p.md', { schema: path })
    .messages.filter((m) => m.ruleId === 'placeholder' && m.messageId !== 'fieldValue')
    .map((m) => `${m.line} ${/"(.*)"/.exec(m.message)?.[1] ?? m.message}`);
}

/** Every finding (`line:column-endLine:endColumn rule message`) of a plan under the schema generated from a template. */
function ranges(template: string, plan: string): string[] {
  const schema = generateSchema(template, { name: `v${++n}`, source: 'template.md', ownStylesOnly: true });
  const path = join(dir, `v${n}.schema.json`);
  writeFileSync(path, JSON.stringify(schema));
  return lintText(plan, 'p.md', { schema: path }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`);
}

describe('placeholder styles the template uses are learned', () => {
  it('a placeholder the template writes inside inline code, found in code and prose', () => {
    const template = '# Plan\n\n**Branch**: `[###-feature-name]` | **Input**: `/specs/[###-feature-name]/spec.md`\n\n## Summary\n\n[What it does]\n';
    const plan = '# Plan\n\n**Branch**: `[###-feature-name]` | **Input**: `/specs/042-login/spec.md`\n\n## Summary\n\nLogin. See `items[0]` and [###-feature-name].\n';
    expect(placeholders(template, plan)).toEqual(['3 [###-feature-name]', '7 [###-feature-name]']);
  });

  it('a list of choices the template gives as a value (frontmatter, inline code), kept unchanged', () => {
    const template = '---\nstatus: provisional|implementable|implemented\n---\n# Plan\n\n* **Stage:** `Not started / Partially done / Finished`\n\n## Summary\n\nText.\n';
    const kept = '---\nstatus: provisional|implementable|implemented\n---\n# Plan\n\n* **Stage:** `Not started / Partially done / Finished`\n\n## Summary\n\nWe pick provisional or implementable later.\n';
    expect(placeholders(template, kept)).toEqual(['2 provisional|implementable|implemented', '6 Not started / Partially done / Finished']);
    const filled = '---\nstatus: implementable\n---\n# Plan\n\n* **Stage:** `Finished`\n\n## Summary\n\nText.\n';
    expect(placeholders(template, filled)).toEqual([]);
  });

  it('a list of symbols the template gives as a table cell (`✅ / ❌`), kept whole; one symbol chosen, or `+/-` in prose, is not', () => {
    const template = '# Eval\n\n## Comparison\n\n| Need | Option 1 | Option 2 |\n| --- | --- | --- |\n| R1 | ✅ / ❌ | ✅ / ❌ |\n';
    const plan = '# Eval\n\n## Comparison\n\n| Need | Redis | Memcached |\n| --- | --- | --- |\n| R1 | ✅ | ❌ |\n| R2 | ✅ / ❌ | ✅ |\n\nLatency is 5 ms +/- 1 ms.\n';
    expect(ranges(template, plan)).toEqual(['8:8-8:13 placeholder Unresolved choice "✅ / ❌": keep one of the alternatives']);
    // Symbols that the template does not list as alternatives are the plan's own.
    expect(placeholders('# Eval\n\n## Comparison\n\n| Need | A |\n| --- | --- |\n| R1 | [yes or no] |\n', plan)).toEqual([]);
  });

  it('an HTML element name the template gives bare as a whole value (`<link>`), where its fill-ins are `<angle>` text', () => {
    const template = '# RFC: <title>\n\n| Field | Value |\n| --- | --- |\n| Owner | <your name> |\n| Tracking issue | <link> |\n\n## Summary\n\n<One paragraph.>\n';
    const kept = '# RFC: Faster export\n\n| Field | Value |\n| --- | --- |\n| Owner | Ann |\n| Tracking issue | <link> |\n\n## Summary\n\nCaching, see <link>.\n\n<link>\n';
    expect(ranges(template, kept)).toEqual([
      '6:20-6:26 placeholder Unfilled placeholder "<link>"',
      '10:14-10:20 placeholder Unfilled placeholder "<link>"',
      '12:1-12:7 placeholder Unfilled placeholder "<link>"',
    ]);
    // Markup of the plan's own: the tag with attributes or closed, in code, an autolink, a line break.
    const own = '# RFC: Faster export\n\n| Field | Value |\n| --- | --- |\n| Owner | Ann<br>Bo |\n| Tracking issue | <https://example.com/1> |\n\n## Summary\n\nAdd `<link rel="preload">` and <link rel="icon" href="/i.png"> to <details><summary>the head</summary>text</details>.\n';
    expect(ranges(template, own)).toEqual([]);
    // `<title>` is closed in the template (`<title>x</title>`), `<br>` is layout: neither is learned.
    const closed = '# RFC: <title of the change>\n\nOwner: <your name>\n\nPage: <title>Home</title>\n\n| A | B |\n| --- | --- |\n| x | <br> |\n';
    expect(placeholders(closed, '# RFC: Export\n\nOwner: Ann\n\nPage: <title>\n\n| A | B |\n| --- | --- |\n| x | <br> |\n')).toEqual([]);
  });

  it('a table cell holding only an `<angle>` placeholder is one placeholder finding, not also an empty cell', () => {
    const template = '# RFC: <title>\n\n## People\n\n| Role | Name |\n| --- | --- |\n| Owner | <your name> |\n';
    expect(ranges(template, '# RFC: Export\n\n## People\n\n| Role | Name |\n| --- | --- |\n| Owner | <your name> |\n| Reviewer |  |\n')).toEqual([
      '7:11-7:22 placeholder Unfilled placeholder "<your name>"',
      '8:13-8:14 table-cell Empty cell in column "Name"',
    ]);
  });

  it('a bare `<link>` is not learned from a template whose fill-ins are not `<angle>` text', () => {
    const template = '# RFC: [title]\n\n| Field | Value |\n| --- | --- |\n| Tracking issue | <link> |\n';
    expect(placeholders(template, '# RFC: Export\n\n| Field | Value |\n| --- | --- |\n| Tracking issue | <link> |\n')).toEqual([]);
  });

  it('a path or a command in inline code is not a list of choices (`POST /api/feature/action`)', () => {
    const template = '# Plan\n\n## API\n\n#### `POST /api/feature/action`\n\nWhat it does.\n\nCall `GET /v1/items|jq` to list.\n';
    const plan = '# Plan\n\n## API\n\n#### `POST /api/feature/action`\n\nStarts the action.\n\nCall `GET /v1/items|jq` to list.\n';
    expect(placeholders(template, plan)).toEqual([]);
  });

  it('a lower-case `{name}` in inline code is a path or format parameter, not a fill-in', () => {
    const template = '# Plan\n\n## API\n\n**Path**: `/api/v1/resource/{id}`; file `{timestamp}_{description}.sql`; owner `{OWNER}`\n';
    const plan = '# Plan\n\n## API\n\n**Path**: `/api/v1/users/{id}`; file `{timestamp}_{description}.sql`; owner `{OWNER}`\n';
    expect(placeholders(template, plan)).toEqual(['5 {OWNER}']);
  });

  it('version and handle masks (`X.XX`, `@xxxxx`) where the template uses them', () => {
    const template = '# Plan\n\n**Release:** X.XX\n**Owner:** @xxxxx\n\n## Summary\n\nText.\n';
    expect(placeholders(template, '# Plan\n\n**Release:** X.XX\n**Owner:** @xxxxx\n\n## Summary\n\nUses X.509 and v1.12 with @alice.\n')).toEqual(['3 X.XX', '4 @xxxxx']);
    // A template without them: the same text is not a placeholder style of this template.
    expect(placeholders('# Plan\n\n## Summary\n\nText.\n', '# Plan\n\n## Summary\n\nRelease X.XX by @xxxxx.\n')).toEqual([]);
  });

  it('parenthesised instructions of the template (`(fill me in with ...)`, `(leave this empty)`)', () => {
    const template = "# Plan\n\n- Start Date: (fill me in with today's date, YYYY-MM-DD)\n- RFC PR: (leave this empty)\n\n## Summary\n\nText.\n";
    const plan = '# Plan\n\n- Start Date: (fill me in with the date)\n- RFC PR: (leave this empty)\n\n## Summary\n\nWe leave (this part) alone (leave it blank).\n';
    expect(placeholders(template, plan)).toEqual(['3 (fill me in with the date)', '4 (leave this empty)', '8 (leave it blank)']);
  });

  it('`$UPPER_SNAKE` variables the template leaves in its prose; never a plan’s shell, prices or the shell’s own variables', () => {
    const template = '# Release $VERSION\n\nRelease manager: $RELEASE_MANAGER\n\n## Scope\n\nChanges since $PREVIOUS_VERSION.\n';
    const plan = [
      '# Release 2.1.0',
      '',
      'Release manager: $RELEASE_MANAGER',
      '',
      '## Scope',
      '',
      'Changes since $PREVIOUS_VERSION. Costs about $5 a month; set `$PATH` and $HOME first; keep $$ and ${BUILD_ID} out.',
      '',
      '```sh',
      'echo "$HOME" "app:$IMAGE_TAG" $VERSION',
      '```',
      '',
    ].join('\n');
    expect(placeholders(template, plan)).toEqual(['3 $RELEASE_MANAGER', '7 $PREVIOUS_VERSION']);
    // A variable the plan names in prose that the template never used is the same style: left in, it is reported.
    expect(placeholders(template, '# Release 2.1.0\n\nRelease manager: Ann\n\n## Scope\n\nShips on $SHIP_DATE.\n')).toEqual(['7 $SHIP_DATE']);
    // A template whose variables are only in code has no such style: a plan’s `$VARS` in prose pass.
    const inCode = '# Release\n\n## Steps\n\n```sh\ngit tag $VERSION\n```\n';
    expect(placeholders(inCode, '# Release\n\n## Steps\n\nTag $VERSION with `git tag`.\n')).toEqual([]);
  });

  it('bare upper-case compound tokens the template gives as field values (`SIG-NAME`, `TICKET_ID`), not acronyms', () => {
    const template = '# Plan\n\n* **SIG:** SIG-NAME\n* **Tracking:** TICKET_ID\n* **License:** CC-BY\n* **Team:** TEAM\n\n## Summary\n\nText about AWS.\n';
    const plan = '# Plan\n\n* **SIG:** sig-node\n* **Tracking:** OPS-12\n* **License:** CC-BY\n* **Team:** Core\n\n## Summary\n\nOwned by SIG-NAME; see TICKET_ID. We use AWS, HTTP, P2P and X.509 under CC-BY with the TEAM role.\n';
    expect(placeholders(template, plan)).toEqual(['10 SIG-NAME', '10 TICKET_ID']);
  });

  it('Lorem ipsum where the template’s sample text is Lorem ipsum: one finding per run, in a title too', () => {
    const template = '# Brief: Lorem Ipsum Dashboard\n\n## Problem\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n## Users\n\nUt enim ad minim veniam, quis nostrud.\n';
    const plan = '# Brief: Lorem Ipsum Dashboard\n\n## Problem\n\nUsers lose filters. Use sed to strip the ut8 files; et al. agree.\n\n## Users\n\nUt enim ad minim veniam, quis nostrud.\n';
    expect(placeholders(template, plan)).toEqual(['1 Lorem Ipsum Dashboard', '9 Ut enim ad minim veniam, quis nostrud.']);
    // A template without filler text has no such style.
    expect(placeholders('# Brief\n\n## Problem\n\n[The problem]\n', '# Brief\n\n## Problem\n\nLorem ipsum dolor sit amet.\n')).toEqual([]);
  });

  it('an `<angle>` placeholder the template uses as a frontmatter value', () => {
    const template = '---\ntitle: <The title>\nrequires: <EIP number(s)>\n---\n# Plan\n\n## Summary\n\nText.\n';
    expect(placeholders(template, '---\ntitle: Faster sync\nrequires: <EIP number(s)>\n---\n# Plan\n\n## Summary\n\nText.\n')).toEqual(['3 <EIP number(s)>']);
  });
});

describe('bracketed notation of real prose is not a placeholder', () => {
  const template = '# Tasks\n\n## Format: `[ID] [P?] [Story] Description`\n\n- **[P]**: Can run in parallel\n- **[Story]**: Which user story the task belongs to\n\n## Tasks\n\n- [ ] T001 [P] [Story] Create [Entity] model in [file]\n';

  it('tags the template explains in a legend, and its heading’s format line, are vocabulary', () => {
    const plan = '# Tasks\n\n## Format: `[ID] [P?] [Story] Description`\n\n- **[P]**: Can run in parallel\n- **[Story]**: Which user story the task belongs to\n\n## Tasks\n\n- [ ] T001 [P] [Story] Create User model in src/user.py\n';
    expect(placeholders(template, plan)).toEqual([]);
  });

  it('the plan’s own one-word tags starting list items, and named brackets, pass; the template’s own placeholders never do', () => {
    const plan = '# Tasks\n\n## Tasks\n\n- [MANUAL] T002 Merge the PR\n- [SKIP] T003 Add a badge\n- Add the license to the [project] section\n- [optional] tidy the docs\n- Remove any TODO comments\n- [ ] T004 Create [Entity] model in [file]\n- [Entity] kept\n';
    expect(placeholders(template, plan)).toEqual(['10 [Entity]', '10 [file]', '11 [Entity]']);
  });

  it('the built-in schemas report them all the same', () => {
    const plan = '# RFC: Login\n\n- [MANUAL] T002 Merge the PR\n- Add it to the [project] section\n- Remove any TODO comments\n';
    const found = lintText(plan, 'plan.md', { schema: 'rfc' }).messages.filter((m) => m.ruleId === 'placeholder').map((m) => /"(.*)"/.exec(m.message)?.[1]);
    expect(found).toEqual(['[MANUAL]', '[project]', 'TODO']);
  });
});

describe('bracketed terms inside column names are the template’s vocabulary', () => {
  const template =
    '# Plan\n\n## Split: [AUTO] vs [MANUAL] Work\n\nWe combine people ([MANUAL]) with scripts ([AUTO]).\n\n### Estimate\n\n| Area | [AUTO] Steps | [MANUAL] Steps |\n|---|---|---|\n| Data | [count] | [count] |\n\n### Audit\n\n| Step | Kind |\n|---|---|\n| [Step 1] | [AUTO/MANUAL] |\n';

  it('a plan keeping the terms in the heading, prose and columns has no placeholder; the slots and the choice are still found', () => {
    const plan =
      '# Plan\n\n## Split: [AUTO] vs [MANUAL] Work\n\nWe combine people ([MANUAL]) with scripts ([AUTO]).\n\n### Estimate\n\n| Area | [AUTO] Steps | [MANUAL] Steps |\n|---|---|---|\n| Data | [count] | 2 |\n\n### Audit\n\n| Step | Kind |\n|---|---|\n| Import | [AUTO/MANUAL] |\n';
    expect(placeholders(template, plan)).toEqual(['11 [count]', '17 [AUTO/MANUAL]']);
  });

  it('the heading holding the terms is a fixed section: its subsections (missing one reported on it) and their tables are checked', () => {
    const plan = '# Plan\n\n## Split: [AUTO] vs [MANUAL] Work\n\nPeople review, scripts run.\n\n### Estimate\n\n| Area | [AUTO] Steps |\n|---|---|\n| Data | 3 |\n';
    const schema = generateSchema(template, { name: `v${++n}`, source: 'template.md', ownStylesOnly: true });
    const path = join(dir, `v${n}.schema.json`);
    writeFileSync(path, JSON.stringify(schema));
    const found = lintText(plan, 'p.md', { schema: path }).messages.map((m) => `${m.line} ${m.ruleId}`);
    expect(found).toEqual(['3 required-section', '9 table-columns']);
  });

  it('a column named by a placeholder alone is a slot, not a term', () => {
    const t = '# Plan\n\n## Metrics\n\n| [Metric] | Target |\n|---|---|\n| [name] | [value] |\n';
    expect(placeholders(t, '# Plan\n\n## Metrics\n\nLatency is [Metric] here.\n')).toEqual(['5 [Metric]']);
  });
});

describe('guidance comments are the template’s own', () => {
  it('a generated schema reports the template’s comments left in, not the author’s own notes', () => {
    const template = '# Plan\n\n## Design\n\n<!-- Describe the design and the alternatives you considered. -->\n';
    const plan = '# Plan\n\n## Design\n\n<!-- Describe the design and the alternatives you considered. -->\n\n- Validation <!-- (create/update logic) -->\n- Eviction <!-- TODO: ask Sam -->\n';
    const schema = generateSchema(template, { name: `v${++n}`, source: 'template.md', ownStylesOnly: true });
    const path = join(dir, `v${n}.schema.json`);
    writeFileSync(path, JSON.stringify(schema));
    const found = lintText(plan, 'p.md', { schema: path }).messages.filter((m) => m.ruleId === 'guidance-comment').map((m) => m.line);
    expect(found).toEqual([5]);
  });
});
