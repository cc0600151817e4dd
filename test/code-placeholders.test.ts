/**
 * Placeholders inside a plan's code under a generated schema: code has its own
 * `{{...}}` / `${...}` syntax (Handlebars, Jinja, GitHub expressions), so in
 * code a token counts only when it is one of the template's own placeholders,
 * literally; in prose the template's style is enough.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { generateSchema } from '../src/schema/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-code-ph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const template = '# Release: {{feature_name}}\n\n## Steps\n\n{{steps}}\n\n## Config\n\nRun `deploy {{env_name}}`.\n';
const path = join(dir, 'release.schema.json');
writeFileSync(path, JSON.stringify(generateSchema(template, { name: 'release', source: 'release.template.md', ownStylesOnly: true })));
const lint = (text: string) => lintText(text, 'plan.md', { schema: path }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`);

const plan = (steps: string, config: string): string => `# Release: Email templates\n\n## Steps\n\n${steps}\n\n## Config\n\n${config}\n`;

describe('placeholders in code under a generated schema', () => {
  it("lets the code's own template syntax pass, fenced or inline", () => {
    const code = '```handlebars\n<p>Hello {{customer.first_name}}</p>\n```\n\nTag with `${{ github.sha }}` and `{{order.id}}`.';
    expect(lint(plan('Ship to five accounts, then all.', code))).toEqual([]);
  });

  it("reports the template's own placeholder left in code, at its position", () => {
    expect(lint(plan('Ship it.', 'Run `deploy {{env_name}}`.'))).toEqual(['9:13-9:25 placeholder Unfilled placeholder "{{env_name}}"']);
    expect(lint(plan('Ship it.', '```sh\ndeploy {{steps}}\n```'))).toEqual(['10:8-10:17 placeholder Unfilled placeholder "{{steps}}"']);
  });

  it("still reports the template's style in prose", () => {
    expect(lint(plan('Ship to {{customer_group}} first.', 'Run `deploy prod`.'))).toEqual(['5:9-5:27 placeholder Unfilled placeholder "{{customer_group}}"']);
  });
});
