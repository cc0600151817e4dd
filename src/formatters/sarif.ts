import { escapeJson } from '../escape.js';
import { readFileSync } from 'node:fs';
import { rootUrl } from '../paths.js';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Artifact, ArtifactLocation, Log, Notification, Region, ReportingDescriptor, Result } from 'sarif';
import { ruleDocUrl, rules } from '../rules/index.js';
import type { Diagnostic, LintResult, Range } from '../types.js';
import { relativePath } from './github.js';
import type { FormatContext } from './index.js';

/** SARIF 2.1.0 (OASIS), the format GitHub code scanning and other viewers read. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

interface PackageInfo {
  version: string;
  homepage?: string;
}

let pkg: PackageInfo | undefined;
function packageInfo(): PackageInfo {
  pkg ??= JSON.parse(readFileSync(rootUrl('package.json'), 'utf8')) as PackageInfo;
  return pkg;
}

/** A file as an artifact location: relative to the cwd (under %SRCROOT%) when inside it, else an absolute file:// URI. */
function artifactLocation(filePath: string, cwd: string): ArtifactLocation {
  const rel = relativePath(filePath, cwd);
  if (rel !== null) return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(resolve(cwd, filePath)).href };
}

/** A directory as an absolute file:// URI ending in a slash, as SARIF requires of a base. */
function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

const level = (severity: number): 'error' | 'warning' => (severity === 2 ? 'error' : 'warning');

function region(m: Range): Region {
  return { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn };
}

function descriptor(id: string, description: string, severity: 'warn' | 'error'): ReportingDescriptor {
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri: ruleDocUrl(id),
    defaultConfiguration: { level: severity === 'error' ? 'error' : 'warning' },
  };
}

export function sarif(results: LintResult[], ctx: FormatContext): string {
  const { version, homepage } = packageInfo();
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const artifacts: Artifact[] = [];
  const sarifResults: Result[] = [];
  const notifications: Notification[] = [];

  for (const r of results) {
    const index = artifacts.length;
    const loc = artifactLocation(r.filePath, ctx.cwd);
    artifacts.push({ location: loc, roles: ['analysisTarget'], mimeType: 'text/markdown', sourceLanguage: 'markdown' });
    const at = (m: Diagnostic, withRegion: boolean) => ({
      physicalLocation: { artifactLocation: { ...loc, index }, ...(withRegion ? { region: region(m) } : {}) },
    });
    for (const m of r.messages) {
      if (m.fatal || m.ruleId === null) {
        // A fatal concerns the whole file unless it carries a real range.
        const ranged = m.endLine > m.line || m.endColumn > m.column;
        notifications.push({ level: 'error', message: { text: m.message }, locations: [at(m, ranged)] });
        continue;
      }
      const i = ruleIndex.get(m.ruleId);
      sarifResults.push({
        ruleId: m.ruleId,
        ...(i === undefined ? {} : { ruleIndex: i }),
        level: level(m.severity),
        message: { text: m.message },
        locations: [at(m, true)],
      });
    }
  }

  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plan-lint',
            version,
            semanticVersion: version,
            informationUri: (homepage ?? 'https://github.com/plan-lint/plan-lint').replace(/#.*$/, ''),
            rules: rules.map((r) => descriptor(r.meta.id, r.meta.description, r.meta.defaultSeverity)),
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: dirUri(ctx.cwd) } },
        artifacts,
        results: sarifResults,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${escapeJson(JSON.stringify(log, null, 2))}\n`;
}
