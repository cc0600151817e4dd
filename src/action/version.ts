import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The `version` input: install that plan-lint from the npm registry into the
 * runner's temporary folder and run its bin with the same arguments. Standard
 * output (annotations) goes straight to the runner; standard error to `onStderr`.
 */
export function runVersion(version: string, argv: string[], cwd: string, temp: string, onStderr: (s: string) => void): number {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(version)) {
    onStderr(`plan-lint: the version input must be an npm version or tag, not "${version}"\n`);
    return 2;
  }
  const prefix = join(temp, 'install');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `plan-lint@${version}`], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (install.status !== 0) {
    onStderr(`plan-lint: could not install plan-lint@${version}: ${(install.stderr || String(install.error ?? '')).trim().split('\n').pop() ?? ''}\n`);
    return 2;
  }
  const bin = join(prefix, 'node_modules', 'plan-lint', 'dist', 'bin.js');
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.stderr) onStderr(r.stderr);
  return r.status ?? 2;
}
