import { NO_OPTIONS, schemaRule } from './types.js';
import { fieldFix } from '../fix/field.js';
import { allowedValues } from '../fix/suggest.js';

export default schemaRule(
  {
    id: 'field',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'A metadata field (`**Status:** Draft`) is missing, empty, or not one of its allowed values (the template\'s value left in is a `placeholder` finding).',
    messages: {
      missing: 'Missing required field "{{label}}" (as in "**{{label}}:** {{example}}")',
      empty: 'Field "{{label}}" is empty',
      notAllowed: 'Field "{{label}}" has value "{{value}}"; expected one of: {{allowed}}{{suggestion}}',
      invalid: 'Field "{{label}}" {{problem}}',
    },
    schema: NO_OPTIONS,
    fixable: 'code',
    hasSuggestions: true,
  },
  null,
  (f, ctx) => ({ fix: fieldFix(f, ctx), suggestions: allowedValues(f) }),
);
