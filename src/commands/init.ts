import { escapeText } from '../escape.js';
import { resolve } from 'node:path';
import { writeAtomic } from '../write.js';
import type { CliIO } from './io.js';

export const STARTER_CONFIG = {
  $schema: './node_modules/plan-lint/schemas/config.schema.json',
  rules: {
    'guidance-comment': 'warn',
  },
  overrides: [] as unknown[],
  ignores: ['**/node_modules/**', '**/CHANGELOG.md'],
};

/** `plan-lint init`: write a starter .plan-lintrc.json; never replaces an existing file without --force. */
export async function initCommand(io: CliIO, force: boolean): Promise<number> {
  const path = resolve(io.cwd, '.plan-lintrc.json');
  await writeAtomic(path, `${JSON.stringify(STARTER_CONFIG, null, 2)}\n`, force);
  io.stdout.write(`Wrote ${escapeText(path)}\n`);
  return 0;
}
