/**
 * What a run shares between its files, the same for the CLI and the library:
 * the config named for the run (or none), the caller's settings, the baseline,
 * and how each result is presented (baseline applied, `quiet` kept to errors).
 */
import { BaselineRun, type BaselineMode } from './baseline/run.js';
import { namedConfig } from './config/resolve.js';
import type { ConfigFile } from './config/load.js';
import type { LintOptions } from './lint.js';
import type { LintResult } from './types.js';

export interface Session {
  cwd: string;
  /** The caller's settings for every file, before each file's config (config and baseline taken out). */
  base: LintOptions;
  /** The config named for the run; undefined: each file discovers its own. */
  named: ConfigFile | null | undefined;
  baseline: BaselineRun | null;
}

/** Open a run: load the named config and the baseline (a bad one throws PlanLintError before any file). */
export async function openSession(options: LintOptions, baselineMode: BaselineMode = 'apply'): Promise<Session> {
  const cwd = options.cwd ?? process.cwd();
  const { config, baseline, ...base } = options;
  const named = await namedConfig(config, cwd);
  return { cwd, base: { ...base, cwd }, named, baseline: BaselineRun.open({ cwd, mode: baselineMode, ...(baseline !== undefined ? { location: baseline } : {}) }) };
}

/** A file's result as reported: the baseline applied, then only errors with `quiet`. `text`: the plan, when at hand. */
export function present(session: Session, result: LintResult, text?: string): LintResult {
  const r = session.baseline ? session.baseline.handle(result, text) : result;
  // A copy: the result itself may be on its way into the cache.
  return session.base.quiet ? { ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 } : r;
}
