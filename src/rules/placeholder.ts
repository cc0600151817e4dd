import { ALLOW_SCHEMA, checkAllow, notAllowed } from './allow.js';
import { schemaRule, type Rule } from './types.js';
import { keepOne } from '../fix/suggest.js';

/** Options: `allow`, texts (or /regex/) that are not placeholders in this project. */
const rule: Rule = schemaRule(
  {
    id: 'placeholder',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'An unfilled template placeholder: [Text], {Text}, {{TEXT}}, YYYY-MM-DD, SPEC-XXX, X days, TODO, an unresolved choice list, an empty list item, a field still holding the template\'s value.',
    messages: {
      placeholder: 'Unfilled placeholder "{{text}}"',
      marker: 'Unresolved marker "{{text}}"',
      choice: 'Unresolved choice "{{text}}": keep one of the alternatives',
      emptyItem: 'Empty list item',
      fieldValue: 'Field "{{label}}" still has the template\'s value "{{value}}"',
      title: 'Title "{{text}}" is still the template\'s own: give the plan a title of its own',
      titleStandIn: 'Title keeps the template\'s stand-in "{{text}}": put the plan\'s own name in its place',
    },
    schema: {
      ...ALLOW_SCHEMA,
      properties: { allow: { ...ALLOW_SCHEMA.properties.allow, description: 'Texts that are not placeholders here; "/re/" for a regular expression.' } },
    },
    hasSuggestions: true,
  },
  notAllowed,
  (f, ctx) => ({ suggestions: keepOne(f, ctx) }),
);

rule.checkOptions = checkAllow;

export default rule;
