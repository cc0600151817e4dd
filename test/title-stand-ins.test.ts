/**
 * A template title's generic stand-in for the plan's name ("Template" in
 * `# CFP-003: Template`) kept in a plan's title beside the parts the plan
 * filled: `placeholder` reports it (kind `title-stand-in`), at the stand-in's
 * own words. Words of the plan's own name that happen to be the stand-in's
 * ("Template engine", "Page Title") are not.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchema, lintText } from '../src/index.js';
import { isGenericStandIn } from '../src/schema/generate/title.js';
import { keptStandIns } from '../src/schema/title-stand-ins.js';
import { tempDirs } from './helpers.js';

const mkTemp = tempDirs();
let n = 0;
function schemaOf(title: string): { file: string; heading: Record<string, unknown> } {
  const schema = generateSchema(`${title}\n\n## Goals\n\n[What it achieves]\n`, { name: `t${++n}` });
  const file = join(mkTemp('plan-lint-stand-in-'), `t${n}.schema.json`);
  writeFileSync(file, JSON.stringify(schema));
  const heading = ((schema['properties'] as Record<string, Record<string, unknown>>)['title'] as Record<string, unknown>)['x-heading'] as Record<string, unknown>;
  return { file, heading };
}
/** `line:column-endColumn message` of the findings on the plan's title line. */
const titleFindings = (file: string, title: string): string[] =>
  lintText(`${title}\n\n## Goals\n\nShip it.\n`, 'p.md', { schema: file })
    .messages.filter((m) => m.line === 1)
    .map((m) => `${m.line}:${m.column}-${m.endColumn} ${m.ruleId} ${m.message}`);

describe('generic stand-ins of a title', () => {
  it('are the parts that only stand for a name, not a name with words of its own', () => {
    for (const s of ['Template', 'Title', 'Your short, descriptive title', 'Feature name', 'Project Name', 'Short title', 'Your Proposal Title', 'Short noun phrase naming the decision', '_name of the proposal_']) {
      expect(isGenericStandIn(s), s).toBe(true);
    }
    for (const s of ['Name Resolution Design', 'Template engine redesign', 'Naming conventions', 'Implementation Plan', 'Overview']) {
      expect(isGenericStandIn(s), s).toBe(false);
    }
  });

  it('schema generate records each with the pattern of a title that keeps it, a mask filled with one token', () => {
    expect(schemaOf('# CFP-003: Template').heading['standIns']).toEqual([{ text: 'Template', pattern: '^cfp [^ ]+ template$' }]);
    expect(schemaOf('# RFC-NNNN Title').heading['standIns']).toEqual([{ text: 'Title', pattern: '^rfc [^ ]+ title$' }]);
    expect(schemaOf('# KEP-NNNN: Your short, descriptive title').heading['standIns']).toEqual([{ text: 'Your short, descriptive title', pattern: '^kep [^ ]+ your short descriptive title$' }]);
    // Beside free text, it counts only as a part of its own.
    expect(schemaOf('# Design: Title - [Subtitle]').heading['standIns']).toEqual([{ text: 'Title', pattern: '^design title .+$', alone: true }]);
    // Nothing else to fill (the whole title left is reported apart), or a name of its own: none.
    expect(schemaOf('# Title of proposal').heading['standIns']).toBeUndefined();
    expect(schemaOf('# DACI: Decision title').heading['standIns']).toBeUndefined();
    expect(schemaOf('# ADR-001: Name Resolution Design').heading['standIns']).toBeUndefined();
    expect(schemaOf('# Implementation Plan: [Feature]').heading['standIns']).toBeUndefined();
  });
});

describe('placeholder: a stand-in kept in the title', () => {
  const message = (text: string): string => `placeholder Title keeps the template's stand-in "${text}": put the plan's own name in its place`;

  it('is reported at its own words, next to a filled id', () => {
    const { file } = schemaOf('# CFP-003: Template');
    expect(titleFindings(file, '# CFP-37315: Template')).toEqual([`1:14-22 ${message('Template')}`]);
    expect(titleFindings(file, '# CFP-37315 **Template**')).toEqual([`1:15-23 ${message('Template')}`]);
    const kep = schemaOf('# KEP-NNNN: Your short, descriptive title').file;
    expect(titleFindings(kep, '# KEP-1234: Your short, descriptive title')).toEqual([`1:13-42 ${message('Your short, descriptive title')}`]);
    expect(titleFindings(schemaOf('# RFC-NNNN Title').file, '# RFC-0042 Title')).toEqual([`1:12-17 ${message('Title')}`]);
  });

  it('is not reported where the stand-in\'s words are part of the plan\'s own name', () => {
    const { file } = schemaOf('# CFP-003: Template');
    expect(titleFindings(file, '# CFP-37315: Template engine redesign')).toEqual([]);
    expect(titleFindings(file, '# CFP-37315: BGP auto-discovery')).toEqual([]);
    const rfc = schemaOf('# RFC-NNNN Title').file;
    expect(titleFindings(rfc, '# RFC-0042 Page Title')).toEqual([]);
    expect(titleFindings(rfc, '# RFC-0042 Title Case Rules')).toEqual([]);
    const sub = schemaOf('# Design: Title - [Subtitle]').file;
    expect(titleFindings(sub, '# Design: Title Case Handling - Rules')).toEqual([]);
    expect(titleFindings(sub, '# Design: Title - Rules')).toEqual([`1:11-16 ${message('Title')}`]);
    expect(titleFindings(schemaOf('# ADR-001: Name Resolution Design').file, '# ADR-007: Name Resolution Design')).toEqual([]);
  });

  it('the whole title left as the template\'s is one finding, not two', () => {
    const { file } = schemaOf('# CFP-003: Template');
    expect(titleFindings(file, '# CFP-003: Template')).toEqual(['1:1-20 placeholder Title "CFP-003: Template" is still the template\'s own: give the plan a title of its own']);
  });

  it('keptStandIns finds the occurrence the pattern needs, not an earlier one in the plan\'s own words', () => {
    const standIns = [{ text: 'Template', pattern: '^cfp [^ ]+ .+ template$' }];
    expect(keptStandIns(standIns, 'CFP-1: Template engine Template')).toEqual([{ start: 23, end: 31, text: 'Template' }]);
    expect(keptStandIns(standIns, 'CFP-1: Template engine')).toEqual([]);
    expect(keptStandIns([{ text: 'Title', pattern: '(' }], 'Title')).toEqual([]);
  });
});
