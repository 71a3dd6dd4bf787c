// The compare panel: one prompt to 2–4 models side by side, each column streaming on its own.
import * as vscode from 'vscode';
import { onOwnLines } from '../../app/chat/insertion';
import {
  isOpenableLink,
  MessageEndpoint,
  toHostMessages,
  toWebviewMessages,
  type LaneResult,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../shared/protocol';
import type { SwitchboardLog } from '../logging';
import type { ChatPort } from '../selection/selection-commands';
import type { Core } from '../services';
import { buildWebviewHtml, webviewOptions } from '../webview-html';
import { metaOf, runComparison } from '../../app/compare/run-comparison';

/** What the compare panel needs. */
interface CompareDeps {
  extensionUri: vscode.Uri;
  core(): Promise<Core>;
  chat(): Promise<ChatPort>;
  log: SwitchboardLog;
  redact(text: string): string;
  /** Remembers the last models compared. */
  state: vscode.Memento;
  defaultModel(): string;
}

const LAST_MODELS = 'switchboard.compare.lastModels';

/**
 * Where "Use this answer" inserts. The document and selection are kept rather than the TextEditor:
 * the panel opens over the editor, and a hidden editor is disposed and refuses edits.
 */
interface InsertTarget {
  document: vscode.TextDocument;
  selection: vscode.Selection;
  column?: vscode.ViewColumn;
}

function targetOf(editor: vscode.TextEditor | undefined): InsertTarget | undefined {
  // The output panel is a text editor too, but never where an answer goes.
  if (!editor || editor.document.uri.scheme === 'output') return undefined;
  return { document: editor.document, selection: editor.selection, column: editor.viewColumn };
}

/** The `switchboard.compare` panel. */
export class ComparePanel {
  static readonly viewType = 'switchboard.compare';
  private static current?: ComparePanel;
  private readonly endpoint: MessageEndpoint<ToHostMessages, ToWebviewMessages>;
  private readonly disposables: vscode.Disposable[] = [];
  private abort?: AbortController;
  private texts: string[] = [];
  private results: (LaneResult | undefined)[] = [];
  private prompt = '';
  private models: string[] = [];
  private target?: InsertTarget;

  /** Opens (or reveals) the panel, prefilled with `prompt` (e.g. the selection). */
  static show(deps: CompareDeps, prompt: string): ComparePanel {
    const editor = vscode.window.activeTextEditor;
    if (ComparePanel.current) {
      ComparePanel.current.panel.reveal();
      if (prompt) void ComparePanel.current.init(prompt);
      return ComparePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, 'Switchboard Compare', vscode.ViewColumn.Active, {
      ...webviewOptions(deps.extensionUri),
      retainContextWhenHidden: true,
    });
    ComparePanel.current = new ComparePanel(panel, deps, prompt, editor);
    return ComparePanel.current;
  }

  /** The open panel, if any (for the e2e hook). */
  static get instance(): ComparePanel | undefined {
    return ComparePanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: CompareDeps,
    private initialPrompt: string,
    editor: vscode.TextEditor | undefined,
  ) {
    this.target = targetOf(editor);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'switchboard.svg');
    panel.webview.html = buildWebviewHtml({
      webview: panel.webview,
      extensionUri: deps.extensionUri,
      kind: 'compare',
      title: 'Switchboard Compare',
    });
    this.endpoint = new MessageEndpoint({
      incoming: toHostMessages,
      outgoing: toWebviewMessages,
      send: (m) => void panel.webview.postMessage(m),
      log: (reason) => deps.log.warn(`compare webview: ${reason}`),
      redact: (t) => deps.redact(t),
    });
    this.endpoint.on('compare.ready', () => this.init(this.initialPrompt));
    this.endpoint.on('compare.run', ({ prompt, models }) => this.run(prompt, models));
    this.endpoint.on('compare.stop', () => this.abort?.abort());
    this.endpoint.on('compare.useAnswer', ({ lane, target }) => this.useAnswer(lane, target));
    this.endpoint.on('compare.copy', ({ lane }) => void vscode.env.clipboard.writeText(this.texts[lane] ?? ''));
    this.endpoint.on('compare.openLink', ({ href }) => this.openLink(href));
    this.endpoint.on('webviewLog', ({ level, message }) => deps.log[level](`compare webview: ${message}`));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => this.endpoint.receive(m)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        this.target = targetOf(e) ?? this.target;
      }),
      // The cursor moves after the editor became active; insert where it is now, not where it was.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.target && e.textEditor.document === this.target.document) this.target = targetOf(e.textEditor) ?? this.target;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Summary for the e2e hook. */
  snapshot(): { models: string[]; texts: string[] } {
    return { models: [...this.models], texts: this.texts.map((t) => t.slice(0, 2000)) };
  }

  private async init(prompt: string): Promise<void> {
    this.initialPrompt = prompt;
    const core = await this.loadCore();
    if (!core) return;
    const reachable = new Set<string>();
    for (const d of core.engine.registry().list()) if (!d.keyRequired || (await core.keys.get(d))) reachable.add(d.id);
    const listing = core.engine.catalog.listing((p) => reachable.has(p));
    const options = listing.slice(0, 2000).map((m) => ({
      id: m.model,
      label: m.displayName.slice(0, 300),
      detail:
        `${m.hosts.slice(0, 4).join(', ')}${m.inputPerMTok !== undefined ? ` · $${m.inputPerMTok}/$${m.outputPerMTok} per M` : ''}`.slice(
          0,
          300,
        ),
    }));
    const remembered = this.deps.state.get<string[]>(LAST_MODELS) ?? [];
    const suggested = [...new Set([...remembered, this.deps.defaultModel(), ...options.map((o) => o.id)].filter(Boolean))].slice(
      0,
      remembered.length >= 2 ? remembered.length : 2,
    );
    this.endpoint.post('compare.init', { prompt, models: suggested.slice(0, 4), modelOptions: options });
  }

  private async run(prompt: string, models: string[]): Promise<void> {
    this.abort?.abort();
    const ctrl = new AbortController();
    this.abort = ctrl;
    this.prompt = prompt;
    this.models = models;
    this.texts = models.map(() => '');
    this.results = models.map(() => undefined);
    await this.deps.state.update(LAST_MODELS, models);
    const core = await this.loadCore();
    if (!core) return;
    this.endpoint.post('compare.start', { models });
    const lanes = core.engine.compare(models, { messages: [{ role: 'user', content: prompt }], signal: ctrl.signal, origin: 'compare' });
    await runComparison(
      lanes,
      {
        delta: (lane, text) => {
          this.texts[lane] += text;
          this.endpoint.post('compare.delta', { lane, text });
        },
        meta: (lane, meta) => this.endpoint.post('compare.laneMeta', { lane, ...meta }),
        done: (lane, result) => {
          this.results[lane] = result;
          this.endpoint.post('compare.laneDone', { lane, result });
        },
      },
      { redact: (s) => this.deps.redact(s) },
    );
    for (const [i, lane] of lanes.entries()) {
      const r = await lane.result;
      if (r.report) this.deps.log.request({ requested: [models[i]], report: r.report, origin: 'compare', prompt, output: r.text });
    }
    if (this.abort === ctrl) this.endpoint.post('compare.allDone', {});
  }

  // Without a core there is nothing to compare with; the view says so rather than staying blank.
  private async loadCore(): Promise<Core | undefined> {
    try {
      return await this.deps.core();
    } catch (e) {
      const reason = this.deps.redact(e instanceof Error ? e.message : String(e));
      this.deps.log.error(`compare: Switchboard failed to load: ${reason}`);
      this.endpoint.post('compare.error', { message: `Switchboard failed to load: ${reason}`.slice(0, 2000) });
      return undefined;
    }
  }

  private async useAnswer(lane: number, target: 'insert' | 'chat'): Promise<void> {
    const text = this.texts[lane];
    if (!text) return;
    if (target === 'chat') {
      const chat = await this.deps.chat();
      await chat.importExchange(this.prompt, text, this.models[lane], metaOf(this.results[lane]));
      return;
    }
    const t = this.target;
    if (!t) {
      void vscode.window.showInformationMessage('Open an editor to insert the answer into.');
      return;
    }
    if (t.document.isClosed) {
      this.target = undefined;
      void vscode.window.showInformationMessage(`${basename(t.document.uri)} was closed. Open an editor to insert the answer into.`);
      return;
    }
    // A fresh editor: the one seen earlier may have been hidden under this panel, and so disposed.
    const ed = await vscode.window.showTextDocument(t.document, { viewColumn: t.column ?? vscode.ViewColumn.One, preserveFocus: false });
    const range = t.document.validateRange(t.selection);
    const before = t.document.lineAt(range.start.line).text.slice(0, range.start.character);
    const after = t.document.lineAt(range.end.line).text.slice(range.end.character);
    if (!(await ed.edit((b) => b.replace(range, onOwnLines(text, before, after)))))
      void vscode.window.showWarningMessage('Switchboard could not insert the answer into the editor.');
  }

  private async openLink(href: string): Promise<void> {
    // The schema already refuses other schemes; the host checks again because it is what opens.
    if (!isOpenableLink(href)) return this.deps.log.warn('compare: refused to open a link with a disallowed scheme');
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
  }

  private dispose(): void {
    this.abort?.abort();
    ComparePanel.current = undefined;
    this.endpoint.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
