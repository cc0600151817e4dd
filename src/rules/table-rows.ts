import { NO_OPTIONS, schemaRule } from './types.js';

export default schemaRule({
  id: 'table-rows',
  type: 'problem',
  defaultSeverity: 'error',
  description: 'A required table has no filled data rows, or has a row whose cells are all empty.',
  messages: {
    noRows: 'Table ({{columns}}) has no filled data rows',
    blankRow: 'Empty table row in table ({{columns}})',
  },
  schema: NO_OPTIONS,
});
