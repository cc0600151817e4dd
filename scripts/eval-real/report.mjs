// Output of npm run eval:real: text (the default), --unlabelled, --json, --markdown.
import { KINDS } from './plants.mjs';

const pct = (x) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
const ratio = (found, planted) => (planted === 0 ? '–' : `${found}/${planted} (${pct(found / planted)})`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function plantTotals(plants) {
  return { planted: plants.length, found: plants.filter((p) => p.found).length };
}

function overallRecall(recall) {
  const planted = KINDS.reduce((n, k) => n + recall[k].planted, 0);
  const found = KINDS.reduce((n, k) => n + recall[k].found, 0);
  return { planted, found };
}

export function renderText({ families, overall, recall, problems }) {
  const out = [];
  const cols = ['docs', 'findings', 'sampled', 'labelled', 'true', 'debat.', 'false', 'precision', 'lenient', 'strict', 'unlab.', 'stale', 'plants found'];
  out.push(`${pad('family', 24)} ${cols.map((c, i) => (i === cols.length - 1 ? c : lpad(c, 9))).join(' ')}`);
  for (const f of families) {
    const t = f.tally;
    const p = plantTotals(f.plants);
    const row = [f.documents, t.findings, t.sampled, t.labelled, t.true, t.debatable, t.false, pct(t.precision), pct(t.lenient), pct(t.strict), t.unlabelled.length, t.stale];
    out.push(`${pad(f.id, 24)} ${row.map((c) => lpad(c, 9)).join(' ')} ${ratio(p.found, p.planted)}`);
  }
  for (const p of problems) out.push(`problem: ${p}`);
  const r = overallRecall(recall);
  out.push(
    `overall: ${overall.findings} findings, ${overall.sampled} sampled, ${overall.labelled} labelled (${overall.true} true, ${overall.debatable} debatable, ${overall.false} false): precision ${pct(overall.precision)} (true / (true + false)), lenient ${pct(overall.lenient)} (debatable as true), strict ${pct(overall.strict)} (debatable as false)`,
  );
  out.push(`labels: ${overall.unlabelled} sampled findings unlabelled (npm run eval:real -- --unlabelled), ${overall.stale} stale labels`);
  out.push(`recall: ${ratio(r.found, r.planted)}; ${KINDS.map((k) => `${k} ${recall[k].found}/${recall[k].planted}`).join(', ')}`);
  return out.join('\n');
}

export function renderUnlabelled({ families }) {
  const out = [];
  for (const f of families) {
    if (f.unlabelled.length === 0) continue;
    out.push(`## ${f.id}: ${f.unlabelled.length} unlabelled`);
    for (const u of f.unlabelled) {
      out.push(u.key);
      out.push(`    ${u.message.message}`);
      out.push(`    | ${u.source.trim().slice(0, 160)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function renderMarkdown({ families, overall, recall }) {
  const out = [];
  out.push('| family | docs | findings | labelled | true | debatable | false | precision | lenient | strict | plants found |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of families) {
    const t = f.tally;
    const p = plantTotals(f.plants);
    out.push(`| ${f.id} | ${f.documents} | ${t.findings} | ${t.labelled}${t.unlabelled.length ? ` (+${t.unlabelled.length} unlabelled)` : ''} | ${t.true} | ${t.debatable} | ${t.false} | ${pct(t.precision)} | ${pct(t.lenient)} | ${pct(t.strict)} | ${ratio(p.found, p.planted)} |`);
  }
  const r = overallRecall(recall);
  out.push(
    `| **all** | ${families.reduce((n, f) => n + f.documents, 0)} | ${overall.findings} | ${overall.labelled} | ${overall.true} | ${overall.debatable} | ${overall.false} | **${pct(overall.precision)}** | ${pct(overall.lenient)} | ${pct(overall.strict)} | **${ratio(r.found, r.planted)}** |`,
  );
  out.push('');
  out.push('| planted defect | expected rule | planted | found | recall |');
  out.push('|---|---|---:|---:|---:|');
  const rules = {
    'section-deleted': '`required-section`',
    tbd: '`placeholder`',
    'template-placeholder': '`placeholder`',
    'section-emptied': '`empty-section`',
    'table-column': '`table-columns`',
    'metadata-value': '`placeholder`, `field` or `unchanged-template`',
  };
  for (const k of KINDS) out.push(`| ${k} | ${rules[k]} | ${recall[k].planted} | ${recall[k].found} | ${recall[k].planted ? pct(recall[k].found / recall[k].planted) : '–'} |`);
  out.push(`| **all** | | ${r.planted} | ${r.found} | **${r.planted ? pct(r.found / r.planted) : '–'}** |`);
  return out.join('\n');
}

export function renderJson({ families, overall, recall, plantsPerKind, problems }) {
  return JSON.stringify(
    {
      families: families.map((f) => ({
        id: f.id,
        documents: f.documents,
        ...Object.fromEntries(Object.entries(f.tally).filter(([k]) => k !== 'sample' && k !== 'unlabelled')),
        unlabelled: f.tally.unlabelled.length,
        byRule: f.byRule,
        recall: Object.fromEntries(KINDS.map((k) => [k, plantTotals(f.plants.filter((p) => p.kind === k))])),
        missed: f.plants.filter((p) => !p.found).map((p) => `${p.kind} ${p.id}`),
      })),
      overall,
      recall: { ...recall, all: overallRecall(recall) },
      plantsPerKind,
      problems,
    },
    null,
    2,
  );
}
