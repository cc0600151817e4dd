import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BIN = `${ROOT}dist/bin.js`;
export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const hasShared = existsSync(`${SHARED}templates`);

if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: run `npm run build` before the tests');

/**
 * The user's cache folder (src/user-cache.ts) of the tests: a temporary one per
 * test file, for the binary and the library alike, so that no test reads or
 * writes the cache or the secret of whoever runs them.
 */
export const USER_CACHE_HOME = mkdtempSync(join(tmpdir(), 'plan-lint-user-cache-'));
process.env['XDG_CACHE_HOME'] = USER_CACHE_HOME;
afterAll(() => rmSync(USER_CACHE_HOME, { recursive: true, force: true }));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built binary as a child process. */
export function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const read = (p: string): string => readFileSync(p, 'utf8');

/** Temporary folders for one test file, removed after its tests: `const mkTemp = tempDirs();`. */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
