/**
 * The Action's inputs, read as the runner passes them: `INPUT_<NAME>` with the
 * name upper-cased and spaces turned into underscores (hyphens stay), trimmed.
 */
import { readFileSync } from 'node:fs';

export class InputError extends Error {}

export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** YAML 1.2 core-schema booleans, as @actions/core getBooleanInput reads them; `fallback` for an empty input. */
export function booleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = input(env, name);
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`${name} must be true or false, not "${v}"`);
}

/** Files, folders or globs: separated by spaces or newlines; globs stay unexpanded. */
export function listInput(env: NodeJS.ProcessEnv, name: string): string[] {
  return input(env, name).split(/\s+/).filter(Boolean);
}

/**
 * Whether this run lints a stranger's pull request: a `pull_request` (or
 * `pull_request_target`) event whose head is another repository than the base
 * (a fork), or a fork that no longer exists.
 */
export function fromFork(env: NodeJS.ProcessEnv): boolean {
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  if (!event.startsWith('pull_request')) return false;
  const path = env['GITHUB_EVENT_PATH'];
  if (!path) return true;
  try {
    const payload = JSON.parse(readFileSync(path, 'utf8')) as { pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } };
    const pr = payload.pull_request;
    if (!pr) return false;
    const head = pr.head?.repo?.full_name;
    const base = pr.base?.repo?.full_name ?? env['GITHUB_REPOSITORY'];
    return !head || head !== base;
  } catch {
    // An event file we cannot read: the safe side.
    return true;
  }
}
