/**
 * A run's use of the baseline: apply it (the default, when the file exists),
 * write it (`--baseline-write`), prune it (`--baseline-prune`) or none
 * (`--no-baseline`). The CLI and the library go through this one path.
 */
import { resolve } from 'node:path';
import { projectRoot } from '../project-root.js';
import type { LintResult } from '../types.js';
import { BASELINE_FILE, applyBaseline, baselineKey, baselineSize, loadBaseline, pruneMissing, pruneResult, recordResult, saveBaseline, type Baseline } from './baseline.js';

export type BaselineMode = 'apply' | 'write' | 'prune';

export interface BaselineSettings {
  /** A path (relative to cwd), false for none; absent: BASELINE_FILE in cwd, when it exists. */
  location?: string | false;
  mode?: BaselineMode;
  cwd: string;
}

export class BaselineRun {
  private readonly linted = new Set<string>();
  private dropped = 0;

  private constructor(
    readonly baseline: Baseline,
    readonly mode: BaselineMode,
    private readonly shown: string,
  ) {}

  /**
   * The baseline for a run, or null when there is none to use: `location`
   * false, or the default file absent while only applying. A named file must
   * exist unless it is being written; a malformed one throws PlanLintError.
   */
  static open(s: BaselineSettings): BaselineRun | null {
    if (s.location === false) return null;
    const mode = s.mode ?? 'apply';
    const shown = s.location ?? BASELINE_FILE;
    const path = resolve(s.cwd, shown);
    // The default file is the repository's (held to its project root); a --baseline-location is the user's choice.
    const baseline = loadBaseline(path, shown, s.location !== undefined && mode !== 'write', s.location === undefined ? projectRoot(s.cwd) : null);
    // No baseline file and nothing to write: the run is as without one (no baselinedCount in the results).
    if (mode === 'apply' && !baseline.existed) return null;
    return new BaselineRun(baseline, mode, shown);
  }

  /** One file's result as reported: its findings recorded or pruned first (write, prune), then the baseline applied. */
  handle(result: LintResult, text?: string): LintResult {
    if (result.stats) this.linted.add(baselineKey(this.baseline, result.filePath));
    if (this.mode === 'write') recordResult(this.baseline, result, text);
    else if (this.mode === 'prune') this.dropped += pruneResult(this.baseline, result, text);
    return applyBaseline(this.baseline, result, text);
  }

  /** After the run: write or prune saves the file; returns the line to tell the user, if any. */
  async finish(): Promise<string | null> {
    if (this.mode === 'apply') return null;
    if (this.mode === 'prune') this.dropped += pruneMissing(this.baseline, this.linted);
    await saveBaseline(this.baseline);
    const size = baselineSize(this.baseline);
    const files = this.baseline.files.size;
    const held = `${size} finding${size === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
    return this.mode === 'write'
      ? `Wrote ${this.shown}: ${held}`
      : `Pruned ${this.shown}: ${this.dropped} fixed finding${this.dropped === 1 ? '' : 's'} removed, ${held} left`;
  }
}
