/** What a command may touch: the CLI passes process streams, tests pass fakes. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  readStdin: () => Promise<string>;
  /** Standard input as a stream (the language server reads its messages from it). */
  stdin?: NodeJS.ReadableStream;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The script a worker thread runs (the bin); without it files are linted on the main thread. */
  workerScript?: URL;
}

/** Bad usage: one line on stderr, exit 2. */
export class UsageError extends Error {}
