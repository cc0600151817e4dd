import { NO_OPTIONS, schemaRule } from './types.js';
import { headingFix } from '../fix/heading.js';

export default schemaRule(
  {
    id: 'heading-level',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'A template section is at the wrong heading depth.',
    messages: {
      level: 'Section "{{heading}}" is a level-{{actual}} heading; the template has it at level {{expected}} ("{{expectedHeading}}")',
    },
    schema: NO_OPTIONS,
    fixable: 'code',
  },
  null,
  (f, ctx) => ({ fix: headingFix(f, ctx) }),
);
