import { NO_OPTIONS, schemaRule } from './types.js';
import { sectionFix } from '../fix/section.js';
import { titleFix } from '../fix/title.js';
import { titleWordsFix } from '../fix/title-words.js';

export default schemaRule(
  {
    id: 'required-section',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'A heading the template requires is missing (or the title does not follow the template).',
    messages: {
      missing: 'Missing required section "{{heading}}"{{hint}}',
      missingInstance: 'Missing required section "{{heading}}" (at least one section like it){{hint}}',
      missingTitle: 'Missing title "{{heading}}"',
      titleMismatch: 'Title "{{actual}}" does not follow the template title "{{heading}}"',
      noValue: 'Heading "{{heading}}" has no value; the template\'s is "{{expected}}"',
      invalid: 'Section "{{heading}}" {{problem}}',
    },
    schema: NO_OPTIONS,
    fixable: 'code',
    hasSuggestions: true,
  },
  null,
  (f, ctx) => (f.messageId === 'titleMismatch' ? titleWordsFix(f, ctx) : { fix: f.target?.kind === 'title' ? titleFix(f, ctx) : sectionFix(f, ctx) }),
);
