import { NO_OPTIONS, schemaRule } from './types.js';

export default schemaRule({
  id: 'guidance-comment',
  type: 'suggestion',
  defaultSeverity: 'warn',
  description: 'A template guidance comment (`<!-- ... -->`) is left in the plan.',
  messages: {
    comment: 'Template guidance comment left in the plan: "{{text}}"',
  },
  schema: NO_OPTIONS,
});
