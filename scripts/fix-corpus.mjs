#!/usr/bin/env node
/**
 * `npm run eval:fix`: --fix on the real plans of ../shared/corpus. For every
 * family of FAMILIES.md whose template is in the corpus, the schema is
 * generated from the template, `plan-lint --fix-dry-run -f json` runs over the
 * family's documents, and the outputs are linted again. Prints, per family and
 * in total: the findings of the fixable kinds before and after, the fixes
 * applied, and any kind of finding that appears in a document only after the
 * fix. Writes nothing into the corpus or the project.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
if (!existsSync(`${CORPUS}FAMILIES.md`)) {
  console.error('eval:fix: ../shared/corpus is absent; nothing to measure');
  process.exit(0);
}
const { generateSchema, lintText } = await import(`${ROOT}dist/index.js`);
const FIXABLE = ['required-section', 'heading-level', 'table-columns', 'field'];
/** What inserted template text is meant to leave: the parts a person fills in. */
const INTENDED = ['placeholder', 'empty-section', 'table-rows', 'table-cell', 'guidance-comment'];
const verbose = process.argv.includes('--verbose');
/**
 * Findings of the fixable kinds that no fix may remove, by design (docs/fixing.md): a title that no
 * insertion of the template's words makes follow the template's title without inserting fill-in text
 * nothing would report (the title is the author's to write), and a field's value that is not an allowed
 * one or not valid (the author's to choose; suggestions offer the choices). An empty field gets the
 * template's value, a title the template's missing fixed words: what they insert is a `placeholder`
 * finding, like the rest of what a fix inserts.
 */
const BY_DESIGN = ['required-section/titleMismatch', 'field/notAllowed', 'field/invalid'];
const leftKinds = new Map();

const families = [];
for (const line of readFileSync(`${CORPUS}FAMILIES.md`, 'utf8').split('\n')) {
  const cells = line.split(' | ');
  if (cells.length < 4) continue;
  const template = /^`(templates\/[^`]+)`$/.exec(cells[1].trim());
  if (!template) continue;
  const docs = [...cells[2].matchAll(/`(real-plans\/[^`]+)`/g)].map((m) => m[1]);
  if (docs.length) families.push({ name: cells[0].replace(/^\|\s*/, '').split(' — ')[0], template: template[1], docs });
}

const tmp = mkdtempSync(join(tmpdir(), 'plan-lint-eval-fix-'));
const count = (msgs, ids) => msgs.filter((m) => ids.includes(m.ruleId)).length;
const kindsBefore = new Set();
const kindsAfter = new Set();
const total = { unintended: 0, docs: 0, fixedDocs: 0, fixes: 0, before: 0, after: 0, leftWithoutFix: 0, newKinds: 0, byRule: Object.fromEntries(FIXABLE.map((r) => [r, [0, 0]])) };
try {
  for (const [k, f] of families.entries()) {
    const schemaFile = join(tmp, `family-${k}.schema.json`);
    writeFileSync(schemaFile, JSON.stringify(generateSchema(readFileSync(`${CORPUS}${f.template}`, 'utf8'), { name: `family-${k}` })));
    const files = f.docs.map((d) => `${CORPUS}${d}`);
    const run = spawnSync(process.execPath, [`${ROOT}dist/bin.js`, '--fix-dry-run', '-f', 'json', '-s', schemaFile, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status === 2 || !run.stdout) throw new Error(`${f.name}: ${run.stderr}`);
    const results = JSON.parse(run.stdout);
    let line = `${f.name}: ${files.length} plans`;
    const fam = { before: 0, after: 0, newKinds: [] };
    for (const r of results) {
      const text = readFileSync(r.filePath, 'utf8');
      const before = lintText(text, r.filePath, { schema: schemaFile });
      const after = r.output === undefined ? before : lintText(r.output, r.filePath, { schema: schemaFile });
      total.docs++;
      if (r.output !== undefined) total.fixedDocs++;
      const kinds = new Set(before.messages.map((m) => m.ruleId));
      kinds.forEach((id) => kindsBefore.add(id));
      after.messages.forEach((m) => kindsAfter.add(m.ruleId));
      const fresh = [...new Set(after.messages.map((m) => m.ruleId).filter((id) => !kinds.has(id)))];
      fam.newKinds.push(...fresh);
      total.unintended += fresh.filter((id) => !INTENDED.includes(id)).length;
      if (verbose) for (const m of after.messages.filter((x) => FIXABLE.includes(x.ruleId))) console.log(`    left: ${r.filePath.split('/').pop()} ${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      if (r.output !== undefined) total.fixes += lintText(text, r.filePath, { schema: schemaFile, fix: true }).fixedCount ?? 0;
      fam.before += count(before.messages, FIXABLE);
      fam.after += count(after.messages, FIXABLE);
      total.leftWithoutFix += after.messages.filter((m) => FIXABLE.includes(m.ruleId) && !m.fix).length;
      for (const m of after.messages.filter((x) => FIXABLE.includes(x.ruleId))) {
        const kind = `${m.ruleId}/${m.messageId}`;
        leftKinds.set(kind, (leftKinds.get(kind) ?? 0) + 1);
      }
      for (const id of FIXABLE) {
        total.byRule[id][0] += count(before.messages, [id]);
        total.byRule[id][1] += count(after.messages, [id]);
      }
    }
    total.before += fam.before;
    total.after += fam.after;
    total.newKinds += fam.newKinds.length;
    line += `; fixable findings ${fam.before} -> ${fam.after}`;
    if (fam.newKinds.length) line += `; kinds new to a plan: ${[...new Set(fam.newKinds)].join(', ')} (${fam.newKinds.length})`;
    console.log(line);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\n${families.length} families, ${total.docs} plans (${total.fixedDocs} changed by --fix-dry-run), ${total.fixes} fixes applied`);
for (const [id, [b, a]] of Object.entries(total.byRule)) console.log(`  ${id.padEnd(17)} ${String(b).padStart(4)} -> ${a}`);
console.log(`  fixable kinds in total: ${total.before} -> ${total.after} (${total.leftWithoutFix} left without a fix)`);
const byDesign = [...leftKinds].filter(([k]) => BY_DESIGN.includes(k));
const unexpected = [...leftKinds].filter(([k]) => !BY_DESIGN.includes(k));
const list = (xs) => (xs.length ? xs.map(([k, n]) => `${k} ${n}`).join(', ') : 'none');
console.log(`  left by design (never fixed, docs/fixing.md): ${list(byDesign)}`);
console.log(`  left otherwise (a fix that failed or was not offered): ${list(unexpected)}`);
console.log(`  a kind of finding new to its plan: ${total.newKinds} times, ${total.unintended} of them outside ${INTENDED.join(', ')}`);
const newKinds = [...kindsAfter].filter((id) => !kindsBefore.has(id));
console.log(`  kinds in the corpus before: ${[...kindsBefore].sort().join(', ')}; new after: ${newKinds.length ? newKinds.join(', ') : 'none'}`);
