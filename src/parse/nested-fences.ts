import type { Code, Root } from 'mdast';

/**
 * Nested code fences, as authors (and LLM-written plans) write them: a
 * ```` ```markdown ```` block that embeds a Markdown template which itself
 * holds ```` ```bash ```` ... ```` ``` ```` blocks with fences of the same
 * length. CommonMark closes the outer block at the first inner bare fence, so
 * the rest of the embedded template becomes prose (its placeholders and
 * headings count as the plan's own) and the outer closing fence opens a new
 * block that swallows the rest of the document.
 *
 * The rule, applied after a standard parse: inside a fenced code block at the
 * top level of the document, an inner opening fence *with an info string*
 * (which CommonMark can never read as a closing fence) starts a nested level,
 * and the next bare fence of the same character, at least as long, closes
 * that level rather than the outer block. The outer block ends at the first
 * bare fence met with no nested level open. When that balanced end exists and
 * lies beyond CommonMark's own end, the whole region is one code block for
 * plan-lint: no placeholders, headings or guidance comments from inside it.
 * When it does not exist (an inner level is never closed, or the document
 * ends first), CommonMark's reading stands.
 *
 * Positions stay exact: the inner fences of the region are rewritten with the
 * other fence character (same length, so every offset holds), the text is
 * parsed again, and the code blocks' values are restored from the original
 * text. This costs a second parse, and only for documents where a top-level
 * code block holds an opening fence with an info string.
 */

/** A fence line: up to three spaces, a run of three or more backticks or tildes, then the info string. */
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** Cheap trigger: a code block's value holds a line that opens a fence with an info string. */
const INNER_OPENING = /^ {0,3}(?:`{3,}[ \t]*[^\s`][^`\n]*|~{3,}[ \t]*\S.*)$/m;

interface Fence {
  char: string;
  length: number;
  /** Has an info string: it can only open a block. */
  info: boolean;
}

function fenceOf(line: string): Fence | null {
  const m = FENCE.exec(line);
  if (!m) return null;
  const run = m[2] as string;
  const rest = (m[3] as string).trim();
  const char = run[0] as string;
  // A backtick fence whose info string holds a backtick is not a fence at all.
  if (char === '`' && rest.includes('`')) return null;
  return { char, length: run.length, info: rest !== '' };
}

/** Source lines with their start offsets (any of CRLF, LF, CR ends a line). */
function splitLines(text: string): { starts: number[]; lines: string[] } {
  const starts: number[] = [];
  const lines: string[] = [];
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    starts.push(m.index);
    lines.push(m[0].replace(/[\r\n]+$/, ''));
    if (re.lastIndex >= text.length) break;
  }
  return { starts, lines };
}

export interface NestedRegion {
  /** 0-based line of the outer opening fence. */
  open: number;
  /** 0-based line of the balanced closing fence. */
  close: number;
  /** 0-based lines of the inner fences of the outer character (rewritten for the parse). */
  inner: number[];
}

/**
 * The balanced region of an outer fence opening at line `open`, or null when
 * CommonMark's reading stands (no inner level before the first bare fence, or
 * no balanced end).
 */
export function balancedRegion(lines: readonly string[], open: number): NestedRegion | null {
  const outer = fenceOf(lines[open] ?? '');
  if (!outer) return null;
  const stack: Fence[] = [];
  const inner: number[] = [];
  let nested = false;
  for (let i = open + 1; i < lines.length; i++) {
    const f = fenceOf(lines[i] as string);
    if (!f) continue;
    if (f.info) {
      stack.push(f);
      nested = true;
    } else if (stack.length) {
      const top = stack[stack.length - 1] as Fence;
      if (f.char === top.char && f.length >= top.length) stack.pop();
    } else if (f.char === outer.char && f.length >= outer.length) {
      return nested ? { open, close: i, inner } : null;
    }
    // Inside the region, every fence of the outer character is content (CommonMark might close on it).
    if (f.char === outer.char) inner.push(i);
  }
  return null;
}

const OTHER: Record<string, string> = { '`': '~', '~': '`' };

/** Rewrite the fence runs of `lines` (0-based) with the other fence character; lengths stay. */
function rewrite(text: string, starts: readonly number[], lines: readonly string[], at: readonly number[]): string {
  const chars = text.split('');
  for (const l of at) {
    const line = lines[l] as string;
    const m = FENCE.exec(line);
    if (!m) continue;
    const from = (starts[l] as number) + (m[1] as string).length;
    const to = from + (m[2] as string).length;
    for (let i = from; i < to; i++) chars[i] = OTHER[chars[i] as string] ?? (chars[i] as string);
  }
  return chars.join('');
}

/**
 * Re-read the nested fences of a parsed document (see above). `parse` is the
 * standard parser; it runs again only when a region needs it. Returns the
 * tree to use (the given one when nothing changes).
 */
export function nestFences(text: string, tree: Root, parse: (text: string) => Root): Root {
  if (!tree.children.some((n) => n.type === 'code' && INNER_OPENING.test(n.value))) return tree;
  const { starts, lines } = splitLines(text);
  const rewritten: number[] = [];
  let current = tree;
  let source = text;
  let after = -1;
  // One region per round: the blocks after a region are only known once it is read as one block.
  for (let round = 0; round < 64; round++) {
    let region: NestedRegion | null = null;
    for (const n of current.children) {
      if (n.type !== 'code' || !n.position) continue;
      const open = n.position.start.line - 1;
      if (open <= after) continue;
      if (!INNER_OPENING.test(n.value)) continue;
      const r = balancedRegion(lines, open);
      if (r && r.close > n.position.end.line - 1) {
        region = r;
        break;
      }
    }
    if (!region) break;
    rewritten.push(...region.inner);
    source = rewrite(text, starts, lines, rewritten);
    current = parse(source);
    after = region.close;
  }
  if (current === tree) return tree;
  restoreValues(current, text, source);
  return current;
}

/** Put the original fence characters back into the values of the code blocks the rewrite touched. */
function restoreValues(tree: Root, text: string, source: string): void {
  const visit = (node: Root | Root['children'][number]): void => {
    if (node.type === 'code') {
      restore(node, text, source);
      return;
    }
    if ('children' in node) for (const c of node.children) visit(c);
  };
  visit(tree);
}

function restore(node: Code, text: string, source: string): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  if (text.slice(start, end) === source.slice(start, end)) return;
  // The value is the region's content lines, each with at most the opening fence's indentation removed:
  // a value line is a suffix of its rewritten source line, and the original line has the same length.
  const { lines: orig } = splitLines(text.slice(start, end));
  const { lines: now } = splitLines(source.slice(start, end));
  const values = node.value.split('\n');
  for (let v = 0; v < values.length; v++) {
    const o = orig[v + 1];
    const s = now[v + 1];
    const value = values[v] as string;
    if (o === undefined || s === undefined || o === s || !s.endsWith(value)) continue;
    values[v] = o.slice(s.length - value.length);
  }
  node.value = values.join('\n');
}
