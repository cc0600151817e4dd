/**
 * Real plans are full of text that looks like a placeholder and is not:
 * ids and tags in brackets, dotted keys, comments addressed to tools. Each
 * case is a small plan of our own, linted with a built-in schema and with a
 * schema generated from a small template.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { extract } from '../src/extract/document.js';
import { isToolDirective } from '../src/extract/comments.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { generateSchema, type GenerateOptions } from '../src/schema/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-prose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function schemaFile(template: string, options: Partial<GenerateOptions> = {}): string {
  const path = join(dir, `t${++n}.schema.json`);
  writeFileSync(path, JSON.stringify(generateSchema(template, { name: `t${n}`, source: 'template.md', ...options })));
  return path;
}
const lint = (plan: string, schema: string): string[] => lintText(plan, 'p.md', { schema }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);

describe('tool directives are never guidance comments', () => {
  it.each([
    '<!-- markdownlint-disable MD013 MD033 -->',
    '<!-- markdownlint-enable -->',
    '<!-- markdownlint-disable-next-line MD041 -->',
    '<!-- prettier-ignore -->',
    '<!-- prettier-ignore-start -->',
    '<!-- toc -->',
    '<!-- /toc -->',
    '<!-- tocstop -->',
    '<!-- START doctoc generated TOC please keep comment here to allow auto update -->',
    '<!-- omit in toc -->',
    '<!-- vale off -->',
    '<!-- vale Google.Headings = NO -->',
    '<!-- textlint-disable -->',
    '<!-- lint disable no-html -->',
    '<!-- cspell:disable -->',
    '<!-- ALL-CONTRIBUTORS-LIST:START - Do not remove or modify this section -->',
  ])('%s', (comment) => {
    expect(isToolDirective(comment)).toBe(true);
    const d = extract(parseMarkdown(`# Plan\n\n${comment}\n\nText.\n`));
    expect(d.comments.map((c) => c.tool)).toEqual([true]);
  });

  it.each(['<!-- Describe the toc of your proposal here -->', '<!-- One paragraph explanation of the feature. -->', '<!-- Vale is our style checker: keep the wording plain -->', '<!-- more details below -->'])(
    'guidance that merely mentions a word: %s',
    (comment) => {
      expect(isToolDirective(comment)).toBe(false);
    },
  );

  const plan = (extra: string): string =>
    `# Technical Plan: Export\n\n${extra}\n\n## Problem Statement\n\nFinance needs monthly exports.\n`;

  it('a plan keeps its linter switches under a built-in schema and a generated one', () => {
    const directives = '<!-- markdownlint-disable MD013 -->\n<!-- prettier-ignore -->\n<!-- vale off -->';
    const builtin = lintText(plan(directives), 'p.md', { schema: 'rfc' }).messages.filter((m) => m.ruleId === 'guidance-comment');
    expect(builtin).toEqual([]);
    const generated = schemaFile('# Technical Plan: [Name]\n\n## Problem Statement\n\n<!-- What hurts today? -->\n');
    expect(lint(plan(directives), generated)).toEqual([]);
    // The template's own guidance is still found.
    expect(lint(plan('<!-- What hurts today? -->'), generated)).toEqual(['3:1 guidance-comment Template guidance comment left in the plan: "What hurts today?"']);
  });
});

describe('bracketed identifiers are not placeholders', () => {
  const template = '# Tasks: [FEATURE NAME]\n\n## Phase 1\n\n- [ ] T001 [Describe the first task]\n';
  it.each([
    ['task ids and tags', '- [ ] T001 [P] [US1] Build the parser\n- [x] T002 [US2] Wire the CLI'],
    ['requirement ids', 'Covers [R-2], [FR-001] and [SC-3].'],
    ['dotted keys of a config file', 'Add the key to [tool.poetry] and [dependency-groups.dev].'],
    ["a standard's number", 'MUST is used as in [RFC 2119]; dates follow [ISO 8601].'],
  ])('%s', (_name, body) => {
    const path = schemaFile(template);
    expect(lint(`# Tasks: Export\n\n## Phase 1\n\n${body}\n`, path)).toEqual([]);
  });

  it('the template\'s own fill-ins and words in brackets still are', () => {
    const path = schemaFile(template);
    expect(lint('# Tasks: Export\n\n## Phase 1\n\n- [ ] T001 [Describe the first task]\n- Retry [N] times, owner [OWNER]\n', path)).toEqual([
      '5:12 placeholder Unfilled placeholder "[Describe the first task]"',
      '6:9 placeholder Unfilled placeholder "[N]"',
      '6:26 placeholder Unfilled placeholder "[OWNER]"',
    ]);
  });
});

describe('placeholder styles the template does not use', () => {
  const template = '# Plan: [Name]\n\n## Design\n\n[Describe the design]\n';
  const plan = '# Plan: Roles\n\n## Design\n\nRoles {admin, viewer} and {{ user.name }}, JSON {"k": 1}, and {the owner}.\n';

  it('with ownStylesOnly (what `schema generate` writes), {Text} and {{TEXT}} in a plan from a [Text] template are not leftovers', () => {
    expect(lint(plan, schemaFile(template, { ownStylesOnly: true }))).toEqual([]);
    expect(lint(`${plan}\n[Describe the design]\n`, schemaFile(template, { ownStylesOnly: true }))).toEqual(['7:1 placeholder Unfilled placeholder "[Describe the design]"']);
  });

  it('without it (the built-in schemas), every style is checked; a set in braces never is', () => {
    expect(lint(plan, schemaFile(template))).toEqual([
      '5:27 placeholder Unfilled placeholder "{{ user.name }}"',
      '5:49 placeholder Unfilled placeholder "{"k": 1}"',
      '5:63 placeholder Unfilled placeholder "{the owner}"',
    ]);
  });
});
