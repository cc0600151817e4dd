import { NO_OPTIONS, schemaRule } from './types.js';

export default schemaRule({
  id: 'empty-section',
  type: 'problem',
  defaultSeverity: 'error',
  description: 'A required section has no content of its own and no subsections.',
  messages: {
    empty: 'Section "{{heading}}" is empty',
  },
  schema: NO_OPTIONS,
});
