import { NO_OPTIONS, schemaRule } from './types.js';

export default schemaRule({
  id: 'table-columns',
  type: 'problem',
  defaultSeverity: 'error',
  description: 'A template table lacks one of its required columns, or is missing altogether.',
  messages: {
    missingColumn: 'Table is missing required column "{{column}}" (expected columns: {{columns}})',
    missingTable: 'Section "{{heading}}" is missing its table ({{columns}})',
  },
  schema: NO_OPTIONS,
});
