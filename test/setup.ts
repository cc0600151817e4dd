/**
 * Run before each test file (vitest.config.ts, setupFiles), also when files share a worker
 * process (isolate: false): the user's cache folder (src/user-cache.ts) of that file's tests is a
 * temporary one of its own, for the binary and the library alike, so that no test reads or writes
 * the cache or the secret of whoever runs them, nor those of another test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const saved = process.env['XDG_CACHE_HOME'];
const home = mkdtempSync(join(tmpdir(), 'plan-lint-user-cache-'));
process.env['XDG_CACHE_HOME'] = home;
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
  else process.env['XDG_CACHE_HOME'] = saved;
});
