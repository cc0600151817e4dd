import { RAW_CONTROL, defuseLegacyCommands } from '../escape.js';
import type { Diagnostic, LintResult } from '../types.js';
import { displayPath } from './github.js';
import type { FormatContext } from './index.js';

/** Code points XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF): replaced by U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const TEXT_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;', '\n': '&#10;' };
/** As references, so that the data is kept: characters a terminal acts on (src/escape.ts). */
const ref = (c: string): string => `&#x${c.charCodeAt(0).toString(16)};`;
const ATTR_ESC: Record<string, string> = { ...TEXT_ESC, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;' };

/**
 * Character data: safe for any string; CR and LF as references (a parser
 * gives them back, and no raw line of the XML can start a workflow command).
 */
export function xmlText(s: string): string {
  return defuseLegacyCommands(s.replace(NOT_XML, '\uFFFD').replace(/[&<>\r\n]/g, (c) => TEXT_ESC[c] ?? c).replace(RAW_CONTROL, ref), ref);
}

/** A double-quoted attribute value; tab, LF and CR as references so attribute normalization keeps them. */
export function xmlAttr(s: string): string {
  return defuseLegacyCommands(s.replace(NOT_XML, '\uFFFD').replace(/[&<>\r"'\t\n]/g, (c) => ATTR_ESC[c] ?? c).replace(RAW_CONTROL, ref), ref);
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

function testcase(m: Diagnostic, file: string): string {
  const fatal = m.fatal === true || m.ruleId === null;
  const rule = m.ruleId ?? 'plan-lint';
  const sev = fatal ? 'fatal' : m.severity === 2 ? 'error' : 'warning';
  const head = attrs({ classname: rule, name: `${m.line}:${m.column} ${m.message.replace(/\s+/g, ' ')}`, file });
  const tag = fatal ? 'error' : 'failure';
  const detail = `${file}:${m.line}:${m.column}: ${sev}: ${m.message}${fatal ? '' : ` (${rule})`}`;
  return `    <testcase${head}>\n      <${tag}${attrs({ message: m.message, type: fatal ? 'fatal' : rule })}>${xmlText(detail)}</${tag}>\n    </testcase>\n`;
}

/** JUnit XML: a <testsuite> per plan, a failing <testcase> per diagnostic, one passing case for a clean plan. */
export function junit(results: LintResult[], ctx: FormatContext): string {
  let body = '';
  const total = { tests: 0, failures: 0, errors: 0 };
  for (const r of results) {
    const file = displayPath(r.filePath, ctx.cwd);
    if (r.skipped) {
      // Not a plan: a skipped case, with the reason.
      body += `  <testsuite${attrs({ name: file, tests: 1, failures: 0, errors: 0, skipped: 1 })}>\n`;
      body += `    <testcase${attrs({ classname: 'plan-lint', name: 'plan-lint', file })}>\n      <skipped${attrs({ message: r.skipped })}/>\n    </testcase>\n  </testsuite>\n`;
      total.tests += 1;
      continue;
    }
    const errors = r.messages.filter((m) => m.fatal === true || m.ruleId === null).length;
    const tests = Math.max(r.messages.length, 1);
    const failures = r.messages.length - errors;
    total.tests += tests;
    total.failures += failures;
    total.errors += errors;
    body += `  <testsuite${attrs({ name: file, tests, failures, errors, skipped: 0 })}>\n`;
    body += r.messages.length
      ? r.messages.map((m) => testcase(m, file)).join('')
      : `    <testcase${attrs({ classname: 'plan-lint', name: 'plan-lint', file })}/>\n`;
    body += '  </testsuite>\n';
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'plan-lint', ...total })}>\n${body}</testsuites>\n`;
}
