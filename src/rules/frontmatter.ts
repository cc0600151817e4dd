import { FRONTMATTER_NOT_MAPPING } from '../extract/document.js';
import { NO_OPTIONS, type Rule } from './types.js';

/**
 * YAML frontmatter that does not parse: one finding on the frontmatter's
 * opening line, naming the parser's reason and the line where it stopped. Its
 * keys are then unknown, not missing: the binder reports no `field` finding
 * for them.
 */
const rule: Rule = {
  meta: {
    id: 'frontmatter',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'YAML frontmatter that does not parse (or is not a mapping of keys to values).',
    messages: {
      invalid: 'Frontmatter is not valid YAML: {{reason}}{{where}}',
      notMapping: 'Frontmatter must be a mapping of keys to values (key: value lines)',
    },
    schema: NO_OPTIONS,
    checkedBy: 'code',
  },
  create(ctx) {
    const fm = ctx.doc.frontmatter;
    if (!fm?.error) return;
    if (fm.error === FRONTMATTER_NOT_MAPPING) {
      ctx.report({ messageId: 'notMapping', span: firstLine(ctx.text, fm.span) });
      return;
    }
    const where = fm.errorSpan ? ` (line ${ctx.lines.range(fm.errorSpan).line})` : '';
    ctx.report({ messageId: 'invalid', data: { reason: fm.error, where }, span: firstLine(ctx.text, fm.span) });
  },
};

/** The opening `---` line of the frontmatter. */
function firstLine(text: string, span: { start: number; end: number }): { start: number; end: number } {
  const nl = text.indexOf('\n', span.start);
  const end = nl < 0 || nl > span.end ? span.end : nl;
  return { start: span.start, end: text[end - 1] === '\r' ? end - 1 : end };
}

export default rule;
