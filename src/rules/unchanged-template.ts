import { NO_OPTIONS, schemaRule } from './types.js';

export default schemaRule({
  id: 'unchanged-template',
  type: 'problem',
  defaultSeverity: 'error',
  description: 'A line of the template\'s sample text ("Goal 1", "Pro 1", "- [ ] Task 1", "| Library A | ^1.0.0 | Purpose |") left unchanged in the plan.',
  messages: {
    unchanged: 'Template sample text left unchanged: "{{text}}"',
  },
  schema: NO_OPTIONS,
});
