import { schemaRule, type Rule } from './types.js';

/** Options: `allow`, texts (or /regex/) that are not placeholders in this project. */
const rule: Rule = schemaRule(
  {
    id: 'placeholder',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'An unfilled template placeholder: [Text], {Text}, {{TEXT}}, YYYY-MM-DD, SPEC-XXX, X days, TODO, an unresolved choice list, an empty list item.',
    messages: {
      placeholder: 'Unfilled placeholder "{{text}}"',
      marker: 'Unresolved marker "{{text}}"',
      choice: 'Unresolved choice "{{text}}": keep one of the alternatives',
      emptyItem: 'Empty list item',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: { type: 'array', items: { type: 'string' }, description: 'Texts that are not placeholders here; "/re/" for a regular expression.' },
      },
    },
  },
  (f, ctx) => {
    const allow = (ctx.options['allow'] as string[] | undefined) ?? [];
    if (!allow.length) return true;
    const text = String(f.data?.['text'] ?? '');
    return !allow.some((a) => (a.length > 2 && a.startsWith('/') && a.endsWith('/') ? new RegExp(a.slice(1, -1), 'u').test(text) : a === text));
  },
);

rule.checkOptions = (options) => {
  for (const a of (options['allow'] as string[] | undefined) ?? []) {
    if (a.length > 2 && a.startsWith('/') && a.endsWith('/')) {
      try {
        new RegExp(a.slice(1, -1), 'u');
      } catch (err) {
        return `"allow": ${a} is not a valid regular expression (${(err as Error).message})`;
      }
    }
  }
  return null;
};

export default rule;
