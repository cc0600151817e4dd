/**
 * The baseline (`.plan-lint-baseline.json`): the findings a repository had
 * when it adopted plan-lint, so that later runs report only new ones, like
 * ESLint's bulk suppressions. Per file (a path relative to the baseline's
 * folder, with `/`), per rule, per fingerprint (src/baseline/fingerprint.ts)
 * a count: a file keeps its baselined findings hidden while it has at most
 * that many with the fingerprint; with more, all of them are reported.
 *
 * The file is repository data: it is read as JSON and checked, never run;
 * its paths are only compared with the linted files' paths, never opened;
 * a malformed one is one clear error. It is written atomically.
 */
import { existsSync } from 'node:fs';
import { readProjectFile } from '../project-root.js';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { readPlanSync } from '../read.js';
import { PlanLintError, jsonProblem } from '../schema/registry.js';
import type { Diagnostic, LintResult } from '../types.js';
import { writeAtomic } from '../write.js';
import { fingerprintAll } from './fingerprint.js';

export const BASELINE_FILE = '.plan-lint-baseline.json';
const VERSION = 1;
/** A baseline larger than this is refused rather than read (it is repository data). */
const MAX_BYTES = 64 * 1024 * 1024;

export interface BaselineEntry {
  count: number;
  /** For people reading the file (a review of the baseline): what was found, and where. */
  message: string;
  section: string;
}

/** file -> rule -> fingerprint -> entry. Maps, so that no name in the file can reach an object's prototype. */
type Files = Map<string, Map<string, Map<string, BaselineEntry>>>;

export interface Baseline {
  /** Absolute path of the baseline file. */
  path: string;
  /** Its folder: the files' paths are relative to it. */
  dir: string;
  files: Files;
  /** Whether the file was there when the run began. */
  existed: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function invalid(shown: string, why: string): PlanLintError {
  return new PlanLintError(`${shown}: not a valid plan-lint baseline (${why}); write a new one with --baseline-write`);
}

/** Check a parsed baseline file and turn it into maps. */
function fromJson(data: unknown, shown: string): Files {
  if (!isObject(data)) throw invalid(shown, 'the file must hold a JSON object');
  if (data['version'] !== VERSION) throw invalid(shown, `"version" must be ${VERSION}`);
  for (const key of Object.keys(data)) if (key !== 'version' && key !== 'files') throw invalid(shown, `unknown key "${key}"`);
  const files = data['files'];
  if (!isObject(files)) throw invalid(shown, '"files" must be an object');
  const out: Files = new Map();
  for (const [file, rules] of Object.entries(files)) {
    if (!isObject(rules)) throw invalid(shown, `files[${JSON.stringify(file)}] must be an object of rules`);
    const byRule = new Map<string, Map<string, BaselineEntry>>();
    for (const [rule, prints] of Object.entries(rules)) {
      const at = `files[${JSON.stringify(file)}][${JSON.stringify(rule)}]`;
      if (!isObject(prints)) throw invalid(shown, `${at} must be an object of fingerprints`);
      const byPrint = new Map<string, BaselineEntry>();
      for (const [print, e] of Object.entries(prints)) {
        if (!/^[0-9a-f]{16}$/.test(print)) throw invalid(shown, `${at}: "${print.slice(0, 40)}" is not a fingerprint`);
        if (!isObject(e) || !Number.isSafeInteger(e['count']) || (e['count'] as number) < 1) throw invalid(shown, `${at}[${JSON.stringify(print)}]: "count" must be a whole number above 0`);
        if (Object.keys(e).some((k) => k !== 'count' && k !== 'message' && k !== 'section')) throw invalid(shown, `${at}[${JSON.stringify(print)}]: unknown key`);
        byPrint.set(print, { count: e['count'] as number, message: typeof e['message'] === 'string' ? e['message'] : '', section: typeof e['section'] === 'string' ? e['section'] : '' });
      }
      if (byPrint.size) byRule.set(rule, byPrint);
    }
    if (byRule.size) out.set(file, byRule);
  }
  return out;
}

/**
 * Read a baseline. A missing file is an empty baseline when `mustExist` is
 * false (the default location), an error otherwise; an unreadable, oversized
 * or malformed one is always an error (PlanLintError: exit 2 in the CLI).
 */
export function loadBaseline(path: string, shown: string, mustExist: boolean, root: string | null = null): Baseline {
  const abs = resolve(path);
  const empty: Baseline = { path: abs, dir: dirname(abs), files: new Map(), existed: false };
  let text: string;
  try {
    // `root`: the default file is repository data, read only inside the project root (a committed
    // link to a file elsewhere is refused, its content never quoted); a regular file of bounded size.
    text = readProjectFile(abs, { root, what: 'Baseline file', shown, max: MAX_BYTES }).toString('utf8');
  } catch (err) {
    if (err instanceof PlanLintError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return empty;
    throw new PlanLintError((err as NodeJS.ErrnoException).code === 'ENOENT' ? `Baseline file not found: ${shown}` : `Cannot read baseline file ${shown}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw invalid(shown, `invalid JSON: ${jsonProblem(err, text.replace(/^\uFEFF/, ''))}`);
  }
  return { ...empty, files: fromJson(data, shown), existed: true };
}

/** A linted file's key in the baseline: its path relative to the baseline's folder, with `/`. */
export function baselineKey(b: Baseline, file: string): string {
  return relative(b.dir, resolve(file)).split(sep).join('/');
}

/** The text the findings were made on, for their sections; null when it cannot be read now. */
function textOf(file: string): string | null {
  const read = readPlanSync(file, { maxBytes: 0 });
  return read.ok ? read.text : null;
}

/** Findings of a result grouped by rule and fingerprint. */
function groups(result: LintResult, text: string): Map<string, Map<string, { messages: Diagnostic[]; message: string; section: string }>> {
  const out = new Map<string, Map<string, { messages: Diagnostic[]; message: string; section: string }>>();
  for (const f of fingerprintAll(result.messages, text)) {
    let byPrint = out.get(f.ruleId);
    if (!byPrint) out.set(f.ruleId, (byPrint = new Map()));
    const g = byPrint.get(f.fingerprint);
    if (g) g.messages.push(f.message);
    else byPrint.set(f.fingerprint, { messages: [f.message], message: f.message.message, section: f.section });
  }
  return out;
}

/**
 * A result without its baselined findings, with `baselinedCount` saying how
 * many were left out. `text` is the plan's text when the caller has it
 * (standard input); otherwise the file is read again, only when the baseline
 * has entries for it.
 */
export function applyBaseline(b: Baseline, result: LintResult, text?: string): LintResult {
  const known = b.files.get(baselineKey(b, result.filePath));
  if (!known || !result.messages.some((m) => m.ruleId !== null)) return { ...result, baselinedCount: 0 };
  const t = text ?? textOf(result.filePath);
  if (t === null) return { ...result, baselinedCount: 0 };
  const hidden = new Set<Diagnostic>();
  for (const [rule, byPrint] of groups(result, t)) {
    for (const [print, g] of byPrint) {
      const entry = known.get(rule)?.get(print);
      // As ESLint's bulk suppressions: more findings than were baselined shows them all.
      if (entry && g.messages.length <= entry.count) g.messages.forEach((m) => hidden.add(m));
    }
  }
  const messages = result.messages.filter((m) => !hidden.has(m));
  return {
    ...result,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    baselinedCount: hidden.size,
  };
}

/** Whether a result comes from linting the file (fatal results and ignored files have no stats). */
const linted = (r: LintResult): boolean => r.fatalErrorCount === 0 && r.stats !== undefined;

/** `--baseline-write`: the file's entries become its findings now (other files' entries stay). */
export function recordResult(b: Baseline, result: LintResult, text?: string): void {
  // A file that was not linted (fatal, or named but ignored by the config) keeps what it had.
  if (!linted(result)) return;
  const key = baselineKey(b, result.filePath);
  const t = result.messages.some((m) => m.ruleId !== null) ? text ?? textOf(result.filePath) : '';
  if (t === null) return;
  const byRule = new Map<string, Map<string, BaselineEntry>>();
  for (const [rule, byPrint] of groups(result, t)) {
    const entries = new Map<string, BaselineEntry>();
    for (const [print, g] of byPrint) entries.set(print, { count: g.messages.length, message: g.message, section: g.section });
    byRule.set(rule, entries);
  }
  if (byRule.size) b.files.set(key, byRule);
  else b.files.delete(key);
}

/**
 * `--baseline-prune`: the file's entries keep only findings it still has (a
 * count never grows). Returns how many baselined findings were dropped.
 */
export function pruneResult(b: Baseline, result: LintResult, text?: string): number {
  if (!linted(result)) return 0;
  const key = baselineKey(b, result.filePath);
  const known = b.files.get(key);
  if (!known) return 0;
  const t = result.messages.some((m) => m.ruleId !== null) ? text ?? textOf(result.filePath) : '';
  if (t === null) return 0;
  const now = groups(result, t);
  let dropped = 0;
  for (const [rule, byPrint] of known) {
    for (const [print, e] of byPrint) {
      const still = Math.min(e.count, now.get(rule)?.get(print)?.messages.length ?? 0);
      dropped += e.count - still;
      if (still) e.count = still;
      else byPrint.delete(print);
    }
    if (!byPrint.size) known.delete(rule);
  }
  if (!known.size) b.files.delete(key);
  return dropped;
}

/**
 * `--baseline-prune`, for files the run did not lint: entries of files that
 * no longer exist are dropped. Only paths inside the baseline's folder are
 * looked at; others are left as they are.
 */
export function pruneMissing(b: Baseline, linted: Set<string>): number {
  let dropped = 0;
  for (const [key, byRule] of b.files) {
    if (linted.has(key) || isAbsolute(key) || key.split('/').includes('..') || key.includes('\0')) continue;
    if (existsSync(resolve(b.dir, key))) continue;
    for (const byPrint of byRule.values()) for (const e of byPrint.values()) dropped += e.count;
    b.files.delete(key);
  }
  return dropped;
}

/** How many findings a baseline holds. */
export function baselineSize(b: Baseline): number {
  let n = 0;
  for (const byRule of b.files.values()) for (const byPrint of byRule.values()) for (const e of byPrint.values()) n += e.count;
  return n;
}

/** The baseline as JSON text: keys sorted, so that it diffs well in review. */
export function baselineText(b: Baseline): string {
  const sorted = <T>(m: Map<string, T>): [string, T][] => [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  // Objects without a prototype: any name, `__proto__` too, is a plain key.
  const obj = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
  const files = obj<Record<string, Record<string, BaselineEntry>>>();
  for (const [file, byRule] of sorted(b.files)) {
    const rules = obj<Record<string, BaselineEntry>>();
    for (const [rule, byPrint] of sorted(byRule)) {
      const prints = obj<BaselineEntry>();
      for (const [print, e] of sorted(byPrint)) prints[print] = { count: e.count, message: e.message, section: e.section };
      rules[rule] = prints;
    }
    files[file] = rules;
  }
  return `${JSON.stringify({ version: VERSION, files }, null, 2)}\n`;
}

/** Write the baseline in one step (a temporary file renamed into place), making its folder when missing. */
export async function saveBaseline(b: Baseline): Promise<void> {
  await mkdir(b.dir, { recursive: true }).catch(() => undefined);
  await writeAtomic(b.path, baselineText(b), true);
}
