import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { instancesPass } from '../../src/schema/generate/instances.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { cellAlternatives, sampleColumns, tablesPass, valueHeaders } from '../../src/schema/generate/tables.js';
import { chosen } from '../../src/schema/bind.js';
import { tempDirs } from '../helpers.js';
import { lintWith as lintIn } from './helpers.js';

const temp = tempDirs()('plan-lint-tables-');
const lintWith = (template: string, plan: string): string[] => lintIn(template, plan, temp);
import { run } from './helpers.js';

type Json = Record<string, unknown>;

describe('tables pass', () => {
  it('requires the template’s columns and learns the choices of a choice column', () => {
    const ctx = run('# T\n\n## Risks\n\n| Risk | Impact |\n|---|---|\n| [Risk] | Low/Med/High |\n', [stylesPass, headingsPass, instancesPass, tablesPass]);
    const t = ctx.sections[0]?.tables[0] as Json;
    expect(t['x-table']).toEqual({ columns: ['Risk', 'Impact'] });
    const props = t['properties'] as Json;
    expect((props['columns'] as Json)['required']).toEqual(['risk', 'impact']);
    const impact = (((props['rows'] as Json)['items'] as Json)['properties'] as Json)['impact'] as Json;
    expect((impact['properties'] as Json)['choice']).toEqual({ enum: ['low', 'med', 'high'] });
  });

  it('checks a conditional section’s table only when it is the template’s', () => {
    const ctx = run('# T\n\n## Data\n\nFill ONLY if the feature stores data.\n\n| Entity | Fields |\n|---|---|\n| [Name] | [Fields] |\n', [stylesPass, headingsPass, instancesPass, tablesPass]);
    const cols = ((ctx.sections[0]?.tables[0] as Json)['properties'] as Json)['columns'] as Json;
    expect(cols['if']).toEqual({ minProperties: 1 });
  });

  it('reads alternatives from choice words and spaced slashes, not from placeholders', () => {
    expect(cellAlternatives('Yes / No')).toEqual(['Yes', 'No']);
    expect(cellAlternatives('[a] / [b]')).toBeNull();
  });

  it('binds a column the template leaves unnamed (`| | |`, `| # |`) to the plan’s column at its place', () => {
    const template = '# T\n\n| | |\n|---|---|\n| Owner | @owner |\n\n## Reqs\n\n| # | Title |\n|---|---|\n| 1 | [title] |\n';
    expect(lintWith(template, '# T\n\n| | |\n|---|---|\n| Owner | Ana |\n\n## Reqs\n\n| # | Title |\n|---|---|\n| 1 | Login |\n')).toEqual([]);
    // The plan may name it; a column the template names still has to be there.
    expect(lintWith(template, '# T\n\n| Field | Value |\n|---|---|\n| Owner | Ana |\n\n## Reqs\n\n| No. | Title |\n|---|---|\n| 1 | Login |\n')).toEqual([]);
    expect(lintWith(template, '# T\n\n| | |\n|---|---|\n| Owner | Ana |\n\n## Reqs\n\n| # | Summary |\n|---|---|\n| 1 | Login |\n')).toEqual([
      '9:1 table-columns Table is missing required column "Title" (expected columns: # | Title)',
    ]);
  });

  it('does not require columns named as numbered samples: the plan names them after its own options', () => {
    expect([...sampleColumns(['Requirement', 'Option 1', 'Option 2'])]).toEqual([1, 2]);
    expect([...sampleColumns(['Criterion', 'Vendor A', 'Vendor B', 'Notes'])]).toEqual([1, 2]);
    // One numbered header is a name, not a sample; nor are headers with different stems.
    expect([...sampleColumns(['Phase 1', 'Owner'])]).toEqual([]);
    expect([...sampleColumns(['Step 1', 'Option 2'])]).toEqual([]);
    const template = '# T\n\n## Comparison\n\n| Requirement | Option 1 | Option 2 |\n|---|---|---|\n| R1 | yes / no | yes / no |\n';
    const plan = '# T\n\n## Comparison\n\n| Requirement | Kafka | SQS |\n|---|---|---|\n| R1 | yes | no |\n';
    expect(lintWith(template, plan)).toEqual([]);
    expect(lintWith(template, '# T\n\n## Comparison\n\n| Kafka | SQS |\n|---|---|\n| yes | no |\n')).toEqual([
      '5:1 table-columns Table is missing required column "Requirement" (expected columns: Requirement | Option 1 | Option 2)',
    ]);
  });
});

describe('choice cells with a remark', () => {
  it('takes an allowed value followed by a remark set off by punctuation as that value', () => {
    expect(chosen('fail (bug-12)', ['not run', 'pass', 'fail'])).toBe('fail');
    expect(chosen('no, dashboard due friday', ['yes', 'no'])).toBe('no');
    expect(chosen('high - see r2', ['low', 'high'])).toBe('high');
    expect(chosen('not run', ['no', 'not run'])).toBe('not run');
    // A different word that starts like a choice, or a remark without punctuation, is not the choice.
    expect(chosen('nothing yet', ['no', 'yes'])).toBe('nothing yet');
    expect(chosen('high risk', ['low', 'high'])).toBe('high risk');
    expect(chosen('maybe', null)).toBe('maybe');
  });

  it('lints such a cell clean and still reports a value outside the choices', () => {
    const template = '# T\n\n## Tests\n\n| ID | Status |\n|---|---|\n| TC-1 | Not run / Pass / Fail |\n';
    expect(lintWith(template, '# T\n\n## Tests\n\n| ID | Status |\n|---|---|\n| TC-1 | Fail (BUG-12) |\n')).toEqual([]);
    expect(lintWith(template, '# T\n\n## Tests\n\n| ID | Status |\n|---|---|\n| TC-1 | Flaky |\n')).toEqual([
      '7:10 table-cell Value "Flaky" is not allowed in column "Status"; expected one of: Not run, Pass, Fail',
    ]);
  });
});

describe('tables under an instance heading', () => {
  it('checks the table of every instance when each template instance holds it', () => {
    const template = '# T\n\n## Components\n\n### Component: <name>\n\n| Threat | Mitigation |\n|---|---|\n| Spoofing | TBD |\n';
    const ok = '# T\n\n## Components\n\n### Component: API\n\n| Threat | Mitigation |\n|---|---|\n| Spoofing | JWT |\n\n### Component: DB\n\n| Threat | Mitigation |\n|---|---|\n| Spoofing | IAM |\n';
    expect(lintWith(template, ok)).toEqual([]);
    expect(lintWith(template, ok.replace('| Threat | Mitigation |\n|---|---|\n| Spoofing | IAM |', '| Threat |\n|---|\n| Spoofing |'))).toEqual([
      '13:1 table-columns Table is missing required column "Mitigation" (expected columns: Threat | Mitigation)',
    ]);
  });

  it('leaves an instance’s table alone when some template instance has none', () => {
    const template = '# T\n\n## Options\n\n### Option 1: [name]\n\n| Pro | Con |\n|---|---|\n| [pro] | [con] |\n\n### Option 2: [name]\n\n[Describe it.]\n';
    expect(lintWith(template, '# T\n\n## Options\n\n### Option 1: Kafka\n\nDurable log.\n\n### Option 2: SQS\n\nManaged.\n')).toEqual([]);
  });
});

describe('a key/value table without a header row', () => {
  it('does not take a header cell that holds a value (a stand-in or a list of choices) as a column name', () => {
    expect([...valueHeaders(['Status', '(Proposed / Accepted / Obsolete)'])]).toEqual([1]);
    expect([...valueHeaders(['Owner', '[name]', '<date>', '{team}', 'Draft / Final'])]).toEqual([1, 2, 3, 4]);
    expect([...valueHeaders(['Risk', 'Impact (1-5)', 'Owner'])]).toEqual([]);
  });

  it('takes a header cell with a web address for a value', () => {
    expect([...valueHeaders(['Discussion thread', 'here (<- link to https://lists.example.org)'])]).toEqual([1]);
    expect([...valueHeaders(['Source', 'https://example.org/spec'])]).toEqual([1]);
    expect([...valueHeaders(['Step', 'Owner', 'Link (URL)'])]).toEqual([]);
  });

  it('reads a plan table whose header row has no words by its first row', () => {
    const template = '# Title\n\n| Thread | here (<- link to https://lists.example.org) |\n|---|---|\n| Vote | here (<- link to https://lists.example.org) |\n\n## Summary\n\nOne paragraph.\n';
    expect(lintWith(template, '# Cache\n\n| | |\n|---|---|\n| Thread | https://lists.example.org/t/1 |\n| Vote | https://lists.example.org/t/2 |\n\n## Summary\n\nA cache.\n')).toEqual([]);
    expect(lintWith(template, '# Cache\n\n| Thread | https://lists.example.org/t/1 |\n|---|---|\n| Vote | https://lists.example.org/t/2 |\n\n## Summary\n\nA cache.\n')).toEqual([]);
    expect(lintWith(template, '# Cache\n\n| | |\n|---|---|\n| Topic | https://lists.example.org/t/1 |\n\n## Summary\n\nA cache.\n').map((m) => m.split(' ')[1])).toEqual(['table-columns']);
  });

  it('lints a plan that fills the first row clean, and still wants the key column', () => {
    const template = '# Title\n\n| Status | (Proposed / Accepted) |\n:--- |:--- |\n| **Owner** | My Name (me@example.org) |\n\n## Summary\n\nOne paragraph.\n';
    expect(lintWith(template, '# Cache\n\n| Status | Accepted |\n:--- |:--- |\n| **Owner** | Ann Lee (ann@example.org) |\n\n## Summary\n\nA cache.\n')).toEqual([]);
    expect(lintWith(template, '# Cache\n\n| State | Accepted |\n:--- |:--- |\n| **Owner** | Ann Lee (ann@example.org) |\n\n## Summary\n\nA cache.\n').map((m) => m.split(' ')[1])).toEqual(['table-columns']);
  });
});
