/**
 * Which plans a run without a pool lints in a worker of its own (src/isolate.ts):
 * large ones, and those with far more lines or a far longer line than plans have.
 */
import { describe, expect, it } from 'vitest';
import { WORKER_BYTES, WORKER_LINES, WORKER_LINE_LENGTH, needsWorker } from '../src/isolate.js';
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
});
