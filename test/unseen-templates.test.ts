/**
 * "0 errors on complete documents written from unseen templates": small
 * templates of our own in styles the built-ins do not have (MADR-like ADR
 * with bullet metadata, an RFC with commented frontmatter and quoted
 * metadata, a postmortem with a metadata table and example headings), each
 * with a complete document written from it. The generated schema must find
 * nothing in the complete document, and must still report its template left
 * unfilled.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { generateSchema } from '../src/schema/generate.js';

const here = fileURLToPath(new URL('./unseen/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plan-lint-unseen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['adr', 'rfc', 'postmortem'])('unseen template style: %s', (name) => {
  const template = readFileSync(`${here}${name}.template.md`, 'utf8');
  const path = join(dir, `${name}.schema.json`);
  writeFileSync(path, JSON.stringify(generateSchema(template, { name, source: `${name}.template.md` })));
  const lint = (text: string) => lintText(text, `${name}.md`, { schema: path }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);

  it('a complete document gets no findings', () => {
    expect(lint(readFileSync(`${here}${name}.complete.md`, 'utf8'))).toEqual([]);
  });

  it('the template itself, left unfilled, is reported', () => {
    expect(lint(template).length).toBeGreaterThan(0);
  });
});
