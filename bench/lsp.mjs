/**
 * The language server's latency and memory (issue: "In the editor"), measured
 * over stdio against the built binary as an editor drives it: time from
 * didOpen to publishDiagnostics for a 20 KB plan (warm), from an edit to the
 * new diagnostics (debounce set to 0 here: an editor adds its debounce, 200 ms
 * by default), and the server's resident memory over 2,000 edits of one
 * document. Medians; the machine may be shared, so figures move between runs.
 * Appends its section to bench/results.md (run after bench/run.mjs).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { makeCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_LSP_RUNS ?? 40);
const EDITS = Number(process.env.BENCH_LSP_EDITS ?? 2000);
const work = mkdtempSync(join(os.tmpdir(), 'plan-lint-bench-lsp-'));
const files = makeCorpus(root, join(work, 'plans'), 60);
// The generated plan nearest 20 KB.
const plan = files.map((f) => [f, readFileSync(f, 'utf8')]).sort((a, b) => Math.abs(a[1].length - 20000) - Math.abs(b[1].length - 20000))[0];
const [file, text] = plan;

const child = spawn(process.execPath, [`${root}dist/bin.js`, 'lsp', '--stdio'], { cwd: work, stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiters = new Map();
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const w = waiters.get(`${p.uri}#${p.version}`);
  if (w) {
    waiters.delete(`${p.uri}#${p.version}`);
    w(p);
  }
});
conn.onNotification('plan-lint/status', () => {});
conn.onRequest('client/registerCapability', () => null);
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(work).href, capabilities: {}, initializationOptions: { debounce: 0 } });
conn.sendNotification('initialized', {});

const published = (uri, version) => new Promise((resolve) => waiters.set(`${uri}#${version}`, resolve));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rss = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

// Open: a fresh document each time (same text, another name), after warm-up runs.
const opens = [];
for (let i = 0; i < RUNS + 5; i++) {
  const uri = pathToFileURL(join(work, `open-${i}.md`)).href;
  const t0 = performance.now();
  const done = published(uri, 1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const p = await done;
  if (i >= 5) opens.push(performance.now() - t0);
  if (i === 0) console.log(`${p.diagnostics.length} diagnostics for a ${text.length}-character plan`);
  conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

// Edits of one document: a word typed at the end of a paragraph, then removed, alternately.
const uri = pathToFileURL(file).href;
let version = 1;
let opened = published(uri, 1);
conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
await opened;
const at = text.indexOf('\n\n', 2000);
const lines = text.slice(0, at).split('\n');
const pos = { line: lines.length - 1, character: lines[lines.length - 1].length };
const edits = [];
let rssWarm = 0;
for (let i = 0; i < EDITS; i++) {
  version++;
  const change = i % 2 === 0 ? { range: { start: pos, end: pos }, text: ' x' } : { range: { start: pos, end: { line: pos.line, character: pos.character + 2 } }, text: '' };
  const t0 = performance.now();
  const done = published(uri, version);
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  await done;
  edits.push(performance.now() - t0);
  if (i === 199) rssWarm = rss();
}
const rssEnd = rss();
await conn.sendRequest('shutdown');
conn.sendNotification('exit');
rmSync(work, { recursive: true, force: true });

const row = (name, v, target) => `| ${name} | ${v} | ${target} |`;
const md = `
## Language server (\`node bench/lsp.mjs\`, ${new Date().toISOString().slice(0, 10)})

A ${text.length}-character plan over stdio, as an editor sends it; ${RUNS} opens after 5 warm-up
runs, ${EDITS} edits (debounce 0 here; editors add theirs, 200 ms by default); medians.

| measure | result | target |
|---|---|---|
${row('didOpen -> publishDiagnostics, warm (median)', `${median(opens).toFixed(1)} ms`, '<= 60 ms')}
${row('edit -> publishDiagnostics (median, without the debounce)', `${median(edits).toFixed(1)} ms`, '<= 40 ms')}
${row(`server RSS after 200 edits -> after ${EDITS}`, `${rssWarm.toFixed(0)} MB -> ${rssEnd.toFixed(0)} MB (${(((rssEnd - rssWarm) / rssWarm) * 100).toFixed(1)}%)`, 'within 10%')}
`;
appendFileSync(`${root}bench/results.md`, md);
console.log(md);
