import { extract } from '../extract/document.js';
import { expandPatterns } from '../files.js';
import { parseMarkdown } from '../parse/parse.js';
import { readPlan } from '../read.js';
import { percent, rankTemplates } from '../schema/detect.js';
import { loadBuiltins } from '../schema/registry.js';
import type { CliIO } from './io.js';

export async function detectCommand(patterns: string[], io: CliIO): Promise<number> {
  const { files } = await expandPatterns(patterns, io.cwd);
  const builtins = loadBuiltins();
  let code = 0;
  for (const f of files) {
    const read = await readPlan(f);
    if (!read.ok) {
      io.stdout.write(`${f}: ${read.message}\n`);
      code = 2;
      continue;
    }
    const src = parseMarkdown(read.text);
    const ranked = rankTemplates(extract(src), builtins, src.lines.lineSpan(1));
    const [best, second] = ranked;
    io.stdout.write(
      `${f}: ${best ? `${best.name} ${percent(best.score)}` : 'none'}${second ? ` (runner-up: ${second.name} ${percent(second.score)})` : ''}\n`,
    );
  }
  return code;
}
