import { squash } from '../../extract/text.js';

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case-insensitive regex source for a literal (JSON Schema patterns take no flags). */
export function caseless(s: string): string {
  return [...s]
    .map((ch) => {
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      if (lo !== up) return `[${lo}${up}]`;
      return /\s/.test(ch) ? '\\s+' : escape(ch);
    })
    .join('')
    .replace(/(?:\\s\+)+/g, '\\s+');
}

/** The source line around `at`, squashed and cut to 120 characters. */
export function lineOf(text: string, at: number): string {
  const a = text.lastIndexOf('\n', at - 1) + 1;
  let b = text.indexOf('\n', at);
  if (b < 0) b = text.length;
  const line = squash(text.slice(a, b));
  return line.length <= 120 ? line : `${line.slice(0, 120).replace(/\s+\S*$/, '')} …`;
}
