/**
 * Where a run's reports go: `--format` given once or several times, each as
 * `name` (standard output, or `--output-file`) or `name:path` (a file), as
 * markdownlint-cli2's outputFormatters. One run, every report.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatters, getFormatter, streamingFormatters, type Formatter, type StreamingFormatter } from '../formatters/index.js';
import { PlanLintError } from '../schema/registry.js';
import { checkReportPath } from '../write.js';
import { linksOut } from '../project-root.js';
import { UsageError } from './io.js';

export interface Output {
  /** The format's name, as given. */
  name: string;
  format: Formatter;
  /** The file to write (absolute), or null for standard output. */
  file: string | null;
  /** How the file was named on the command line, for messages. */
  given: string | null;
}

/** `json` or `json:reports/plan-lint.json`; the name is everything before the first colon. */
function parseSpec(spec: string): { name: string; path: string | null } {
  const at = spec.indexOf(':');
  if (at < 0) return { name: spec, path: null };
  return { name: spec.slice(0, at), path: spec.slice(at + 1) };
}

/** The outputs of `--format` (string or repeated) and `--output-file`; throws UsageError for a bad combination. */
export function parseOutputs(format: string | string[] | undefined, outputFile: string | undefined, cwd: string): Output[] {
  const specs = format === undefined ? ['stylish'] : Array.isArray(format) ? format : [format];
  const outputs: Output[] = [];
  for (const spec of specs) {
    const { name, path } = parseSpec(String(spec));
    if (!name) throw new UsageError('--format needs a value');
    const formatter = getFormatter(name);
    if (!formatter) throw new UsageError(`Unknown format "${name}"; use one of: ${Object.keys(formatters).join(', ')}`);
    if (path === '') throw new UsageError(`--format ${name}: needs a file after the colon`);
    outputs.push({ name, format: formatter, file: path === null ? null : resolve(cwd, path), given: path });
  }
  const plain = outputs.filter((o) => o.file === null);
  if (plain.length > 1) throw new UsageError(`Only one format can go to standard output (${plain.map((o) => o.name).join(', ')}); write the others to files with --format name:path`);
  if (outputFile !== undefined) {
    const [first] = plain;
    if (!first) throw new UsageError('--output-file names the file of the format given without a path, and every --format has one');
    first.file = resolve(cwd, outputFile);
    first.given = outputFile;
  }
  const seen = new Set<string>();
  for (const o of outputs) {
    if (o.file === null) continue;
    if (seen.has(o.file)) throw new UsageError(`Two reports would be written to ${o.given}`);
    seen.add(o.file);
  }
  return outputs;
}

/** Before linting: every report file can be written, and none replaces a Markdown file (without --force). */
export async function checkOutputs(outputs: Output[], force: boolean, untrustedCwd: string | null = null): Promise<void> {
  for (const o of outputs) {
    if (o.file === null) continue;
    // Untrusted mode: a report named inside the repository is not led out of it by a committed link.
    const root = untrustedCwd === null ? null : linksOut(o.file, untrustedCwd);
    if (root !== null) throw new PlanLintError(`Cannot write ${o.given ?? o.file}: a symbolic link on its path leads out of the repository (${root}); in untrusted mode a report named inside the repository is written inside it`);
    const refusal = await checkReportPath(o.file, force);
    if (refusal) throw new PlanLintError(refusal);
  }
}

/** A report must never replace a plan: refuse a report file that is one of the inputs, even with --force. */
export async function checkNotInputs(outputs: Output[], inputs: string[]): Promise<void> {
  for (const o of outputs) {
    if (o.file === null) continue;
    const real = await realpath(o.file).catch(() => null);
    if (!real) continue;
    for (const f of inputs) {
      if (f === o.file || (await realpath(f).catch(() => null)) === real) {
        throw new PlanLintError(`Refusing to write the report to ${o.file}: it is one of the files being linted`);
      }
    }
  }
}

/** The standard-output report's streaming form, when it has one. */
export function streamFor(outputs: Output[]): StreamingFormatter | undefined {
  const out = outputs.find((o) => o.file === null);
  return out ? streamingFormatters[out.name] : undefined;
}
