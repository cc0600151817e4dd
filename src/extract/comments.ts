/**
 * HTML comments addressed to tools, not to the reader: a plan keeps them on
 * purpose, so they are never template guidance (`guidance-comment`).
 * Linters' and formatters' switches (`<!-- markdownlint-disable MD013 -->`,
 * `<!-- prettier-ignore -->`, `<!-- vale off -->`, `<!-- textlint-disable -->`,
 * `<!-- lint disable -->`, `<!-- cspell:disable -->`), table-of-contents
 * markers (`<!-- toc -->`, `<!-- /toc -->`, `<!-- tocstop -->`, doctoc's
 * `<!-- START doctoc ... -->`, `<!-- omit in toc -->`) and generated-block
 * fences (`<!-- ALL-CONTRIBUTORS-LIST:START -->`, `<!-- BEGIN mktoc -->`).
 */
const TOOLS = '(?:markdownlint|textlint|eslint|stylelint|prettier|remark-lint|cspell|spellchecker|codespell|alex|vale|mdformat|djlint|rumdl)';
const TOOL = new RegExp(
  [
    // linters, formatters and spell checkers, with their switches
    `${TOOLS}[-:]\\S`,
    `${TOOLS}\\s+(?:off|on|disable|enable|ignore|[\\w.-]+\\s*=\\s*\\S+)\\b`,
    'lint (?:disable|enable|ignore)\\b',
    // tables of contents
    '/?toc(?:stop|-?start|-?end)?$',
    '(?:start|end) doctoc\\b',
    'doctoc\\b',
    'omit (?:in|from) toc$',
    '(?:begin|end) (?:mktoc|toc|generated|auto-?generated)\\b',
    // generated blocks fenced by markers (`ALL-CONTRIBUTORS-LIST:START`, `AUTO-GENERATED-CONTENT:END`)
    '[A-Z0-9_-]+:(?:START|END)\\b',
    // a blog excerpt break
    'more$',
  ]
    .map((p) => `^(?:${p})`)
    .join('|'),
  'i',
);

/** Whether a comment (`<!-- ... -->`, as written) is a tool directive rather than guidance. */
export function isToolDirective(comment: string): boolean {
  const inner = comment
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .trim();
  return inner !== '' && TOOL.test(inner);
}
