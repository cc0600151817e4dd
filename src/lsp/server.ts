/**
 * `plan-lint lsp --stdio`: the language server. Every finding comes from the
 * library (src/lsp/lint-document.ts), with the settings the CLI uses for the
 * same file; this module only speaks the protocol: diagnostics, code actions,
 * hover and document symbols. vscode-languageserver is loaded here, on first
 * use, so that a plain lint never loads it.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Lsp from 'vscode-languageserver/node.js';
import type { TextDocument as TextDocumentType } from 'vscode-languageserver-textdocument';
import { getRule, ruleDocUrl } from '../rules/index.js';
import { PlanLintError } from '../schema/registry.js';
import type { Diagnostic as PlanDiagnostic } from '../types.js';
import type { TemplateModel } from '../schema/model.js';
import { splitLines, toLspRange } from './convert.js';
import { disableActions, fixActions } from './actions.js';
import { headingHover, sectionSymbols } from './outline.js';
import { forgetSettings, lintDocument, type Budget } from './lint-document.js';
import { DEFAULT_MAX_FILE_TIME } from '../budget.js';
import { refuseCodeConfigs } from '../config/load.js';
import { refuseUndecidedPatterns } from '../regex-safety.js';

const load = createRequire(import.meta.url);

export interface ServerSettings {
  enable: boolean;
  /** Lint as you type (debounced) or only on open and save. */
  run: 'onType' | 'onSave';
  /** Milliseconds of quiet typing before a lint. */
  debounce: number;
  /** A config file for every document instead of the discovered one. */
  configFile?: string;
  /** Seconds one lint may take before the document gets a fatal diagnostic instead (0: no limit); the CLI's --max-file-time. */
  maxFileTime: number;
}

const DEFAULTS: ServerSettings = { enable: true, run: 'onType', debounce: 200, maxFileTime: DEFAULT_MAX_FILE_TIME };

/** Files whose change can change findings: configs, schemas, templates. */
const WATCHED = ['**/.plan-lintrc*', '**/plan-lint.config.*', '**/package.json', '**/*.json', '**/*.{md,markdown}', '**/*.template'];

function settingsFrom(raw: unknown, base: ServerSettings): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out = { ...base };
  if (typeof r['enable'] === 'boolean') out.enable = r['enable'];
  if (r['run'] === 'onType' || r['run'] === 'onSave') out.run = r['run'];
  if (typeof r['debounce'] === 'number' && r['debounce'] >= 0) out.debounce = r['debounce'];
  if (typeof r['maxFileTime'] === 'number' && Number.isFinite(r['maxFileTime']) && r['maxFileTime'] >= 0) out.maxFileTime = r['maxFileTime'];
  if (typeof r['configFile'] === 'string') {
    if (r['configFile']) out.configFile = r['configFile'];
    else delete out.configFile;
  }
  return out;
}

/** The document's path, or null for a URI that names no local file (`file://host/...` off Windows). */
function localPath(uri: string): string | null {
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** A Markdown document on the local disk (any other URI is left alone: one odd URI must not end the server). */
const isPlanDocument = (doc: TextDocumentType): boolean =>
  doc.uri.startsWith('file:') && (doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri)) && localPath(doc.uri) !== null;

/** Start the server on the given streams; resolves when the client closes the connection. */
/**
 * `untrusted`: the workspace is a stranger's (`plan-lint lsp --untrusted`, or
 * PLAN_LINT_UNTRUSTED=1; the VS Code extension in a workspace the user has not
 * trusted): no JavaScript configs, no cache reads, and only regular
 * expressions shown safe, as `plan-lint --untrusted` (docs/security.md).
 */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, { untrusted = false }: { untrusted?: boolean } = {}): Promise<void> {
  if (untrusted) {
    refuseCodeConfigs();
    refuseUndecidedPatterns();
  }
  const mode = untrusted ? { untrusted: true } : {};
  const lsp = load('vscode-languageserver/node') as typeof Lsp;
  const { TextDocument } = load('vscode-languageserver-textdocument') as typeof import('vscode-languageserver-textdocument');
  const connection = lsp.createConnection(lsp.ProposedFeatures.all, new lsp.StreamMessageReader(input), new lsp.StreamMessageWriter(output));
  const documents = new lsp.TextDocuments(TextDocument);
  let settings = DEFAULTS;
  let canWatch = false;
  let canTrackFolders = false;
  /** Workspace folders (paths), longest first: a document's folder is the first that holds it. */
  let folders: string[] = [];
  const folderOf = (file: string): string | undefined => folders.find((f) => file === f || file.startsWith(f.endsWith(sep) ? f : f + sep));
  const timers = new Map<string, NodeJS.Timeout>();
  /** Per document: the template detection chose, kept while it is edited (see lintDocument). */
  const pins = new Map<string, string>();
  /** The last findings per document (uri), for code actions and hover. */
  const findings = new Map<string, { version: number; messages: PlanDiagnostic[]; model?: TemplateModel }>();
  const shown = new Set<string>();
  const budget = (): Budget => ({ ms: Math.round(settings.maxFileTime * 1000) });

  const toDiagnostic = (m: PlanDiagnostic, lines: readonly string[]): Lsp.Diagnostic => {
    const d: Lsp.Diagnostic = {
      range: toLspRange(m, lines),
      severity: m.severity === 2 ? lsp.DiagnosticSeverity.Error : lsp.DiagnosticSeverity.Warning,
      source: 'plan-lint',
      message: m.message,
    };
    if (m.ruleId) {
      d.code = m.ruleId;
      d.codeDescription = { href: ruleDocUrl(m.ruleId) };
    }
    if (m.ruleId === 'unused-disable') d.tags = [lsp.DiagnosticTag.Unnecessary];
    return d;
  };

  /** A problem with the settings (a bad config or schema): one diagnostic on the first line, and one notification per distinct message. */
  const settingsProblem = (doc: TextDocumentType, message: string): void => {
    connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: lsp.DiagnosticSeverity.Error, source: 'plan-lint', message }],
    });
    if (!shown.has(message)) {
      shown.add(message);
      // A notification, not a request: nothing waits on the client's answer.
      void connection.sendNotification(lsp.ShowMessageNotification.type, { type: lsp.MessageType.Warning, message: `plan-lint: ${message}` });
    }
  };

  const validate = async (doc: TextDocumentType): Promise<void> => {
    timers.delete(doc.uri);
    if (!settings.enable || !isPlanDocument(doc)) return;
    const version = doc.version;
    const text = doc.getText();
    const file = fileURLToPath(doc.uri);
    try {
      const out = await lintDocument(text, file, settings.configFile, mode, folderOf(file), pins.get(doc.uri), budget());
      if (out.detected) pins.set(doc.uri, out.detected);
      else pins.delete(doc.uri);
      // A newer version arrived meanwhile: its own lint will publish.
      if (documents.get(doc.uri)?.version !== version) return;
      if (!out.result) {
        findings.delete(doc.uri);
        connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [] });
        void connection.sendNotification('plan-lint/status', { uri: doc.uri, schema: null, completeness: null });
        return;
      }
      const lines = splitLines(text);
      findings.set(doc.uri, { version, messages: out.result.messages, ...(out.model ? { model: out.model } : {}) });
      connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: out.result.messages.map((m) => toDiagnostic(m, lines)) });
      // For a status bar (the VS Code extension): the template in use and how complete the plan is.
      void connection.sendNotification('plan-lint/status', { uri: doc.uri, schema: out.result.schema, completeness: out.result.stats?.score ?? null });
    } catch (err) {
      if (documents.get(doc.uri)?.version !== version) return;
      findings.delete(doc.uri);
      const message = err instanceof PlanLintError ? err.message.split('\n')[0] ?? '' : `internal error: ${(err as Error).message.split('\n')[0]}`;
      connection.console.error(`plan-lint: ${file}: ${message}`);
      settingsProblem(doc, message);
    }
  };

  const schedule = (doc: TextDocumentType, delay: number): void => {
    const pending = timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    timers.set(doc.uri, setTimeout(() => void validate(doc), delay));
  };

  const relintAll = (): void => {
    pins.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  };

  connection.onInitialize((params) => {
    settings = settingsFrom(params.initializationOptions, DEFAULTS);
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter((u) => u.startsWith('file:')).map(localPath).filter((p): p is string => p !== null).sort((a, b) => b.length - a.length);
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canTrackFolders = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix, 'source.fixAll.plan-lint'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'plan-lint' },
    };
  });

  connection.onInitialized(() => {
    if (canTrackFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const gone = new Set(e.removed.map((f) => f.uri));
        const kept = folders.filter((f) => !gone.has(pathToFileURL(f).href));
        const added = e.added.filter((f) => f.uri.startsWith('file:')).map((f) => localPath(f.uri)).filter((p): p is string => p !== null);
        folders = [...kept, ...added].sort((a, b) => b.length - a.length);
        forgetSettings();
        relintAll();
      });
    }
    if (canWatch) {
      connection.client.register(lsp.DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) }).catch((err: Error) => connection.console.warn(`plan-lint: could not watch config files: ${err.message}`));
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const raw = (change.settings as Record<string, unknown> | null)?.['plan-lint'];
    if (raw !== undefined) settings = settingsFrom(raw, settings);
    forgetSettings();
    if (!settings.enable) for (const doc of documents.all()) connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    // A save of an open plan is its own event (didSave); anything else may be a config, schema or template.
    if (params.changes.every((c) => documents.get(c.uri))) return;
    forgetSettings();
    shown.clear();
    relintAll();
  });

  documents.onDidOpen((e) => {
    pins.delete(e.document.uri);
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    if (settings.run === 'onType') schedule(e.document, settings.debounce);
  });
  documents.onDidSave((e) => {
    pins.delete(e.document.uri);
    schedule(e.document, 0);
  });
  documents.onDidClose((e) => {
    const pending = timers.get(e.document.uri);
    if (pending) clearTimeout(pending);
    timers.delete(e.document.uri);
    findings.delete(e.document.uri);
    pins.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const last = findings.get(params.textDocument.uri);
    if (!doc || !last || last.version !== doc.version) return [];
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: Lsp.CodeAction[] = [];
    const lines = splitLines(doc.getText());
    const ours = params.context.diagnostics.filter((d) => d.source === 'plan-lint' && typeof d.code === 'string');
    if (wants(lsp.CodeActionKind.QuickFix)) {
      for (const d of ours) {
        const m = last.messages.find((x) => x.ruleId === d.code && toLspRange(x, lines).start.line === d.range.start.line && x.message === d.message);
        if (!m) continue;
        actions.push(...fixActions(doc, m, d), ...disableActions(doc, m, d));
      }
    }
    if (wants('source.fixAll.plan-lint') && last.messages.some((m) => m.fix)) {
      // The CLI's --fix: every fix, in passes until nothing changes; one edit with the fixed text.
      const text = doc.getText();
      const fixed = await lintDocument(text, fileURLToPath(doc.uri), settings.configFile, { fix: true, ...mode }, undefined, undefined, budget());
      const output = fixed.result?.output;
      if (output !== undefined && output !== text && documents.get(doc.uri)?.version === doc.version) {
        actions.push({ title: 'Fix all plan-lint problems', kind: 'source.fixAll.plan-lint', edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText: output }] } } });
      }
    }
    return actions;
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isPlanDocument(doc)) return null;
    const last = findings.get(params.textDocument.uri);
    const lines = splitLines(doc.getText());
    const { line, character } = params.position;
    const parts: string[] = [];
    for (const m of last?.version === doc.version ? last.messages : []) {
      const r = toLspRange(m, lines);
      const inside = (line > r.start.line || (line === r.start.line && character >= r.start.character)) && (line < r.end.line || (line === r.end.line && character <= r.end.character));
      if (!inside || !m.ruleId) continue;
      const rule = getRule(m.ruleId);
      parts.push(`**${m.ruleId}** (plan-lint): ${rule?.meta.description ?? m.message} [docs](${ruleDocUrl(m.ruleId)})`);
    }
    const heading = last?.model && last.version === doc.version ? headingHover(doc.getText(), line, last.model) : null;
    if (heading) parts.unshift(heading);
    return parts.length ? { contents: { kind: lsp.MarkupKind.Markdown, value: parts.join('\n\n---\n\n') } } : null;
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc && isPlanDocument(doc) ? sectionSymbols(doc.getText(), lsp.SymbolKind.String) : [];
  });

  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.listen();
  });
}
