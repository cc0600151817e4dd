/**
 * Where plan-lint keeps what it reuses between runs, and how every entry is
 * authenticated. Every cache of plan-lint goes through this module: compiled
 * user schemas (src/schema/compile-cache.ts), the results of `--cache`
 * (src/runner.ts), and schemas generated from template Markdown files at run
 * time (call `getEntry` / `putEntry` with a kind of your own and a key that is
 * a hash of everything the entry depends on).
 *
 * Why: a repository may come from a stranger's pull request, and a cache it
 * can write is a cache it can forge. Compiled schemas are code, and forged
 * results hide findings. So:
 *
 * - The cache lives in the user's cache directory (`$XDG_CACHE_HOME/plan-lint`,
 *   `~/.cache/plan-lint`, `~/Library/Caches/plan-lint` on macOS,
 *   `%LOCALAPPDATA%\plan-lint\Cache` on Windows), never in the workspace,
 *   unless the user says otherwise (`PLAN_LINT_CACHE_DIR`, `--cache-location`).
 * - Every entry starts with a line holding an HMAC-SHA256 of its kind, its key
 *   and its body, made with a per-user secret (32 random bytes in
 *   `<user cache>/plan-lint/secret`, created with mode 0600, never inside a
 *   folder the user pointed the cache at). A repository cannot know the secret,
 *   so it cannot write an entry that passes; an entry for another key (moved
 *   or copied) fails too. A forged, foreign, damaged or truncated entry reads
 *   as a miss, and the caller rebuilds and rewrites it.
 * - Without a usable secret (no home directory, a read-only one, a secret
 *   file that is not the user's own, private regular file) nothing is cached.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { replaceFileSync } from './replace-file.js';

/** The first bytes of every entry: how `--cache-location` knows a file is a plan-lint cache it may replace. */
export const ENTRY_MAGIC = 'plan-lint-cache/2 ';
const SECRET_BYTES = 32;
/** An entry larger than this is not read (nothing plan-lint writes comes near it). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

type Env = Record<string, string | undefined>;

/** The user's own cache folder for plan-lint by OS convention, or null when there is no home directory. */
export function defaultCacheRoot(env: Env = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && xdg.startsWith('/')) return join(xdg, 'plan-lint');
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    return local ? join(local, 'plan-lint', 'Cache') : null;
  }
  let home: string;
  try {
    home = env['HOME'] || homedir();
  } catch {
    return null;
  }
  if (!home) return null;
  return platform === 'darwin' ? join(home, 'Library', 'Caches', 'plan-lint') : join(home, '.cache', 'plan-lint');
}

/**
 * The folder for cache entries: `PLAN_LINT_CACHE_DIR` when set (`off`: no
 * cache, null), else the user's cache folder; null when there is none.
 */
export function cacheDir(cwd: string, env: Env = process.env): string | null {
  const setting = env['PLAN_LINT_CACHE_DIR'];
  if (setting !== undefined && setting !== '') return setting === 'off' ? null : resolve(cwd, setting);
  return defaultCacheRoot(env);
}

const secrets = new Map<string, Buffer | null>();

/**
 * The per-user secret, created on first use; null when it cannot be made or
 * is not safe to trust (a symbolic link, another owner, readable by others,
 * the wrong size). Read once per process.
 */
export function userSecret(env: Env = process.env): Buffer | null {
  const root = defaultCacheRoot(env);
  if (!root) return null;
  const file = join(root, 'secret');
  if (secrets.has(file)) return secrets.get(file) as Buffer | null;
  let secret: Buffer | null = null;
  try {
    secret = readSecret(file);
  } catch {
    secret = null;
  }
  secrets.set(file, secret);
  return secret;
}

function readSecret(file: string): Buffer | null {
  const posix = process.platform !== 'win32';
  try {
    const st = lstatSync(file);
    if (!st.isFile()) return null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(SECRET_BYTES));
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      // Another run made it first: read theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
    }
  }
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size !== SECRET_BYTES) return null;
    if (posix && ((st.mode & 0o077) !== 0 || (process.getuid && st.uid !== process.getuid()))) return null;
    const buf = Buffer.alloc(SECRET_BYTES);
    if (readSync(fd, buf, 0, SECRET_BYTES, 0) !== SECRET_BYTES) return null;
    return buf;
  } finally {
    closeSync(fd);
  }
}

function mac(secret: Buffer, kind: string, key: string, body: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${kind}\0${key}\0`).update(body).digest();
}

/** An entry's bytes: the magic, the kind, the HMAC (hex), a newline, the body. Null without a secret. */
export function seal(kind: string, key: string, body: string | Uint8Array, env: Env = process.env): Buffer | null {
  const secret = userSecret(env);
  if (!secret) return null;
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return Buffer.concat([Buffer.from(`${ENTRY_MAGIC}${kind} ${mac(secret, kind, key, b).toString('hex')}\n`, 'utf8'), b]);
}

/** The body of a sealed entry made for this kind and key with this user's secret, else null. */
export function unseal(kind: string, key: string, bytes: Buffer, env: Env = process.env): Buffer | null {
  const secret = userSecret(env);
  if (!secret) return null;
  const nl = bytes.indexOf(0x0a);
  if (nl < 0 || nl > 200) return null;
  const head = bytes.subarray(0, nl).toString('latin1');
  const m = /^plan-lint-cache\/2 (\S+) ([0-9a-f]{64})$/.exec(head);
  if (!m || m[1] !== kind) return null;
  const body = bytes.subarray(nl + 1);
  const want = mac(secret, kind, key, body);
  return timingSafeEqual(want, Buffer.from(m[2] as string, 'hex')) ? body : null;
}

/** Whether `bytes` begin as a plan-lint cache file (a sealed entry, or the unsealed JSON cache of earlier versions). */
export function looksLikeCacheFile(bytes: Buffer): boolean {
  if (bytes.subarray(0, ENTRY_MAGIC.length).toString('latin1') === ENTRY_MAGIC) return true;
  return /^\{"tool":"plan-lint","version":/.test(bytes.subarray(0, 64).toString('latin1'));
}

/** Read a sealed file; null when missing, too large, unreadable or not authentic. Never throws. */
export function readSealed(file: string, kind: string, key: string, env: Env = process.env): Buffer | null {
  try {
    const st = lstatSync(file);
    if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return null;
    return unseal(kind, key, readFileSync(file), env);
  } catch {
    return null;
  }
}

/**
 * Write a sealed file in one step (never half an entry). Returns whether it was written; never throws.
 * `guarded`: see replaceFileSync (the `--cache` file, written once the run is done).
 */
export function writeSealed(file: string, kind: string, key: string, body: string | Uint8Array, env: Env = process.env, guarded = false): boolean {
  try {
    const bytes = seal(kind, key, body, env);
    if (!bytes) return false;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    replaceFileSync(file, bytes, guarded);
    return true;
  } catch {
    return false;
  }
}

const SAFE_KEY = /^[0-9a-f]{16,128}$/;

/** `<cache dir>/<kind>/<key>`: an entry's file. Keys are hex digests (anything else is refused). */
export function entryPath(dir: string, kind: string, key: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(kind) || !SAFE_KEY.test(key)) throw new Error(`bad cache entry name ${kind}/${key}`);
  return join(dir, kind, key);
}

/**
 * The body of the entry `kind`/`key` in the cache folder (see cacheDir), or
 * null: no cache, no entry, or one that is not authentic. `key` must be a hex
 * digest of everything the entry depends on.
 */
export function getEntry(kind: string, key: string, cwd: string = process.cwd(), env: Env = process.env): Buffer | null {
  const dir = cacheDir(cwd, env);
  return dir ? readSealed(entryPath(dir, kind, key), kind, key, env) : null;
}

/** Store the entry `kind`/`key`; false when there is no cache or it cannot be written. Never throws. */
export function putEntry(kind: string, key: string, body: string | Uint8Array, cwd: string = process.cwd(), env: Env = process.env): boolean {
  const dir = cacheDir(cwd, env);
  return dir ? writeSealed(entryPath(dir, kind, key), kind, key, body, env) : false;
}

/**
 * Why `--cache-location <path>` must not be used, or null. plan-lint replaces
 * the file at the end of a run, so, as for `--output-file`, it must be a file
 * plan-lint wrote (a cache) or a new one: never a plan, a config or a folder.
 */
export function cacheFileRefusal(path: string): string | null {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return null;
  }
  if (st.isDirectory()) return `Cannot use ${path} as the cache: it is a directory`;
  if (!st.isFile()) return `Refusing to use ${path} as the cache: it is not a regular file`;
  let head = Buffer.alloc(0);
  try {
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(64);
      head = head.subarray(0, readSync(fd, head, 0, 64, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return `Cannot read ${path}`;
  }
  if (st.size === 0 || looksLikeCacheFile(head)) return null;
  return `Refusing to use ${path} as the cache: it is not a plan-lint cache file`;
}

/** The default `--cache` file: `<cache dir>/results/<sha256 of the working directory>`, or null without a cache folder. */
export function defaultResultsFile(cwd: string, env: Env = process.env): string | null {
  const dir = cacheDir(cwd, env);
  return dir ? entryPath(dir, 'results', createHash('sha256').update(resolve(cwd), 'utf8').digest('hex')) : null;
}
