#!/usr/bin/env node
// npm run eval:real: the real-corpus evaluation of issue 11.
//
// For every family of eval/families.json (the families of
// ../shared/corpus/FAMILIES.md with a template and documents): generate the
// family's schema from its template as `plan-lint schema generate <template>`
// does (defaults, no edits), lint its documents, and compare the findings with
// the hand labels of eval/labels/<family>.tsv (precision); then plant single
// defects into in-memory copies of the documents and count how many the linter
// reports (recall). Uses the built library (dist/): run `npm run build` first.
//
//   --unlabelled        list the sampled findings that have no label yet (with the source line)
//   --family <id>       only this family (repeatable)
//   --plants <n>        plants per kind and family (default 3; 0: no recall part)
//   --json | --markdown machine output | the tables of docs/real-world.md
//   --update-docs       write those tables into docs/real-world.md (between its eval:real markers)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'corpus');

const { values: args } = parseArgs({
  options: {
    unlabelled: { type: 'boolean', default: false },
    family: { type: 'string', multiple: true },
    plants: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    'update-docs': { type: 'boolean', default: false },
  },
});

if (!existsSync(join(CORPUS, 'FAMILIES.md'))) {
  console.log('eval:real: ../shared/corpus is not beside this checkout; nothing to evaluate.');
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
  console.error('eval:real: dist/ is missing: run `npm run build` first.');
  process.exit(2);
}

// Compiled user schemas are cached on disk by content (an optimisation only: see src/schema/compile-cache.ts).
process.env.PLAN_LINT_CACHE_DIR ??= join(tmpdir(), 'plan-lint-eval-cache');

const { lintText } = await import('../dist/index.js');
const { schemaGenerateCommand } = await import('../dist/commands/schema-generate.js');
const { findingKey, parseLabels, sumTallies, tally } = await import('./eval-real/labels.mjs');
const { KINDS, candidates, choosePlants, detected, templateFacts } = await import('./eval-real/plants.mjs');
const { renderJson, renderMarkdown, renderText, renderUnlabelled } = await import('./eval-real/report.mjs');

const cap = Number.parseInt(args.plants, 10);
if (!Number.isInteger(cap) || cap < 0) {
  console.error('eval:real: --plants takes a whole number');
  process.exit(2);
}
const { families: allFamilies } = JSON.parse(readFileSync(join(ROOT, 'eval', 'families.json'), 'utf8'));
const families = args.family ? allFamilies.filter((f) => args.family.includes(f.id)) : allFamilies;
if (args.family && families.length !== args.family.length) {
  console.error(`eval:real: unknown family; known: ${allFamilies.map((f) => f.id).join(', ')}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'plan-lint-eval-'));
const problems = [];
const report = [];
try {
  for (const family of families) {
    // The schema, as the CLI's `schema generate` makes it.
    const templatePath = join(CORPUS, 'templates', family.template);
    let out = '';
    const io = { cwd: join(CORPUS, 'templates'), stdout: { write: (s) => (out += s) }, stderr: { write: () => true } };
    const schemaFile = join(work, `${family.id}.json`);
    try {
      await schemaGenerateCommand({ template: templatePath, force: false }, io);
      writeFileSync(schemaFile, out);
    } catch (err) {
      problems.push(`${family.id}: schema generate failed: ${err.message}`);
      continue;
    }
    const lint = (text, file) => lintText(text, file, { schema: schemaFile }).messages;

    // Precision: the findings against the labels.
    const findings = [];
    const docs = [];
    for (const file of family.documents) {
      const text = readFileSync(join(CORPUS, 'real-plans', file), 'utf8');
      const messages = lint(text, file);
      docs.push({ file, text, messages });
      const lines = text.split(/\r?\n/);
      for (const m of messages) findings.push({ key: findingKey(file, m), file, message: m, source: lines[m.line - 1] ?? '' });
    }
    const labelFile = join(ROOT, 'eval', 'labels', `${family.id}.tsv`);
    const parsed = existsSync(labelFile) ? parseLabels(readFileSync(labelFile, 'utf8'), `eval/labels/${family.id}.tsv`) : { labels: new Map(), errors: [] };
    problems.push(...parsed.errors);
    const t = tally(
      findings.map((f) => f.key),
      parsed.labels,
    );
    const byRule = {};
    for (const f of findings) byRule[f.message.ruleId ?? 'fatal'] = (byRule[f.message.ruleId ?? 'fatal'] ?? 0) + 1;

    // Recall: seeded single plants, each linted on its own.
    const plants = [];
    if (cap > 0) {
      const facts = templateFacts(readFileSync(templatePath, 'utf8'));
      const all = docs.flatMap((d) => candidates(d.file, d.text, facts).map((c) => ({ ...c, doc: d })));
      for (const c of choosePlants(all, cap)) {
        const after = lint(c.apply(), c.doc.file);
        plants.push({ kind: c.kind, id: c.id, found: detected(c, c.doc.messages, after) });
      }
    }
    report.push({
      id: family.id,
      documents: family.documents.length,
      tally: t,
      byRule,
      unlabelled: t.unlabelled.map((key) => findings.find((f) => f.key === key)),
      plants,
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const overall = sumTallies(report.map((r) => r.tally));
const recall = {};
for (const kind of KINDS) {
  const ofKind = report.flatMap((r) => r.plants.filter((p) => p.kind === kind));
  recall[kind] = { planted: ofKind.length, found: ofKind.filter((p) => p.found).length };
}
const result = { families: report, overall, recall, plantsPerKind: cap, problems };
if (args['update-docs']) {
  const doc = join(ROOT, 'docs', 'real-world.md');
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- eval:real results -->';
  const end = '<!-- /eval:real results -->';
  const at = text.indexOf(begin);
  const to = text.indexOf(end);
  if (at < 0 || to < at || args.family) {
    console.error(`eval:real: --update-docs needs every family and the markers ${begin} ... ${end} in docs/real-world.md`);
    process.exit(2);
  }
  writeFileSync(doc, `${text.slice(0, at + begin.length)}\n\n${renderMarkdown(result)}\n\n${text.slice(to)}`);
  console.log(renderText(result));
} else if (args.json) console.log(renderJson(result));
else if (args.markdown) console.log(renderMarkdown(result));
else {
  if (args.unlabelled) console.log(renderUnlabelled(result));
  console.log(renderText(result));
}
process.exitCode = problems.length > 0 ? 1 : 0;
