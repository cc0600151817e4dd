/**
 * micromark is pinned (package.json "overrides") to 4.0.2 with
 * micromark-core-commonmark 2.0.3: 4.0.3 / 2.0.4 rebuild the whole event list
 * each time a container (a list, a block quote) closes (micromark-util-edit-map's
 * consume), so a plan of many lists between paragraphs parses in quadratic time
 * (4,000 one-item lists, ~90 KB: ~19 s of CPU against ~2 s). README, "The
 * micromark pin", says when to lift it; this test fails when it is lifted, or
 * changed, without that being decided here.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, read } from './helpers.js';

const PINNED = { micromark: '4.0.2', 'micromark-core-commonmark': '2.0.3' };

/** The folder of package `name` as Node finds it from `dir` (node_modules folders upwards; package exports do not matter). */
function packageDir(name: string, dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) throw new Error(`${name} is not installed (looked from ${dir})`);
  }
}

const version = (dir: string): string => (JSON.parse(read(join(dir, 'package.json'))) as { version: string }).version;

describe('the micromark pin', () => {
  it('package.json pins micromark and micromark-core-commonmark with overrides', () => {
    const pkg = JSON.parse(read(`${ROOT}package.json`)) as { overrides?: Record<string, string> };
    expect(pkg.overrides).toMatchObject(PINNED);
  });

  it('the parser plan-lint runs uses the pinned versions', () => {
    // src/parse/parse.ts -> remark-parse -> mdast-util-from-markdown -> micromark -> micromark-core-commonmark
    const mdast = packageDir('mdast-util-from-markdown', packageDir('remark-parse', ROOT));
    const micromark = packageDir('micromark', mdast);
    expect(version(micromark)).toBe(PINNED.micromark);
    expect(version(packageDir('micromark-core-commonmark', micromark))).toBe(PINNED['micromark-core-commonmark']);
    // GFM's footnote extension has its own dependency on the core constructs.
    const footnote = packageDir('micromark-extension-gfm-footnote', ROOT);
    expect(version(packageDir('micromark-core-commonmark', footnote))).toBe(PINNED['micromark-core-commonmark']);
  });

  it('README says when to lift the pin', () => {
    expect(read(`${ROOT}README.md`)).toMatch(/### The micromark pin[\s\S]*lift the pin/i);
  });
});
