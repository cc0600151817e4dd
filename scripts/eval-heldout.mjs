#!/usr/bin/env node
// npm run eval:heldout: the held-out check of issue 11 ("0 errors on complete
// documents written from unseen templates", precision and recall on templates
// nobody tuned on).
//
// test/fixtures/heldout/<family>/ holds a template (template.md) written for
// this check, in a style unlike ../shared/corpus, and complete documents
// written from it (complete-*.md). For every family: generate the schema as
// `plan-lint schema generate template.md` does (defaults, no edits), lint the
// complete documents (every finding there is noise: errors are the headline
// figure, target 0), then plant single defects into in-memory copies of them
// with the planting code of `npm run eval:real` (scripts/eval-real/plants.mjs)
// and lint each copy (a family's optional family.json lists the sections its
// template makes optional in words the planting code does not read):
//
//   - hand-written defects (defect-*.md with a .expected sidecar) cover what
//     the planting code does not plant; each expected finding counts as a plant;
//   - a plant is found when the linter reports a new finding of the expected
//     rule at the planted place (recall = found / planted);
//   - precision = true / (true + false), where the true findings are those of
//     the plants found, and the false ones are every finding on a complete
//     document (once) plus every new finding on a planted copy that is not
//     the plant (collateral noise, e.g. a deleted section also reported as
//     out of order).
//
// Do not tune the generator on these files one by one: they stand for
// templates we have not seen. A failure here is fixed by a general rule, shown
// by a unit test on an input of its own.
//
//   --family <id>   only this family (repeatable)
//   --plants <n>    plants per kind and family (default 0: every candidate)
//   --verbose       print every noise finding and every missed plant
//   --json          machine output
//   --check         exit 1 unless errors = 0, precision >= 0.90, recall >= 0.95
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const HELDOUT = join(ROOT, 'test', 'fixtures', 'heldout');
const TARGET = { errors: 0, precision: 0.9, recall: 0.95 };

const { values: args } = parseArgs({
  options: {
    family: { type: 'string', multiple: true },
    plants: { type: 'string', default: '0' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
  console.error('eval:heldout: dist/ is missing: run `npm run build` first.');
  process.exit(2);
}
const cap = Number.parseInt(args.plants, 10);
if (!Number.isInteger(cap) || cap < 0) {
  console.error('eval:heldout: --plants takes a whole number');
  process.exit(2);
}

process.env.PLAN_LINT_CACHE_DIR ??= join(tmpdir(), 'plan-lint-eval-cache');
const { lintText } = await import('../dist/index.js');
const { schemaGenerateCommand } = await import('../dist/commands/schema-generate.js');
const { KINDS, EXPECTED, candidates, choosePlants, detected, templateFacts } = await import('./eval-real/plants.mjs');
const { normHeading } = await import('./eval-real/markdown.mjs');

const allFamilies = readdirSync(HELDOUT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(HELDOUT, d.name, 'template.md')))
  .map((d) => d.name)
  .sort();
const families = args.family ? allFamilies.filter((f) => args.family.includes(f)) : allFamilies;
if (args.family && families.length !== args.family.length) {
  console.error(`eval:heldout: unknown family; known: ${allFamilies.join(', ')}`);
  process.exit(2);
}

/** Whether message `m` is the planted defect itself (the matcher of plants.mjs's `detected`). */
function isPlant(plant, m) {
  if (!EXPECTED[plant.kind].includes(m.ruleId)) return false;
  if (plant.kind === 'section-deleted') return normHeading(/"([^"]*)"/.exec(m.message)?.[1] ?? '') === plant.heading;
  return m.line === plant.line;
}

/** The findings of `after` that `before` does not have (by rule and text: lines move when a section is deleted). */
function added(before, after) {
  const left = new Map();
  for (const m of before) left.set(`${m.ruleId}\0${m.message}`, (left.get(`${m.ruleId}\0${m.message}`) ?? 0) + 1);
  const out = [];
  for (const m of after) {
    const k = `${m.ruleId}\0${m.message}`;
    if ((left.get(k) ?? 0) > 0) left.set(k, left.get(k) - 1);
    else out.push(m);
  }
  return out;
}

const show = (m) => `${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId ?? 'fatal'} ${m.message}`;
const work = mkdtempSync(join(tmpdir(), 'plan-lint-heldout-'));
const report = [];
const problems = [];
try {
  for (const id of families) {
    const dir = join(HELDOUT, id);
    const templatePath = join(dir, 'template.md');
    const templateText = readFileSync(templatePath, 'utf8');
    let out = '';
    const io = { cwd: dir, stdout: { write: (s) => (out += s) }, stderr: { write: () => true } };
    const schemaFile = join(work, `${id}.json`);
    try {
      await schemaGenerateCommand({ template: templatePath, force: false }, io);
      writeFileSync(schemaFile, out);
    } catch (err) {
      problems.push(`${id}: schema generate failed: ${err.message}`);
      continue;
    }
    const lint = (text, file) => lintText(text, file, { schema: schemaFile }).messages;

    const docs = readdirSync(dir)
      .filter((f) => /^complete-.*\.md$/.test(f))
      .sort()
      .map((file) => {
        const text = readFileSync(join(dir, file), 'utf8');
        return { file, text, messages: lint(text, file) };
      });
    const noise = docs.flatMap((d) => d.messages.map((m) => ({ file: d.file, message: m })));
    const templateFindings = lint(templateText, 'template.md').length;

    // family.json: what the template's author knows and the planting heuristics may not ("optional": the
    // sections the template makes optional in words, e.g. a prose list; deleting one is no defect).
    const declared = existsSync(join(dir, 'family.json')) ? JSON.parse(readFileSync(join(dir, 'family.json'), 'utf8')) : {};
    const optional = new Set((declared.optional ?? []).map((h) => normHeading(h)));
    const facts = templateFacts(templateText);
    const all = docs
      .flatMap((d) => candidates(d.file, d.text, facts).map((c) => ({ ...c, doc: d })))
      .filter((c) => !(c.kind === 'section-deleted' && optional.has(c.heading)));
    const chosen = cap > 0 ? choosePlants(all, cap) : KINDS.flatMap((k) => all.filter((c) => c.kind === k));
    const plants = [];
    for (const c of chosen) {
      const after = lint(c.apply(), c.doc.file);
      const found = detected(c, c.doc.messages, after);
      const fresh = added(c.doc.messages, after);
      const hits = fresh.filter((m) => isPlant(c, m));
      const collateral = fresh.filter((m) => !isPlant(c, m));
      plants.push({ kind: c.kind, id: c.id, line: c.line, what: c.heading ?? c.token ?? c.column ?? c.value ?? 'TBD', found, hits: found ? Math.max(1, hits.length) : 0, collateral });
    }
    // Hand-written defects: defect-<name>.md, a complete document with one defect the planting code does
    // not make (metadata in a table or a blockquote, sample rows, a title left as the template's), and its
    // defect-<name>.expected: `from <complete document>`, then `<line> <rule>|<rule>...` per expected finding.
    const hand = [];
    for (const file of readdirSync(dir).filter((f) => /^defect-.*\.md$/.test(f)).sort()) {
      const [head, ...rest] = readFileSync(join(dir, file.replace(/\.md$/, '.expected')), 'utf8').trim().split(/\r?\n/);
      const from = docs.find((d) => `from ${d.file}` === head?.trim());
      if (!from) {
        problems.push(`${id}/${file}: its .expected does not start with "from <complete-*.md>"`);
        continue;
      }
      const want = rest.map((l) => {
        const [line, rules] = l.trim().split(/\s+/);
        return { line: Number(line), rules: (rules ?? '').split('|') };
      });
      const fresh = added(from.messages, lint(readFileSync(join(dir, file), 'utf8'), file));
      const matches = (w, m) => m.line === w.line && w.rules.includes(m.ruleId);
      for (const w of want) {
        const found = fresh.some((m) => matches(w, m));
        plants.push({ kind: 'hand', id: `${file}:${w.line}`, line: w.line, what: w.rules.join('|'), found, hits: found ? 1 : 0, collateral: [] });
      }
      const extra = fresh.filter((m) => !want.some((w) => matches(w, m)));
      if (extra.length) plants.push({ kind: 'hand', id: file, line: 0, what: 'extra findings', found: null, hits: 0, collateral: extra });
    }
    const trueCount = plants.reduce((n, p) => n + p.hits, 0);
    const falseCount = noise.length + plants.reduce((n, p) => n + p.collateral.length, 0);
    report.push({
      id,
      documents: docs.length,
      errors: noise.filter((n) => n.message.severity === 2).length,
      warnings: noise.filter((n) => n.message.severity !== 2).length,
      noise,
      templateFindings,
      plants,
      true: trueCount,
      false: falseCount,
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const sum = (f) => report.reduce((n, r) => n + f(r), 0);
const pct = (x) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)}%`);
const overall = {
  families: report.length,
  documents: sum((r) => r.documents),
  errors: sum((r) => r.errors),
  warnings: sum((r) => r.warnings),
  true: sum((r) => r.true),
  false: sum((r) => r.false),
  planted: sum((r) => r.plants.filter((p) => p.found !== null).length),
  found: sum((r) => r.plants.filter((p) => p.found).length),
  unfilledTemplatesSilent: report.filter((r) => r.templateFindings === 0).map((r) => r.id),
};
overall.precision = overall.true / (overall.true + overall.false);
overall.recall = overall.found / overall.planted;
const byKind = Object.fromEntries(
  [...KINDS, 'hand'].map((k) => {
    const ofKind = report.flatMap((r) => r.plants.filter((p) => p.kind === k));
    return [k, { planted: ofKind.filter((p) => p.found !== null).length, found: ofKind.filter((p) => p.found).length }];
  }),
);
const pass =
  problems.length === 0 &&
  overall.errors <= TARGET.errors &&
  overall.precision >= TARGET.precision &&
  overall.recall >= TARGET.recall &&
  overall.unfilledTemplatesSilent.length === 0;

if (args.json) {
  console.log(JSON.stringify({ families: report, overall, byKind, problems, pass }, null, 2));
} else {
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log(`${pad('family', 22)} ${['docs', 'errors', 'warnings', 'true', 'false', 'precision', 'plants found'].map((c) => lpad(c, 9)).join(' ')}`);
  for (const r of report) {
    const found = r.plants.filter((p) => p.found).length;
    const planted = r.plants.filter((p) => p.found !== null).length;
    const row = [r.documents, r.errors, r.warnings, r.true, r.false, pct(r.true / (r.true + r.false))];
    console.log(`${pad(r.id, 22)} ${row.map((c) => lpad(c, 9)).join(' ')} ${lpad(`${found}/${planted}`, 12)}`);
    if (args.verbose) {
      for (const n of r.noise) console.log(`    noise   ${n.file}:${show(n.message)}`);
      for (const p of r.plants) {
        if (p.found === false) console.log(`    missed  ${p.kind} ${p.id} (${p.what})`);
        for (const m of p.collateral) console.log(`    extra   ${p.kind} ${p.id} (${p.what}) -> ${show(m)}`);
      }
      if (r.templateFindings === 0) console.log('    the template itself, left unfilled, gets no finding');
    }
  }
  for (const p of problems) console.log(`problem: ${p}`);
  console.log(
    `overall: ${overall.families} families, ${overall.documents} complete documents: ${overall.errors} errors, ${overall.warnings} warnings on them (target 0 errors)`,
  );
  console.log(`precision: ${pct(overall.precision)} (${overall.true} true / ${overall.true + overall.false} findings; target >= ${TARGET.precision * 100}%)`);
  console.log(
    `recall: ${overall.found}/${overall.planted} (${pct(overall.recall)}; target >= ${TARGET.recall * 100}%); ${[...KINDS, 'hand'].map((k) => `${k} ${byKind[k].found}/${byKind[k].planted}`).join(', ')}`,
  );
  if (overall.unfilledTemplatesSilent.length > 0) console.log(`unfilled templates with no finding: ${overall.unfilledTemplatesSilent.join(', ')}`);
  console.log(pass ? 'eval:heldout: targets met' : 'eval:heldout: targets NOT met');
}
if (args.check && !pass) process.exitCode = 1;
if (problems.length > 0) process.exitCode = 1;
