import { NO_OPTIONS, schemaRule } from './types.js';
import { columnFix, tableFix } from '../fix/table.js';

export default schemaRule(
  {
    id: 'table-columns',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'A template table lacks one of its required columns, or is missing altogether.',
    messages: {
      missingColumn: 'Table is missing required column "{{column}}" (expected columns: {{columns}})',
      missingTable: 'Section "{{heading}}" is missing its table ({{columns}})',
    },
    schema: NO_OPTIONS,
    fixable: 'code',
  },
  null,
  (f, ctx) => ({ fix: f.target?.kind === 'table' ? tableFix(f, ctx) : columnFix(f, ctx) }),
);
