import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The installed package's root (the folder of plan-lint's package.json), found
 * by walking up from this module, so that paths hold both for dist/ modules
 * and for the single bundled bin.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'plan-lint') return dir;
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('plan-lint: cannot find the package root');
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
export const rootUrl = (rel: string): URL => new URL(rel, pathToFileURL(`${PACKAGE_ROOT}/`));

let pkg: { version: string } | null = null;
export function packageVersion(): string {
  pkg ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
