import { ALLOW_SCHEMA, checkAllow, notAllowed } from './allow.js';
import { schemaRule, type Rule } from './types.js';

/** Options: `allow`, sample texts (or /regex/) this project keeps on purpose. */
const rule: Rule = schemaRule(
  {
    id: 'unchanged-template',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'A line of the template\'s sample text ("Goal 1", "Pro 1", "- [ ] Task 1", "| Library A | ^1.0.0 | Purpose |") left unchanged in the plan (an error), or its instruction prose ("Describe the tests you will add.") left in (a warning).',
    messages: {
      unchanged: 'Template sample text left unchanged: "{{text}}"',
      instruction: 'Template instructions left in the plan: "{{text}}"',
    },
    schema: {
      ...ALLOW_SCHEMA,
      properties: { allow: { ...ALLOW_SCHEMA.properties.allow, description: 'Sample texts kept on purpose here, as the message quotes them; "/re/" for a regular expression.' } },
    },
  },
  notAllowed,
);

rule.checkOptions = checkAllow;

export default rule;
