/**
 * docs/configuration.md and docs/schemas.md are tested: every example marked
 * with an HTML comment `<!-- test: ... -->` is real.
 *
 *   <!-- test: dir -->                  start a fresh directory (shown as /repo in the docs)
 *   <!-- test: file PATH -->            write the next fenced block to PATH
 *   <!-- test: schema PATH -->          write it, and compile it with compileTemplate (a complete template schema)
 *   <!-- test: config [NAME] [exit=N] --> fresh directory holding plan.md (fixtures/rfc/valid/complete.md);
 *                                       write the next block as NAME (default .plan-lintrc.json); unless a
 *                                       `run` follows, `plan-lint plan.md` must exit N (default 0; those that
 *                                       must exit 0 are checked together, in one run of the built binary)
 *   <!-- test: copy SRC DEST -->        copy a repository file (or `schemas.md#NAME`, a file the schema docs define)
 *   <!-- test: run [exit=A,B] -->       the next block is `$ command` lines, each followed by its exact output
 *                                       (stdout then stderr); commands: plan-lint, node, cp
 *   <!-- test: expect PATH[#/pointer] --> the next block equals that file (JSON: deep-equal, optionally a part of it;
 *                                       pointer segments are URI-encoded)
 *   <!-- test: bound SCHEMA PLAN -->    the next block is the bound plan (what ajv validates) of PLAN under SCHEMA
 *   <!-- test: replace-section PATH HEADING -->  replace the section headed HEADING in PATH (up to the next heading
 *                                       of its level or above) with the next block
 *
 * Every directory holds node_modules/plan-lint (a link to this repository), so
 * `"$schema": "./node_modules/plan-lint/schemas/config.schema.json"` and
 * `node_modules/plan-lint/schemas/rfc.schema.json` resolve as in a project.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { extract } from '../src/extract/document.js';
import { parseMarkdown } from '../src/parse/parse.js';
import { bind } from '../src/schema/bind.js';
import { compileTemplate } from '../src/schema/registry.js';
import { BIN, ROOT, cli } from './helpers.js';

interface Block {
  lang: string;
  body: string;
}

interface Step {
  kind: string;
  args: string[];
  /** 1-based line of the directive in the doc. */
  line: number;
  block: Block | null;
}

const TAKES_BLOCK = new Set(['file', 'schema', 'config', 'run', 'expect', 'bound', 'replace-section']);

/** The `<!-- test: ... -->` directives of a doc, each with the fenced block after it. Fence-aware. */
function parseSteps(source: string): Step[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const steps: Step[] = [];
  let want: Step | null = null;
  let fence: { marker: string; lang: string; body: string[] } | null = null;
  lines.forEach((line, i) => {
    if (fence) {
      if (line.startsWith(fence.marker) && line.slice(fence.marker.length).trim() === '') {
        if (want) {
          want.block = { lang: fence.lang, body: `${fence.body.join('\n')}\n` };
          want = null;
        }
        fence = null;
      } else {
        fence.body.push(line);
      }
      return;
    }
    const open = /^(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (open) {
      fence = { marker: open[1] as string, lang: open[2] ?? '', body: [] };
      return;
    }
    const d = /^<!--\s*test:\s*(\S+)(.*?)-->\s*$/.exec(line);
    if (!d) return;
    if (want) throw new Error(`line ${want.line}: "${want.kind}" has no fenced block before the next directive`);
    const step: Step = { kind: d[1] as string, args: (d[2] ?? '').trim().split(/\s+/).filter(Boolean), line: i + 1, block: null };
    steps.push(step);
    if (TAKES_BLOCK.has(step.kind)) want = step;
  });
  if (want) throw new Error(`line ${(want as Step).line}: no fenced block after the directive`);
  return steps;
}

const DOCS = join(ROOT, 'docs');
const docs = {
  'configuration.md': parseSteps(readFileSync(join(DOCS, 'configuration.md'), 'utf8')),
  'schemas.md': parseSteps(readFileSync(join(DOCS, 'schemas.md'), 'utf8')),
};

/** Files the schema docs define, by base name: configs may use them. */
const schemaDocFiles = new Map<string, string>();
for (const s of docs['schemas.md']) {
  if ((s.kind === 'file' || s.kind === 'schema') && s.block) schemaDocFiles.set(s.args[0]?.split('/').pop() ?? '', s.block.body);
}

const option = (args: string[], name: string): string | undefined => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);

/** Text as shown in the docs: the temp directory is /repo, trailing spaces and edge blank lines dropped. */
function shown(text: string, dir: string): string {
  let t = text;
  for (const d of [realpathSync(dir), dir]) t = t.split(d).join('/repo');
  const lines = t.split('\n').map((l) => l.trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-lint-docs-'));
  made.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'plan-lint'), 'dir');
  return dir;
}

function write(dir: string, path: string, body: string): string {
  const abs = join(dir, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, body);
  return abs;
}

/** Run a command of a doc example (asynchronously, so that groups run side by side). */
async function exec(cmd: string[], dir: string): Promise<{ status: number | null; out: string }> {
  const [tool, ...args] = cmd;
  if (tool === 'cp' && args.length === 2) {
    copyFileSync(join(dir, args[0] as string), join(dir, args[1] as string));
    return { status: 0, out: '' };
  }
  if (tool !== 'plan-lint' && tool !== 'node') throw new Error(`unsupported command in a doc example: ${cmd.join(' ')}`);
  // The same process as cli() in helpers.ts: the built binary, no colour.
  const argv = tool === 'plan-lint' ? [BIN, ...args] : args;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, argv, { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('error', fail);
    child.on('close', (status) => done({ status, out: stdout + stderr }));
  });
}

/** A config's schema files that are not there yet: the schema docs' files of the same name. */
function provideSchemas(dir: string, name: string, body: string): void {
  if (!name.endsWith('.json')) return;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return; // a config shown for its parse error
  }
  const cfg = (name.endsWith('package.json') ? json['plan-lint'] : json) as
    | { schema?: string; schemas?: Record<string, string>; overrides?: { schema?: string }[] }
    | undefined;
  if (!cfg) return;
  const paths = [cfg.schema, ...Object.values(cfg.schemas ?? {}), ...(cfg.overrides ?? []).map((o) => o.schema)];
  for (const p of paths) {
    if (!p || !/[\\/.]/.test(p) || existsSync(join(dir, p))) continue;
    const text = schemaDocFiles.get(p.split('/').pop() ?? '');
    if (!text) throw new Error(`config refers to ${p}, which docs/schemas.md does not define`);
    write(dir, p, text);
  }
}

/** Steps in groups: each `dir` or `config` starts a new directory. */
function groups(steps: Step[]): Step[][] {
  const out: Step[][] = [];
  for (const s of steps) {
    if (s.kind === 'dir' || s.kind === 'config' || !out.length) out.push([]);
    (out[out.length - 1] as Step[]).push(s);
  }
  return out;
}

/** A group that only writes a config (and files): checked in one batch, see below. */
const configOnly = (g: Step[]): boolean => g[0]?.kind === 'config' && !g.some((s) => s.kind === 'run') && Number(option(g[0].args, 'exit') ?? 0) === 0;

/** Prepare a config's directory: plan.md (a complete RFC plan), the config, the schemas it names. */
function writeConfig(dir: string, s: Step): void {
  const name = s.args.find((a) => !a.includes('=')) ?? '.plan-lintrc.json';
  const body = s.block?.body ?? '';
  copyFileSync(join(ROOT, 'fixtures/rfc/valid/complete.md'), join(dir, 'plan.md'));
  write(dir, name, body);
  provideSchemas(dir, name, body);
}

async function runGroup(doc: string, steps: Step[], expect: ExpectStatic): Promise<void> {
  const dir = freshDir();
  const where = (s: Step): string => `docs/${doc}:${s.line} (${s.kind} ${s.args.join(' ')})`;
  let pendingConfig: { step: Step; exit: number } | null = null;
  for (const s of steps) {
    const body = s.block?.body ?? '';
    switch (s.kind) {
      case 'dir':
        break;
      case 'config':
        writeConfig(dir, s);
        pendingConfig = { step: s, exit: Number(option(s.args, 'exit') ?? 0) };
        break;
      case 'file':
        write(dir, s.args[0] as string, body);
        break;
      case 'schema': {
        const path = write(dir, s.args[0] as string, body);
        let json: unknown;
        expect(() => (json = JSON.parse(body)), `${where(s)}: JSON`).not.toThrow();
        expect(() => compileTemplate(json, s.args[0] as string, pathToFileURL(path).href), where(s)).not.toThrow();
        break;
      }
      case 'copy': {
        const [src, dest] = s.args as [string, string];
        const fromDocs = /^schemas\.md#(.+)$/.exec(src);
        const text = fromDocs ? schemaDocFiles.get(fromDocs[1] as string) : readFileSync(join(ROOT, src), 'utf8');
        if (text === undefined) throw new Error(`${where(s)}: docs/schemas.md defines no ${src}`);
        write(dir, dest, text);
        break;
      }
      case 'run': {
        pendingConfig = null;
        const exits = (option(s.args, 'exit') ?? '').split(',').filter(Boolean).map(Number);
        const commands: { cmd: string; expected: string[] }[] = [];
        for (const line of body.split('\n')) {
          if (line.startsWith('$ ')) commands.push({ cmd: line.slice(2), expected: [] });
          else if (commands.length) commands[commands.length - 1]?.expected.push(line);
          else if (line.trim()) throw new Error(`${where(s)}: output before the first "$ " command`);
        }
        for (const [n, c] of commands.entries()) {
          const r = await exec(c.cmd.trim().split(/\s+/), dir);
          const label = `${where(s)}: $ ${c.cmd}`;
          expect(r.status, `${label}\n${r.out}`).toBe(exits[n] ?? 0);
          expect(shown(r.out, dir), label).toBe(shown(c.expected.join('\n'), dir));
        }
        break;
      }
      case 'expect': {
        const [path, pointer] = (s.args[0] as string).split('#') as [string, string | undefined];
        const actual = readFileSync(join(dir, path), 'utf8');
        if (path.endsWith('.json')) {
          let value: unknown = JSON.parse(actual);
          for (const seg of (pointer ?? '').split('/').slice(1)) {
            value = (value as Record<string, unknown>)[decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~')];
          }
          expect(value, where(s)).toEqual(JSON.parse(body));
        } else {
          expect(shown(actual, dir), where(s)).toBe(shown(body, dir));
        }
        break;
      }
      case 'bound': {
        const [schemaPath, planPath] = s.args as [string, string];
        const template = compileTemplate(JSON.parse(readFileSync(join(dir, schemaPath), 'utf8')), schemaPath, pathToFileURL(join(dir, schemaPath)).href);
        const src = parseMarkdown(readFileSync(join(dir, planPath), 'utf8'));
        const { instance } = bind(extract(src), template.model, src.lines.lineSpan(1));
        expect(JSON.parse(JSON.stringify(instance)), where(s)).toEqual(JSON.parse(body));
        break;
      }
      case 'replace-section': {
        const [path, ...words] = s.args as [string, ...string[]];
        const heading = words.join(' ');
        const lines = readFileSync(join(dir, path), 'utf8').split('\n');
        const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.replace(/^#+\s*/, '').trim() === heading);
        if (start < 0) throw new Error(`${where(s)}: no heading "${heading}" in ${path}`);
        const depth = (/^#+/.exec(lines[start] as string) as RegExpExecArray)[0].length;
        let end = lines.findIndex((l, n) => n > start && /^#{1,6}\s/.test(l) && (/^#+/.exec(l) as RegExpExecArray)[0].length <= depth);
        if (end < 0) end = lines.length;
        lines.splice(start, end - start, ...body.split('\n'));
        writeFileSync(join(dir, path), lines.join('\n'));
        break;
      }
      default:
        throw new Error(`${where(s)}: unknown test directive "${s.kind}"`);
    }
  }
  if (pendingConfig) {
    // A config shown with an exit code but no output.
    const r = await exec(['plan-lint', 'plan.md'], dir);
    expect(r.status, `${where(pendingConfig.step)}: plan-lint plan.md\n${r.out}`).toBe(pendingConfig.exit);
  }
}

for (const [doc, steps] of Object.entries(docs)) {
  describe(`docs/${doc}`, () => {
    it('has tested examples', () => {
      expect(steps.length).toBeGreaterThan(5);
    });
    const all = groups(steps);
    for (const g of all.filter((x) => !configOnly(x))) {
      it.concurrent(`examples from line ${(g[0] as Step).line}`, ({ expect }) => runGroup(doc, g, expect));
    }
    const configs = all.filter(configOnly);
    if (configs.length) {
      it('every config example is accepted: plan-lint plan.md exits 0 with each', () => {
        // One run of the built binary over all of them: each plan.md finds its own config.
        const dirs = configs.map((g) => {
          const dir = freshDir();
          for (const s of g) {
            if (s.kind === 'config') writeConfig(dir, s);
            else if (s.kind === 'file') write(dir, s.args[0] as string, s.block?.body ?? '');
            else if (s.kind === 'copy') write(dir, s.args[1] as string, readFileSync(join(ROOT, s.args[0] as string), 'utf8'));
            else throw new Error(`docs/${doc}:${s.line}: "${s.kind}" in a config-only group`);
          }
          return { dir, line: (g[0] as Step).line };
        });
        const r = cli(['-f', 'json', ...dirs.map((d) => join(d.dir, 'plan.md'))]);
        const culprit = dirs.find((d) => r.stderr.includes(d.dir));
        expect(r.status, culprit ? `docs/${doc}:${culprit.line}: ${r.stderr}` : r.stderr).toBe(0);
        const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; fatalErrorCount: number }[];
        expect(results).toHaveLength(dirs.length);
        for (const d of dirs) {
          const res = results.find((x) => x.filePath === join(d.dir, 'plan.md'));
          expect(res && res.errorCount + res.fatalErrorCount, `docs/${doc}:${d.line}`).toBe(0);
        }
      });
    }
  });
}

describe('docs/schemas.md schemas', () => {
  it('marks its complete schemas, each compiled by its example group', () => {
    expect(docs['schemas.md'].filter((s) => s.kind === 'schema').length).toBeGreaterThanOrEqual(2);
  });
});
