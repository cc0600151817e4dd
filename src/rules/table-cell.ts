import { NO_OPTIONS, schemaRule } from './types.js';
import { allowedValues } from '../fix/suggest.js';

export default schemaRule(
  {
    id: 'table-cell',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'A cell of a template table is empty, or holds a value outside the column\'s allowed values.',
    messages: {
      empty: 'Empty cell in column "{{column}}"',
      notAllowed: 'Value "{{value}}" is not allowed in column "{{column}}"; expected one of: {{allowed}}{{suggestion}}',
      invalid: 'Cell in column "{{column}}" {{problem}}',
    },
    schema: NO_OPTIONS,
    hasSuggestions: true,
  },
  null,
  (f) => ({ suggestions: allowedValues(f) }),
);
