/**
 * Which plans a run without a pool lints in a worker of its own (src/isolate.ts):
 * large ones, and those with far more lines or a far longer line than plans have.
 */
import { describe, expect, it } from 'vitest';
import { WORKER_BYTES, WORKER_LINES, WORKER_LINE_LENGTH, WORKER_MARKS_SQUARED, WORKER_PIPES, WORKER_STACKED, needsWorker } from '../src/isolate.js';
import { ROOT, read } from './helpers.js';

describe('needsWorker', () => {
  it('keeps ordinary plans on the main thread', () => {
    expect(needsWorker(read(`${ROOT}fixtures/rfc/invalid/multiple-defects.md`))).toBe(false);
    expect(needsWorker('')).toBe(false);
    expect(needsWorker('x'.repeat(WORKER_LINE_LENGTH))).toBe(false);
    expect(needsWorker('a\n'.repeat(WORKER_LINES - 1))).toBe(false);
  });

  it('sends a plan to a worker when it is large, has many lines, or a very long line', () => {
    expect(needsWorker('a'.repeat(WORKER_BYTES + 1))).toBe(true);
    expect(needsWorker('- a\n'.repeat(WORKER_LINES + 1))).toBe(true);
    expect(needsWorker(`# Plan\n\n${'x'.repeat(WORKER_LINE_LENGTH + 1)}\n`)).toBe(true);
    expect(needsWorker(`${'x'.repeat(WORKER_LINE_LENGTH + 1)}`)).toBe(true);
  });

  it('sends a plan to a worker when a block holds more inline marks than the parser matches quickly', () => {
    // Unpaired emphasis, link closers, HTML openers: quadratic in one paragraph (bench/adversarial.mjs).
    const side = Math.sqrt(WORKER_MARKS_SQUARED);
    expect(needsWorker(`# Plan\n\n${'*a_ '.repeat(side / 2 + 1)}\n`)).toBe(true);
    expect(needsWorker(`# Plan\n\n${'a]\n'.repeat(side + 1)}`)).toBe(true);
    expect(needsWorker(`# Plan\n\n${'a <!-- '.repeat(side + 1)}\n`)).toBe(true);
    expect(needsWorker(`# Plan\n\n${'a <![CDATA[ '.repeat(side / 3 + 1)}\n`)).toBe(true);
    // Four blocks of half as many marks each reach the same sum of squares; blank lines with spaces end a block.
    const half = `${'`a'.repeat(side / 2 + 1)}\n`;
    expect(needsWorker(`${half}\n${half} \t\n${half}\r\n\n${half}`)).toBe(true);
  });

  it('keeps dense but ordinary blocks on the main thread: marks count per block, squared', () => {
    const side = Math.sqrt(WORKER_MARKS_SQUARED);
    // One block just under the limit.
    expect(needsWorker(`# Plan\n\n${'*a_ '.repeat(side / 2 - 1)}\n`)).toBe(false);
    // The same marks split into blocks of 100: 2,000 / 100 blocks of 100 squared each is far below the limit.
    const block = `${'[Owner] *a* `b` '.repeat(100 / 8)}\n`;
    expect(needsWorker(`# Plan\n\n${`${block}\n`.repeat(side / 100)}`)).toBe(false);
    // A list of links and bold items, as plans have them.
    expect(needsWorker(`# Plan\n\n${'- **Owner:** [Name](https://example.com) `x`\n'.repeat(40)}`)).toBe(false);
    // Characters outside the marks (tables' pipes, quotes, entities) do not count.
    expect(needsWorker(`# Plan\n\n${'| a | b | &amp; > c |\n'.repeat(1_500)}`)).toBe(false);
  });

  it('sends a plan to a worker when lists and quotes are stacked on its lines far more than plans do', () => {
    // 21 lines of 101 stacked markers: 2,100 after each line's first.
    expect(needsWorker(`# Plan\n\n${`${'- '.repeat(101)}a\n`.repeat(WORKER_STACKED / 100 + 1)}`)).toBe(true);
    expect(needsWorker(`# Plan\n\n${`${'1. '.repeat(51)}a\n\n${'> * '.repeat(25)}+ a\n`.repeat(WORKER_STACKED / 100 + 1)}`)).toBe(true);
    // Stacked as plans stack them, on every line: one or two after the first.
    expect(needsWorker(`# Plan\n\n${'> - [ ] 1. a\n'.repeat(600)}`)).toBe(false);
    // Not markers: a dash without a space, a number without its dot, thematic breaks.
    expect(needsWorker(`# Plan\n\n${'-a -b 12 - 3\n\n***\n'.repeat(600)}`)).toBe(false);
  });

  it('sends a plan to a worker when its tables have far more cells than plans have', () => {
    const row = `${'|a'.repeat(1_000)}|\n`;
    expect(needsWorker(`# Plan\n\n${row}${'|-'.repeat(1_000)}|\n${row.repeat(WORKER_PIPES / 1_001)}`)).toBe(true);
    expect(needsWorker(`# Plan\n\n| a | b | c |\n|---|---|---|\n${'| x | y | z |\n'.repeat(1_000)}`)).toBe(false);
  });
});
