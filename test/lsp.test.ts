/**
 * The language server over stdio, as an editor talks to it: the built binary
 * (`plan-lint lsp --stdio`) as a child process and vscode-jsonrpc as the client.
 * Every wait is for a message, never for a clock.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { BIN, ROOT, tempDirs } from './helpers.js';

const mkTemp = tempDirs();

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code?: string; source?: string; message: string; severity?: number; tags?: number[]; codeDescription?: { href: string } }[];
}

interface Session {
  child: ChildProcess;
  conn: MessageConnection;
  /** The next diagnostics published for `uri` that satisfy `pred`. */
  diagnostics(uri: string, pred?: (p: PublishParams) => boolean): Promise<PublishParams>;
  registrations: unknown[];
}

const sessions: Session[] = [];

async function start(rootDir: string, initializationOptions: Record<string, unknown> = {}, { args = [], env = {} }: { args?: string[]; env?: Record<string, string> } = {}): Promise<Session> {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...args], { cwd: rootDir, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting: { uri: string; pred: (p: PublishParams) => boolean; resolve: (p: PublishParams) => void }[] = [];
  const seen: PublishParams[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
    const i = waiting.findIndex((w) => w.uri === p.uri && w.pred(p));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(p);
    else seen.push(p);
  });
  const registrations: unknown[] = [];
  conn.onRequest('client/registerCapability', (p: unknown) => {
    registrations.push(p);
    return null;
  });
  conn.onNotification('window/showMessage', () => {});
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(rootDir).href,
    workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'ws' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions,
  });
  conn.sendNotification('initialized', {});
  const s: Session = {
    child,
    conn,
    registrations,
    diagnostics(uri, pred = () => true) {
      const i = seen.findIndex((p) => p.uri === uri && pred(p));
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!);
      return new Promise((resolve) => waiting.push({ uri, pred, resolve }));
    },
  };
  sessions.push(s);
  return s;
}

async function stop(s: Session): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.on('exit', (code) => resolve(code)));
  await s.conn.sendRequest('shutdown');
  s.conn.sendNotification('exit');
  return exited;
}

afterEach(() => {
  for (const s of sessions.splice(0)) if (s.child.exitCode === null) s.child.kill();
});

/** A complete plan with one finding (a TBD on its last line), written to a fresh folder. */
function planWithTbd(): { dir: string; file: string; text: string; uri: string } {
  const dir = mkTemp('plan-lint-lsp-');
  const file = join(dir, 'plan.md');
  const text = readFileSync(join(ROOT, 'fixtures/rfc/valid/complete.md'), 'utf8').replace(/\n$/, '\nTBD\n');
  writeFileSync(file, text);
  return { dir, file, text, uri: pathToFileURL(file).href };
}

const open = (s: Session, uri: string, text: string, version = 1): void =>
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });

const lines = (p: PublishParams): string[] => p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

describe('plan-lint lsp --stdio', () => {
  it('publishes the CLI findings on open, with source, code, doc link and exact range; exits cleanly', async () => {
    const dir = mkTemp('plan-lint-lsp-');
    const file = join(dir, 'multiple-defects.md');
    copyFileSync(join(ROOT, 'fixtures/rfc/invalid/multiple-defects.md'), file);
    const uri = pathToFileURL(file).href;
    const s = await start(dir);
    open(s, uri, readFileSync(file, 'utf8'));
    const p = await s.diagnostics(uri);
    expect(lines(p)).toEqual(['1:19 placeholder', '158:1 empty-section', '160:1 guidance-comment', '192:20 table-cell', '206:1 required-section', '229:18 unresolved'.replace('unresolved', 'placeholder')]);
    const d = p.diagnostics[0]!;
    expect(d).toMatchObject({ source: 'plan-lint', code: 'placeholder', severity: 1, message: 'Unfilled placeholder "[Feature Name]"' });
    expect(d.range).toEqual({ start: { line: 0, character: 18 }, end: { line: 0, character: 32 } });
    expect(d.codeDescription?.href).toMatch(/docs\/rules\/placeholder\.md$/);
    expect(p.diagnostics.find((x) => x.code === 'guidance-comment')?.severity).toBe(2);
    expect(await stop(s)).toBe(0);
  });

  it('a document URI naming another host is left alone; the server goes on serving the others', async () => {
    const { dir, text, uri } = planWithTbd();
    const s = await start(dir);
    // Off Windows, file://host/... names no local file: converting it threw, and the rejection ended the server.
    open(s, 'file://evil.example/share/plan.md', text);
    open(s, uri, text);
    expect(lines(await s.diagnostics(uri))).toEqual([`${text.split('\n').length - 1}:1 placeholder`]);
    expect(await stop(s)).toBe(0);
  });

  it('a document past the maxFileTime setting gets one diagnostic saying so; the server lints the next one exactly', async () => {
    const dir = mkTemp('plan-lint-lsp-');
    // The user's own pattern, too long for the checker to decide (one alternative, no literal run to cut; accepted in
    // trusted mode): 2^41 ways to backtrack on the placeholder.
    const allow = [`/^(?:.|.)*x${'[yz]'.repeat(75)}/`];
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema: 'rfc', rules: { placeholder: ['error', { allow }] } }));
    const hostile = pathToFileURL(join(dir, 'hostile.md')).href;
    const plan = join(dir, 'plan.md');
    copyFileSync(join(ROOT, 'fixtures/rfc/invalid/multiple-defects.md'), plan);
    const s = await start(dir, { maxFileTime: 3 });
    open(s, hostile, '# Plan\n\nOwner: [Name of the team that owns this feature]\n');
    const over = await s.diagnostics(hostile);
    expect(over.diagnostics).toEqual([
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, source: 'plan-lint', message: 'Linting took longer than 3 s (the limit is set with the maxFileTime setting); not linted' },
    ]);
    open(s, pathToFileURL(plan).href, readFileSync(plan, 'utf8'));
    const p = await s.diagnostics(pathToFileURL(plan).href);
    expect(lines(p)).toEqual(['1:19 placeholder', '158:1 empty-section', '160:1 guidance-comment', '192:20 table-cell', '206:1 required-section', '229:18 placeholder']);
    expect(await stop(s)).toBe(0);
  });

  it('untrusted (--untrusted or PLAN_LINT_UNTRUSTED=1, as the VS Code extension runs it in an untrusted workspace): no JavaScript config, no undecided pattern', async () => {
    const { dir, text, uri } = planWithTbd();
    const problem = async (s: Session): Promise<string[]> => {
      open(s, uri, text);
      const p = await s.diagnostics(uri);
      await stop(s);
      return p.diagnostics.map((d) => d.message);
    };
    // A JavaScript config: code, run by the trusted server only.
    writeFileSync(join(dir, 'plan-lint.config.mjs'), `export default { schema: 'rfc' };\n`);
    expect(await problem(await start(dir))).toContain('Unresolved marker "TBD"');
    for (const how of [{ args: ['--untrusted'] }, { env: { PLAN_LINT_UNTRUSTED: '1' } }]) {
      expect(await problem(await start(dir, {}, how))).toEqual([`${join(dir, 'plan-lint.config.mjs')}: a JavaScript config runs code; untrusted mode (--untrusted, PLAN_LINT_UNTRUSTED=1) loads JSON and YAML configs only`]);
    }
    // A pattern the checker cannot decide: the trusted server runs it under its time budget, the untrusted one refuses it.
    rmSync(join(dir, 'plan-lint.config.mjs'));
    writeFileSync(join(dir, '.plan-lintrc.json'), JSON.stringify({ schema: 'rfc', rules: { placeholder: ['error', { allow: [`/^(?:.|.)*x${'[yz]'.repeat(75)}/`] }] } }));
    expect(await problem(await start(dir))).toContain('Unresolved marker "TBD"');
    const [refused] = await problem(await start(dir, {}, { args: ['--untrusted'] }));
    expect(refused).toMatch(/^.*\.plan-lintrc\.json: rules: rule "placeholder": "allow": \/.*\/ cannot be shown safe from catastrophic backtracking within the checker's limits, and untrusted mode \(--untrusted\) runs only patterns shown safe; simplify it \(no repetition inside repetition\)$/);
  });

  it('re-lints on change (debounced) and on save; the newest version wins', async () => {
    const dir = mkTemp('plan-lint-lsp-');
    const file = join(dir, 'plan.md');
    const text = readFileSync(join(ROOT, 'fixtures/rfc/valid/complete.md'), 'utf8');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const s = await start(dir, { debounce: 10 });
    open(s, uri, text);
    expect((await s.diagnostics(uri)).diagnostics).toEqual([]);
    // Two quick edits: a TBD, then a second one; the published result is the second version's.
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\nTBD\n` }] });
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: `${text}\nTBD and TODO\n` }] });
    const p = await s.diagnostics(uri, (x) => x.version === 3);
    expect(p.diagnostics.map((d) => d.message)).toEqual(['Unresolved marker "TBD"', 'Unresolved marker "TODO"']);
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
    s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    expect((await s.diagnostics(uri, (x) => x.version === 4)).diagnostics).toEqual([]);
    await stop(s);
  });

  it('stays silent on Markdown that is not a plan, and survives a half-written document', async () => {
    const dir = mkTemp('plan-lint-lsp-');
    const notes = pathToFileURL(join(dir, 'notes.md')).href;
    const s = await start(dir, { debounce: 0 });
    open(s, notes, '# Shopping\n\n- milk\n');
    expect((await s.diagnostics(notes)).diagnostics).toEqual([]);
    const half = pathToFileURL(join(dir, 'half.md')).href;
    const plan = readFileSync(join(ROOT, 'fixtures/rfc/valid/complete.md'), 'utf8');
    open(s, half, `${plan}\n\`\`\`ts\nconst a = [\n| a | b |\n| -`);
    const p = await s.diagnostics(half);
    expect(Array.isArray(p.diagnostics)).toBe(true);
    // Still answering.
    const symbols = (await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: half } })) as { name: string }[];
    expect(symbols.length).toBeGreaterThan(0);
    expect(symbols.map((x) => x.name)).toContain(plan.split('\n')[0]!.replace(/^#+\s*/, ''));
    await stop(s);
  });

  it('offers quick fixes that disable a rule for a line or the file', async () => {
    const { dir, text, uri } = planWithTbd();
    const s = await start(dir);
    open(s, uri, text);
    const p = await s.diagnostics(uri);
    const tbd = p.diagnostics.find((d) => d.message.includes('TBD'))!;
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: tbd.range, context: { diagnostics: [tbd] } })) as { title: string; edit: { changes: Record<string, { range: { start: { line: number } }; newText: string }[]> } }[];
    expect(actions.map((a) => a.title)).toEqual(['Disable placeholder for this line', 'Disable placeholder for this file']);
    const [line, fileWide] = actions.map((a) => a.edit.changes[uri]![0]!);
    expect(line).toMatchObject({ range: { start: { line: tbd.range.start.line } }, newText: '<!-- plan-lint-disable-next-line placeholder -->\n' });
    expect(fileWide).toMatchObject({ range: { start: { line: 0 } }, newText: '<!-- plan-lint-disable-file placeholder -->\n' });
    await stop(s);
  });

  it('offers a finding\'s fix as the preferred quick fix, and "fix all" as the CLI\'s --fix', async () => {
    const dir = mkTemp('plan-lint-lsp-');
    const file = join(dir, 'multiple-defects.md');
    copyFileSync(join(ROOT, 'fixtures/rfc/invalid/multiple-defects.md'), file);
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const s = await start(dir);
    open(s, uri, text);
    const p = await s.diagnostics(uri);
    const missing = p.diagnostics.find((d) => d.code === 'required-section')!;
    type Action = { title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, { newText: string; range: { start: { line: number } } }[]> } };
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } })) as Action[];
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toBe('Fix: Missing required section "### E2E Tests" (expected after "### Integration Tests")');
    expect(fix.edit.changes[uri]![0]!.newText).toContain('### E2E Tests');
    const all = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.plan-lint'] } })) as Action[];
    expect(all.map((a) => a.kind)).toEqual(['source.fixAll.plan-lint']);
    const fixed = all[0]!.edit.changes[uri]![0]!.newText;
    const cli = spawnSync(process.execPath, [BIN, '--fix-dry-run', '-f', 'json', file], { encoding: 'utf8' });
    expect(fixed).toBe((JSON.parse(cli.stdout) as { output: string }[])[0]!.output);
    await stop(s);
  });

  it('hides what the workspace folder\'s baseline records, as the CLI run there does', async () => {
    const dir = mkTemp('plan-lint-lsp-');
    const file = join(dir, 'plan.md');
    const text = readFileSync(join(ROOT, 'fixtures/rfc/valid/complete.md'), 'utf8').replace(/\n$/, '\nTBD\n');
    writeFileSync(file, text);
    expect(spawnSync(process.execPath, [BIN, '--baseline-write', 'plan.md'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    const uri = pathToFileURL(file).href;
    const s = await start(dir);
    open(s, uri, text);
    expect((await s.diagnostics(uri)).diagnostics).toEqual([]);
    // A new finding is shown; the recorded one stays hidden.
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\nTODO\n` }] });
    s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    expect((await s.diagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.message)).toEqual(['Unresolved marker "TODO"']);
    await stop(s);
  });

  it('re-lints open documents when a config changes (workspace/didChangeWatchedFiles)', async () => {
    const { dir, text, uri } = planWithTbd();
    const s = await start(dir);
    open(s, uri, text);
    expect(lines(await s.diagnostics(uri))).toHaveLength(1);
    // The server asked to be told of config, schema and template changes (sent after "initialized", before the open was handled).
    expect(JSON.stringify(s.registrations)).toContain('workspace/didChangeWatchedFiles');
    const rc = join(dir, '.plan-lintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: { placeholder: 'off' } }));
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rc).href, type: 1 }] });
    expect((await s.diagnostics(uri)).diagnostics).toEqual([]);
    // A broken config: one clear diagnostic, and the server keeps running.
    writeFileSync(rc, '{ not json');
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rc).href, type: 2 }] });
    const bad = await s.diagnostics(uri);
    expect(bad.diagnostics).toHaveLength(1);
    expect(bad.diagnostics[0]!.message).toContain('.plan-lintrc.json');
    expect(await stop(s)).toBe(0);
  });
});
