#!/usr/bin/env node
import { run } from './cli.js';
import { errorLine } from './escape.js';
import { DEFAULT_MAX_FILE_SIZE, InputError, decodePlan, tooLargeMessage } from './read.js';
import { reason } from './write.js';

/**
 * Standard input as text, decoded and checked like a file (invalid UTF-8 is
 * reported with its byte offset, never replaced). Stops reading, with an
 * InputError, once more than `maxBytes` arrived (0: no limit).
 */
async function readStdin(maxBytes: number = DEFAULT_MAX_FILE_SIZE): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    total += (c as Buffer).length;
    if (maxBytes > 0 && total > maxBytes) {
      process.stdin.destroy();
      throw new InputError(tooLargeMessage(total, maxBytes).replace('File too large', 'Input too large'));
    }
  }
  const read = decodePlan(Buffer.concat(chunks, total));
  if (!read.ok) throw new InputError(read.message);
  return read.text;
}

const debug = process.argv.includes('--debug');

/** Last resort: one line and exit 2, never a stack trace (unless --debug). */
function die(err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  try {
    process.stderr.write(`plan-lint: internal error: ${errorLine(e.message.split('\n')[0] ?? '')}\n`);
    if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  } finally {
    process.exit(2);
  }
}

// `plan-lint ... | head -1`: the reader went away. Write nothing more and let
// the run finish quietly, so that it still exits with its own code (a pipeline
// with `set -o pipefail` must not see a success that was not one).
let outputClosed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (outputClosed || err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      outputClosed = true;
      return;
    }
    // A full disk (ENOSPC), a quota: one line naming what could not be written, exit 2.
    const name = stream === process.stdout ? 'standard output' : 'standard error';
    try {
      process.stderr.write(`plan-lint: Cannot write to ${name}: ${reason(err)}\n`);
    } finally {
      process.exit(2);
    }
  });
}

/** Exit with `code` once everything written to stdout and stderr has been handed to the OS. */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (outputClosed || stream.destroyed || !stream.writable) done();
    else stream.write('', done);
  }
}

// Ctrl-C and SIGTERM: no handler here, so that they end the process at once
// whatever it is doing (src/signals.ts; writes guard their temporary files).
process.on('uncaughtException', die);
process.on('unhandledRejection', die);
run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  // Only the language server reads it: opening the stream costs every other start a few milliseconds.
  get stdin() {
    return process.stdin;
  },
  cwd: process.cwd(),
  env: process.env,
  // The lint pool's worker: its own bundle beside this one (scripts/bundle.mjs).
  workerScript: new URL('./worker.cjs', import.meta.url),
}).then(
  (code) => {
    process.exitCode = code;
    // Two turns of the event loop, so that a signal a write's handler
    // (src/signals.ts) has yet to see is handled, never lost to a success. Then
    // exit once the output is flushed, rather than when the event loop runs
    // dry: V8 had scheduled garbage collection for after the run (~5 ms of a
    // 150 ms one-plan run).
    setImmediate(() => setImmediate(() => exitWhenFlushed(code)));
  },
  (err: unknown) => die(err),
);
