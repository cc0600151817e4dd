import { readFile } from 'node:fs/promises';

/** A file's text, or why it cannot be linted (one line, no stack). */
export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Offset of the first byte that is not valid UTF-8. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    if (i + n >= buf.length && n > 0) return i;
    for (let k = 1; k <= n; k++) if (((buf[i + k] as number) & 0xc0) !== 0x80) return i;
    if (n > 0) {
      const b1 = buf[i + 1] as number;
      if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Decode plan bytes: UTF-8 (BOM allowed) or UTF-16 with a BOM; refuse binary and invalid UTF-8. */
export function decode(buf: Uint8Array): ReadOutcome {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  const probe = buf.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, message: 'Binary file (contains NUL bytes); not a Markdown plan' };
  try {
    return { ok: true, text: utf8.decode(buf) };
  } catch {
    return { ok: false, message: `Invalid UTF-8 at byte offset ${firstInvalidUtf8(buf)}` };
  }
}

export async function readPlan(path: string): Promise<ReadOutcome> {
  try {
    return decode(await readFile(path));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    switch (e.code) {
      case 'ENOENT':
        return { ok: false, message: 'File not found' };
      case 'EACCES':
      case 'EPERM':
        return { ok: false, message: 'Permission denied' };
      case 'EISDIR':
        return { ok: false, message: 'Is a directory' };
      default:
        return { ok: false, message: `Cannot read file (${e.code ?? e.message})` };
    }
  }
}
