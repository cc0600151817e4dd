import type { LintResult } from '../types.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { summary } from './summary.js';

export interface FormatContext {
  color: boolean;
  cwd: string;
}

export type Formatter = (results: LintResult[], ctx: FormatContext) => string;

export const formatters: Record<string, Formatter> = { stylish, json, sarif, github, junit, summary };

export function getFormatter(name: string): Formatter | undefined {
  return Object.prototype.hasOwnProperty.call(formatters, name) ? formatters[name] : undefined;
}
