/**
 * `plan-lint init` on repositories: it finds the templates, maps the
 * documents written from each to it (by score, and by folder convention),
 * writes a config that routes them, and `plan-lint .` then lints every
 * document against its own template and skips what is not a plan.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globsFor } from '../src/init/globs.js';
import { picomatch } from '../src/lazy.js';
import { ROOT, SHARED, cli, read, tempDirs } from './helpers.js';
import { PRESET_NAMES } from '../src/schema/builtins.js';
import { presetFiles, type PresetOverride } from '../src/schema/presets.js';

const mkTemp = tempDirs();
const CORPUS = `${SHARED}corpus/`;
const hasCorpus = existsSync(`${CORPUS}SOURCES.tsv`);

interface Res {
  filePath: string;
  schema: string | null;
  skipped?: string;
  fatalErrorCount: number;
}

function put(dir: string, rel: string, text: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

const TEMPLATE = ['# Design: [Title]', '', '**Status:** Draft', '', '## Context', '', '[Why]', '', '## Decision', '', '[What]', '', '## Consequences', '', '[Then]', ''].join('\n');
const doc = (title: string, sections = ['Context', 'Decision', 'Consequences']): string =>
  [`# Design: ${title}`, '', '**Status:** Accepted', '', ...sections.flatMap((s) => [`## ${s}`, '', `${title}: ${s.toLowerCase()}.`, ''])].join('\n');

describe('init', () => {
  it('maps documents to the repository template, writes globs by folder convention, and plan-lint . follows them', () => {
    const dir = mkTemp('pl-init-');
    put(dir, 'docs/design/TEMPLATE.md', TEMPLATE);
    put(dir, 'docs/design/0001-cache.md', doc('Cache'));
    put(dir, 'docs/design/0002-queue.md', doc('Queue'));
    // Drifted from the template (none of its sections), but beside it: mapped by folder.
    put(dir, 'docs/design/0003-drift.md', '# Drift notes\n\n## Background\n\nWe wrote this one freely.\n');
    put(dir, 'README.md', '# My project\n\nHello.\n');
    const r = cli(['init'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Template docs/design/TEMPLATE.md -> schema "design"');
    expect(r.stdout).toMatch(/docs\/design\/0001-cache\.md +100%/);
    expect(r.stdout).toMatch(/docs\/design\/0003-drift\.md +\d+% \(by folder: below the detection threshold\)/);
    expect(r.stdout).toContain('routed by: docs/design/*.md');
    expect(r.stdout).toMatch(/Left unmapped \(1: .*\):\n {2}README\.md {2}\(closest: /);
    const cfg = JSON.parse(read(join(dir, '.plan-lintrc.json')));
    expect(cfg.schemas).toEqual({ design: 'docs/design/TEMPLATE.md' });
    expect(cfg.overrides).toEqual([{ files: 'docs/design/*.md', schema: 'design' }]);
    expect(cfg.ignores).toContain('docs/design/TEMPLATE.md');

    const lint = cli(['-f', 'json', '.'], { cwd: dir });
    const res = JSON.parse(lint.stdout) as (Res & { messages: { ruleId: string }[] })[];
    const by = Object.fromEntries(res.map((x) => [x.filePath.slice(dir.length + 1), x]));
    expect(Object.keys(by).sort()).toEqual(['README.md', 'docs/design/0001-cache.md', 'docs/design/0002-queue.md', 'docs/design/0003-drift.md']);
    expect(by['docs/design/0001-cache.md']).toMatchObject({ schema: 'design', messages: [] });
    expect(by['docs/design/0003-drift.md']?.schema).toBe('design');
    expect(by['docs/design/0003-drift.md']?.messages.map((m) => m.ruleId)).toContain('required-section');
    expect(by['README.md']?.skipped).toMatch(/^fits no template/);
    expect(lint.status).toBe(1);
  });

  it('never overwrites a config (any of the names plan-lint reads); --dry-run prints; --force replaces', () => {
    const dir = mkTemp('pl-init-');
    put(dir, 'templates/rfc-template.md', TEMPLATE);
    put(dir, 'rfcs/one.md', doc('One'));
    put(dir, '.plan-lintrc.yaml', 'rules: {}\n');
    const refused = cli(['init'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('plan-lint: Refusing to overwrite .plan-lintrc.yaml: a config exists already (--force replaces it; --dry-run prints what init would write)\n');
    expect(existsSync(join(dir, '.plan-lintrc.json'))).toBe(false);
    const dry = cli(['init', '--dry-run'], { cwd: dir });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--dry-run: would write');
    expect(dry.stdout).toContain('"rfc": "templates/rfc-template.md"');
    expect(existsSync(join(dir, '.plan-lintrc.json'))).toBe(false);
    expect(read(join(dir, '.plan-lintrc.yaml'))).toBe('rules: {}\n');

    const other = mkTemp('pl-init-');
    put(other, 'templates/rfc-template.md', TEMPLATE);
    put(other, 'rfcs/one.md', doc('One'));
    put(other, '.plan-lintrc.json', '{}\n');
    expect(cli(['init'], { cwd: other }).status).toBe(2);
    expect(read(join(other, '.plan-lintrc.json'))).toBe('{}\n');
    expect(cli(['init', '--force'], { cwd: other }).status).toBe(0);
    expect(JSON.parse(read(join(other, '.plan-lintrc.json'))).overrides).toEqual([{ files: 'rfcs/one.md', schema: 'rfc' }]);
  });

  it('learns a folder from the documents that fit: a drifted document among them goes to their template, not to a preset', () => {
    const dir = mkTemp('pl-init-');
    put(dir, 'guidelines/design_template.md', TEMPLATE);
    put(dir, 'designs/cache/cache.md', doc('Cache'));
    put(dir, 'designs/queue/queue.md', doc('Queue'));
    // Drifted below the detection threshold, in the folder of the documents that fit, far from the template.
    put(dir, 'designs/drift/drift.md', '# Drift notes\n\n## Background\n\nWe wrote this one freely.\n');
    // Outside that folder: still no one's.
    put(dir, 'notes/other.md', '# Other notes\n\n## Background\n\nNot a design.\n');
    const r = cli(['init', '--dry-run'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const schema = /Template guidelines\/design_template\.md -> schema "([^"]+)"/.exec(r.stdout)?.[1];
    expect(schema).toBeTruthy();
    expect(r.stdout).toMatch(/designs\/cache\/cache\.md +100%/);
    expect(r.stdout).toMatch(/designs\/drift\/drift\.md +\d+% \(by folder: below the detection threshold\)/);
    expect(r.stdout).toMatch(/Left unmapped \(\d+: .*\):\n(?: {2}.*\n)*? {2}notes\/other\.md {2}\(closest: /);
  });

  it('makes globs from the folder convention, and lists files when a glob would catch another file', () => {
    const pm = picomatch();
    expect(globsFor(['specs/001-a/plan.md', 'specs/002-b/plan.md'], ['specs/001-a/spec.md'], pm)).toEqual(['specs/*/plan.md']);
    expect(globsFor(['p/KEEP-0013-a.md', 'p/KEEP-0020-b.md'], ['p/README.md'], pm)).toEqual(['p/KEEP-*.md']);
    expect(globsFor(['a/CFP-1-x.md', 'b/CFP-2-y.md'], [], pm)).toEqual(['*/CFP-*.md']);
    expect(globsFor(['d/0029-x.md', 'd/0038-y.md'], ['d/notes.md'], pm)).toEqual(['d/0029-x.md', 'd/0038-y.md']);
    expect(globsFor(['one.md'], [], pm)).toEqual(['one.md']);
  });
});

/** SOURCES.tsv: corpus file -> repository and path. */
function sources(): { file: string; repo: string; path: string }[] {
  const [head, ...rows] = readFileSync(`${CORPUS}SOURCES.tsv`, 'utf8').trim().split('\n');
  const cols = (head as string).split('\t');
  return rows.map((r) => {
    const c = r.split('\t');
    return { file: c[cols.indexOf('file')] as string, repo: c[cols.indexOf('repo')] as string, path: c[cols.indexOf('path')] as string };
  });
}

/** A family laid out as its repository: its template and documents at their original paths. */
function layout(repo: string): { dir: string; docs: string[] } {
  const dir = mkTemp('pl-family-');
  mkdirSync(join(dir, '.git'));
  const files = sources().filter((s) => s.repo === repo);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    copyFileSync(`${CORPUS}${f.file}`, join(dir, f.path));
  }
  return { dir, docs: files.filter((f) => f.file.startsWith('real-plans/')).map((f) => f.path).sort() };
}

// Families whose template is in the corpus (ten of them, of different styles).
const FAMILIES = ['kubernetes/enhancements', 'golang/proposal', 'cilium/design-cfps', 'Kotlin/KEEP', 'tektoncd/community', 'openshift/enhancements', 'ethereum/ERCs', 'surt91/exposure', 'flutter/flutter', 'ALLiDoizCode/Permaweb-MCP'];

describe.skipIf(!hasCorpus)('init on real repositories (../shared/corpus laid out at the original paths)', () => {
  it.each(FAMILIES)('%s: init, then plan-lint . lints every document against its own template, with no fatal', (repo) => {
    const { dir, docs } = layout(repo);
    const init = cli(['init'], { cwd: dir });
    expect(init.status, init.stderr).toBe(0);
    const cfg = JSON.parse(read(join(dir, '.plan-lintrc.json'))) as { schemas: Record<string, string> };
    const names = Object.keys(cfg.schemas);
    expect(names).toHaveLength(1);
    const lint = cli(['-f', 'json', '.'], { cwd: dir });
    expect([0, 1]).toContain(lint.status);
    const results = JSON.parse(lint.stdout) as Res[];
    const linted = results.filter((r) => !r.skipped).map((r) => r.filePath.slice(dir.length + 1)).sort();
    expect(linted).toEqual(docs);
    // Linted against the repository's template (the generated schema's name), never a preset or a built-in.
    const own = new Set(results.filter((r) => !r.skipped).map((r) => r.schema));
    expect(own.size).toBe(1);
    expect(results.every((r) => r.fatalErrorCount === 0)).toBe(true);
  });
});

describe.skipIf(!hasCorpus)('a spec-kit layout with no config at all', () => {
  it('lints plans, specs and task lists each against the right spec-kit preset, and skips the rest', () => {
    const dir = mkTemp('pl-speckit-');
    put(dir, '.specify/templates/plan-template.md', read(`${CORPUS}templates/github__spec-kit__templates__plan-template.md`));
    const plans = ['21-DOT-DEV__subtree__specs__001-cli-bootstrap__plan.md', 'mictlanix__mbe-ui__specs__021-cash-sessions__plan.md'];
    const specs = ['stefanros481__ott-platform__specs__001-parental-rating-enforcement__spec.md', 'stefanros481__ott-platform__specs__003-semantic-search__spec.md'];
    const tasks = ['surt91__exposure__specs__001-image-gallery__tasks.md', 'surt91__exposure__specs__002-type-checking__tasks.md'];
    for (const [i, feature] of ['001-export', '002-search'].entries()) {
      put(dir, `specs/${feature}/plan.md`, read(`${CORPUS}real-plans/${plans[i]}`));
      put(dir, `specs/${feature}/spec.md`, read(`${CORPUS}real-plans/${specs[i]}`));
      put(dir, `specs/${feature}/tasks.md`, read(`${CORPUS}real-plans/${tasks[i]}`));
      put(dir, `specs/${feature}/research.md`, '# Research: export\n\n## Decision\n\nUse CSV.\n\n## Rationale\n\nEveryone reads it.\n\n## Alternatives considered\n\nXLSX.\n');
      put(dir, `specs/${feature}/data-model.md`, '# Data Model\n\n## Entities\n\n### Invoice\n\n| Field | Type |\n| --- | --- |\n| id | uuid |\n');
      put(dir, `specs/${feature}/quickstart.md`, '# Quickstart\n\n```sh\nnpm start\n```\n');
    }
    const r = cli(['-f', 'json', '.'], { cwd: dir });
    expect([0, 1]).toContain(r.status);
    const by = Object.fromEntries((JSON.parse(r.stdout) as Res[]).map((x) => [x.filePath.slice(dir.length + 1), x]));
    for (const feature of ['001-export', '002-search']) {
      expect(by[`specs/${feature}/plan.md`]?.schema).toBe('speckit-plan');
      expect(by[`specs/${feature}/spec.md`]?.schema).toBe('speckit-spec');
      expect(by[`specs/${feature}/tasks.md`]?.schema).toBe('speckit-tasks');
      for (const other of ['research', 'data-model', 'quickstart']) {
        expect(by[`specs/${feature}/${other}.md`]?.skipped, other).toMatch(/^fits no template/);
      }
    }
    expect(Object.values(by).every((x) => x.fatalErrorCount === 0)).toBe(true);
  });
});

describe.skipIf(!hasCorpus)('presets', () => {
  it('are what npm run presets makes of the public templates today (regenerate after a generator change)', () => {
    const overrides = JSON.parse(read(`${ROOT}schemas/presets.overrides.json`)) as Record<string, PresetOverride>;
    const files = presetFiles(PRESET_NAMES, overrides, read(`${CORPUS}SOURCES.tsv`), (rel) => read(`${CORPUS}${rel}`));
    expect(Object.keys(files)).toHaveLength(PRESET_NAMES.length + 1);
    for (const [rel, text] of Object.entries(files)) {
      expect(existsSync(`${ROOT}${rel}`) ? read(`${ROOT}${rel}`) : null, `${rel} is stale: run npm run presets`).toBe(text);
    }
  });
});
