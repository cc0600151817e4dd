/**
 * The one escaping helper for everything plan-lint prints: report lines of
 * every formatter (file names, messages, quoted plan text, schema and rule
 * names) and every error line on stderr. File names, configs and plans may
 * come from a stranger's pull request; what they hold must not become a
 * terminal sequence (ESC, CSI), a second line (LF, CR, U+2028), a GitHub
 * workflow command (`::error ...` at a line start: CI logs read stdout and
 * stderr line by line; the runner's older `##[error]...` form and Azure
 * Pipelines' `##vso[...]` anywhere in a line) or reordered text
 * (bidirectional overrides).
 *
 * Formatters call `escapeText` on each value they print; a value that starts
 * a line of output goes through `escapeLine` (which also defuses a leading
 * `::`). JSON output is escaped by `escapeJson`, which keeps the data: the
 * result parses to the same values. Other formats (XML, Markdown, workflow
 * commands) escape their own syntax after this.
 */

/**
 * C0 controls (tab excepted), DEL, C1 controls (U+009B is a CSI on some
 * terminals), line and paragraph separators, bidirectional embeddings,
 * overrides and isolates, and lone surrogates.
 */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What the caller keeps as it is (github's workflow commands escape CR and LF their own way). */
const CONTROL_BUT_NEWLINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The older GitHub workflow command syntax, `##[command props]data`: the runner
 * (ActionCommand.TryParse) looks for `##[` anywhere in a line, not only at its
 * start; Azure Pipelines reads `##vso[...]` the same way. The second `#` is
 * written out, so that neither prefix remains.
 */
const LEGACY_COMMAND = /##(?=\[|vso\[)/gi;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `s` with every control character (see CONTROL) written out visibly: a
 * newline as `\n`, ESC as `\x1b`, U+202E as `\u202e`. Printable text, tabs
 * and backslashes are unchanged. With `keepNewlines`, CR and LF are left to
 * the caller's own escaping.
 */
export function escapeText(s: string, opts: { keepNewlines?: boolean } = {}): string {
  return s.replace(opts.keepNewlines ? CONTROL_BUT_NEWLINES : CONTROL, visible).replace(LEGACY_COMMAND, '#\\x23');
}

/** `##[` and `##vso[` (see LEGACY_COMMAND) with the second `#` as `ref('#')`: for formats that keep the data through references. */
export function defuseLegacyCommands(s: string, ref: (c: string) => string): string {
  return s.replace(LEGACY_COMMAND, `#${ref('#')}`);
}

/**
 * escapeText for a value that begins a line of output: a leading `::` (a
 * workflow command; the runner skips leading white space) becomes `\x3a:`.
 */
export function escapeLine(s: string): string {
  const t = escapeText(s);
  const m = /^\s*::/.exec(t);
  return m ? `${t.slice(0, m[0].length - 2)}\\x3a${t.slice(m[0].length - 1)}` : t;
}

/**
 * Characters that JSON.stringify leaves raw and XML allows, which a terminal
 * or a log viewer would act on: formats whose syntax has character
 * references write these as references (the data is kept).
 */
export const RAW_CONTROL = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const jsonRef = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Serialized JSON with RAW_CONTROL characters as `\uXXXX` escapes, and `##[` /
 * `##vso[` as `#\u0023[` (a `#` occurs only inside JSON strings): the same
 * data, nothing a terminal or a CI log acts on.
 */
export function escapeJson(json: string): string {
  return defuseLegacyCommands(json.replace(RAW_CONTROL, jsonRef), jsonRef);
}

/** An error message for one line of stderr (after `plan-lint: `): escaped whole, so that it stays one line. */
export function errorLine(message: string): string {
  return escapeText(message);
}
