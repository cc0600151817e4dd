/**
 * The rule pages in docs/rules/ are part of the product: every rule has one,
 * and their examples are real. Each page's Incorrect plan must give exactly
 * the findings the page lists, all from its own rule; its Correct plan must
 * give none at all. Both are linted with the example template's schema.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSchema, lintText, rules, type LintResult, type Rule, type RuleSetting } from '../src/index.js';

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const TEMPLATE = `${DOCS}example/template.md`;
const SCHEMA = `${DOCS}example/example.schema.json`;

interface Block {
  lang: string;
  body: string;
}

interface Page {
  title: string;
  /** Text before the first `##` heading. */
  intro: string;
  /** `##` sections by heading text: their text and fenced blocks. */
  sections: Map<string, { text: string; blocks: Block[] }>;
}

/** Split a page into its `##` sections, fence-aware (the examples contain `##` headings themselves). */
function parsePage(source: string): Page {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const sections = new Map<string, { text: string; blocks: Block[] }>();
  let current: { text: string; blocks: Block[] } | null = null;
  let intro = '';
  let fence: { marker: string; lang: string; body: string[] } | null = null;
  for (const line of lines) {
    if (fence) {
      if (line.trim() === fence.marker) {
        current?.blocks.push({ lang: fence.lang, body: `${fence.body.join('\n')}\n` });
        fence = null;
      } else {
        fence.body.push(line);
      }
    } else {
      const open = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
      if (open) {
        fence = { marker: open[1] as string, lang: open[2] ?? '', body: [] };
      } else {
        const h = /^## +(.+?)\s*$/.exec(line);
        if (h) {
          current = { text: '', blocks: [] };
          sections.set(h[1] as string, current);
          continue;
        }
      }
    }
    if (current) current.text += `${line}\n`;
    else intro += `${line}\n`;
  }
  if (fence) throw new Error('unclosed code fence');
  return { title: lines[0] ?? '', intro, sections };
}

const pagePath = (id: string): string => `${DOCS}${id}.md`;
const loadPage = (id: string): Page => parsePage(readFileSync(pagePath(id), 'utf8'));

function section(page: Page, heading: string): { text: string; blocks: Block[] } {
  const s = page.sections.get(heading);
  if (!s) throw new Error(`the page has no "## ${heading}" section`);
  return s;
}

/** The single ```markdown block of a section. */
function markdownBlock(page: Page, heading: string): string {
  const blocks = section(page, heading).blocks.filter((b) => b.lang === 'markdown');
  expect(blocks, `"## ${heading}" must hold exactly one \`\`\`markdown block`).toHaveLength(1);
  return (blocks[0] as Block).body;
}

const lintExample = (text: string, id: string, ruleSettings?: Record<string, RuleSetting>): LintResult =>
  lintText(text, `${id}.md`, { schema: SCHEMA, ...(ruleSettings ? { rules: ruleSettings } : {}) });

/** A finding as the pages list it: `line:column  severity  message  ruleId`. */
const show = (r: LintResult): string[] =>
  r.messages.map((m) => `${m.line}:${m.column}  ${m.severity === 2 ? 'error' : 'warning'}  ${m.message}  ${m.ruleId}`);

describe('the example template', () => {
  it('has a schema generated from it, saved as pretty JSON', () => {
    const generated = generateSchema(readFileSync(TEMPLATE, 'utf8'), { name: 'example', source: 'docs/rules/example/template.md' });
    expect(readFileSync(SCHEMA, 'utf8')).toBe(`${JSON.stringify(generated, null, 2)}\n`);
  });

  it('reports its own placeholders against that schema', () => {
    const r = lintText(readFileSync(TEMPLATE, 'utf8'), TEMPLATE, { schema: SCHEMA });
    expect(r.fatalErrorCount).toBe(0);
    expect(r.messages.map((m) => m.message)).toContain('Unfilled placeholder "[Feature Name]"');
    expect(r.messages.map((m) => m.message)).toContain('Unresolved choice "Low/Med/High": keep one of the alternatives');
    expect(new Set(r.messages.map((m) => m.ruleId))).toEqual(new Set(['placeholder', 'guidance-comment', 'unchanged-template']));
  });
});

describe.each(rules.map((r) => [r.meta.id, r] as [string, Rule]))('docs/rules/%s.md', (id, rule) => {
  it('exists, titled "# <id>"', () => {
    expect(existsSync(pagePath(id)), `missing page docs/rules/${id}.md`).toBe(true);
    expect(loadPage(id).title).toBe(`# ${id}`);
  });

  it('states the default severity, how the rule is checked, and every message', () => {
    const source = readFileSync(pagePath(id), 'utf8');
    const page = parsePage(source);
    expect(page.intro).toMatch(new RegExp(`\\*\\*Default severity:\\*\\* \`${rule.meta.defaultSeverity}\``));
    const checked = /\*\*Checked by:\*\* (the template schema|code)\b/.exec(page.intro);
    expect(checked?.[1] === 'code' ? 'code' : checked ? 'schema' : null).toBe(rule.meta.checkedBy);
    expect(page.intro).toMatch(/\*\*Position:\*\* \S/);
    const messages = section(page, 'Messages').text;
    for (const [messageId, template] of Object.entries(rule.meta.messages)) {
      expect(messages).toContain(`| \`${messageId}\` | \`${template.replace(/\|/g, '\\|')}\` |`);
    }
  });

  it('documents its options', () => {
    const page = loadPage(id);
    const options = section(page, 'Options');
    const names = Object.keys((rule.meta.schema['properties'] as Record<string, unknown> | undefined) ?? {});
    if (!names.length) {
      expect(options.text.trim()).toMatch(/^None\./);
      return;
    }
    for (const name of names) expect(options.text).toContain(`\`${name}\``);
    // The config shown is real: it applies and silences part of the Incorrect example.
    const configs = options.blocks.filter((b) => b.lang === 'json');
    expect(configs.length).toBeGreaterThan(0);
    const incorrect = markdownBlock(page, 'Incorrect');
    const before = lintExample(incorrect, id).messages.length;
    for (const b of configs) {
      const config = JSON.parse(b.body) as { rules: Record<string, RuleSetting> };
      expect(Object.keys(config.rules)).toEqual([id]);
      const after = lintExample(incorrect, id, config.rules).messages.length;
      expect(after).toBeLessThan(before);
    }
  });

  it('has an Incorrect example with findings of this rule only, exactly as listed', () => {
    const page = loadPage(id);
    const r = lintExample(markdownBlock(page, 'Incorrect'), id);
    expect(r.fatalErrorCount).toBe(0);
    expect(r.messages.length).toBeGreaterThan(0);
    for (const m of r.messages) expect(m.ruleId, `${m.line}:${m.column} ${m.message}`).toBe(id);
    const listed = section(page, 'Incorrect').blocks.filter((b) => b.lang === 'text');
    expect(listed, '"## Incorrect" must list the findings in one ```text block').toHaveLength(1);
    expect(show(r)).toEqual((listed[0] as Block).body.split('\n').filter((l) => l.trim() !== ''));
  });

  it('says whether it is fixable; a fixable rule shows its fix of the Incorrect example, a rule with suggestions says what they are', () => {
    const page = loadPage(id);
    expect(page.intro).toMatch(/\*\*Fixable:\*\* \S/);
    if (rule.meta.fixable) {
      const after = markdownBlock(page, 'Fix');
      const incorrect = markdownBlock(page, 'Incorrect');
      const r = lintText(incorrect, `${id}.md`, { schema: SCHEMA, fix: true });
      expect(r.output, 'fixing the Incorrect example must change it').toBeDefined();
      expect(r.output).toContain(after);
      expect(incorrect).not.toContain(after);
      // The fix resolves every finding of this rule that the example shows.
      expect(r.messages.filter((m) => m.ruleId === id && m.fix)).toEqual([]);
    }
    if (rule.meta.hasSuggestions) expect(section(page, rule.meta.fixable ? 'Fix' : 'Suggestions').text).toMatch(/suggestion/i);
  });

  it('has a Correct example with no findings of any rule', () => {
    const r = lintExample(markdownBlock(loadPage(id), 'Correct'), id);
    expect(r.fatalErrorCount).toBe(0);
    expect(show(r)).toEqual([]);
  });

  it('says how to switch it off, and those ways work', () => {
    const page = loadPage(id);
    const when = section(page, 'When not to use it');
    const configs = when.blocks.filter((b) => b.lang === 'json').map((b) => JSON.parse(b.body) as { rules: Record<string, RuleSetting> });
    expect(configs).toContainEqual({ rules: { [id]: 'off' } });
    expect(when.blocks.some((b) => b.lang === 'markdown' && b.body.startsWith(`<!-- plan-lint-disable ${id} -->\n`) && b.body.includes('<!-- plan-lint-enable -->'))).toBe(true);

    const incorrect = markdownBlock(page, 'Incorrect');
    expect(show(lintExample(incorrect, id, { [id]: 'off' }))).toEqual([]);
    const wrapped = `<!-- plan-lint-disable ${id} -->\n${incorrect}\n<!-- plan-lint-enable -->\n`;
    // Nothing may precede a frontmatter: a finding on it is switched off by a disable-file comment right after it.
    const frontmatter = /^---\r?\n[^]*?\n---\r?\n/.exec(incorrect)?.[0];
    if (rule.meta.id === 'frontmatter' && frontmatter) {
      expect(when.blocks.some((b) => b.lang === 'markdown' && b.body.includes(`---\n<!-- plan-lint-disable-file ${id} -->`))).toBe(true);
      expect(show(lintExample(`${frontmatter}<!-- plan-lint-disable-file ${id} -->\n${incorrect.slice(frontmatter.length)}`, id))).toEqual([]);
    } else {
      expect(show(lintExample(wrapped, id))).toEqual([]);
    }
  });
});

describe('docs/rules/README.md', () => {
  const readme = readFileSync(`${DOCS}README.md`, 'utf8');
  const rows = readme
    .split('\n')
    .map((l) => /^\| \[`([^`]+)`\]\(([^)]+)\) \| (\w+) \| (.+) \|$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);

  it('lists every rule exactly once, linked to its page, with its default severity', () => {
    const ids = rows.map((m) => m[1]);
    expect([...ids].sort()).toEqual(rules.map((r) => r.meta.id).sort());
    for (const m of rows) {
      const rule = rules.find((r) => r.meta.id === m[1]) as Rule;
      expect(m[2]).toBe(`${rule.meta.id}.md`);
      expect(existsSync(`${DOCS}${m[2]}`)).toBe(true);
      expect(m[3]).toBe(rule.meta.defaultSeverity);
    }
  });

  it('has no page for a rule that does not exist', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(rules.map((r) => r.meta.id).sort());
  });
});
