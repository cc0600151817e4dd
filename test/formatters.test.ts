/** The sarif, github, junit and summary formatters, checked the way their consumers read them. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { github } from '../src/formatters/github.js';
import { formatters } from '../src/formatters/index.js';
import { junit } from '../src/formatters/junit.js';
import { sarif } from '../src/formatters/sarif.js';
import { summary } from '../src/formatters/summary.js';
import { ruleDocUrl, rules } from '../src/rules/index.js';
import type { Diagnostic, LintResult, PlanStats } from '../src/types.js';
import { ROOT, cli, type CliRun } from './helpers.js';

const require = createRequire(import.meta.url);
const PKG = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
const tmp = () => mkdtempSync(join(tmpdir(), 'plan-lint-fmt-'));

// Real plans: one with errors and a warning, one with errors only, one clean, one missing.
// The binary reports files sorted by path: keep these lists in that order.
const MULTI = 'fixtures/rfc/invalid/multiple-defects.md';
const PLACEHOLDERS = 'fixtures/fullstack/invalid/placeholders-prose.md';
const VALID = 'fixtures/rfc/valid/complete.md';
const MISSING = 'fixtures/rfc/invalid/no-such-plan.md';

interface JsonResult extends LintResult {
  messages: Diagnostic[];
}
/** One run of the binary printing `format` and writing the JSON report of the same run (`-f json:<file>`). */
function withJson(format: string, files: string[]): { r: CliRun; json: JsonResult[] } {
  const file = join(tmp(), 'report.json');
  const r = cli(['-f', format, '-f', `json:${file}`, ...files]);
  expect(r.stderr).toBe('');
  const json = JSON.parse(readFileSync(file, 'utf8')) as JsonResult[];
  expect(json.map((x) => x.filePath)).toEqual(files.map((f) => `${ROOT}${f}`));
  return { r, json };
}

// ---------------------------------------------------------------- crafted results

const CWD = '/repo';
const ctx = { color: false, cwd: CWD };
const stats = (score: number, placeholders = 0): PlanStats => ({
  sections: { required: 10, present: 10, filled: Math.round(score * 10) },
  placeholders,
  tables: { required: 2, filled: 2 },
  score,
});
const diag = (d: Partial<Diagnostic> & Pick<Diagnostic, 'message'>): Diagnostic => ({
  ruleId: 'placeholder',
  severity: 2,
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  ...d,
});
function result(filePath: string, messages: Diagnostic[], extra: Partial<LintResult> = {}): LintResult {
  const fatal = messages.filter((m) => m.fatal).length;
  return {
    filePath,
    schema: fatal ? null : 'rfc',
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: fatal,
    ...(fatal ? {} : { stats: stats(1) }),
    ...extra,
  };
}
const fatalDiag = (message: string): Diagnostic => ({ ruleId: null, severity: 2, fatal: true, message, line: 1, column: 1, endLine: 1, endColumn: 1 });

describe('formatter registry', () => {
  it('registers the four formatters next to stylish and json', () => {
    expect(Object.keys(formatters)).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif', 'github', 'junit', 'summary']));
  });
});

// ---------------------------------------------------------------- SARIF

type SarifLog = {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<Record<string, any>> }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: Array<{ location: { uri: string; uriBaseId?: string } }>;
    results: Array<Record<string, any>>;
  }>;
};

function sarifValidator() {
  const schema = JSON.parse(readFileSync(`${ROOT}test/sarif/sarif-schema-2.1.0.json`, 'utf8')) as Record<string, unknown>;
  expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(schema);
}

describe('sarif', () => {
  const validate = sarifValidator();
  const expectValid = (log: unknown) => {
    const ok = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  };

  it('describes the tool and every rule of the registry', () => {
    const log = JSON.parse(sarif([], ctx)) as SarifLog;
    expectValid(log);
    // The schema does reject a malformed log.
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: 'x', message: {} }] }] })).toBe(false);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'plan-lint', version: PKG.version, informationUri: 'https://github.com/plan-lint/plan-lint' });
    expect(driver.rules.map((r) => r['id'])).toEqual(rules.map((r) => r.meta.id));
    for (const [i, r] of rules.entries()) {
      expect(driver.rules[i]).toMatchObject({
        id: r.meta.id,
        shortDescription: { text: r.meta.description },
        fullDescription: { text: r.meta.description },
        helpUri: ruleDocUrl(r.meta.id),
        defaultConfiguration: { level: r.meta.defaultSeverity === 'error' ? 'error' : 'warning' },
      });
    }
    expect(log.runs[0]!.invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('reports real fixtures as schema-valid results with relative URIs, and fatals as notifications', () => {
    const files = [PLACEHOLDERS, MULTI, MISSING, VALID];
    const { r, json } = withJson('sarif', files);
    expect(r.status).toBe(2);
    const log = JSON.parse(r.stdout) as SarifLog;
    expectValid(log);
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${ROOT}`);
    expect(run.artifacts.map((a) => a.location)).toEqual(files.map((f) => ({ uri: f, uriBaseId: '%SRCROOT%' })));

    const expected = json.flatMap((res, index) => res.messages.filter((m) => !m.fatal).map((m) => ({ m, index, uri: files[index] })));
    expect(run.results).toHaveLength(expected.length);
    expect(run.results.some((x) => x['level'] === 'warning')).toBe(true);
    for (const [i, { m, index, uri }] of expected.entries()) {
      expect(run.results[i]).toEqual({
        ruleId: m.ruleId,
        ruleIndex: rules.findIndex((x) => x.meta.id === m.ruleId),
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%', index },
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
            },
          },
        ],
      });
    }
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: 'File not found' }, locations: [{ physicalLocation: { artifactLocation: { uri: MISSING, uriBaseId: '%SRCROOT%', index: 2 } } }] },
    ]);
  });

  it('gives a fatal with a real range its region', () => {
    const log = JSON.parse(sarif([result('/repo/a.md', [{ ...fatalDiag('Bad front matter'), line: 2, endLine: 4, endColumn: 3 }])], ctx)) as SarifLog;
    expectValid(log);
    expect(log.runs[0]!.invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'Bad front matter' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'a.md', uriBaseId: '%SRCROOT%', index: 0 },
                region: { startLine: 2, startColumn: 1, endLine: 4, endColumn: 3 },
              },
            },
          ],
        },
      ],
    });
  });

  it('uses an absolute file:// URI outside the cwd and percent-encodes paths', () => {
    const log = JSON.parse(
      sarif([result('/elsewhere/a plan#1.md', [diag({ message: 'x' })]), result('/repo/docs/50% done [v2].md', [diag({ message: 'y', severity: 1 })])], ctx),
    ) as SarifLog;
    expectValid(log);
    const uris = log.runs[0]!.results.map((x) => x['locations'][0].physicalLocation.artifactLocation);
    expect(uris).toEqual([
      { uri: 'file:///elsewhere/a%20plan%231.md', index: 0 },
      { uri: 'docs/50%25%20done%20%5Bv2%5D.md', uriBaseId: '%SRCROOT%', index: 1 },
    ]);
  });

  const multitoolPath = (): string | null => {
    try {
      return require('@microsoft/sarif-multitool') as string;
    } catch {
      return null;
    }
  };
  const tool = multitoolPath();
  const skipReason = !tool
    ? '@microsoft/sarif-multitool has no binary for this platform'
    : !existsSync(tool)
      ? `${tool} is missing`
      : (() => {
          try {
            accessSync(tool, constants.X_OK);
            return '';
          } catch {
            return `${tool} is not executable (its postinstall \`chmod u+x\` did not run)`;
          }
        })();
  if (skipReason) console.warn(`skipping the SARIF Multitool check: ${skipReason}`);

  it.skipIf(Boolean(skipReason))("passes Microsoft's SARIF Multitool `validate` with no errors or warnings", () => {
    const dir = tmp();
    const report = join(dir, 'plan-lint.sarif');
    const out = join(dir, 'validation.sarif');
    const r = cli(['-f', 'sarif', '-o', report, MULTI, PLACEHOLDERS, VALID, MISSING]);
    expect(r.status).toBe(2);
    // The same check catches a broken log (a control: the tool does report). Both logs go to one run of
    // the tool (its start-up is some 2 CPU s), its findings told apart by the file they are about.
    const broken = JSON.parse(readFileSync(report, 'utf8')) as SarifLog;
    delete (broken.runs[0]!.tool.driver as Partial<SarifLog['runs'][0]['tool']['driver']>).name;
    const brokenFile = join(dir, 'broken.sarif');
    writeFileSync(brokenFile, JSON.stringify(broken));
    const v = spawnSync(tool!, ['validate', report, brokenFile, '--output', out, '--config', `${ROOT}test/sarif/multitool.config.xml`, '--level', 'Error;Warning'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    expect(v.error).toBeUndefined();
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain('2 files scanned');
    expect(v.stdout).toContain('Analysis completed successfully');
    // The tool exits 0 whatever it finds: read its findings from the log it writes, each with the name of its file.
    const found = (JSON.parse(readFileSync(out, 'utf8')) as SarifLog).runs[0]!.results.map((x) => {
      const uri = (x['locations'] as { physicalLocation?: { artifactLocation?: { uri?: string } } }[] | undefined)?.[0]?.physicalLocation?.artifactLocation?.uri ?? '(no file)';
      return `${uri.slice(uri.lastIndexOf('/') + 1)} ${x['level'] ?? 'warning'} ${x['ruleId']} ${JSON.stringify(x['message'])}`;
    });
    // None about plan-lint's report; the one the broken log must get.
    expect(found).toEqual([expect.stringMatching(/^broken\.sarif error JSON1002 /)]);
  });
});

// ---------------------------------------------------------------- GitHub

/** A workflow command read back as the runner does (actions/runner ActionCommand.TryParseV2 and its unescape tables). */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  expect(line.startsWith('::')).toBe(true);
  const end = line.indexOf('::', 2);
  expect(end).toBeGreaterThan(0);
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  const unescape = (s: string, table: [string, string][]) => table.reduce((acc, [from, to]) => acc.split(from).join(to), s);
  const dataTable: [string, string][] = [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']];
  const propTable: [string, string][] = [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']];
  if (space > 0) {
    for (const pair of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), propTable);
    }
  }
  return { command, properties, data: unescape(line.slice(end + 2), dataTable) };
}

describe('github', () => {
  const nasty = '/repo/docs/50%: a,b\r\nc.md';
  const message = 'Done 100%: "x", y\r\nnext line\n%0A literal';
  const results = [
    result(nasty, [diag({ message }), diag({ message: 'a warning, too', severity: 1, ruleId: 'guidance-comment', line: 7, column: 1, endLine: 8, endColumn: 4 })]),
    result('/repo/gone.md', [fatalDiag('File not found')]),
    result('/repo/clean.md', []),
  ];

  it('prints one escaped workflow command per diagnostic', () => {
    const out = github(results, ctx);
    expect(out.split('\n')).toEqual([
      '::error file=docs/50%25%3A a%2Cb%0D%0Ac.md,line=3,col=5,endLine=3,endColumn=9,title=placeholder::Done 100%25: "x", y%0D%0Anext line%0A%250A literal',
      '::warning file=docs/50%25%3A a%2Cb%0D%0Ac.md,line=7,col=1,endLine=8,endColumn=4,title=guidance-comment::a warning, too',
      '::error file=gone.md,line=1,col=1,endLine=1,endColumn=1,title=plan-lint::File not found',
      '',
    ]);
  });

  it('round-trips through the runner’s parser', () => {
    const lines = github(results, ctx).trimEnd().split('\n');
    const parsed = lines.map(parseCommand);
    expect(parsed[0]).toEqual({
      command: 'error',
      properties: { file: 'docs/50%: a,b\r\nc.md', line: '3', col: '5', endLine: '3', endColumn: '9', title: 'placeholder' },
      data: message,
    });
    expect(parsed[1]).toMatchObject({ command: 'warning', properties: { title: 'guidance-comment' }, data: 'a warning, too' });
    expect(parsed[2]).toMatchObject({ command: 'error', properties: { file: 'gone.md', title: 'plan-lint' }, data: 'File not found' });
  });

  it('prints nothing for clean plans', () => {
    expect(github([result('/repo/clean.md', [])], ctx)).toBe('');
  });

  it('annotates every message of real fixtures', () => {
    const files = [PLACEHOLDERS, MULTI];
    const { r, json } = withJson('github', files);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const messages = json.flatMap((res, i) => res.messages.map((m) => ({ m, file: files[i] })));
    expect(lines).toHaveLength(messages.length);
    for (const [i, { m, file }] of messages.entries()) {
      expect(parseCommand(lines[i]!)).toEqual({
        command: m.severity === 2 ? 'error' : 'warning',
        properties: { file, line: `${m.line}`, col: `${m.column}`, endLine: `${m.endLine}`, endColumn: `${m.endColumn}`, title: m.ruleId },
        data: m.message,
      });
    }
  });
});

// ---------------------------------------------------------------- JUnit

type Xml = Record<string, any>;
const xmlParser = () =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, htmlEntities: true, trimValues: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
// Code points XML 1.0 does not allow.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

describe('junit', () => {
  it('has a suite per plan and a case per diagnostic for real fixtures', () => {
    const files = [PLACEHOLDERS, MULTI, MISSING, VALID];
    const { r, json } = withJson('junit', files);
    expect(r.status).toBe(2);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = xmlParser().parse(r.stdout) as Xml;
    const suites = doc['testsuites']['testsuite'] as Xml[];
    expect(suites.map((s) => s['name'])).toEqual(files);
    const totals = { tests: 0, failures: 0, errors: 0 };
    for (const [i, res] of json.entries()) {
      const suite = suites[i]!;
      const cases = suite['testcase'] as Xml[];
      const fatal = res.messages.filter((m) => m.fatal).length;
      const tests = Math.max(1, res.messages.length);
      expect(suite).toMatchObject({ tests: `${tests}`, failures: `${res.messages.length - fatal}`, errors: `${fatal}` });
      expect(cases).toHaveLength(tests);
      totals.tests += tests;
      totals.failures += res.messages.length - fatal;
      totals.errors += fatal;
      if (!res.messages.length) {
        expect(cases[0]).toEqual({ classname: 'plan-lint', name: 'plan-lint', file: files[i] });
        continue;
      }
      for (const [j, m] of res.messages.entries()) {
        const c = cases[j]!;
        expect(c['name']).toBe(`${m.line}:${m.column} ${m.message}`);
        if (m.fatal) {
          expect(c['classname']).toBe('plan-lint');
          expect(c['error']).toMatchObject({ message: m.message, type: 'fatal' });
          expect(c['error']['#text']).toBe(`${files[i]}:${m.line}:${m.column}: fatal: ${m.message}`);
        } else {
          expect(c['classname']).toBe(m.ruleId);
          expect(c['failure']).toMatchObject({ message: m.message, type: m.ruleId });
          const sev = m.severity === 2 ? 'error' : 'warning';
          expect(c['failure']['#text']).toBe(`${files[i]}:${m.line}:${m.column}: ${sev}: ${m.message} (${m.ruleId})`);
        }
      }
    }
    expect(doc['testsuites']).toMatchObject({ name: 'plan-lint', tests: `${totals.tests}`, failures: `${totals.failures}`, errors: `${totals.errors}` });
  });

  it('escapes markup and replaces characters XML 1.0 forbids', () => {
    const message = 'Bad <cell> & "quote" \'apos\' bell\u0007 esc\u001b lone\uD800 ok😀\tand\r\nnext';
    const xml = junit([result('/repo/a&b<c>.md', [diag({ message })])], ctx);
    expect(xml).not.toMatch(NOT_XML);
    expect(XMLValidator.validate(xml)).toBe(true);
    const c = (xmlParser().parse(xml) as Xml)['testsuites']['testsuite'][0]['testcase'][0] as Xml;
    const cleaned = message.replace(/[\u0007\u001b\uD800]/g, '\uFFFD');
    expect(c['failure']['message']).toBe(cleaned);
    expect(c['failure']['#text']).toBe(`a&b<c>.md:3:5: error: ${cleaned} (placeholder)`);
    expect(c['name']).toBe(`3:5 ${cleaned.replace(/\s+/g, ' ')}`);
    expect(c['file']).toBe('a&b<c>.md');
  });
});

// ---------------------------------------------------------------- summary

/** The cells of the summary's plan table, by row. */
function tableRows(md: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| | Plan |'));
  expect(start).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    // Split on pipes that are not escaped.
    rows.push(l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

describe('summary', () => {
  it('sorts worst first, fatal plans first, clean plans with a check mark', () => {
    const md = summary(
      [
        result('/repo/clean.md', []),
        result('/repo/half.md', [diag({ message: 'm' })], { stats: stats(0.5, 3) }),
        result('/repo/gone.md', [fatalDiag('File not found')]),
        result('/repo/most.md', [diag({ message: 'w', severity: 1 })], { stats: stats(0.9) }),
        result('/repo/low.md', [diag({ message: 'm' }), diag({ message: 'n' })], { stats: stats(0.2, 8) }),
      ],
      ctx,
    );
    expect(md.startsWith('## plan-lint\n\n')).toBe(true);
    expect(md).toContain('**5 plans**: 1 clean, 3 with findings, 1 not linted; 4 errors, 1 warning');
    const rows = tableRows(md);
    expect(rows.map((r) => r[1])).toEqual(['gone.md', 'low.md', 'half.md', 'most.md', 'clean.md']);
    expect(rows.map((r) => r[0])).toEqual(['⛔', '❌', '❌', '⚠️', '✅']);
    expect(rows[1]).toEqual(['❌', 'low.md', 'rfc', '20%', '2/10', '8', '2/2', '2', '0']);
    expect(rows[0]).toEqual(['⛔', 'gone.md', '—', '—', '—', '—', '—', '1', '0']);
    // Findings per plan with findings, in the same order; none for the clean plan.
    const details = [...md.matchAll(/<summary>(.*)<\/summary>/g)].map((m) => m[1]);
    expect(details).toEqual(['⛔ gone.md: 1 error, 0 warnings', '❌ low.md: 2 errors, 0 warnings', '❌ half.md: 1 error, 0 warnings', '⚠️ most.md: 0 errors, 1 warning']);
    expect(md).toContain('- ❌ 3:5 `placeholder` m\n');
    expect(md).toContain('- ⛔ 1:1 **fatal** File not found\n');
  });

  it('escapes pipes, Markdown and HTML in cells and findings', () => {
    const md = summary([result('/repo/a|b_<c>.md', [diag({ message: 'Use `x` | *y* <b>&\nz [link](u)' })], { schema: 'my|schema' })], ctx);
    const rows = tableRows(md);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(9);
    expect(rows[0]![1]).toBe('a\\|b\\_&lt;c&gt;.md');
    expect(rows[0]![2]).toBe('my\\|schema');
    expect(md).toContain('- ❌ 3:5 `placeholder` Use \\`x\\` \\| \\*y\\* &lt;b&gt;&amp; z \\[link\\](u)\n');
    expect(md).toContain('<summary>❌ a|b_&lt;c&gt;.md: 1 error, 0 warnings</summary>');
    expect(md).not.toMatch(/<(?!\/?(details|summary)>)/);
  });

  it('shows the same figures as the json formatter', () => {
    const files = [PLACEHOLDERS, MULTI, VALID, 'fixtures/tdd/invalid/missing-section.md'];
    const { r, json } = withJson('summary', files);
    expect(r.status).toBe(1);
    const rows = tableRows(r.stdout);
    expect(rows).toHaveLength(files.length);
    expect(json.filter((x) => !x.messages.length)).toHaveLength(1);
    const byFile = new Map(rows.map((row) => [row[1]!.replace(/\\(.)/g, '$1'), row]));
    for (const [i, res] of json.entries()) {
      const s = res.stats!;
      expect(byFile.get(files[i]!)).toEqual([
        res.errorCount ? '❌' : res.warningCount ? '⚠️' : '✅',
        files[i]!.replace(/_/g, '\\_'),
        res.schema,
        `${Math.round(s.score * 1000) / 10}%`,
        `${s.sections.filled}/${s.sections.required}`,
        `${s.placeholders}`,
        `${s.tables.filled}/${s.tables.required}`,
        `${res.errorCount}`,
        `${res.warningCount}`,
      ]);
    }
    const scores = rows.map((row) => Number.parseFloat(row[3]!));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const errors = json.reduce((n, x) => n + x.errorCount, 0);
    const warnings = json.reduce((n, x) => n + x.warningCount, 0);
    expect(r.stdout).toContain(`**4 plans**: 1 clean, 3 with findings; ${errors} errors, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  });
});

// ---------------------------------------------------------------- the binary

describe.each(['sarif', 'github', 'junit', 'summary'])('plan-lint -f %s', (format) => {
  const parses = (out: string) => {
    if (format === 'sarif') expect(() => JSON.parse(out)).not.toThrow();
    if (format === 'junit') expect(XMLValidator.validate(out)).toBe(true);
  };

  it('exits 1 for findings, 0 for a clean plan, 2 for a missing file; -o writes the same report', () => {
    const dir = tmp();
    for (const [file, status] of [[MULTI, 1], [VALID, 0], [MISSING, 2]] as const) {
      const r = cli(['-f', format, file]);
      expect(r.status).toBe(status);
      parses(r.stdout);
      if (status === 1) expect(r.stdout).toContain(format === 'sarif' ? '"ruleId": "placeholder"' : 'placeholder');
      if (status === 2) expect(r.stdout).toContain('File not found');
      if (status === 0 && format === 'github') expect(r.stdout).toBe('');
      const out = join(dir, `${status}.${format}`);
      const o = cli(['-f', format, '-o', out, file]);
      expect(o.status).toBe(status);
      expect(o.stdout).toBe('');
      expect(existsSync(out)).toBe(true);
      expect(readFileSync(out, 'utf8')).toBe(r.stdout);
    }
  });
});
