import { describe, expect, it } from 'vitest';
import { headingsPass } from '../../src/schema/generate/headings.js';
import { instancesPass } from '../../src/schema/generate/instances.js';
import { stylesPass } from '../../src/schema/generate/styles.js';
import { cellAlternatives, tablesPass } from '../../src/schema/generate/tables.js';
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
});
