import { escapeLine, escapeText } from '../escape.js';
import { dirname } from 'node:path';
import { configFor, findConfig } from '../config/load.js';
import { extract } from '../extract/document.js';
import { expandPatterns } from '../files.js';
import { parseMarkdown } from '../parse/parse.js';
import { readPlanSync } from '../read.js';
import { DETECT_THRESHOLD, percent, rankTemplates } from '../schema/detect.js';
import { loadBuiltins, loadTemplate } from '../schema/registry.js';
import type { CliIO } from './io.js';

/**
 * `plan-lint detect <files..>`: the best template per file with its score and
 * the runner-up, among the built-ins and the schemas of the config that applies
 * (the same scoring `lint` uses to auto-detect).
 */
export async function detectCommand(patterns: string[], io: CliIO): Promise<number> {
  const { files } = await expandPatterns(patterns, io.cwd);
  const builtins = loadBuiltins();
  let code = 0;
  for (const f of files) {
    const read = readPlanSync(f);
    if (!read.ok) {
      io.stdout.write(`${escapeLine(f)}: ${escapeText(read.message)}\n`);
      code = 2;
      continue;
    }
    const fc = configFor(f, await findConfig(dirname(f)));
    const own = fc.candidates.map((c) => loadTemplate(c, io.cwd, fc.root ? { root: fc.root } : {}));
    const src = parseMarkdown(read.text);
    const ranked = rankTemplates(extract(src), [...builtins, ...own], src.lines.lineSpan(1));
    const [best, second] = ranked;
    const fits = best && best.score >= DETECT_THRESHOLD ? '' : ' (no template fits: below 50%)';
    io.stdout.write(
      `${escapeLine(f)}: ${best ? `${escapeText(best.name)} ${percent(best.score)}` : 'none'}${second ? ` (runner-up: ${escapeText(second.name)} ${percent(second.score)})` : ''}${fits}\n`,
    );
  }
  return code;
}
