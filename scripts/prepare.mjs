// The `prepare` script: `npm run build`, unless dist/ was built by this script
// from the very same inputs. npm runs `prepare` both after `npm install` in a
// checkout and again before `npm pack`; pre-commit installs a hook repository
// with the one and then the other, so without this the same build ran twice.
//
// The inputs are every file that the build reads from the checkout (src/,
// scripts/, schemas/, fixtures/: the code caches are made by linting the
// fixtures), package.json, package-lock.json (the dependencies bundled in),
// tsconfig.json, and the Node.js version and architecture (V8 code caches are
// theirs). Their SHA-256 is kept in node_modules/.cache/, never in dist/ (not
// published). `npm run build` itself always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIRS = ['src', 'scripts', 'schemas', 'fixtures'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];
// What the published bin needs: a build that stopped half-way has not made them all.
const OUTPUTS = ['dist/bin.js', 'dist/plan-lint.cjs', 'dist/index.js', 'dist/index.cjs'];
const STAMP = 'node_modules/.cache/plan-lint-build/inputs.sha256';

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.isFile() ? [join(dir, d.name)] : []))
    .sort();
}

function inputs() {
  const hash = createHash('sha256').update(`${process.version} ${process.arch}\0`);
  for (const f of [...FILES.filter((f) => existsSync(f)), ...DIRS.flatMap(files)]) {
    const body = readFileSync(f);
    hash.update(`${f}\0${body.length}\0`).update(body);
  }
  return hash.digest('hex');
}

const before = inputs();
const built = OUTPUTS.every((f) => existsSync(f)) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === before;
if (!built) {
  const npm = process.env['npm_execpath'];
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  // Only a build whose inputs did not change meanwhile is recorded as theirs.
  if (inputs() === before) {
    mkdirSync('node_modules/.cache/plan-lint-build', { recursive: true });
    writeFileSync(STAMP, before);
  }
}
