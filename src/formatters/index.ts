import type { LintResult } from '../types.js';
import { json } from './json.js';
import { stylish } from './stylish.js';

export interface FormatContext {
  color: boolean;
  cwd: string;
}

export type Formatter = (results: LintResult[], ctx: FormatContext) => string;

export const formatters: Record<string, Formatter> = { stylish, json };

export function getFormatter(name: string): Formatter | undefined {
  return Object.prototype.hasOwnProperty.call(formatters, name) ? formatters[name] : undefined;
}
