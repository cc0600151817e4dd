import { NO_OPTIONS, schemaRule } from './types.js';
import { removeComment } from '../fix/suggest.js';

export default schemaRule(
  {
    id: 'guidance-comment',
    type: 'suggestion',
    defaultSeverity: 'warn',
    description: 'A template guidance comment (`<!-- ... -->`) is left in the plan.',
    messages: {
      comment: 'Template guidance comment left in the plan: "{{text}}"',
    },
    schema: NO_OPTIONS,
    hasSuggestions: true,
  },
  null,
  (f, ctx) => ({ suggestions: removeComment(f, ctx) }),
);
