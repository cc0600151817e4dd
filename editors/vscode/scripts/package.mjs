// Package the extension to plan-lint.vsix. The server is the plan-lint
// package itself, packed from the repository (`npm pack`: only the files it
// publishes, already built) and installed with its production dependencies,
// so that the .vsix holds the same server `npx plan-lint lsp` runs. Then the
// client is bundled and vsce packs it all. CI runs this (`npm run
// package:vscode` at the repository root). The packed plan-lint changes with
// every build, so this folder keeps no lock file (its other dependencies are
// pinned exactly in package.json).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  return r;
}

if (!existsSync('../../dist/bin.js')) throw new Error('build plan-lint first (npm run build at the repository root)');
copyFileSync('../../LICENSE', 'LICENSE');
const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', process.cwd()], { cwd: '../..', stdio: ['ignore', 'pipe', 'inherit'] });
const [{ filename }] = JSON.parse(packed.stdout);
rmSync('plan-lint.tgz', { force: true });
renameSync(filename.replace(/^@[^/]+\//, '').replace('/', '-'), 'plan-lint.tgz');
rmSync('node_modules/plan-lint', { recursive: true, force: true });
run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund']);
run('node', ['scripts/build.mjs']);
run('npx', ['vsce', 'package', '--out', 'plan-lint.vsix']);
