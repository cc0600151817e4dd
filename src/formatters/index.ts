import type { LintResult } from '../types.js';
import { compact, compactStream } from './compact.js';
import { github, githubStream } from './github.js';
import { json, jsonStream } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish, stylishStream } from './stylish.js';
import { summary } from './summary.js';

export interface FormatContext {
  color: boolean;
  cwd: string;
}

export type Formatter = (results: LintResult[], ctx: FormatContext) => string;

/**
 * A format that can be written a file at a time, in input order, while the
 * run goes on: open() + file() for each result + close(all results) gives
 * exactly what the batch formatter gives. Formats that need the whole run
 * first (sarif, junit, summary) have none.
 */
export interface StreamingFormatter {
  open(ctx: FormatContext): string;
  file(result: LintResult, ctx: FormatContext, index: number): string;
  close(results: LintResult[], ctx: FormatContext): string;
}

export const formatters: Record<string, Formatter> = { stylish, compact, json, sarif, github, junit, summary };

export const streamingFormatters: Record<string, StreamingFormatter> = { stylish: stylishStream, compact: compactStream, json: jsonStream, github: githubStream };

export function getFormatter(name: string): Formatter | undefined {
  return Object.prototype.hasOwnProperty.call(formatters, name) ? formatters[name] : undefined;
}
