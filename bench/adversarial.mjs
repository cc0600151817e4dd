/**
 * node bench/adversarial.mjs [NAME...]: the lint cost of plans shaped to be
 * slow, each just under the main-thread caps of src/isolate.ts (64 KB, 2,000
 * lines, 10,000 characters a line), so that a run without a pool
 * (`--concurrency off`, `--stdin`, a few files) would lint them on the main
 * thread, outside `--max-file-time`, unless needsWorker routes them to the
 * worker.
 *
 * The shapes: the pathological inputs of cmark's and commonmark.js's test
 * suites (nested and unclosed brackets, unclosed emphasis, `a_` runs, deep
 * block quotes and lists, link reference definitions, backtick runs of every
 * length, wide and long tables, unclosed HTML comments and CDATA, entities,
 * `~1 ~2 ...`), GFM's (autolinks, footnotes, task lists) and the shapes our
 * own extractors may find hard (placeholders, fields, choice lists, nested
 * fences, comments, headings).
 *
 * Each shape is linted once in a child process of its own (CPU seconds of
 * lintText with the rfc schema; with ADV_DETECT=1 also with auto-detection), with a time limit
 * (ADV_LIMIT seconds, default 60). Prints a Markdown table; the column
 * "routed" says whether needsWorker sends the shape to the worker (then its
 * cost is bounded by --max-file-time), "routed by the caps alone" whether the
 * size, line and line-length caps alone did. No timing goes into the test suite.
 * Run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const BYTES = 64 * 1024;
const LINES = 2_000;
const LINE = 10_000;

/** Repeats `unit` (a string, or a function of the index) while the text stays within the caps. */
function fill(unit, { head = '# Plan\n\n', tail = '' } = {}) {
  let text = head;
  let lines = text.split('\n').length - 1;
  for (let i = 0; ; i++) {
    const u = typeof unit === 'function' ? unit(i) : unit;
    const ul = u.split('\n').length - 1;
    if (Buffer.byteLength(text + u + tail) > BYTES || lines + ul + (tail.split('\n').length - 1) >= LINES) break;
    text += u;
    lines += ul;
  }
  return text + tail;
}

/** One paragraph per line-length budget: `piece` repeated to just under 10,000 characters, then a line break. */
const longLines = (piece, sep = '\n') => fill(piece.repeat(Math.floor((LINE - 1) / piece.length)) + sep);
/** One paragraph of many short lines (a paragraph may hold up to the 2,000-line cap). */
const paragraph = (piece) => fill((i) => (typeof piece === 'function' ? piece(i) : piece) + '\n');

const SHAPES = {
  // cmark / commonmark.js pathological tests
  'nested brackets [[[ (unclosed)': () => longLines('['),
  'link openers [a (no closers)': () => longLines('[a '),
  'link closers a] (no openers)': () => longLines('a] '),
  'brackets [ (]( ': () => longLines('[ (]( '),
  'unclosed emphasis *a **a': () => longLines('*a **a '),
  'mismatched *a_ ': () => longLines('*a_ '),
  'a_ runs': () => longLines('a_'),
  'a** b* (multiples of 3)': () => longLines('a**b c* '),
  'link openers + emphasis closers [ a_': () => longLines('[ a_'),
  'hard link/emph **x [**y': () => longLines('**x [**y '),
  'unclosed links [a](<b': () => longLines('[a](<b '),
  'unclosed links [a](b': () => longLines('[a](b '),
  'unclosed link title [a](b "': () => longLines('[a](b "c '),
  'backtick runs of every length': () => fill((i) => `e${'`'.repeat((i % 150) + 1)}\n`),
  'backtick runs on one line': () => {
    let s = '';
    for (let i = 1; s.length + i + 1 < LINE; i++) s += `e${'`'.repeat(i)}`;
    return fill(`${s}\n\n`);
  },
  'unclosed <!-- ': () => longLines('a <!-- '),
  'unclosed <![CDATA[ ': () => longLines('a <![CDATA[ '),
  'unclosed <? and <!X': () => longLines('a <? <!X '),
  'unclosed autolinks <a: <a': () => longLines('<a: <a '),
  'entity runs &amp;': () => longLines('&amp;'),
  'numeric entities &#9999999;': () => longLines('&#9999999; '),
  'long fake entity &aaaa': () => longLines('&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
  'strikethrough ~1 ~2': () => fill((i) => `~${i} `),
  'strikethrough ~~ runs': () => longLines('~~a '),
  'backslashes \\\\\\': () => longLines('\\'),
  'block quotes 100 deep': () => fill(`${'> '.repeat(100)}a\n`),
  'block quotes 1..100 deep': () => fill((i) => `${'> '.repeat((i % 100) + 1)}a\n`),
  'lists 100 deep (by indentation)': () => fill((i) => `${'  '.repeat(i % 100)}- a\n`),
  'lists 100 deep on one line': () => fill(`${'- '.repeat(100)}a\n`),
  'one-character list items': () => paragraph('- a'),
  'ordered list items': () => fill((i) => `${i + 1}. a\n`),
  'task list items': () => fill('- [ ] a\n'),
  'lazy continuation in quotes': () => fill('> a\nb\n'),
  'setext headings a / -': () => fill('a\n-\n'),
  'setext headings a / =': () => fill('a\n=\n'),
  'ATX headings': () => fill((i) => `## Heading ${i}\n`),
  'ATX headings of the template (rfc)': () => fill((i) => ['## Problem Statement\n', '## Goals\n', '## Proposal\n', '## Alternatives Considered\n'][i % 4]),
  'thematic breaks': () => fill('***\n'),
  'link reference definitions': () => fill((i) => `[a${i}]: /u${i}\n`),
  'reference definitions + uses': () => fill((i) => (i % 2 ? `[a${i - 1}] ` : `[a${i}]: /u\n`)),
  'same reference label many times': () => fill('[a]: /u\n'),
  'unfinished reference definitions [a]:': () => fill('[a]:\n'),
  'footnotes': () => fill((i) => `[^${i}]: a [^${i}]\n`),
  'table with many columns': () => {
    const cols = Math.floor((LINE - 2) / 2);
    const row = `${'|a'.repeat(cols)}|\n`;
    const sep = `${'|-'.repeat(cols)}|\n`;
    return fill(row, { head: `# Plan\n\n${row}${sep}` });
  },
  'table with many rows': () => fill('| a | b |\n', { head: '# Plan\n\n| x | y |\n|---|---|\n' }),
  'tables, many small': () => fill('| a |\n|---|\n| b |\n\n'),
  'table-like pipes without a table': () => longLines('|'),
  'fenced code blocks': () => fill('```\na\n```\n'),
  'unclosed fence at the top': () => fill('a\n', { head: '# Plan\n\n```\n' }),
  'nested fences ```` ``` ': () => fill('````\n```\na\n```\n````\n'),
  'fences of every length': () => fill((i) => `${'`'.repeat((i % 200) + 3)}\n`),
  'indented code': () => fill('    a\n'),
  'HTML blocks': () => fill('<div>\na\n</div>\n\n'),
  'HTML comments': () => fill('<!-- a -->\n'),
  'plan-lint disable comments': () => fill((i) => (i % 2 ? '<!-- plan-lint-enable -->\n' : '<!-- plan-lint-disable -->\n')),
  'GFM autolink literals www.': () => longLines('www.a.b '),
  'GFM autolink ((( http://a(((': () => longLines('http://a((((( '),
  'GFM email autolinks': () => longLines('a@b.c '),
  'GFM autolink _ in domain': () => longLines('www._a_.b '),
  'inline nesting 100 deep, repeated': () => fill(`${'*a '.repeat(100)}b${' c*'.repeat(100)}\n\n`),
  'images 100 deep, repeated': () => fill(`${'!['.repeat(100)}a${'](b)'.repeat(100)}\n\n`),
  // our own extractors
  'placeholders [Owner] on long lines': () => longLines('see [Owner] '),
  'placeholders {{x}} on long lines': () => longLines('{{x}} '),
  'placeholders <Owner> on long lines': () => longLines('<Owner> '),
  'placeholders TBD / TODO / XXX': () => longLines('TBD TODO XXX '),
  'placeholders [Owner] per line': () => fill('[Owner]\n'),
  'unclosed placeholder brackets {{': () => longLines('{{a '),
  'choice lists a / b / c': () => longLines('a / '),
  'choice lists [a | b | c]': () => longLines('[a | b | '),
  'fields **Owner:** x': () => fill('**Owner:** x\n'),
  'fields Owner: x': () => fill((i) => `Owner${i}: x\n`),
  'field-like bold runs **a** **b**': () => longLines('**a:** '),
  'sections with tables': () => fill('## Goals\n\n| a | b |\n|---|---|\n| [x] | y |\n\n'),
  'headings with placeholders': () => fill('## [Feature Name]\n'),
  'checkboxes [ ] in paragraphs': () => longLines('[ ] '),
  'front matter, long': () => `---\n${'a: b\n'.repeat(1900)}---\n\n# Plan\n`,
  'mixed dense plan': () =>
    fill((i) => ['## Goals\n', '- [ ] [Owner] *a **a [a\n', '| [x] | {{y}} | a_ |\n', '> > a `b\n', 'a\n-\n', '[a]: /u\n', 'TBD <!-- \n'][i % 7]),
};

const args = process.argv.slice(2);
if (args[0] === '--one') {
  // Child: one shape, one mode; prints CPU ms and the outcome as JSON.
  const [, name, mode] = args;
  const { lintText } = await import(`${root}dist/index.js`);
  const { needsWorker } = await import(`${root}dist/isolate.js`);
  const text = SHAPES[name]();
  const routed = needsWorker(text);
  const c0 = process.cpuUsage();
  const r = lintText(text, 'plan.md', mode === 'rfc' ? { schema: 'rfc' } : {});
  const c = process.cpuUsage(c0);
  const lines = text.split('\n');
  const fatal = r.messages.find((m) => m.fatal)?.message;
  console.log(JSON.stringify({ ms: (c.user + c.system) / 1000, routed, bytes: Buffer.byteLength(text), lines: lines.length, longest: Math.max(...lines.map((l) => l.length)), fatal: fatal ?? null, messages: r.messages.length }));
  process.exit(0);
}

const LIMIT = Number(process.env.ADV_LIMIT ?? 60);
const { needsWorker } = await import(`${root}dist/isolate.js`);
const names = args.length ? Object.keys(SHAPES).filter((n) => args.some((a) => n.includes(a))) : Object.keys(SHAPES);
console.log(`| shape | size | lines | longest line | routed by the caps alone | routed now | rfc (s) | auto-detect (s) | outcome |`);
console.log(`|---|---|---|---|---|---|---|---|---|`);
for (const name of names) {
  const row = {};
  for (const mode of process.env.ADV_DETECT ? ['rfc', 'detect'] : ['rfc']) {
    if (mode === 'detect' && row.rfc.ms === Infinity) { row.detect = row.rfc; continue; }
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', name, mode], { encoding: 'utf8', timeout: LIMIT * 1000, maxBuffer: 1 << 26 });
    if (r.error || r.status !== 0) row[mode] = { ms: r.error ? Infinity : NaN, err: r.error ? 'timeout' : (r.stderr.trim().split('\n').find((l) => /Error|error/.test(l)) ?? `exit ${r.status}`) };
    else row[mode] = JSON.parse(r.stdout.trim().split('\n').pop());
  }
  const text = SHAPES[name]();
  const all = text.split('\n');
  const info = { bytes: Buffer.byteLength(text), lines: all.length, longest: Math.max(...all.map((l) => l.length)), routed: needsWorker(text) };
  // The routing before the inline-mark count: size, lines and line length only.
  const caps = text.length > BYTES || all.length > LINES || info.longest > LINE;
  const s = (x) => x === undefined ? '-' : (x.ms === Infinity ? `> ${LIMIT}` : Number.isNaN(x.ms) ? 'crash' : (x.ms / 1000).toFixed(2));
  const outcome = [row.rfc.fatal ? `fatal: ${row.rfc.fatal.slice(0, 60)}` : row.rfc.err ?? `${row.rfc.messages} findings`].join('');
  console.log(`| ${name.replace(/\|/g, '\\|')} | ${info.bytes ?? '?'} | ${info.lines ?? '?'} | ${info.longest ?? '?'} | ${caps ? 'yes' : 'no'} | ${info.routed ? 'yes' : 'no'} | ${s(row.rfc)} | ${s(row.detect)} | ${outcome.replace(/\|/g, '\\|')} |`);
}
