/**
 * The VS Code side of plan-lint: starts the language server that the
 * plan-lint package ships (`plan-lint lsp --stdio`, installed with the
 * extension) and shows, in the status bar, the template the active plan is
 * checked against and how complete it is. Every finding, quick fix and hover
 * comes from the server.
 */
import * as path from 'node:path';
import { commands, StatusBarAlignment, window, workspace, type Disposable, type ExtensionContext, type StatusBarItem } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

interface Status {
  uri: string;
  schema: string | null;
  /** 0..1, or null when the document is not a plan. */
  completeness: number | null;
}

function settings(): Record<string, unknown> {
  const c = workspace.getConfiguration('plan-lint');
  let configFile = c.get<string>('configFile', '');
  const root = workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (configFile && root && !path.isAbsolute(configFile)) configFile = path.join(root, configFile);
  return { enable: c.get<boolean>('enable', true), run: c.get<string>('run', 'onType'), configFile };
}

/**
 * The server's arguments. In a workspace the user has not trusted (VS Code's
 * Restricted Mode) the server runs untrusted, as `plan-lint --untrusted` in CI
 * on a stranger's pull request: no JavaScript config runs, no cache is read,
 * and only regular expressions shown safe are used (docs/security.md). The
 * manifest declares this limited support, and `plan-lint.configFile` is a
 * restricted setting there (only the user's own value counts).
 */
const serverArgs = (trusted: boolean): string[] => ['lsp', '--stdio', ...(trusted ? [] : ['--untrusted'])];

export async function activate(context: ExtensionContext): Promise<void> {
  const bin = context.asAbsolutePath(path.join('node_modules', 'plan-lint', 'dist', 'bin.js'));
  const newClient = (trusted: boolean): LanguageClient => {
    const serverOptions: ServerOptions = {
      run: { module: bin, args: serverArgs(trusted), transport: TransportKind.stdio },
      debug: { module: bin, args: serverArgs(trusted), transport: TransportKind.stdio },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      initializationOptions: settings(),
      synchronize: { configurationSection: 'plan-lint' },
    };
    return new LanguageClient('plan-lint', 'plan-lint', serverOptions, clientOptions);
  };

  const status: StatusBarItem = window.createStatusBarItem(StatusBarAlignment.Right, 100);
  status.name = 'plan-lint';
  context.subscriptions.push(status);
  const byUri = new Map<string, Status>();
  const show = (): void => {
    const uri = window.activeTextEditor?.document.uri.toString();
    const s = uri ? byUri.get(uri) : undefined;
    if (!s || s.schema === null || s.completeness === null) {
      status.hide();
      return;
    }
    status.text = `$(checklist) ${s.schema} ${Math.round(s.completeness * 100)}%`;
    status.tooltip = `plan-lint: checked against the "${s.schema}" template; ${Math.round(s.completeness * 100)}% complete`;
    status.show();
  };
  context.subscriptions.push(window.onDidChangeActiveTextEditor(show));
  context.subscriptions.push(
    commands.registerCommand('plan-lint.fixAll', async () => {
      await commands.executeCommand('editor.action.sourceAction', { kind: 'source.fixAll.plan-lint', apply: 'first' });
    }),
  );

  let statusSubscription: Disposable | undefined;
  const run = async (trusted: boolean): Promise<void> => {
    client = newClient(trusted);
    await client.start();
    statusSubscription = client.onNotification('plan-lint/status', (s: Status) => {
      byUri.set(s.uri, s);
      show();
    });
  };
  context.subscriptions.push({ dispose: () => statusSubscription?.dispose() });
  await run(workspace.isTrusted);
  // Trust is granted once per window (taking it back reloads the window): start a trusted server then.
  // The untrusted server's subscription and statuses go with it; a failed stop does not keep the trusted one from starting.
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(async () => {
      statusSubscription?.dispose();
      statusSubscription = undefined;
      byUri.clear();
      show();
      try {
        await client?.stop();
      } catch {
        // The old server may already be gone.
      } finally {
        await run(true);
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
