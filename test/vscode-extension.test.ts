/**
 * The VS Code extension's package (editors/vscode/plan-lint.vsix, made by
 * `npm run package:vscode`, which `.ci/run` runs): it holds the bundled client,
 * the plan-lint server with its production dependencies, and declares the
 * documented settings. Skipped with a message where the .vsix was not built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const VSIX = `${ROOT}editors/vscode/plan-lint.vsix`;
const built = existsSync(VSIX);

describe.skipIf(!built)('the VS Code extension package (npm run package:vscode)', () => {
  const list = (): string[] => {
    const r = spawnSync('unzip', ['-Z1', VSIX], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    return r.stdout.split('\n');
  };
  const member = (name: string): string => spawnSync('unzip', ['-p', VSIX, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;

  it('contains the client bundle, the server and what the server loads at run time', () => {
    const files = list();
    for (const f of [
      'extension/dist/extension.js',
      'extension/node_modules/plan-lint/dist/bin.js',
      'extension/node_modules/plan-lint/dist/plan-lint.cjs',
      'extension/node_modules/plan-lint/schemas/rfc.schema.json',
      'extension/node_modules/plan-lint/docs/rules/placeholder.md',
      'extension/node_modules/vscode-languageserver/package.json',
      'extension/node_modules/vscode-languageserver-textdocument/package.json',
    ]) {
      expect(files).toContain(f);
    }
    // Not the repository: no sources, tests or the packed tarball.
    expect(files.filter((f) => /^extension\/(src|scripts|test)\/|\.tgz$/.test(f))).toEqual([]);
  });

  it('declares the documented settings and starts on Markdown', () => {
    const manifest = JSON.parse(member('extension/package.json')) as { activationEvents: string[]; contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    expect(manifest.activationEvents).toContain('onLanguage:markdown');
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(['plan-lint.configFile', 'plan-lint.enable', 'plan-lint.run']);
    expect(props['plan-lint.run']!.default).toBe('onType');
    // Documented in the extension's README (the marketplace page).
    const readme = readFileSync(`${ROOT}editors/vscode/README.md`, 'utf8');
    for (const k of Object.keys(props)) expect(readme).toContain(`\`${k}\``);
  });
});

it('declares limited support for untrusted workspaces: the server runs --untrusted there, and the config path is a restricted setting', () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}editors/vscode/package.json`, 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: unknown; description: string; restrictedConfigurations: string[] } } };
  const u = manifest.capabilities.untrustedWorkspaces;
  expect(u.supported).toBe('limited');
  expect(u.description).toMatch(/--untrusted/);
  expect(u.restrictedConfigurations).toEqual(['plan-lint.configFile']);
  // The client asks VS Code whether the workspace is trusted and passes --untrusted when it is not
  // (the server's untrusted mode is tested on the built binary in test/lsp.test.ts).
  const client = readFileSync(`${ROOT}editors/vscode/src/extension.ts`, 'utf8');
  expect(client).toMatch(/serverArgs\(workspace\.isTrusted\)|run\(workspace\.isTrusted\)/);
  expect(client).toContain("...(trusted ? [] : ['--untrusted'])");
  expect(client).toContain('workspace.onDidGrantWorkspaceTrust');
});

it.runIf(!built)('the VS Code extension package is checked where it is built (npm run package:vscode; .ci/run does)', () => {
  expect(existsSync(`${ROOT}editors/vscode/package.json`)).toBe(true);
});
