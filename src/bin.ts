#!/usr/bin/env node
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { run } from './cli.js';
import { workerLoop } from './runner.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // `plan-lint ... | head -1`: the reader went away; stop quietly.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
process.on('SIGINT', () => process.exit(130));

if (!isMainThread && parentPort && (workerData as { planLintWorker?: boolean } | null)?.planLintWorker) {
  // This same file is the worker of the lint pool (src/runner.ts).
  workerLoop(parentPort);
} else
run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  cwd: process.cwd(),
  env: process.env,
  workerScript: new URL(import.meta.url),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`plan-lint: internal error: ${err.message}\n`);
    process.exitCode = 2;
  },
);
