/**
 * A deterministic corpus of realistic plans: the complete fixture plans of
 * the five template families, grown or trimmed to a spread of sizes, some with
 * placeholders typed in. Same seed, same files.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FAMILIES = ['fullstack', 'tdd', 'rfc', 'spec-reference', 'technical'];
const PLACEHOLDERS = ['[Owner Name]', '{Service}', '{{TEAM}}', 'YYYY-MM-DD', 'TODO', 'X days'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeCorpus(root, dir, count, seed = 42) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = rng(seed);
  const bases = FAMILIES.flatMap((f) =>
    readdirSync(join(root, 'fixtures', f, 'valid'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => readFileSync(join(root, 'fixtures', f, 'valid', n), 'utf8')),
  );
  const files = [];
  for (let i = 0; i < count; i++) {
    let text = bases[i % bases.length];
    // Size: the base plan (7-16 KB) grown towards 3-60 KB with appendix notes.
    const target = Math.round(3000 + 57000 * rand() ** 2.2);
    const para = 'This paragraph records a design note with enough words to look like a real plan. ';
    let extra = '';
    while (text.length + extra.length < target) extra += `\n\n### Note ${extra.length}\n\n${para.repeat(4)}`;
    if (extra) text += `\n\n## Appendix${extra}\n`;
    if (rand() < 0.3) text = text.replace(/\n\n([A-Z][^\n]{20,})\n/, (m, l) => `\n\n${l} ${PLACEHOLDERS[i % PLACEHOLDERS.length]}\n`);
    const file = join(dir, `plan-${String(i).padStart(5, '0')}.md`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}
